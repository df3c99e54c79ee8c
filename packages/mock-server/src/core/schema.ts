// Just enough JSON Schema reading for the resource model: follow local `$ref`s in the bundle,
// list an object schema's properties (through `allOf`), find a response's schema and example.
import type { OpenApiDocument } from './specs.js';

export type Schema = Record<string, unknown>;

export class SchemaReader {
  constructor(private readonly document: OpenApiDocument) {}

  /** Follows `$ref`s (local ones only: the bundle has no others). */
  resolve<T = Schema>(node: unknown): T | undefined {
    let current = node as Record<string, unknown> | undefined;
    for (let hops = 0; current && typeof current.$ref === 'string' && hops < 32; hops += 1) {
      const ref = current.$ref as string;
      if (!ref.startsWith('#/')) return undefined;
      current = ref
        .slice(2)
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>(
          (value, key) => (value as Record<string, unknown> | undefined)?.[key],
          this.document,
        ) as Record<string, unknown> | undefined;
    }
    return current as T | undefined;
  }

  /** Every property of an object schema, `allOf` parts included (first definition wins). */
  properties(schemaNode: unknown): Record<string, Schema> {
    const schema = this.resolve(schemaNode);
    if (!schema) return {};
    const result: Record<string, Schema> = {};
    for (const part of (schema.allOf as unknown[] | undefined) ?? [])
      Object.assign(result, this.properties(part));
    // `oneOf: [Object, null]` (a nullable object) and other unions: any variant's properties.
    for (const part of [...((schema.oneOf as unknown[]) ?? []), ...((schema.anyOf as unknown[]) ?? [])])
      for (const [name, value] of Object.entries(this.properties(part))) result[name] ??= value;
    for (const [name, value] of Object.entries((schema.properties as Record<string, Schema>) ?? {}))
      result[name] ??= this.resolve(value) ?? value;
    return result;
  }

  isArray(schemaNode: unknown): boolean {
    const type = this.resolve(schemaNode)?.type;
    return type === 'array' || (Array.isArray(type) && type.includes('array'));
  }

  /** The JSON schema and first example of a response (following response `$ref`s). */
  jsonContent(responseNode: unknown): { schema: Schema | undefined; example: unknown } {
    const response = this.resolve<{ content?: Record<string, MediaType> }>(responseNode);
    const media = response?.content?.['application/json'];
    if (!media) return { schema: undefined, example: undefined };
    return { schema: this.resolve(media.schema), example: this.firstExample(media) };
  }

  firstExample(media: MediaType | undefined): unknown {
    if (!media) return undefined;
    if (media.example !== undefined) return media.example;
    const first = Object.values(media.examples ?? {})[0];
    return first === undefined ? undefined : this.resolve<{ value?: unknown }>(first)?.value;
  }
}

export interface MediaType {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, unknown>;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads `a.b.c` (or DRF's `a__b__c`, already split) from a nested object. */
export function readPath(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** An item's id under a (possibly dotted: `user.id`) id field, as a string; undefined if absent. */
export function idOf(item: Record<string, unknown>, idField: string): string | undefined {
  if (idField === '') return undefined;
  const value = idField.includes('.') ? readPath(item, idField.split('.')) : item[idField];
  return value === undefined || value === null ? undefined : String(value);
}

/** A copy of the item with the id set (nested objects along a dotted path copied too). */
export function withId(item: Record<string, unknown>, idField: string, id: unknown): Record<string, unknown> {
  const [head, ...rest] = idField.split('.');
  const key = head as string;
  if (rest.length === 0) return { ...item, [key]: id };
  const inner = isPlainObject(item[key]) ? (item[key] as Record<string, unknown>) : {};
  return { ...item, [key]: withId(inner, rest.join('.'), id) };
}
