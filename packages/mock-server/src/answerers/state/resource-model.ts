// The resource model, derived from a spec rather than written per endpoint: a path and the same
// path plus `/{param}` are a collection and its items; nested collections are scoped to their
// parent's concrete path; the method says list, create, read, replace, update or delete. What a
// name match cannot infer comes from the API's behaviour declaration (behaviours/<api>.ts).

import { idOf, isPlainObject, type Schema, SchemaReader, withId } from '../../core/schema.js';
import type { OpenApiDocument } from '../../core/specs.js';
import type {
  FilterDeclaration,
  ModelDeclaration,
  PagingDeclaration,
  SortDeclaration,
} from './declarations.js';
import { type IdShape, idShapeOf, type TimestampShape, timestampShapeOf } from './formats.js';

export type OperationKind =
  | 'list'
  | 'create'
  | 'read'
  | 'replace'
  | 'update'
  | 'delete'
  | 'custom'
  | 'static';

export interface CollectionModel {
  /** The collection's path template inside the API (`/v1/domains/{domain_name}/published-courses`). */
  template: string;
  /** The item path's last parameter (`published_course_id`), when the spec has an item path. */
  itemParam: string | undefined;
  /** The item field the item parameter addresses (`id`, SNworks `uuid`, a domain's `name`). */
  idField: string;
  idShape: IdShape | undefined;
  /** Fields the server fills on create: ids in their example's shape, timestamps, derived values. */
  serverIds: Array<{ field: string; shape: IdShape }>;
  createdTimestamps: Array<{ field: string; shape: TimestampShape }>;
  updatedTimestamps: Array<{ field: string; shape: TimestampShape }>;
  itemSchema: Schema | undefined;
  /** The item every created resource starts from (the item example), before request fields. */
  template0: Record<string, unknown>;
  /** Top-level properties a stored item may carry (undefined: any). */
  knownFields: Set<string> | undefined;
  /** Items from the spec's examples, per concrete collection path, with the id each answers to. */
  seeds: Map<string, SeedItem[]>;
}

/** A seeded item and its key (the example id of an item read, where the item itself has none). */
export type SeedItem = [id: string | undefined, item: Record<string, unknown>];

export interface OperationModel {
  operationId: string;
  method: string;
  /** Path template inside the API (`/v1/courses/{course_id}`). */
  template: string;
  kind: OperationKind;
  /** Why this operation behaves as it does, for the README table. */
  reason: string;
  collection: CollectionModel | undefined;
  successStatus: number;
  /** How a list answer wraps its items: `null` for a bare array, else the items property. */
  listKey: string | null | undefined;
  /** How a single-resource answer wraps it (`data`), when it does. */
  itemWrapper: string | undefined;
  paging: PagingDeclaration | undefined;
  /** The spec's page size for this list (`x-page-size`), else the API's default. */
  pageSize: number | undefined;
  filters: FilterDeclaration[];
  sort: SortDeclaration | undefined;
  /** Documented query parameters that the state engine does not apply, for the README. */
  unappliedParams: string[];
  /** Documented error statuses (a 404 answer uses the spec's own 404). */
  documentedStatuses: Set<string>;
  /** The operation's query parameters (empty values are refused unless `allowEmptyValue`). */
  queryParams: Array<{ name: string; allowEmptyValue: boolean }>;
}

export interface ApiModel {
  operations: Map<string, OperationModel>;
  collections: CollectionModel[];
  reader: SchemaReader;
  /** Each stored resource's item template by its (resolved) schema, to expand `{id}` references. */
  objectTemplates: Map<Schema, Record<string, unknown>>;
}

const RANGE_LOOKUPS: Record<string, FilterDeclaration['op']> = {
  gte: 'since',
  gt: 'after',
  lte: 'until',
  lt: 'before',
};
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'] as const;
const CREATED = /^(created|inserted)(_at|At|AtTime|_date|Date|_on)?$/;
const UPDATED = /^(updated|modified|last_modified|lastModified)(_at|At|AtTime|_date|Date|_on)?$/;

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  allowEmptyValue?: boolean;
  example?: unknown;
  schema?: Schema;
  examples?: Record<string, { value?: unknown }>;
}

interface RawOperation {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  'x-page-size'?: number;
}

export function buildApiModel(document: OpenApiDocument, behaviour: ModelDeclaration): ApiModel {
  const reader = new SchemaReader(document);
  const paths = document.paths as Record<string, Record<string, unknown>>;
  const templates = Object.keys(paths);
  const collections = new Map<string, CollectionModel>();
  const operations = new Map<string, OperationModel>();

  const collectionFor = (template: string): CollectionModel | undefined => {
    const existing = collections.get(template);
    if (existing) return existing;
    const created = deriveCollection(reader, paths, templates, template, behaviour);
    if (created) collections.set(template, created);
    return created;
  };

  // Every collection the paths describe exists, even where only custom handlers use it.
  for (const template of templates) if (!/\}$/.test(template)) collectionFor(template);
  for (const template of templates) {
    const item = paths[template] as Record<string, unknown>;
    for (const method of METHODS) {
      const operation = item[method] as RawOperation | undefined;
      if (!operation?.operationId) continue;
      const parameters = [...((item.parameters as unknown[]) ?? []), ...(operation.parameters ?? [])]
        .map((node) => reader.resolve<Parameter>(node))
        .filter((parameter): parameter is Parameter => parameter !== undefined);
      const responses = operation.responses ?? {};
      const successStatus = Number(
        Object.keys(responses)
          .filter((code) => /^2\d\d$/.test(code))
          .sort()[0] ?? 200,
      );
      const base: OperationModel = {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        template,
        kind: 'static',
        reason: '',
        collection: undefined,
        successStatus,
        listKey: undefined,
        itemWrapper: undefined,
        paging: undefined,
        pageSize: undefined,
        filters: [],
        sort: undefined,
        unappliedParams: [],
        documentedStatuses: new Set(Object.keys(responses)),
        queryParams: parameters
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => ({
            name: parameter.name,
            allowEmptyValue: parameter.allowEmptyValue === true,
          })),
      };
      operations.set(
        base.operationId,
        classify(base, operation, parameters, collectionFor, reader, behaviour),
      );
    }
  }
  const objectTemplates = new Map<Schema, Record<string, unknown>>();
  for (const collection of collections.values())
    if (collection.itemSchema && Object.keys(collection.template0).length > 0)
      objectTemplates.set(collection.itemSchema, collection.template0);
  return { operations, collections: [...collections.values()], reader, objectTemplates };
}

function classify(
  base: OperationModel,
  operation: RawOperation,
  parameters: Parameter[],
  collectionFor: (template: string) => CollectionModel | undefined,
  reader: SchemaReader,
  behaviour: ModelDeclaration,
): OperationModel {
  const { operationId, method, template } = base;
  const custom = behaviour.custom?.[operationId];
  if (custom) return { ...base, kind: 'custom', reason: custom.reason };
  const declaredStatic = behaviour.static?.[operationId];
  if (declaredStatic) return { ...base, kind: 'static', reason: declaredStatic };

  const segments = template.split('/');
  const last = segments[segments.length - 1] ?? '';
  const isItemPath = /^\{[^}]+\}$/.test(last);
  const collectionTemplate = isItemPath ? segments.slice(0, -1).join('/') : template;
  const collection = collectionFor(collectionTemplate);
  if (!collection) {
    return {
      ...base,
      reason: isItemPath
        ? 'static: the API has no read or list for this resource, so nothing written could be read back'
        : 'static: not a collection (an action, a singleton, or items the spec names no property of)',
    };
  }
  const success = operation.responses?.[String(base.successStatus)];
  const { schema: successSchema } = reader.jsonContent(success);
  const withCollection = { ...base, collection };

  if (!isItemPath && method === 'GET') {
    const listKey = listKeyOf(reader, successSchema);
    if (listKey === undefined)
      return {
        ...withCollection,
        collection: undefined,
        reason: 'static: the answer is not a list of items',
      };
    const queryParams = parameters.filter((parameter) => parameter.in === 'query').map((p) => p.name);
    const paging = behaviour.paging;
    const declared = behaviour.filters?.[operationId] ?? [];
    const shaping = new Set([
      paging.pageParam,
      paging.sizeParam,
      ...(behaviour.nonFilters?.['*'] ?? []),
      ...(behaviour.nonFilters?.[operationId] ?? []),
    ]);
    const sort = behaviour.sort?.[operationId];
    if (sort?.fieldParam) shaping.add(sort.fieldParam);
    if (sort?.directionParam) shaping.add(sort.directionParam);
    const filters: FilterDeclaration[] = [...declared];
    const unapplied: string[] = [];
    for (const name of queryParams) {
      if (shaping.has(name) || declared.some((filter) => filter.param === name)) continue;
      // DRF spells nested lookups with `__` (`user__email`) and ranges with a suffix
      // (`starts_at__gte`); a field of that name filters by equality or by the range.
      const parts = name.split('__');
      const range = RANGE_LOOKUPS[parts[parts.length - 1] as string];
      const field = range ? parts.slice(0, -1) : parts;
      if (field.length > 0 && hasField(reader, collection.itemSchema, field))
        filters.push({ param: name, field: field.join('.'), op: range ?? 'eq' });
      else unapplied.push(name);
    }
    return {
      ...withCollection,
      kind: 'list',
      reason: 'list: computed from the store',
      listKey,
      paging,
      pageSize: operation['x-page-size'] ?? paging.defaultPageSize,
      filters,
      sort,
      unappliedParams: unapplied,
    };
  }
  const itemWrapper = wrapperOf(reader, successSchema, collection);
  if (!isItemPath && method === 'POST') {
    const answersOneItem =
      successSchema !== undefined &&
      !reader.isArray(successSchema) &&
      ((collection.idField.split('.')[0] as string) in reader.properties(successSchema) ||
        itemWrapper !== undefined);
    if (!answersOneItem)
      return {
        ...withCollection,
        collection: undefined,
        reason: 'static: a bulk answer, not one created item',
      };
    return {
      ...withCollection,
      kind: 'create',
      reason: 'create: stored, answered with the stored item',
      itemWrapper,
    };
  }
  if (isItemPath && collection.itemParam) {
    const kinds: Record<string, OperationKind> = {
      GET: 'read',
      PUT: behaviour.putReplaces ? 'replace' : 'update',
      PATCH: 'update',
      DELETE: 'delete',
    };
    const kind = kinds[method];
    if (kind) {
      const reason =
        kind === 'read'
          ? 'read: from the store; 404 once deleted'
          : kind === 'delete'
            ? 'delete: removed; later reads answer 404'
            : method === 'PUT' && kind === 'update'
              ? `update: PUT merges like PATCH (${behaviour.putSource})`
              : kind === 'replace'
                ? `replace: PUT replaces the stored fields (${behaviour.putSource})`
                : 'update: merges the request fields into the stored item';
      return { ...withCollection, kind, reason, itemWrapper };
    }
  }
  return { ...base, reason: `static: ${method} on this path has no resource meaning` };
}

/** The items property of a list answer: `null` for a bare array, `undefined` when not a list. */
function listKeyOf(reader: SchemaReader, schema: Schema | undefined): string | null | undefined {
  if (!schema) return undefined;
  if (reader.isArray(schema)) return null;
  for (const [name, property] of Object.entries(reader.properties(schema))) {
    if (reader.isArray(property)) {
      const items = reader.resolve((reader.resolve(property) as Schema).items);
      if (items && (items.type === 'object' || items.properties || items.allOf)) return name;
    }
  }
  return undefined;
}

/** `data` when a single-resource answer is `{ data: <item> }`. */
function wrapperOf(
  reader: SchemaReader,
  schema: Schema | undefined,
  collection: CollectionModel,
): string | undefined {
  if (!schema || !collection.itemSchema) return undefined;
  const properties = reader.properties(schema);
  const names = Object.keys(properties);
  if (names.length === 1 && !((collection.idField.split('.')[0] as string) in properties)) {
    const inner = properties[names[0] as string];
    if (inner && !reader.isArray(inner) && Object.keys(reader.properties(inner)).length > 0) return names[0];
  }
  return undefined;
}

function hasField(reader: SchemaReader, schema: Schema | undefined, path: string[]): boolean {
  let current: unknown = schema;
  for (const key of path) {
    const properties = reader.properties(current);
    if (!(key in properties)) return false;
    current = properties[key];
  }
  return true;
}

function deriveCollection(
  reader: SchemaReader,
  paths: Record<string, Record<string, unknown>>,
  templates: string[],
  template: string,
  behaviour: ModelDeclaration,
): CollectionModel | undefined {
  const itemTemplate = templates.find(
    (candidate) =>
      candidate.startsWith(`${template}/{`) && /^\{[^}/]+\}$/.test(candidate.slice(template.length + 1)),
  );
  const listOperation = paths[template]?.get as RawOperation | undefined;
  const itemOperation = itemTemplate ? (paths[itemTemplate]?.get as RawOperation | undefined) : undefined;
  const createOperation = paths[template]?.post as RawOperation | undefined;

  const listContent = listOperation ? reader.jsonContent(listOperation.responses?.['200']) : undefined;
  const listKey = listContent ? listKeyOf(reader, listContent.schema) : undefined;
  const listItemSchema =
    listContent?.schema && listKey !== undefined
      ? reader.resolve(
          (
            reader.resolve(
              listKey === null ? listContent.schema : reader.properties(listContent.schema)[listKey],
            ) as Schema
          )?.items,
        )
      : undefined;
  const itemContent = itemOperation ? reader.jsonContent(itemOperation.responses?.['200']) : undefined;
  const createContent = createOperation
    ? reader.jsonContent(
        Object.entries(createOperation.responses ?? {}).find(([code]) => /^2\d\d$/.test(code))?.[1],
      )
    : undefined;
  // A collection needs items to store: a list of objects, or an item path that reads one.
  const itemSchema = listItemSchema ?? (itemTemplate ? itemContent?.schema : undefined);
  if (!itemSchema || reader.isArray(itemSchema)) return undefined;
  const properties = reader.properties(itemSchema);
  // Items the spec names no property of (nothing to key or merge): left to the examples.
  if (Object.keys(properties).length === 0) return undefined;

  const itemParam = itemTemplate ? itemTemplate.slice(template.length + 2, -1) : undefined;
  const idField = behaviour.idFields?.[template] ?? idFieldFor(reader, itemParam, properties);

  const listExample = listContent?.example;
  const listItems = (
    listKey === null ? listExample : isPlainObject(listExample) && listKey ? listExample[listKey] : undefined
  ) as unknown[] | undefined;
  const itemExample = itemContent?.example;
  const createExample = createContent?.example;
  const template0 = [itemExample, listItems?.[0], createExample].find(isPlainObject) ?? {};

  const seeds = new Map<string, SeedItem[]>();
  const addSeed = (scope: string, value: unknown, key?: string) => {
    if (!isPlainObject(value)) return;
    const items = seeds.get(scope) ?? [];
    const id = key ?? idOf(value, idField);
    if (id !== undefined && items.some(([existing, item]) => (existing ?? idOf(item, idField)) === id))
      return;
    items.push([id, value]);
    seeds.set(scope, items);
  };
  if (listOperation) {
    const scope = concretePath(template, exampleParams(reader, paths[template], listOperation));
    // Every example page's items (Samsara shows a final and a mid-stream page).
    for (const example of allExamples(reader, listOperation.responses?.['200'])) {
      const items =
        listKey === null ? example : isPlainObject(example) && listKey ? example[listKey] : undefined;
      for (const value of Array.isArray(items) ? items : []) addSeed(scope, value);
    }
  }
  if (itemOperation && itemTemplate && isPlainObject(itemExample)) {
    const params = exampleParams(reader, paths[itemTemplate], itemOperation);
    const scope = concretePath(template, params);
    // The example read must answer for the example id: store the example under that id too.
    const id = itemParam ? params[itemParam] : undefined;
    const own = idOf(itemExample, idField);
    if (id === undefined || own === undefined) addSeed(scope, itemExample, id);
    else {
      addSeed(scope, itemExample);
      if (own !== id) addSeed(scope, withId(itemExample, idField, id));
    }
  }
  // The spec's example update and delete calls address an item too: it exists in the seed, so
  // each documented example works as written (the update's own answer, else the item template).
  for (const method of ['put', 'patch', 'delete'] as const) {
    const operation = itemTemplate ? (paths[itemTemplate]?.[method] as RawOperation | undefined) : undefined;
    if (!operation || !itemTemplate || !itemParam) continue;
    const params = exampleParams(reader, paths[itemTemplate], operation);
    const id = params[itemParam];
    if (id === undefined) continue;
    const answer = reader.jsonContent(
      Object.entries(operation.responses ?? {}).find(([code]) => /^2\d\d$/.test(code))?.[1],
    ).example;
    const base = isPlainObject(answer) && idOf(answer, idField) !== undefined ? answer : template0;
    if (Object.keys(base).length > 0)
      addSeed(
        concretePath(template, params),
        idOf(base, idField) === undefined ? base : withId(base, idField, id),
        id,
      );
  }

  const firstListed = listItems?.find(isPlainObject);
  const shapeOf = (field: string) =>
    idShapeOf(idOf(template0, field)) ??
    idShapeOf(firstListed ? idOf(firstListed, field) : undefined) ??
    idShapeOf((properties[field] as Schema | undefined)?.example);
  const serverIdFields = new Set([idField, ...(behaviour.serverIds ?? [])]);
  for (const [name, property] of Object.entries(properties))
    if (property.readOnly === true) serverIdFields.add(name);
  const serverIds: CollectionModel['serverIds'] = [];
  const createdTimestamps: CollectionModel['createdTimestamps'] = [];
  const updatedTimestamps: CollectionModel['updatedTimestamps'] = [];
  for (const name of Object.keys(properties)) {
    const stamp = timestampShapeOf(template0[name]) ?? timestampShapeOf((properties[name] as Schema).example);
    const isDateTime = (properties[name] as Schema).format === 'date-time';
    const shape = stamp ?? (isDateTime ? 'iso' : undefined);
    if (shape && CREATED.test(name)) createdTimestamps.push({ field: name, shape });
    else if (shape && UPDATED.test(name)) updatedTimestamps.push({ field: name, shape });
    else if (serverIdFields.has(name)) {
      const idShape = shapeOf(name);
      if (idShape) serverIds.push({ field: name, shape: idShape });
    }
  }
  return {
    template,
    itemParam,
    idField,
    idShape: shapeOf(idField),
    serverIds,
    createdTimestamps,
    updatedTimestamps,
    itemSchema,
    template0,
    knownFields: knownFieldsOf(itemSchema, properties),
    seeds,
  };
}

/**
 * A stored item keeps the fields its schema names: a request field the resource does not have
 * is not echoed back (the real APIs do not), but it stays in the request journal.
 */
function knownFieldsOf(schema: Schema, properties: Record<string, Schema>): Set<string> | undefined {
  const open = schema.additionalProperties !== undefined && schema.additionalProperties !== false;
  return open ? undefined : new Set(Object.keys(properties));
}

/**
 * `{course_id}` addresses `id`; `{uuid}` addresses `uuid`; `{domain_name}` a domain's `name`;
 * `{user_id}` on a resource without an id of its own but with a `user` object, `user.id`. An
 * empty string means the items have no id (they are kept in order, under their position).
 */
function idFieldFor(
  reader: SchemaReader,
  itemParam: string | undefined,
  properties: Record<string, Schema>,
): string {
  if (itemParam && itemParam in properties) return itemParam;
  const suffix = itemParam?.replace(/^[a-z]+_/, '');
  if (suffix && suffix !== itemParam && suffix in properties && suffix !== 'id') return suffix;
  if ('id' in properties) return 'id';
  const owner = itemParam ? /^([a-z]+)_id$/.exec(itemParam)?.[1] : undefined;
  if (owner && 'id' in reader.properties(properties[owner])) return `${owner}.id`;
  if (itemParam) return 'id';
  const nested = Object.keys(properties).find((name) => 'id' in reader.properties(properties[name]));
  return nested ? `${nested}.id` : '';
}

/** Every named example value of a response's JSON content. */
function allExamples(reader: SchemaReader, responseNode: unknown): unknown[] {
  const response = reader.resolve<{
    content?: Record<string, { example?: unknown; examples?: Record<string, unknown> }>;
  }>(responseNode);
  const media = response?.content?.['application/json'];
  if (!media) return [];
  if (media.example !== undefined) return [media.example];
  return Object.values(media.examples ?? {}).map((node) => reader.resolve<{ value?: unknown }>(node)?.value);
}

/** Example values of an operation's path parameters (parameter `example`, else its first `examples`). */
export function exampleParams(
  reader: SchemaReader,
  pathItem: Record<string, unknown> | undefined,
  operation: RawOperation,
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const node of [...((pathItem?.parameters as unknown[]) ?? []), ...(operation.parameters ?? [])]) {
    const parameter = reader.resolve<Parameter>(node);
    if (parameter?.in !== 'path') continue;
    const value =
      parameter.example ??
      Object.values(parameter.examples ?? {})[0]?.value ??
      reader.resolve(parameter.schema)?.example ??
      (reader.resolve(parameter.schema)?.examples as unknown[] | undefined)?.[0];
    if (value !== undefined) params[parameter.name] = String(value);
  }
  return params;
}

/** `/v1/domains/{domain_name}/users` with `{domain_name: 'a.com'}` → `/v1/domains/a.com/users`. */
export function concretePath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (whole, name: string) => params[name] ?? whole);
}
