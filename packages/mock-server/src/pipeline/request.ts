// The request as the pipeline reads it, and as Prism's router and validators take it.
import * as E from 'fp-ts/lib/Either.js';
import typeIs from 'type-is';
import type { OperationModel } from '../answerers/state/index.js';
import { prismHttpConfig } from './prism/modules.js';
import type { PrismInput, PrismOperation, PrismValidation, ProblemJsonErrorLike } from './prism/types.js';

export interface MockRequest {
  method: string;
  /** Path inside the API, after the mock prefix and the server's base path (`/assignment`). */
  path: string;
  query: URLSearchParams;
  /** The query string as received (part of the validation memo key). */
  rawQuery: string;
  /** Lower-cased header names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | undefined;
  /** The state session (`X-Mock-Session`), for the state answerer. */
  session?: string;
  /** The request's absolute URL as the client sent it, for links in list answers. */
  requestUrl?: string;
  /** The path from the API's origin, base path included (token endpoints live outside it). */
  originPath?: string;
  /** False for a path outside the API's base path (only a token endpoint can answer one). */
  insideBase?: boolean;
  /** The headers as received, names as sent (proxy mode forwards them unchanged). */
  rawHeaders?: string[];
}

export const NO_PREFERENCES = E.right({});

/**
 * The mock preferences of a request (Prefer header or __code/__example/__dynamic/__seed), decoded
 * by prism-http-server's own getHttpConfigFromRequest. Requests with neither skip the decoder.
 */
export function requestPreferences(
  input: PrismInput,
): E.Either<ProblemJsonErrorLike, Record<string, unknown>> {
  const { query } = input.url;
  if (
    !input.headers.prefer &&
    !('__code' in query || '__dynamic' in query || '__seed' in query || '__example' in query)
  ) {
    return NO_PREFERENCES;
  }
  const decoded = (
    prismHttpConfig().getHttpConfigFromRequest as (input: PrismInput) => ReturnType<typeof requestPreferences>
  )(input);
  return E.isLeft(decoded) ? decoded : E.right(stripUndefined(decoded.right));
}

export function parseBody(request: MockRequest): unknown {
  const length = request.headers['content-length'];
  if (length === '0' || (request.headers['transfer-encoding'] === undefined && length === undefined))
    return null;
  const text = (request.body ?? Buffer.alloc(0)).toString('utf8');
  const contentType = request.headers['content-type'];
  if (typeof contentType === 'string' && typeIs.is(contentType, ['application/json', 'application/*+json'])) {
    try {
      return JSON.parse(text);
    } catch (error) {
      return new Error(`The body is not valid JSON: ${(error as Error).message}`);
    }
  }
  return text;
}

/**
 * The request as Prism's router and validators take it. `serverParam`: honour Prism's `__server`
 * query parameter (the mock does; proxy mode's inspection does not).
 */
export function toPrismInput(
  request: MockRequest,
  body: unknown,
  { serverParam }: { serverParam: boolean },
): PrismInput {
  const server = serverParam ? request.query.get('__server') : null;
  return {
    memoKey: `${request.method} ${request.path}?${request.rawQuery}\n${request.body?.toString('utf8') ?? ''}`,
    method: request.method.toLowerCase(),
    url: {
      path: request.path,
      ...(server ? { baseUrl: server } : {}),
      query: searchParamsToNameValues(request.query),
    },
    headers: request.headers,
    body,
  };
}

/** A declared query parameter sent with an empty value, unless the spec allows empty values. */
export function emptyQueryViolations(
  operation: OperationModel | undefined,
  input: PrismInput,
): PrismValidation[] {
  if (!operation || operation.queryParams.length === 0) return [];
  const violations: PrismValidation[] = [];
  for (const parameter of operation.queryParams) {
    if (parameter.allowEmptyValue) continue;
    const value = input.url.query[parameter.name];
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    if (values.some((entry) => entry === ''))
      violations.push({
        path: ['query', parameter.name],
        severity: 0,
        code: 'empty',
        message: `Request query parameter ${parameter.name} must not be empty`,
      });
  }
  return violations;
}

export function searchParamsToNameValues(searchParams: URLSearchParams): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  if (searchParams.size === 0) return params;
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    params[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return params;
}

/** A header's value as one string (repeated headers joined as HTTP joins them). */
export function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The request with its Prefer header replaced (removed when `prefer` is undefined). */
export function withPrefer(request: MockRequest, prefer: string | undefined): MockRequest {
  if (headerText(request.headers.prefer) === prefer) return request;
  const { prefer: _removed, ...headers } = request.headers;
  return { ...request, headers: prefer === undefined ? headers : { ...headers, prefer } };
}

/** The statuses an operation documents (not `default`). */
export function documentedStatuses(resource: PrismOperation): number[] {
  const responses = (resource.responses ?? []) as Array<{ code: string }>;
  return responses.map(({ code }) => Number(code)).filter((code) => Number.isInteger(code));
}

export function stripUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

export function findHeader(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
