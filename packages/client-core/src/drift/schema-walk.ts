import { type FindingInit, redactSample } from './findings.js';

/** A JSON Schema (OpenAPI 3.1) as found in the spec: only the keywords drift checks read. */
export type Schema = boolean | SchemaObject;
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  additionalProperties?: Schema;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  /** OpenAPI 3.0's spelling of `type: [..., 'null']`. */
  nullable?: boolean;
}

/** Where `$ref`s point: the spec document (or the pruned copy a client carries). */
export type RefRoot = Record<string, unknown>;

type Report = (init: Omit<FindingInit, 'side' | 'operation' | 'status'>) => void;

/** How many ways a oneOf/anyOf/allOf mix may be read before the rest is ignored. */
const MAX_ALTERNATIVES = 32;

/**
 * Reports every place where `value` departs from `schema`: wrong type, null, format, enum,
 * missing required property, and properties the schema does not describe. An object schema that
 * lists no properties (free-form) describes any property; one whose `additionalProperties` is a
 * schema or `true` describes the others too. For oneOf/anyOf the alternative that fits best is
 * the one reported on.
 */
export function walkSchema(root: RefRoot, schema: Schema, value: unknown, location: string, report: Report) {
  const findings = check(root, schema, value, location);
  for (const found of findings) report(found);
}

type Found = Omit<FindingInit, 'side' | 'operation' | 'status'>;

function check(root: RefRoot, schema: Schema, value: unknown, location: string): Found[] {
  const alternatives = alternativesOf(root, schema, 0);
  let best: Found[] | undefined;
  for (const conjuncts of alternatives) {
    const found = checkAll(root, conjuncts, value, location);
    if (best === undefined || found.length < best.length) best = found;
    if (found.length === 0) break;
  }
  return best ?? [];
}

/** The schema as a list of alternatives, each a list of plain schemas that must all hold. */
function alternativesOf(root: RefRoot, schema: Schema, depth: number): SchemaObject[][] {
  const resolved = deref(root, schema);
  if (resolved === true || resolved === undefined) return [[]];
  if (resolved === false) return [[{ type: [] }]];
  if (depth > 16) return [[]];
  const { allOf, oneOf, anyOf, ...base } = resolved;
  let alternatives: SchemaObject[][] = [[base]];
  for (const part of allOf ?? []) alternatives = cross(alternatives, alternativesOf(root, part, depth + 1));
  const choice = oneOf ?? anyOf;
  if (choice)
    alternatives = cross(
      alternatives,
      choice.flatMap((part) => alternativesOf(root, part, depth + 1)),
    );
  return alternatives;
}

function cross(left: SchemaObject[][], right: SchemaObject[][]): SchemaObject[][] {
  const out: SchemaObject[][] = [];
  for (const a of left) for (const b of right) if (out.length < MAX_ALTERNATIVES) out.push([...a, ...b]);
  return out;
}

function deref(root: RefRoot, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let hops = 0; typeof current === 'object' && current !== null && current.$ref; hops += 1) {
    if (hops > 32) return true;
    const target = resolvePointer(root, current.$ref);
    if (target === undefined) return true; // an unresolvable ref describes nothing we can check
    // Siblings of $ref (3.1 allows them) apply too.
    const { $ref: _ref, ...siblings } = current;
    current =
      Object.keys(siblings).length > 0
        ? { allOf: [target as Schema, siblings as SchemaObject] }
        : (target as Schema);
  }
  return current;
}

export function resolvePointer(root: RefRoot, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function checkAll(root: RefRoot, conjuncts: SchemaObject[], value: unknown, location: string): Found[] {
  const found: Found[] = [];
  // Type first: a value of the wrong type is one finding, not one per keyword below it.
  for (const schema of conjuncts) {
    const types = typesOf(schema);
    if (types && !types.some((type) => matchesType(type, value))) {
      const expected = types.length > 0 ? types.join(' | ') : 'nothing (a false schema)';
      if (value === null) found.push({ kind: 'null', location, expected, actual: 'null', sample: null });
      else
        found.push({
          kind: 'type',
          location,
          expected,
          actual: jsonType(value),
          sample: redactSample(value, keyOf(location)),
        });
      return found;
    }
  }
  for (const schema of conjuncts) {
    const allowed = schema.enum ?? ('const' in schema ? [schema.const] : undefined);
    if (allowed && !allowed.some((option) => sameValue(option, value))) {
      found.push({
        kind: 'enum',
        location,
        expected: allowed.map((option) => JSON.stringify(option)).join(' | '),
        actual: JSON.stringify(redactSample(value, keyOf(location), true)),
        sample: redactSample(value, keyOf(location), true),
      });
      break;
    }
  }
  if (typeof value === 'string' || typeof value === 'number') {
    for (const schema of conjuncts) {
      if (schema.format && !matchesFormat(schema.format, value)) {
        found.push({
          kind: 'format',
          location,
          expected: schema.format,
          actual: jsonType(value),
          sample: redactSample(value, keyOf(location)),
        });
        break;
      }
    }
  }
  if (Array.isArray(value)) {
    const items = conjuncts.flatMap((schema) => (schema.items !== undefined ? [schema.items] : []));
    if (items.length > 0) {
      const itemSchema: Schema = items.length === 1 ? (items[0] as Schema) : { allOf: items };
      const itemLocation = `${location === ROOT ? '' : location}[]`;
      for (const item of value) found.push(...check(root, itemSchema, item, itemLocation));
    }
  } else if (value !== null && typeof value === 'object') {
    found.push(...checkObject(root, conjuncts, value as Record<string, unknown>, location));
  }
  return dedupe(found);
}

export const ROOT = '(body)';

/** The property name a location ends in (`results[].api_key` → `api_key`), for redaction. */
function keyOf(location: string): string {
  return (location.split('.').pop() as string).replace(/\[\]$/, '');
}

function checkObject(
  root: RefRoot,
  conjuncts: SchemaObject[],
  value: Record<string, unknown>,
  location: string,
): Found[] {
  const found: Found[] = [];
  const properties = new Map<string, Schema[]>();
  const patterns: Array<[RegExp, Schema]> = [];
  const extras: Schema[] = [];
  let describesProperties = false;
  let open = false;
  const required = new Set<string>();
  for (const schema of conjuncts) {
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      describesProperties = true;
      properties.set(name, [...(properties.get(name) ?? []), property]);
    }
    for (const [pattern, property] of Object.entries(schema.patternProperties ?? {})) {
      describesProperties = true;
      patterns.push([new RegExp(pattern, 'u'), property]);
    }
    if (schema.additionalProperties !== undefined) {
      describesProperties = true;
      if (schema.additionalProperties === true) open = true;
      else if (schema.additionalProperties !== false) extras.push(schema.additionalProperties);
    }
    for (const name of schema.required ?? []) required.add(name);
  }
  const at = (name: string) => (location === ROOT ? name : `${location}.${name}`);
  for (const name of required) {
    if (!(name in value))
      found.push({ kind: 'missing-required', location: at(name), expected: 'present', actual: 'absent' });
  }
  for (const [name, property] of Object.entries(value)) {
    const schemas = [
      ...(properties.get(name) ?? []),
      ...patterns.filter(([pattern]) => pattern.test(name)).map(([, schema]) => schema),
    ];
    if (schemas.length === 0 && extras.length > 0 && !properties.has(name)) schemas.push(...extras);
    if (schemas.length > 0) {
      found.push(
        ...check(
          root,
          schemas.length === 1 ? (schemas[0] as Schema) : { allOf: schemas },
          property,
          at(name),
        ),
      );
    } else if (describesProperties && !open) {
      found.push({
        kind: 'undocumented-property',
        location: at(name),
        actual: jsonType(property),
        sample: redactSample(property, name),
      });
    }
  }
  return found;
}

/** One finding per kind and place: 1000 items with the same extra property are one finding. */
function dedupe(found: Found[]): Found[] {
  if (found.length < 2) return found;
  const byKey = new Map<string, Found>();
  for (const item of found) {
    const key = `${item.kind}\u0000${item.location}`;
    if (!byKey.has(key)) byKey.set(key, item);
  }
  return [...byKey.values()];
}

function typesOf(schema: SchemaObject): string[] | undefined {
  if (schema.type === undefined) return undefined;
  const types = Array.isArray(schema.type) ? [...schema.type] : [schema.type];
  if (schema.nullable === true && !types.includes('null')) types.push('null');
  return types;
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** The formats the four specs use, plus the common ones; other formats are not checked. */
function matchesFormat(format: string, value: string | number): boolean {
  if (typeof value === 'number') {
    if (format === 'int32') return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
    if (format === 'int64') return Number.isInteger(value);
    return true;
  }
  switch (format) {
    case 'date-time':
      return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
    case 'date':
      return DATE.test(value) && !Number.isNaN(Date.parse(value));
    case 'uuid':
      return UUID.test(value);
    case 'email':
      return EMAIL.test(value);
    case 'uri':
      return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && URL.canParse(value);
    default:
      return true;
  }
}
