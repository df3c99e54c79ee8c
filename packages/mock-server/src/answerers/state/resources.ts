// Writing and reading stored items: what create, update and list do, shared by the generic
// answerer and the APIs' custom handlers.

import { idOf, isPlainObject, readPath, type Schema, withId } from '../../core/schema.js';
import type { CollectionState, Item } from '../../store/store.js';
import type { StateContext } from './context.js';
import type { FilterDeclaration, SortDeclaration } from './declarations.js';
import { formatTimestamp, newId, parseTimestamp } from './formats.js';
import { type CollectionModel, concretePath } from './resource-model.js';

/** The stored collection an operation addresses (its parent parameters make the scope). */
export function collectionOf(context: StateContext, model: CollectionModel): CollectionState {
  return context.session.collection(
    context.api,
    concretePath(model.template, context.pathParams),
    model.idField,
  );
}

/**
 * Request fields over a base: plain objects merge (nested ones too), everything else replaces.
 * A value in the request's form of a field (an id where the resource shows an object, a list of
 * ids, a comma-separated string) is brought to the resource's form, guided by the item schema.
 */
export function mergeFields(
  context: StateContext,
  base: Item,
  fields: unknown,
  known: Set<string> | undefined,
  schema: Schema | undefined,
): Item {
  const result: Item = { ...base };
  if (!isPlainObject(fields)) return result;
  const properties = schema ? context.model.reader.properties(schema) : {};
  for (const [name, raw] of Object.entries(fields)) {
    if (known && !known.has(name)) continue;
    const fieldSchema = properties[name];
    const value = coerce(context, name, raw, fieldSchema, base[name]);
    const current = result[name];
    result[name] =
      isPlainObject(current) && isPlainObject(value)
        ? mergeFields(context, current, value, undefined, objectVariant(context, fieldSchema))
        : value;
  }
  return result;
}

/** The object schema of a field (the object variant of `oneOf: [Object, null]`), if any. */
function objectVariant(context: StateContext, node: unknown): Schema | undefined {
  const { reader } = context.model;
  const schema = reader.resolve(node);
  if (!schema) return undefined;
  if (schema.type === 'object' || schema.properties || schema.allOf) return schema;
  for (const variant of [...((schema.oneOf as unknown[]) ?? []), ...((schema.anyOf as unknown[]) ?? [])]) {
    const found = objectVariant(context, variant);
    if (found) return found;
  }
  return undefined;
}

function arrayItems(context: StateContext, node: unknown): unknown {
  const { reader } = context.model;
  const schema = reader.resolve(node);
  if (!schema) return undefined;
  if (reader.isArray(schema)) return schema.items ?? {};
  for (const variant of [...((schema.oneOf as unknown[]) ?? []), ...((schema.anyOf as unknown[]) ?? [])]) {
    const found = arrayItems(context, variant);
    if (found !== undefined) return found;
  }
  return undefined;
}

function coerce(
  context: StateContext,
  name: string,
  value: unknown,
  schemaNode: unknown,
  current: unknown,
): unknown {
  if (schemaNode === undefined || value === null) return value;
  const items = arrayItems(context, schemaNode);
  if (
    items !== undefined &&
    isPlainObject(value) &&
    (Array.isArray(value.add) || Array.isArray(value.remove))
  ) {
    // Skilljar's PATCH of id lists: `{"add": [...], "remove": [...]}` changes the stored list.
    const removed = new Set((value.remove as unknown[] | undefined)?.map(String) ?? []);
    const kept = (Array.isArray(current) ? current : []).filter((entry) => !removed.has(String(entry)));
    const added = ((value.add as unknown[] | undefined) ?? []).filter(
      (entry) => !kept.some((old) => String(old) === String(entry)),
    );
    return [...kept, ...added];
  }
  if (items !== undefined) {
    // A form field or a comma list where the resource keeps an array.
    const list = Array.isArray(value)
      ? value
      : typeof value === 'string'
        ? value.split(',').filter(Boolean)
        : [value];
    const currentList = Array.isArray(current) ? current : [];
    return list.map((entry, index) => coerce(context, name, entry, items, currentList[index]));
  }
  const object = objectVariant(context, schemaNode);
  if (!object) return value;
  const template = context.model.objectTemplates.get(object);
  if (typeof value === 'string' || typeof value === 'number') {
    // A reference by id where the resource shows the object.
    const key = context.behaviour.referenceKeys?.[name] ?? 'id';
    return { ...(isPlainObject(current) ? current : (template ?? {})), [key]: value };
  }
  if (isPlainObject(value) && !isPlainObject(current) && template) return { ...template, ...value };
  return value;
}

/** A new item: the template, the request's fields, then every server-owned field made fresh. */
export function createItem(context: StateContext, model: CollectionModel, fields: unknown): Item {
  const collection = collectionOf(context, model);
  const sent = aliased(context, model, fields);
  let item = mergeFields(
    context,
    structuredClone(model.template0),
    sent,
    model.knownFields,
    model.itemSchema,
  );
  // A create that names the item's own id adds an existing thing (an offer to a pool): keep it.
  const named = isPlainObject(sent) && !model.idField.includes('.') ? idOf(sent, model.idField) : undefined;
  for (const { field, shape } of model.serverIds) {
    if (field === model.idField && named !== undefined) continue;
    const after = field === model.idField ? collection.maxNumericId : collection.maxNumeric(field);
    let id = newId(shape, context.random, after);
    // A random id colliding with a stored one is unlikely; draw again rather than overwrite.
    while (field === model.idField && collection.items.has(id)) id = newId(shape, context.random, after);
    item[field] = id;
    if (field !== model.idField) collection.noteNumeric(field, id);
  }
  if (model.idField.includes('.')) {
    // A nested key (`user.id` of a domain user) is the client's to send; the template's is not.
    const sent = isPlainObject(fields) ? idOf(fields, model.idField) : undefined;
    const id =
      sent ?? (model.idShape ? newId(model.idShape, context.random, collection.maxNumericId) : undefined);
    item = withId(item, model.idField, id ?? String(collection.maxNumericId + 1));
  } else if (model.idField !== '' && item[model.idField] === undefined)
    item[model.idField] = String(collection.maxNumericId + 1);
  stamp(item, model.createdTimestamps, context.now);
  stamp(item, model.updatedTimestamps, context.now);
  for (const [field, derive] of Object.entries(context.behaviour.derivedFields ?? {}))
    if (field in item || model.knownFields?.has(field)) item[field] = derive(item);
  context.session.put(collection, idOf(item, model.idField) ?? `#${collection.nextPosition()}`, item);
  return item;
}

/** An update: request fields merged in; ids and creation times stay the server's. */
export function updateItem(
  context: StateContext,
  model: CollectionModel,
  current: Item,
  fields: unknown,
  replace: boolean,
): Item {
  const base = replace ? serverOwned(model, current) : current;
  const item = mergeFields(
    context,
    base,
    withoutServerOwned(model, aliased(context, model, fields)),
    model.knownFields,
    model.itemSchema,
  );
  stamp(item, model.updatedTimestamps, context.now);
  context.session.put(collectionOf(context, model), idOf(current, model.idField) as string, item);
  return item;
}

/** The request's fields under the resource's names. */
function aliased(context: StateContext, model: CollectionModel, fields: unknown): unknown {
  const aliases = context.behaviour.fieldAliases?.[model.template];
  if (!aliases || !isPlainObject(fields)) return fields;
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [aliases[name] ?? name, value]));
}

function serverOwned(model: CollectionModel, item: Item): Item {
  const kept: Item = {};
  for (const field of ownedFields(model)) if (field in item) kept[field] = item[field];
  return kept;
}

function withoutServerOwned(model: CollectionModel, fields: unknown): unknown {
  if (!isPlainObject(fields)) return fields;
  const owned = ownedFields(model);
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !owned.has(name)));
}

function ownedFields(model: CollectionModel): Set<string> {
  return new Set([
    model.idField,
    ...model.serverIds.map(({ field }) => field),
    ...model.createdTimestamps.map(({ field }) => field),
  ]);
}

function stamp(item: Item, fields: CollectionModel['createdTimestamps'], now: number): void {
  for (const { field, shape } of fields) item[field] = formatTimestamp(now, shape);
}

/** Does an item pass one list filter? Query values compare as the API's strings do. */
export function matchesFilter(item: Item, filter: FilterDeclaration, raw: string): boolean {
  if (filter.op === 'search') return containsText(item, raw.toLowerCase());
  const value = readPath(item, filter.field.split('.'));
  switch (filter.op) {
    case 'eq':
      return sameValue(value, raw);
    case 'in': {
      const wanted = raw.split(',').filter((part) => part !== '');
      return wanted.some((candidate) => sameValue(value, candidate));
    }
    default: {
      const time = parseTimestamp(value);
      const bound = parseTimestamp(raw);
      if (time === undefined || bound === undefined) return false;
      if (filter.op === 'since') return time >= bound;
      if (filter.op === 'after') return time > bound;
      if (filter.op === 'until') return time <= bound;
      return time < bound;
    }
  }
}

/** DRF's SearchFilter, approximately: the term appears in one of the item's text fields. */
function containsText(value: unknown, term: string): boolean {
  if (typeof value === 'string') return value.toLowerCase().includes(term);
  if (Array.isArray(value)) return value.some((entry) => containsText(entry, term));
  if (isPlainObject(value)) return Object.values(value).some((entry) => containsText(entry, term));
  return false;
}

function sameValue(value: unknown, raw: string): boolean {
  if (typeof value === 'boolean') return String(value) === raw.toLowerCase();
  if (Array.isArray(value)) return value.some((entry) => sameValue(entry, raw));
  if (isPlainObject(value)) return String(value.id ?? '') === raw;
  return value !== undefined && value !== null && String(value) === raw;
}

/** Filters a list by the request's query, then sorts it as the API declares. */
export function selectItems(context: StateContext, items: Iterable<Item>): Item[] {
  const { operation, query } = context;
  let selected = [...items];
  for (const filter of operation.filters) {
    const raw = query.getAll(filter.param).join(',');
    if (raw === '') continue;
    selected = selected.filter((item) => matchesFilter(item, filter, raw));
  }
  if (operation.sort) selected = sortItems(selected, operation.sort, query);
  return selected;
}

function sortItems(items: Item[], sort: SortDeclaration, query: URLSearchParams): Item[] {
  const field = (sort.fieldParam && query.get(sort.fieldParam)) || sort.defaultField;
  const direction = (sort.directionParam && query.get(sort.directionParam)) || sort.defaultDirection;
  const sign = direction === 'desc' ? -1 : 1;
  return items.sort((a, b) => {
    const left = a[field];
    const right = b[field];
    if (left === right) return 0;
    if (left === undefined || left === null) return 1;
    if (right === undefined || right === null) return -1;
    const numeric = typeof left === 'number' && typeof right === 'number';
    return sign * (numeric ? (left as number) - (right as number) : String(left) < String(right) ? -1 : 1);
  });
}

/** The collection model at a template, for handlers that address one by name. */
export function collectionModel(context: StateContext, template: string): CollectionModel {
  const model = context.model.collections.find((candidate) => candidate.template === template);
  if (!model) throw new Error(`The spec has no collection at ${template}.`);
  return model;
}
