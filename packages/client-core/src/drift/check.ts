import { type DriftFinding, type FindingInit, finding } from './findings.js';
import { type RefRoot, ROOT, resolvePointer, type Schema, walkSchema } from './schema-walk.js';

/**
 * The parts of an OpenAPI document drift checks read: paths → methods → responses (and request
 * bodies) with their schemas, and the components their `$ref`s point into. The full bundle
 * qualifies; clients carry a pruned copy generated at build time (`src/generated/drift-spec.ts`).
 */
export interface DriftSpec {
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
}

interface MediaTypeObject {
  schema?: Schema;
}
interface ResponseObject {
  $ref?: string;
  content?: Record<string, MediaTypeObject>;
}
interface OperationObject {
  responses?: Record<string, ResponseObject>;
  requestBody?: { $ref?: string; content?: Record<string, MediaTypeObject> };
}

export interface ResponseToCheck {
  /** Upper-case HTTP method. */
  method: string;
  /** The operation's path template as the spec writes it (`/v1/courses/{course_id}`). */
  path: string;
  status: number;
  /** The Content-Type header, parameters included (or null/undefined when absent). */
  contentType: string | null | undefined;
  /** The body as text ('' or undefined when empty). */
  body: string | undefined;
}

/** What the answer did that the operation in `spec` does not describe (empty: nothing). */
export function checkResponse(spec: DriftSpec, response: ResponseToCheck): DriftFinding[] {
  const operationName = `${response.method.toUpperCase()} ${response.path}`;
  const operation = operationOf(spec, response.method, response.path);
  if (!operation) return [];
  const base = { side: 'response' as const, operation: operationName, status: response.status };
  const out: DriftFinding[] = [];
  const add = (init: Omit<FindingInit, 'side' | 'operation' | 'status'>) =>
    out.push(finding({ ...base, ...init }));

  const responses = operation.responses ?? {};
  const documented =
    responses[String(response.status)] ?? responses[`${String(response.status)[0]}XX`] ?? responses.default;
  if (!documented) {
    add({
      kind: 'undocumented-status',
      location: '(status)',
      expected: Object.keys(responses).join(', ') || 'none',
      actual: String(response.status),
    });
    return out;
  }
  const content = (deref(spec, documented) as ResponseObject | undefined)?.content;
  const mediaType = response.contentType ? essence(response.contentType) : undefined;
  const hasBody = response.body !== undefined && response.body !== '';
  if (!content || Object.keys(content).length === 0) {
    // The operation documents no body for this status; a body with a content type is drift.
    if (hasBody && mediaType)
      add({
        kind: 'undocumented-content-type',
        location: '(content type)',
        expected: 'no body',
        actual: mediaType,
      });
    return out;
  }
  if (!hasBody) return out;
  const match = mediaType ? matchMediaType(content, mediaType) : undefined;
  if (!match) {
    add({
      kind: 'undocumented-content-type',
      location: '(content type)',
      expected: Object.keys(content).join(', '),
      actual: mediaType ?? 'none',
    });
    return out;
  }
  const schema = match.schema;
  if (schema === undefined || !isJson(mediaType as string)) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body as string);
  } catch {
    add({ kind: 'type', location: ROOT, expected: 'JSON', actual: `text that is not JSON (${mediaType})` });
    return out;
  }
  walkSchema(spec as unknown as RefRoot, schema, parsed, ROOT, add);
  return out;
}

/** What a JSON request body has that the operation's request schema forbids. */
export function checkRequestBody(
  spec: DriftSpec,
  request: { method: string; path: string; contentType: string | null | undefined; body: unknown },
): DriftFinding[] {
  const operation = operationOf(spec, request.method, request.path);
  const content = (deref(spec, operation?.requestBody) as OperationObject['requestBody'])?.content;
  if (!content || request.body === undefined) return [];
  const match = request.contentType ? matchMediaType(content, essence(request.contentType)) : undefined;
  if (match?.schema === undefined) return [];
  const out: DriftFinding[] = [];
  walkSchema(spec as unknown as RefRoot, match.schema, request.body, ROOT, (init) =>
    out.push(
      finding({ side: 'request', operation: `${request.method.toUpperCase()} ${request.path}`, ...init }),
    ),
  );
  return out;
}

function operationOf(spec: DriftSpec, method: string, path: string): OperationObject | undefined {
  const item = deref(spec, spec.paths[path]) as Record<string, unknown> | undefined;
  return item?.[method.toLowerCase()] as OperationObject | undefined;
}

function deref(spec: DriftSpec, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 16; hops += 1) {
    const ref = (current as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== 'string') return current;
    current = resolvePointer(spec as unknown as RefRoot, ref);
  }
  return current;
}

/** `application/json; charset=utf-8` → `application/json`. */
function essence(contentType: string): string {
  return (contentType.split(';')[0] as string).trim().toLowerCase();
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/** The documented media type an answer's falls under: exact, then `type/*`, then `*\/*`. */
function matchMediaType(
  content: Record<string, MediaTypeObject>,
  mediaType: string,
): MediaTypeObject | undefined {
  const keys = Object.keys(content);
  const exact = keys.find((key) => essence(key) === mediaType);
  if (exact) return content[exact];
  const family = keys.find((key) => essence(key) === `${mediaType.split('/')[0]}/*`);
  if (family) return content[family];
  const any = keys.find((key) => essence(key) === '*/*');
  return any ? content[any] : undefined;
}
