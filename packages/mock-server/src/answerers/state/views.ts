// One entity, many views: an item that embeds another collection's entity (declared `embeds`)
// shows it as stored now, cut to the fields the embedding schema names, so an update through
// the entity's own path shows everywhere it is embedded.

import { idOf, isPlainObject, type Schema } from '../../core/schema.js';
import type { Item } from '../../store/store.js';
import type { StateContext } from './context.js';
import type { CollectionModel } from './model-types.js';
import { concretePath } from './seeds.js';

/** The item with each declared embedded entity refreshed from the store (the same item if none changed). */
export function withEmbeds(context: StateContext, model: CollectionModel, item: Item): Item {
  const embeds = context.behaviour.embeds?.[model.template];
  if (!embeds) return item;
  let result = item;
  for (const { field, collection } of embeds) {
    const shown = item[field];
    const target = context.model.collections.find((candidate) => candidate.template === collection);
    if (!target || !isPlainObject(shown)) continue;
    const id = idOf(shown, target.idField);
    const stored = id === undefined ? undefined : entities(context, target).items.get(id);
    if (!stored) continue;
    const fieldSchema = model.itemSchema
      ? context.model.reader.properties(model.itemSchema)[field]
      : undefined;
    result = { ...result, [field]: cut(context, stored, fieldSchema) };
  }
  return result;
}

/** A cache key part that changes whenever an embedded entity's collection changes. */
export function embedVersions(context: StateContext, model: CollectionModel): string {
  const embeds = context.behaviour.embeds?.[model.template];
  if (!embeds) return '';
  return embeds
    .map(({ collection }) => {
      const target = context.model.collections.find((candidate) => candidate.template === collection);
      return target ? String(entities(context, target).version) : '';
    })
    .join('|');
}

function entities(context: StateContext, target: CollectionModel) {
  return context.session.collection(
    context.api,
    concretePath(target.template, context.pathParams),
    target.idField,
  );
}

/** The entity's fields the embedding schema names (all of them when it is open). */
function cut(context: StateContext, entity: Item, node: unknown): Item {
  const { reader } = context.model;
  const schema = reader.resolve<Schema>(node);
  const names = Object.keys(reader.properties(schema));
  // As for stored items (collection-model.ts), only a stated `additionalProperties` opens a schema.
  const extra = schema?.additionalProperties;
  const open = names.length === 0 || (extra !== undefined && extra !== false);
  if (open) return structuredClone(entity);
  const shown: Item = {};
  for (const name of names) if (name in entity) shown[name] = structuredClone(entity[name]);
  return shown;
}
