// The store's seed: the items the spec's examples show, per concrete collection path. Examples
// only seed; a created item never starts from one (resources.ts builds it from the request).

import { idOf, isPlainObject, type SchemaReader, withId } from '../../core/schema.js';
import type { Parameter, RawOperation, SeedItem } from './model-types.js';

export interface SeedSources {
  reader: SchemaReader;
  paths: Record<string, Record<string, unknown>>;
  template: string;
  itemTemplate: string | undefined;
  itemParam: string | undefined;
  idField: string;
  listKey: string | null | undefined;
}

/** Seeds of one collection: every example list item, the example read, the example writes' items. */
export function collectSeeds(sources: SeedSources): Map<string, SeedItem[]> {
  const { reader, paths, template, itemTemplate, itemParam, idField, listKey } = sources;
  const seeds = new Map<string, SeedItem[]>();
  const addSeed = (scope: string, value: unknown, key?: string) => {
    if (!isPlainObject(value)) return;
    const items = seeds.get(scope) ?? [];
    const id = key ?? idOf(value, idField);
    if (id !== undefined && items.some(([existing, item]) => (existing ?? idOf(item, idField)) === id))
      return;
    // The same record shown by the list (without an id of its own) and by the example read (under
    // the read's id) is one record: it takes the read's id rather than being seeded twice.
    const same = items.findIndex(
      ([existing, item]) => existing === undefined && JSON.stringify(item) === JSON.stringify(value),
    );
    if (same >= 0) items[same] = [id, value];
    else items.push([id, value]);
    seeds.set(scope, items);
  };
  const listOperation = paths[template]?.get as RawOperation | undefined;
  if (listOperation && listKey !== undefined) {
    const scope = concretePath(template, exampleParams(reader, paths[template], listOperation));
    // Every example page's items (Samsara shows a final and a mid-stream page).
    for (const example of allExamples(reader, listOperation.responses?.['200'])) {
      const items =
        listKey === null ? example : isPlainObject(example) && listKey ? example[listKey] : undefined;
      for (const value of Array.isArray(items) ? items : []) addSeed(scope, value);
    }
  }
  const itemOperation = itemTemplate ? (paths[itemTemplate]?.get as RawOperation | undefined) : undefined;
  const itemExample = itemOperation
    ? reader.jsonContent(itemOperation.responses?.['200']).example
    : undefined;
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
  const fallback = firstItemExample(sources, itemExample);
  // The spec's example update and delete calls address an item too: it exists in the seed, so
  // each documented example works as written (the update's own answer, else an example item).
  for (const method of ['put', 'patch', 'delete'] as const) {
    const operation = itemTemplate ? (paths[itemTemplate]?.[method] as RawOperation | undefined) : undefined;
    if (!operation || !itemTemplate || !itemParam) continue;
    const params = exampleParams(reader, paths[itemTemplate], operation);
    const id = params[itemParam];
    if (id === undefined) continue;
    const answer = reader.jsonContent(successResponse(operation)).example;
    const base = isPlainObject(answer) && idOf(answer, idField) !== undefined ? answer : fallback;
    if (base && Object.keys(base).length > 0)
      addSeed(
        concretePath(template, params),
        idOf(base, idField) === undefined ? base : withId(base, idField, id),
        id,
      );
  }
  return seeds;
}

/** The example item a documented write addresses when its own answer shows none. */
function firstItemExample(sources: SeedSources, itemExample: unknown): Record<string, unknown> | undefined {
  const { reader, paths, template, listKey } = sources;
  const list = paths[template]?.get as RawOperation | undefined;
  const listExample = list ? reader.jsonContent(list.responses?.['200']).example : undefined;
  const listItems =
    listKey === null ? listExample : isPlainObject(listExample) && listKey ? listExample[listKey] : undefined;
  const create = paths[template]?.post as RawOperation | undefined;
  const createExample = create ? reader.jsonContent(successResponse(create)).example : undefined;
  const candidates = [itemExample, Array.isArray(listItems) ? listItems[0] : undefined, createExample];
  return candidates.find(isPlainObject);
}

export function successResponse(operation: RawOperation): unknown {
  return Object.entries(operation.responses ?? {}).find(([code]) => /^2\d\d$/.test(code))?.[1];
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
