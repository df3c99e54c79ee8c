// The resource model, derived from a spec rather than written per endpoint: a path and the same
// path plus `/{param}` are a collection and its items; nested collections are scoped to their
// parent's concrete path; the method says list, create, read, replace, update or delete. What a
// name match cannot infer comes from the API's declaration (apis/<api>.ts).

import { type Schema, SchemaReader } from '../../core/schema.js';
import type { OpenApiDocument } from '../../core/specs.js';
import { deriveCollection, listKeyOf } from './collection-model.js';
import type { FilterDeclaration, ModelDeclaration } from './declarations.js';
import type {
  ApiModel,
  CollectionModel,
  OperationKind,
  OperationModel,
  Parameter,
  RawOperation,
} from './model-types.js';

export type {
  ApiModel,
  CollectionModel,
  OperationKind,
  OperationModel,
  SeedItem,
} from './model-types.js';
export { concretePath, exampleParams } from './seeds.js';

const RANGE_LOOKUPS: Record<string, FilterDeclaration['op']> = {
  gte: 'since',
  gt: 'after',
  lte: 'until',
  lt: 'before',
};
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'] as const;

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
      const base = baseOperation(reader, template, method, operation, parameters);
      operations.set(
        base.operationId,
        classify(base, operation, parameters, collectionFor, reader, behaviour),
      );
    }
  }
  const collectionsBySchema = new Map<Schema, CollectionModel>();
  // Top-level collections only: an embedded object names an entity by its id, not by its parent.
  for (const collection of collections.values())
    if (collection.itemSchema && !collection.template.includes('{'))
      if (!collectionsBySchema.has(collection.itemSchema))
        collectionsBySchema.set(collection.itemSchema, collection);
  for (const operation of operations.values()) operation.parents = parentsOf(operation.template, collections);
  return { operations, collections: [...collections.values()], reader, collectionsBySchema };
}

function baseOperation(
  reader: SchemaReader,
  template: string,
  method: string,
  operation: RawOperation,
  parameters: Parameter[],
): OperationModel {
  const responses = operation.responses ?? {};
  const successStatus = Number(
    Object.keys(responses)
      .filter((code) => /^2\d\d$/.test(code))
      .sort()[0] ?? 200,
  );
  const bodySchema = requestSchema(reader, operation);
  const named = bodySchema ? Object.keys(reader.properties(bodySchema)) : [];
  return {
    operationId: operation.operationId as string,
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
        allowEmptyValue: parameter.allowEmptyValue === true || acceptsEmpty(reader, parameter.schema),
      })),
    bodySchema,
    writable: named.length > 0 ? new Set(named) : undefined,
    parents: [],
  };
}

/**
 * Each `{param}` segment before the last that is a collection's item path: the parents a path
 * names (the operation's own item, the last segment, is not its parent).
 */
function parentsOf(template: string, collections: Map<string, CollectionModel>): OperationModel['parents'] {
  const segments = template.split('/');
  const parents: OperationModel['parents'] = [];
  for (let end = 1; end < segments.length - 1; end += 1) {
    const param = /^\{([^}]+)\}$/.exec(segments[end] as string)?.[1];
    const collection = param ? collections.get(segments.slice(0, end).join('/')) : undefined;
    if (param && collection?.itemParam === param) parents.push({ collection, param });
  }
  return parents;
}

/**
 * Does a query parameter's schema accept the empty string (a string without `minLength`,
 * `pattern`, `format` or `enum` excluding it)? Then a blank value is the spec's to allow: it
 * filters nothing, as django-filter ignores blank values.
 */
function acceptsEmpty(reader: SchemaReader, node: unknown): boolean {
  const schema = reader.resolve(node);
  if (!schema) return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (!types.includes('string')) return false;
  if (Number(schema.minLength ?? 0) > 0 || schema.format !== undefined) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes('')) return false;
  return typeof schema.pattern !== 'string' || new RegExp(schema.pattern).test('');
}

/** The request body's schema: its JSON content's, else its first content type's (a form). */
function requestSchema(reader: SchemaReader, operation: RawOperation): Schema | undefined {
  const body = reader.resolve<{ content?: Record<string, { schema?: unknown }> }>(operation.requestBody);
  const content = body?.content ?? {};
  const media = content['application/json'] ?? Object.values(content)[0];
  return reader.resolve(media?.schema);
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
