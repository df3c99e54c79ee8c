// Writing stored items: what create and update store, shared by the generic answerer and the
// APIs' custom handlers. A create stores what the client sent, the API's stated defaults and
// the server's own fields (ids, timestamps, derived values); an example is never a template.

import { idOf, isPlainObject, readPath, withId } from '../../core/schema.js';
import type { CollectionState, Item } from '../../store/store.js';
import type { StateContext } from './context.js';
import { mergeFields } from './fields.js';
import { formatTimestamp, newId } from './formats.js';
import type { CollectionModel } from './model-types.js';
import { checkUnique } from './relations.js';
import { concretePath } from './seeds.js';

export { FieldRefusal } from './fields.js';
export { matchesFilter, selectItems } from './select.js';

/** The stored collection an operation addresses (its parent parameters make the scope). */
export function collectionOf(context: StateContext, model: CollectionModel): CollectionState {
  return context.session.collection(
    context.api,
    concretePath(model.template, context.pathParams),
    model.idField,
  );
}

/** A new item: the stated defaults, the request's fields, then every server-owned field made fresh. */
export function createItem(context: StateContext, model: CollectionModel, fields: unknown): Item {
  const collection = collectionOf(context, model);
  const sent = aliased(context, model, fields);
  const item = mergeFields(
    context,
    structuredClone(model.defaults),
    sent,
    model.knownFields,
    model.itemSchema,
  );
  // Required and nullable, neither sent nor defaulted: the API shows it as null.
  for (const field of model.nullableRequired) if (!(field in item)) item[field] = null;
  const keyed = withServerIds(context, model, collection, sent, item);
  stamp(keyed, model.createdTimestamps, context.now);
  stamp(keyed, model.updatedTimestamps, context.now);
  for (const [field, derive] of Object.entries(context.behaviour.derivedFields ?? {}))
    if (field in keyed || model.knownFields?.has(field)) keyed[field] = derive(keyed);
  checkUnique(context, model, keyed);
  context.session.put(collection, idOf(keyed, model.idField) ?? `#${collection.nextPosition()}`, keyed);
  return keyed;
}

function withServerIds(
  context: StateContext,
  model: CollectionModel,
  collection: CollectionState,
  sent: unknown,
  item: Item,
): Item {
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
    // A nested key (`user.id` of a domain user) is the client's to send.
    const own = isPlainObject(sent) ? idOf(sent, model.idField) : undefined;
    const id =
      own ?? (model.idShape ? newId(model.idShape, context.random, collection.maxNumericId) : undefined);
    return withId(item, model.idField, id ?? String(collection.maxNumericId + 1));
  }
  if (model.idField !== '' && item[model.idField] === undefined)
    item[model.idField] = String(collection.maxNumericId + 1);
  return item;
}

/**
 * An update writes only the fields its operation's request schema lists (others are ignored,
 * as DRF serializers do), never the ids or creation times.
 */
export function updateItem(
  context: StateContext,
  model: CollectionModel,
  current: Item,
  fields: unknown,
  replace: boolean,
): Item {
  const base = replace ? { ...structuredClone(model.defaults), ...serverOwned(model, current) } : current;
  const sent = withoutServerOwned(model, aliased(context, model, writableOf(context, fields)));
  let item = mergeFields(context, base, sent, model.knownFields, model.itemSchema);
  if (replace) for (const field of model.nullableRequired) if (!(field in item)) item[field] = null;
  // The key stays the stored one, nested (`user.id`) or not, whatever the body said.
  const storedId = model.idField === '' ? undefined : readPath(current, model.idField.split('.'));
  if (storedId !== undefined) item = withId(item, model.idField, storedId);
  stamp(item, model.updatedTimestamps, context.now);
  // Stored under the key it was found by (a seed item may be keyed by its read's path id).
  const key = idOf(current, model.idField) ?? context.pathParams[model.itemParam ?? ''];
  if (key === undefined) throw new Error(`An item of ${model.template} without a key cannot be updated.`);
  checkUnique(context, model, item, key);
  context.session.put(collectionOf(context, model), key, item);
  return item;
}

/** The request fields the operation's request schema lists; all of them when it lists none. */
function writableOf(context: StateContext, fields: unknown): unknown {
  const writable = context.operation.writable;
  if (!writable || !isPlainObject(fields)) return fields;
  return Object.fromEntries(Object.entries(fields).filter(([name]) => writable.has(name)));
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

/** The collection model at a template, for handlers that address one by name. */
export function collectionModel(context: StateContext, template: string): CollectionModel {
  const model = context.model.collections.find((candidate) => candidate.template === template);
  if (!model) throw new Error(`The spec has no collection at ${template}.`);
  return model;
}
