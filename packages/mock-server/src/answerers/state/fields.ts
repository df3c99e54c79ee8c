// A request's fields brought to the stored resource's form, guided by its schema: form values
// become the numbers, booleans and lists the schema says; an id where the resource shows an
// object becomes the stored object it names; what cannot be stored is refused, never stored
// as something the API's own schema would reject.

import { isPlainObject, type Schema } from '../../core/schema.js';
import type { Item } from '../../store/store.js';
import { nullable } from './collection-model.js';
import type { StateContext } from './context.js';
import { concretePath } from './seeds.js';

/** A request field the resource cannot store: the API's 4xx, naming the field. */
export class FieldRefusal extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * Request fields over a base: plain objects merge (nested ones too), everything else replaces.
 * Fields the resource does not have (`known`) are left out, as the real APIs do not echo them.
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
      isPlainObject(current) && isPlainObject(value) && !isReference(context, fieldSchema)
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
  for (const variant of variantsOf(schema)) {
    const found = objectVariant(context, variant);
    if (found) return found;
  }
  return undefined;
}

function variantsOf(schema: Schema): unknown[] {
  return [...((schema.oneOf as unknown[]) ?? []), ...((schema.anyOf as unknown[]) ?? [])];
}

function arrayItems(context: StateContext, node: unknown): unknown {
  const { reader } = context.model;
  const schema = reader.resolve(node);
  if (!schema) return undefined;
  if (reader.isArray(schema)) return schema.items ?? {};
  for (const variant of variantsOf(schema)) {
    const found = arrayItems(context, variant);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The JSON types a schema allows (`integer` counted apart from `number`); empty: any. */
function typesOf(context: StateContext, node: unknown): Set<string> {
  const schema = context.model.reader.resolve(node);
  const types = new Set<string>();
  if (!schema) return types;
  if (typeof schema.type === 'string') types.add(schema.type);
  if (Array.isArray(schema.type)) for (const type of schema.type) types.add(String(type));
  for (const variant of variantsOf(schema)) {
    const inner = typesOf(context, variant);
    if (inner.size === 0) return new Set();
    for (const type of inner) types.add(type);
  }
  return types;
}

function coerce(
  context: StateContext,
  name: string,
  value: unknown,
  node: unknown,
  current: unknown,
): unknown {
  if (node === undefined) return value;
  if (value === null) {
    if (nullable(context.model.reader, node) || typesOf(context, node).size === 0) return null;
    throw new FieldRefusal(name, 'This field may not be null.');
  }
  const items = arrayItems(context, node);
  if (items !== undefined && !typesOf(context, node).has('object'))
    return coerceList(context, name, value, items, current);
  const object = objectVariant(context, node);
  if (object) {
    if (typeof value === 'string' || typeof value === 'number')
      return reference(context, name, value, object, current);
    if (isPlainObject(value)) return mergeFields(context, {}, value, undefined, object);
  }
  return coerceScalar(context, name, value, node);
}

/** A list field: a JSON list, a form's repeated or comma-separated values, or `{add, remove}`. */
function coerceList(
  context: StateContext,
  name: string,
  value: unknown,
  items: unknown,
  current: unknown,
): unknown[] {
  const currentList = Array.isArray(current) ? current : [];
  if (isPlainObject(value) && (Array.isArray(value.add) || Array.isArray(value.remove))) {
    // Skilljar's PATCH of id lists: `{"add": [...], "remove": [...]}` changes the stored list.
    const removed = new Set((value.remove as unknown[] | undefined)?.map(String) ?? []);
    const kept = currentList.filter((entry) => !removed.has(String(entry)));
    const added = ((value.add as unknown[] | undefined) ?? []).filter(
      (entry) => !kept.some((old) => String(old) === String(entry)),
    );
    return [...kept, ...added].map((entry) => coerce(context, name, entry, items, undefined));
  }
  if (isPlainObject(value)) throw new FieldRefusal(name, 'Expected a list of items but got type "dict".');
  const list = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(',').filter(Boolean)
      : [value];
  return list.map((entry, index) => coerce(context, name, entry, items, currentList[index]));
}

/** A scalar in the schema's type: form strings to numbers and booleans; a mismatch is refused. */
function coerceScalar(context: StateContext, name: string, value: unknown, node: unknown): unknown {
  const types = typesOf(context, node);
  if (types.size === 0) return value;
  if (typeof value === 'string') {
    if (types.has('string')) return value;
    if (types.has('integer') && /^-?\d+$/.test(value)) return Number(value);
    if (types.has('number') && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    if (types.has('boolean') && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  }
  if (typeof value === 'number' && (types.has('number') || (types.has('integer') && Number.isInteger(value))))
    return value;
  if (typeof value === 'number' && types.has('string')) return String(value);
  if (typeof value === 'boolean' && types.has('boolean')) return value;
  if (isPlainObject(value) && types.has('object')) return value;
  if (Array.isArray(value) && types.has('array')) return value;
  const wanted = [...types].filter((type) => type !== 'null').join(' or ');
  throw new FieldRefusal(name, `Not a valid ${wanted}.`);
}

/** Is the field an object the API keeps as a stored entity of another collection? */
function isReference(context: StateContext, node: unknown): boolean {
  const object = objectVariant(context, node);
  return object !== undefined && context.model.collectionsBySchema.has(object);
}

/**
 * An id where the resource shows an object: the stored entity it names (from its collection,
 * when the object is a top-level collection's item), else an object of just that key. An id
 * naming nothing stored is refused (as DRF's related fields do).
 */
function reference(
  context: StateContext,
  name: string,
  id: string | number,
  object: Schema,
  current: unknown,
): unknown {
  const target = context.model.collectionsBySchema.get(object);
  const key = context.behaviour.referenceKeys?.[name] ?? target?.idField ?? 'id';
  if (isPlainObject(current) && String(current[key]) === String(id)) return current;
  if (!target) return { [key]: id };
  const path = concretePath(target.template, context.pathParams);
  const stored = context.session.collection(context.api, path, target.idField).items.get(String(id));
  if (!stored) throw new FieldRefusal(name, `Invalid pk "${id}" - object does not exist.`);
  return structuredClone(stored);
}
