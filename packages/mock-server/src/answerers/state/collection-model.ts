// One collection of the resource model, derived from its paths: where its items live, which
// field keys them, which fields the server owns, the stated defaults, and its seed items.

import { idOf, type Schema, type SchemaReader } from '../../core/schema.js';
import type { ModelDeclaration } from './declarations.js';
import { idShapeOf, timestampShapeOf } from './formats.js';
import type { CollectionModel, RawOperation } from './model-types.js';
import { collectSeeds } from './seeds.js';

const CREATED = /^(created|inserted)(_at|At|AtTime|_date|Date|_on)?$/;
const UPDATED = /^(updated|modified|last_modified|lastModified)(_at|At|AtTime|_date|Date|_on)?$/;

export function deriveCollection(
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
  // A collection needs items to store: a list of objects, or an item path that reads one.
  const itemSchema = listItemSchema ?? (itemTemplate ? itemContent?.schema : undefined);
  if (!itemSchema || reader.isArray(itemSchema)) return undefined;
  const properties = reader.properties(itemSchema);
  // Items the spec names no property of (nothing to key or merge): left to the examples.
  if (Object.keys(properties).length === 0) return undefined;

  const itemParam = itemTemplate ? itemTemplate.slice(template.length + 2, -1) : undefined;
  const idField = behaviour.idFields?.[template] ?? idFieldFor(reader, itemParam, properties);
  const seeds = collectSeeds({ reader, paths, template, itemTemplate, itemParam, idField, listKey });
  // Examples show the format of the server's ids and timestamps (never values a create stores).
  const examples = [...seeds.values()].flat().map(([, item]) => item);
  const owned = serverOwned(reader, properties, idField, examples, behaviour);
  const createOperation = paths[template]?.post as RawOperation | undefined;
  return {
    template,
    itemParam,
    idField,
    idShape: shapeFrom(examples, idField, properties),
    ...owned,
    itemSchema,
    defaults: statedDefaults(reader, properties, createOperation),
    nullableRequired: requiredOf(reader, itemSchema).filter((name) => nullable(reader, properties[name])),
    knownFields: knownFieldsOf(itemSchema, properties),
    seeds,
  };
}

function shapeFrom(examples: Record<string, unknown>[], field: string, properties: Record<string, Schema>) {
  for (const example of examples) {
    const shape = idShapeOf(idOf(example, field));
    if (shape) return shape;
  }
  return idShapeOf((properties[field] as Schema | undefined)?.example);
}

function serverOwned(
  reader: SchemaReader,
  properties: Record<string, Schema>,
  idField: string,
  examples: Record<string, unknown>[],
  behaviour: ModelDeclaration,
): Pick<CollectionModel, 'serverIds' | 'createdTimestamps' | 'updatedTimestamps'> {
  const serverIdFields = new Set([idField, ...(behaviour.serverIds ?? [])]);
  for (const [name, property] of Object.entries(properties))
    if (reader.resolve(property)?.readOnly === true) serverIdFields.add(name);
  const result: ReturnType<typeof serverOwned> = {
    serverIds: [],
    createdTimestamps: [],
    updatedTimestamps: [],
  };
  for (const name of Object.keys(properties)) {
    const property = properties[name] as Schema;
    const shown = examples.map((example) => example[name]).find((value) => value !== undefined);
    const stamp = timestampShapeOf(shown) ?? timestampShapeOf(property.example);
    const shape = stamp ?? (property.format === 'date-time' ? 'iso' : undefined);
    if (shape && CREATED.test(name)) result.createdTimestamps.push({ field: name, shape });
    else if (shape && UPDATED.test(name)) result.updatedTimestamps.push({ field: name, shape });
    else if (serverIdFields.has(name)) {
      const idShape = shapeFrom(examples, name, properties);
      if (idShape) result.serverIds.push({ field: name, shape: idShape });
    }
  }
  return result;
}

/** The schemas' `default`s: the item's own, then the create request's for the same field. */
function statedDefaults(
  reader: SchemaReader,
  properties: Record<string, Schema>,
  create: RawOperation | undefined,
): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  const body = reader.resolve<{ content?: Record<string, { schema?: unknown }> }>(create?.requestBody);
  const requestProperties: Record<string, Schema> = {};
  for (const media of Object.values(body?.content ?? {}))
    for (const [name, property] of Object.entries(reader.properties(media.schema)))
      requestProperties[name] ??= property;
  for (const [name, property] of Object.entries(properties)) {
    const stated = reader.resolve(property)?.default ?? reader.resolve(requestProperties[name])?.default;
    if (stated !== undefined) defaults[name] = structuredClone(stated);
  }
  return defaults;
}

/** Required property names of an object schema, `allOf` parts included. */
export function requiredOf(reader: SchemaReader, node: unknown): string[] {
  const schema = reader.resolve(node);
  if (!schema) return [];
  const parts = ((schema.allOf as unknown[] | undefined) ?? []).flatMap((part) => requiredOf(reader, part));
  return [...parts, ...((schema.required as string[] | undefined) ?? [])];
}

/** Does a schema accept `null` (`type: [x, 'null']`, `nullable`, a null variant)? */
export function nullable(reader: SchemaReader, node: unknown): boolean {
  const schema = reader.resolve(node);
  if (!schema) return false;
  if (schema.nullable === true || schema.type === 'null') return true;
  if (Array.isArray(schema.type) && schema.type.includes('null')) return true;
  const variants = [...((schema.oneOf as unknown[]) ?? []), ...((schema.anyOf as unknown[]) ?? [])];
  return variants.some((variant) => nullable(reader, variant));
}

/** The items property of a list answer: `null` for a bare array, `undefined` when not a list. */
export function listKeyOf(reader: SchemaReader, schema: Schema | undefined): string | null | undefined {
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
