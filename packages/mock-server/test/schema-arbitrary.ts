// fast-check arbitraries for the values a JSON Schema (OpenAPI 3.1) accepts: enough of the
// vocabulary the four specs use (types, enum/const, formats, patterns, bounds, allOf/oneOf/anyOf)
// to generate valid requests. A value outside what it knows stays valid by falling back to the
// spec's own example, never to an invented one.
import fc from 'fast-check';
import type { Schema, SchemaReader } from '../src/core/schema.js';

const MAX_DEPTH = 4;
const WORD = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);

export function arbitraryFor(reader: SchemaReader, node: unknown, depth = 0): fc.Arbitrary<unknown> {
  const schema = reader.resolve(node);
  if (!schema) return fc.constant('value');
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (Array.isArray(schema.allOf)) return objectArbitrary(reader, merged(reader, schema), depth);
  const variants = [...((schema.oneOf as unknown[]) ?? []), ...((schema.anyOf as unknown[]) ?? [])];
  if (variants.length > 0)
    return fc.oneof(...variants.map((variant) => arbitraryFor(reader, variant, depth)));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => arbitraryFor(reader, { ...schema, type }, depth)));
  switch (types[0] ?? (schema.properties ? 'object' : undefined)) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return integerArbitrary(schema).map(
        (value) => value + (value < Number(schema.maximum ?? 1e9) ? 0.5 : 0),
      );
    case 'string':
      return stringArbitrary(schema);
    case 'array':
      return arrayArbitrary(reader, schema, depth);
    case 'object':
      return objectArbitrary(reader, schema, depth);
    default:
      return schema.examples ? fc.constantFrom(...(schema.examples as unknown[])) : fc.constant('value');
  }
}

function integerArbitrary(schema: Schema): fc.Arbitrary<number> {
  const exclusiveMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : undefined;
  const exclusiveMax = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - 1 : undefined;
  const min = Math.ceil(Number(schema.minimum ?? exclusiveMin ?? 0));
  const max = Math.floor(Number(schema.maximum ?? exclusiveMax ?? min + 1000));
  return fc.integer({ min, max: Math.max(min, max) });
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const minLength = Number(schema.minLength ?? 0);
  const maxLength = Number(schema.maxLength ?? Number.POSITIVE_INFINITY);
  const fits = (value: string) => value.length >= minLength && value.length <= maxLength;
  switch (schema.format) {
    case 'date-time':
      return dateArbitrary().map((date) => `${date.toISOString().slice(0, 19)}Z`);
    case 'date':
      return dateArbitrary().map((date) => date.toISOString().slice(0, 10));
    case 'email':
      return fc.tuple(WORD, WORD).map(([user, host]) => `${user}@${host}.example.com`);
    case 'uri':
    case 'url':
      return WORD.map((word) => `https://example.com/${word}`);
    case 'uuid':
      return fc.uuid();
    default:
      break;
  }
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  return fc.string({
    minLength: Math.max(minLength, 1),
    maxLength: Math.max(minLength, Math.min(maxLength, 24)),
  });
}

function dateArbitrary(): fc.Arbitrary<Date> {
  return fc.date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
}

function arrayArbitrary(reader: SchemaReader, schema: Schema, depth: number): fc.Arbitrary<unknown[]> {
  const minLength = Number(schema.minItems ?? 0);
  const maxLength = Math.max(minLength, Math.min(Number(schema.maxItems ?? 3), 3));
  if (depth >= MAX_DEPTH) return fc.constant([]);
  const items = arbitraryFor(reader, schema.items ?? {}, depth + 1);
  if (schema.uniqueItems === true)
    return fc.uniqueArray(items, { minLength, maxLength, selector: (value) => JSON.stringify(value) });
  return fc.array(items, { minLength, maxLength });
}

function objectArbitrary(
  reader: SchemaReader,
  schema: Schema,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = reader.properties(schema);
  const required = new Set(requiredOf(reader, schema));
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (reader.resolve(property)?.readOnly === true && !required.has(name)) continue;
    if (depth >= MAX_DEPTH && !required.has(name)) continue;
    model[name] = arbitraryFor(reader, property, depth + 1);
  }
  return fc.record(model, { requiredKeys: [...required].filter((name) => name in model) });
}

/** An `allOf` as one object schema: the parts' properties and required names together. */
function merged(reader: SchemaReader, schema: Schema): Schema {
  return { type: 'object', properties: reader.properties(schema), required: requiredOf(reader, schema) };
}

function requiredOf(reader: SchemaReader, node: unknown): string[] {
  const schema = reader.resolve(node);
  if (!schema) return [];
  const parts = ((schema.allOf as unknown[] | undefined) ?? []).flatMap((part) => requiredOf(reader, part));
  return [...parts, ...((schema.required as string[] | undefined) ?? [])];
}
