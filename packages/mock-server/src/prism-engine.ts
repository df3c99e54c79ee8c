// The reference engine: Prism's own request pipeline (router, security check, request
// validation, negotiation, mocking, response validation), called in-process exactly as
// @stoplight/prism-http-server's handler calls it. Everything here mirrors that handler so the
// mock answers what `prism mock` answers.
import { createRequire } from 'node:module';
import { createLogger } from '@stoplight/prism-core';
import { createInstance, getHttpOperationsFromSpec, ProblemJsonError } from '@stoplight/prism-http';
import * as E from 'fp-ts/lib/Either.js';
import typeIs from 'type-is';
import type { OpenApiDocument } from './apis.js';

const require = createRequire(import.meta.url);
// Deep imports: prism-http-server does not re-export these two, and they define Prism's wire behaviour.
const { getHttpConfigFromRequest } =
  require('@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js') as {
    getHttpConfigFromRequest: (input: PrismInput) => E.Either<ProblemJsonErrorLike, Record<string, unknown>>;
  };
const { serialize } = require('@stoplight/prism-http-server/dist/serialize.js') as {
  serialize: (payload: unknown, contentType: string | undefined) => string | undefined;
};
const defaultRoute = require('@stoplight/prism-http/dist/router/index.js').default as RouteFn;

export interface MockRequest {
  method: string;
  /** Path inside the API, after the mock prefix and the server's base path (`/assignment`). */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | undefined;
}

export interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
  /** The matched operation, when routing succeeded. */
  operationId: string | undefined;
  /** Request (and response) validation findings, as Prism reports them in `sl-violations`. */
  violations: Violation[];
}

export interface EngineOptions {
  dynamic: boolean;
  seed?: string;
}

export interface PrismInput {
  method: string;
  url: { path: string; baseUrl?: string; query: Record<string, string | string[]> };
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

interface ProblemJsonErrorLike extends Error {
  status?: number;
  detail?: string;
  additional?: { headers?: Record<string, string> } & Record<string, unknown>;
}

export interface PrismOperation {
  id: string;
  iid?: string;
  method: string;
  path: string;
  [key: string]: unknown;
}

type RouteFn = (args: { resources: PrismOperation[]; input: PrismInput }) => E.Either<Error, PrismOperation>;

interface PrismValidation {
  path?: string[];
  severity: number;
  code: string | number;
  message: string;
}

interface PrismResult {
  output: { statusCode: number; headers?: Record<string, string>; body?: unknown };
  validations: { input: PrismValidation[]; output: PrismValidation[] };
}

const SEVERITY = ['Error', 'Warning', 'Information', 'Hint'];
const MAX_SAFE_HEADER_LENGTH = 8 * 1024 - 100;

export class PrismEngine {
  private constructor(
    readonly operations: PrismOperation[],
    private readonly prism: {
      request: (
        input: PrismInput,
        ops: PrismOperation[],
        config: unknown,
      ) => () => Promise<E.Either<ProblemJsonErrorLike, PrismResult>>;
    },
    private readonly config: Record<string, unknown>,
    private readonly matched: WeakMap<PrismInput, PrismOperation>,
  ) {}

  static async create(document: OpenApiDocument, options: EngineOptions): Promise<PrismEngine> {
    // Prism dereferences with json-schema-ref-parser, which mutates its input: give it a copy.
    const operations = (await getHttpOperationsFromSpec(
      structuredClone(document) as never,
    )) as unknown as PrismOperation[];
    if (operations.length === 0) throw new Error('No operations found in the document.');
    const matched = new WeakMap<PrismInput, PrismOperation>();
    // Prism's router, observed so the journal can name the operation a request matched.
    const route: RouteFn = (args) => {
      const result = defaultRoute(args);
      if (E.isRight(result)) matched.set(args.input, result.right);
      return result;
    };
    // The same configuration `prism mock` builds (prism-cli createServer.js).
    const config = {
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: false,
      upstreamProxy: undefined,
      mock: {
        dynamic: options.dynamic,
        ignoreExamples: false,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
      },
      isProxy: false,
    };
    const logger = createLogger('MOCK', { level: 'silent' });
    const prism = createInstance(config as never, { logger, route } as never) as never;
    return new PrismEngine(operations, prism, config, matched);
  }

  async handle(request: MockRequest): Promise<MockResponse> {
    const body = parseBody(request);
    if (body instanceof Error) {
      return problemResponse({
        status: 400,
        title: 'Invalid JSON',
        detail: body.message,
        name: 'https://stoplight.io/prism/errors#INVALID_JSON',
      });
    }
    const input: PrismInput = {
      method: request.method.toLowerCase(),
      url: {
        path: request.path,
        ...(request.query.get('__server') ? { baseUrl: request.query.get('__server') as string } : {}),
        query: searchParamsToNameValues(request.query),
      },
      headers: request.headers,
      body,
    };
    const requestConfig = getHttpConfigFromRequest(input);
    if (E.isLeft(requestConfig)) return problemResponse(requestConfig.left);
    const config = {
      ...this.config,
      mock: { ...(this.config.mock as object), ...stripUndefined(requestConfig.right) },
    };

    const result = await this.prism.request(input, this.operations, config)();
    const operation = this.matched.get(input);
    const operationId = operation?.iid;
    if (E.isLeft(result)) return { ...problemResponse(result.left), operationId };

    const { output, validations } = result.right;
    const violations = [
      ...validations.input.map(toViolation('request')),
      ...validations.output.map(toViolation('response')),
    ];
    const headers: Record<string, string> = {};
    if (violations.length > 0) headers['sl-violations'] = violationHeader(violations);
    for (const [name, value] of Object.entries(output.headers ?? {})) headers[name] = String(value);
    let payload: string | undefined;
    try {
      payload = serialize(output.body, findHeader(headers, 'content-type'));
    } catch (error) {
      return { ...problemResponse(error as ProblemJsonErrorLike), operationId, violations };
    }
    return { status: output.statusCode, headers, body: payload, operationId, violations };
  }
}

function parseBody(request: MockRequest): unknown {
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

function searchParamsToNameValues(searchParams: URLSearchParams): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    params[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return params;
}

function stripUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

const toViolation =
  (prefix: 'request' | 'response') =>
  (detail: PrismValidation): Violation => ({
    location: [prefix, ...(detail.path ?? [])],
    severity: SEVERITY[detail.severity] ?? String(detail.severity),
    code: detail.code,
    message: detail.message,
  });

function violationHeader(violations: Violation[]): string {
  const value = JSON.stringify(violations);
  return value.length > MAX_SAFE_HEADER_LENGTH
    ? `Too many violations! ${value.substring(0, MAX_SAFE_HEADER_LENGTH)}`
    : value;
}

function findHeader(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Prism's error answer: problem+json built by ProblemJsonError.toProblemJson. */
export function problemResponse(
  error: ProblemJsonErrorLike | { status: number; title: string; detail: string; name: string },
): MockResponse {
  const problem =
    error instanceof Error
      ? ProblemJsonError.toProblemJson(error as never)
      : { type: error.name, title: error.title, status: error.status, detail: error.detail };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  const extra = error instanceof Error ? error.additional?.headers : undefined;
  for (const [name, value] of Object.entries(extra ?? {})) headers[name] = String(value);
  return {
    status: (error as { status?: number }).status || 500,
    headers,
    body: JSON.stringify(problem),
    operationId: undefined,
    violations: [],
  };
}
