// Builds requests for every operation of a bundled spec from the spec's own examples.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signJwt } from '../src/policies/jwt.js';

export const SPECS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/specs');

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  example?: unknown;
  style?: string;
  explode?: boolean;
  schema?: {
    type?: string | string[];
    examples?: unknown[];
    default?: unknown;
    enum?: unknown[];
    items?: { type?: string };
  };
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: {
    content?: Record<string, { examples?: Record<string, { value: unknown }>; example?: unknown }>;
  };
  responses: Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }>;
  security?: Array<Record<string, string[]>>;
}

export interface SpecOperation {
  api: string;
  method: string;
  /** The spec path template, e.g. /v1/courses/{course_id}. */
  template: string;
  /** The concrete path built from parameter examples. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string | undefined;
  operation: Operation;
}

export interface Document {
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation> & { parameters?: Parameter[] }>;
  security?: Array<Record<string, string[]>>;
  components?: { securitySchemes?: Record<string, { type: string; scheme?: string; bearerFormat?: string }> };
}

export function loadDocument(api: string): Document {
  return JSON.parse(readFileSync(path.join(SPECS_DIR, `${api}.json`), 'utf8'));
}

function exampleOf(parameter: Parameter): unknown {
  return (
    parameter.example ??
    parameter.schema?.examples?.[0] ??
    parameter.schema?.default ??
    parameter.schema?.enum?.[0]
  );
}

function serialize(value: unknown): string {
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/**
 * A credential the document's first scheme accepts in the stateful mock by default: any Basic
 * pair; for a JWT bearer an unexpired (unsigned-checked) JWT carrying `pk`; else any token.
 */
export function authHeaders(document: Document): Record<string, string> {
  const schemes = Object.values(document.components?.securitySchemes ?? {});
  const first = schemes[0];
  if (first?.type === 'http' && first.scheme === 'basic') {
    return { authorization: `Basic ${Buffer.from('user:secret').toString('base64')}` };
  }
  if (first?.bearerFormat === 'JWT') return { authorization: `Bearer ${testJwt()}` };
  return { authorization: 'Bearer test.token.value' };
}

/** An HS256-shaped JWT with `pk`, `iat` and `exp` (`expiresIn` seconds from now; negative = expired). */
export function testJwt(expiresIn = 3600, secret = 'private-key', pk = 'public-key'): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({ pk, iat: now - 60, exp: now + expiresIn }, secret);
}

/** Follows a local `$ref` (the bundle keeps shared parameters and examples as components). */
function deref<T>(document: Document, node: T): T {
  let current: unknown = node;
  for (let hops = 0; hops < 16; hops += 1) {
    const ref = (current as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) break;
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], document);
  }
  return current as T;
}

export function specOperations(api: string): SpecOperation[] {
  const document = loadDocument(api);
  const auth = authHeaders(document);
  const operations: SpecOperation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) =>
        deref(document, parameter),
      );
      let concrete = template;
      const query = new URLSearchParams();
      for (const parameter of parameters) {
        const value = exampleOf(parameter);
        if (parameter.in === 'path') {
          concrete = concrete.replace(`{${parameter.name}}`, encodeURIComponent(serialize(value)));
        } else if (parameter.in === 'query' && parameter.required && value !== undefined) {
          query.set(parameter.name, serialize(value));
        }
      }
      const content = deref(document, operation.requestBody)?.content?.['application/json'];
      const firstExample = Object.values(content?.examples ?? {})[0];
      const example = content ? (deref(document, firstExample)?.value ?? content.example) : undefined;
      operations.push({
        api,
        method: method.toUpperCase(),
        template,
        path: concrete,
        query,
        headers: { ...auth, ...(example !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: example === undefined ? undefined : JSON.stringify(example),
        operation,
      });
    }
  }
  return operations;
}

/** Every API the built mock serves (dist/specs/index.json), so a new API is covered by default. */
export const APIS: string[] = (
  JSON.parse(readFileSync(path.join(SPECS_DIR, 'index.json'), 'utf8')) as Array<{ name: string }>
).map((entry) => entry.name);
