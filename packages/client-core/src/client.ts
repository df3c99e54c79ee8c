import createClient, {
  type FetchOptions,
  type FetchResponse,
  type HeadersOptions,
  type Middleware,
  mergeHeaders,
  type QuerySerializerOptions,
} from 'openapi-fetch';
import type {
  HttpMethod,
  MediaType,
  PathsWithMethod,
  RequiredKeysOf,
  ResponseObjectMap,
  SuccessResponse,
} from 'openapi-typescript-helpers';
import { staticHeadersOf } from './auth/static-headers.js';
import { stampCalls } from './call-stamp.js';
import type { Clock } from './clock.js';
import { attemptsOf, type CallOptions } from './context.js';
import { RequestDraft } from './draft.js';
import type { DriftSpec } from './drift/check.js';
import { ApiError, apiErrorFromResponse, findRequestId } from './errors.js';
import {
  type ItemsKey,
  itemsOf,
  type PaginateOptions,
  type PaginationStrategy,
  type Query,
  walkPages,
} from './paginate.js';
import { RateLimiter, type RateLimits } from './rate-limit.js';
import type { RetryOptions } from './retry.js';
import { type ClientLogger, createTransport, type FetchFn } from './transport.js';
import {
  type DriftLogger,
  type ValidateResponses,
  validateResponsesMiddleware,
} from './validate-responses.js';

export interface ApiClientConfig {
  /** Server URL the spec paths are appended to, e.g. `https://api.skilljar.com`. */
  baseUrl: string;
  /** Auth middleware (basicAuth, bearerAuth, oauth2ClientCredentials, snworksJwt...). */
  auth?: Middleware;
  /** Retry policy for every call (per-call `retry` overrides it); `false` disables retries. */
  retry?: Partial<RetryOptions> | false;
  /** Per-attempt timeout in ms (default 30 000; `0` disables it). */
  timeoutMs?: number;
  /** Client-side token buckets, keyed by OpenAPI path template or `*`. */
  rateLimits?: RateLimits;
  /** Throw an ApiError for non-2xx answers instead of returning `{ error }`. */
  throwOnError?: boolean;
  /** How list operations page. */
  pagination: PaginationStrategy;
  querySerializer?: QuerySerializerOptions;
  headers?: HeadersOptions;
  /** The fetch to send with (defaults to globalThis.fetch); tests inject one. */
  fetch?: FetchFn;
  /** Receives one line per attempt (never headers or bodies), and drift warnings. */
  logger?: ClientLogger & Partial<DriftLogger>;
  /**
   * Check every answer against the spec: `off` (default), `warn` (through `logger.warn`, else
   * `console.warn`) or `throw` (an `ApiError` of kind `drift`).
   */
  validateResponses?: ValidateResponses;
  /**
   * Where retries, rate limits, timeouts and polling read the time and wait (default: the system
   * clock).
   * Pass the same `manualClock()` to the auth strategy to move token expiry too.
   */
  clock?: Clock;
  /** Loads the spec the answers are checked against (each API's factory passes its own). */
  responseSpec?: () => Promise<DriftSpec>;
}

/**
 * The options every API client factory passes through to `createApiClient` unchanged; the
 * factory itself decides the base URL, auth, serializer, limits and pagination.
 */
export type CommonClientOptions = Partial<
  Pick<
    ApiClientConfig,
    'retry' | 'timeoutMs' | 'throwOnError' | 'fetch' | 'logger' | 'headers' | 'validateResponses' | 'clock'
  >
>;

type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & CallOptions)?] : [Init & CallOptions];

type Operation = Record<string | number, unknown>;

/** The operation object of `Paths[P][M]`, or never when the path has no such method. */
export type OperationOf<Paths, P, M extends HttpMethod> = P extends keyof Paths
  ? Paths[P] extends { [K in M]: infer O extends Operation }
    ? O
    : never
  : never;

/** openapi-fetch's per-call init for an operation, optional when nothing in it is required. */
type InitOf<O> =
  RequiredKeysOf<FetchOptions<O>> extends never ? FetchOptions<O> | undefined : FetchOptions<O>;

/** An openapi-fetch method whose init also takes per-call `retry` and `timeoutMs`. */
export type ApiMethod<Paths extends {}, M extends HttpMethod> = <
  P extends PathsWithMethod<Paths, M>,
  Init extends InitOf<OperationOf<Paths, P, M>>,
>(
  url: P,
  ...init: InitParam<Init>
) => Promise<FetchResponse<OperationOf<Paths, P, M>, Init, MediaType>>;

/**
 * The parsed 2xx body of a GET. (openapi-fetch wraps bodies in `Readable<>` to strip readOnly /
 * writeOnly markers; the generated types here have none, and the deep mapped type is what made
 * consumers' type-checks slow, so pages are used as generated.)
 */
export type PageOf<Paths extends {}, P> = SuccessResponse<
  ResponseObjectMap<OperationOf<Paths, P, 'get'>>,
  MediaType
>;

/** The item type of a page, given where the API keeps items. */
export type ItemOf<Page, K extends ItemsKey> = K extends 'array'
  ? Page extends readonly unknown[]
    ? Page[number]
    : never
  : K extends keyof Page
    ? NonNullable<Page[K]> extends readonly unknown[]
      ? NonNullable<Page[K]>[number]
      : never
    : never;

/** GET paths whose answer is a page of items: the only ones `paginate` accepts. */
export type PaginatedPath<Paths extends {}, K extends ItemsKey> = {
  [P in PathsWithMethod<Paths, 'get'>]: [ItemOf<PageOf<Paths, P>, K>] extends [never] ? never : P;
}[PathsWithMethod<Paths, 'get'>];

type GetInit<Paths extends {}, P> = NonNullable<InitOf<OperationOf<Paths, P, 'get'>>> & CallOptions;

type PaginateArgs<Paths extends {}, P> =
  RequiredKeysOf<FetchOptions<OperationOf<Paths, P, 'get'>>> extends never
    ? [init?: GetInit<Paths, P>, options?: PaginateOptions]
    : [init: GetInit<Paths, P>, options?: PaginateOptions];

export interface ApiClient<Paths extends {}, K extends ItemsKey> {
  GET: ApiMethod<Paths, 'get'>;
  PUT: ApiMethod<Paths, 'put'>;
  POST: ApiMethod<Paths, 'post'>;
  DELETE: ApiMethod<Paths, 'delete'>;
  PATCH: ApiMethod<Paths, 'patch'>;
  HEAD: ApiMethod<Paths, 'head'>;
  OPTIONS: ApiMethod<Paths, 'options'>;
  /** Add openapi-fetch middleware (runs after auth is applied). */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
  /** Every item of a list operation, page after page. */
  paginate<P extends PaginatedPath<Paths, K>>(
    path: P,
    ...args: PaginateArgs<Paths, P>
  ): AsyncGenerator<ItemOf<PageOf<Paths, P>, K>, void, undefined>;
  /** Every page of a list operation. */
  pages<P extends PaginatedPath<Paths, K>>(
    path: P,
    ...args: PaginateArgs<Paths, P>
  ): AsyncGenerator<PageOf<Paths, P>, void, undefined>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

const throwOnErrorMiddleware: Middleware = {
  async onResponse({ request, response, schemaPath }) {
    if (response.ok) return undefined;
    throw await apiErrorFromResponse(response, {
      operation: `${request.method} ${schemaPath}`,
      method: request.method,
      url: request.url,
      attempts: attemptsOf(response),
    });
  },
};

/**
 * Builds a typed client on openapi-fetch with this repo's one implementation of auth, retries,
 * rate limits, timeouts, errors and pagination. Each API's package wraps this in a small factory.
 */
export function createApiClient<Paths extends {}, K extends ItemsKey>(
  config: ApiClientConfig,
): ApiClient<Paths, K> {
  if (typeof config.baseUrl !== 'string' || !/^https?:\/\//.test(config.baseUrl)) {
    throw new TypeError(`baseUrl must be an absolute http(s) URL, got ${JSON.stringify(config.baseUrl)}.`);
  }
  const parsedBase = new URL(config.baseUrl);
  if (parsedBase.username || parsedBase.password) {
    // fetch refuses such URLs anyway; say why without echoing the credentials.
    throw new TypeError(
      `baseUrl must not contain credentials (${parsedBase.host}); pass them as \`auth\` instead.`,
    );
  }
  // The init carries the transport's per-attempt timeout signal: it must reach fetch.
  const baseFetch: FetchFn = config.fetch ?? ((request, init) => globalThis.fetch(request, init));
  const transport = createTransport({
    fetch: baseFetch,
    retry: config.retry,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(config.rateLimits ? { rateLimiter: new RateLimiter(config.rateLimits, config.clock) } : {}),
    ...(config.clock ? { clock: config.clock } : {}),
    ...(config.logger ? { logger: config.logger } : {}),
  });
  const validateResponses = config.validateResponses ?? 'off';
  if (
    !['off', 'warn', 'throw'].includes(validateResponses) ||
    (validateResponses !== 'off' && !config.responseSpec)
  )
    throw new TypeError(
      `validateResponses: 'off', 'warn' or 'throw' (with responseSpec), got ${validateResponses}.`,
    );
  // Credentials that never change travel as default headers rather than through a middleware.
  const staticAuth = config.auth ? staticHeadersOf(config.auth) : undefined;
  // A plain object, as a caller of bare openapi-fetch would pass: openapi-fetch merges the default
  // headers on every call, and walking a Headers object costs more than an object's keys.
  const headers = staticAuth
    ? { ...Object.fromEntries(mergeHeaders(config.headers)), ...staticAuth }
    : config.headers;
  // With the platform's fetch, openapi-fetch hands the transport a draft rather than a Request
  // (draft.ts): fetch then builds one Request per attempt instead of two. A fetch of the caller's
  // is given Requests, as its signature says.
  const drafting = config.fetch === undefined;
  const client = createClient<Paths>({
    baseUrl: config.baseUrl,
    fetch: transport,
    ...(drafting ? { Request: RequestDraft as unknown as typeof Request } : {}),
    ...(config.querySerializer ? { querySerializer: config.querySerializer } : {}),
    ...(headers ? { headers } : {}),
  });
  stampCalls(client as unknown as Record<string, unknown>);
  // onResponse runs in reverse order: auth renews first, then errors are thrown.
  if (config.throwOnError) client.use(throwOnErrorMiddleware);
  // Between the two: onResponse runs in reverse, so auth renews, then the final answer is
  // checked for drift, then an error status is thrown.
  if (validateResponses !== 'off' && config.responseSpec)
    client.use(validateResponsesMiddleware(validateResponses, config.responseSpec, config.logger));
  if (config.auth && !staticAuth) client.use(config.auth);

  const strategy = config.pagination;

  async function* pages(path: string, init: GetInitLoose = {}, options: PaginateOptions = {}) {
    const fetchPage = async (query: Query, signal: AbortSignal | undefined) => {
      const pageInit = { ...init, params: { ...init.params, query }, ...(signal ? { signal } : {}) };
      const get = client.GET as unknown as (url: string, init: GetInitLoose) => Promise<LooseResult>;
      const result = await get(path, pageInit);
      if (result.error !== undefined || !result.response.ok) {
        throw new ApiError({
          kind: 'http',
          operation: `GET ${path}`,
          method: 'GET',
          url: result.response.url,
          status: result.response.status,
          attempts: attemptsOf(result.response),
          requestId: findRequestId(result.response.headers, result.error),
          body: result.error,
          response: result.response,
        });
      }
      return result.data;
    };
    yield* walkPages(fetchPage, strategy, path, { ...init.params?.query }, options, config.clock);
  }

  async function* paginate(path: string, init?: GetInitLoose, options?: PaginateOptions) {
    for await (const page of pages(path, init, options)) yield* itemsOf(page, strategy.itemsKey);
  }

  return Object.assign(client, { pages, paginate }) as unknown as ApiClient<Paths, K>;
}

interface GetInitLoose {
  params?: { query?: Query; path?: Record<string, unknown>; header?: Record<string, unknown> };
  [key: string]: unknown;
}

interface LooseResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}
