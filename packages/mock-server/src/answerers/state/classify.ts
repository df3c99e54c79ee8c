// How an operation behaves in stateful mode, from its path and method and the API's declaration:
// list, create, read, update, replace, delete, an API's custom handler, or static.

import type { Schema, SchemaReader } from '../../core/schema.js';
import { listKeyOf } from './collection-model.js';
import type { FilterDeclaration, ModelDeclaration } from './declarations.js';
import type {
  CollectionModel,
  OperationKind,
  OperationModel,
  Parameter,
  RawOperation,
} from './model-types.js';

const RANGE_LOOKUPS: Record<string, FilterDeclaration['op']> = {
  gte: 'since',
  gt: 'after',
  lte: 'until',
  lt: 'before',
};

export function classify(
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

  if (!isItemPath && method === 'GET')
    return classifyList(withCollection, operation, parameters, reader, behaviour, successSchema);
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
  const item = isItemPath && collection.itemParam ? itemKind(method, behaviour) : undefined;
  if (item) return { ...withCollection, ...item, itemWrapper };
  return { ...base, reason: `static: ${method} on this path has no resource meaning` };
}

/** What a method on an item path does, and why (undefined: no resource meaning). */
function itemKind(
  method: string,
  behaviour: ModelDeclaration,
): { kind: OperationKind; reason: string } | undefined {
  const kinds: Record<string, OperationKind> = {
    GET: 'read',
    PUT: behaviour.putReplaces ? 'replace' : 'update',
    PATCH: 'update',
    DELETE: 'delete',
  };
  const kind = kinds[method];
  if (!kind) return undefined;
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
  return { kind, reason };
}

/** A collection GET: a list computed from the store, with the filters its parameters name. */
function classifyList(
  withCollection: OperationModel & { collection: CollectionModel },
  operation: RawOperation,
  parameters: Parameter[],
  reader: SchemaReader,
  behaviour: ModelDeclaration,
  successSchema: Schema | undefined,
): OperationModel {
  const { operationId } = withCollection;
  const collection = withCollection.collection;
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
