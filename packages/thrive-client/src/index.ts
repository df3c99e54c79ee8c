import {
  type ApiClient,
  type ApiClientConfig,
  type ApiError,
  basicAuth,
  type CommonClientOptions,
  createApiClient,
  oauth2ClientCredentials,
  shortPageStrategy,
} from '@lms-apis/client-core';
import type { components, paths } from './generated/schema.js';

// One install is enough: the error class and helpers come with the client.
export {
  ApiError,
  type ApiErrorKind,
  isApiError,
  type PaginateOptions,
  type RetryOptions,
} from '@lms-apis/client-core';
export type { components, operations, paths } from './generated/schema.js';

export type Assignment = components['schemas']['Assignment'];
export type AssignmentInput = components['schemas']['AssignmentInput'];
export type Completion = components['schemas']['Completion'];
/** Thrive's `{ status, error, message }` error body. */
export type ThriveErrorBody = components['schemas']['Error'];
export type ThriveApiError = ApiError<ThriveErrorBody>;
export type ThriveClient = ApiClient<paths, 'array'>;

/** Thrive's hosts; the REST API lives under `/rest/v1`, tokens under `/oauth2/token/<tenant>`. */
export const THRIVE_ENVIRONMENTS = {
  production: 'https://public.api.learn.link',
  staging: 'https://public.api.learnstaging.link',
  'production-mea': 'https://public.api.mea.learn.tech',
  'staging-mea': 'https://public.api.meastaging.learn.tech',
} as const;

export type ThriveEnvironment = keyof typeof THRIVE_ENVIRONMENTS;

const REST_PATH = '/rest/v1';

export type ThriveAuth =
  /** HTTP Basic: tenant ID as the username, API secret as the password. */
  | { type: 'basic'; tenantId: string; apiSecret: string }
  /**
   * OAuth 2.0 client credentials. The token URL is the environment's
   * `/oauth2/token/<tenantId>` unless given.
   */
  | {
      type: 'oauth2';
      tenantId: string;
      clientId: string;
      clientSecret: string;
      /** Space-separated scopes: `api/read`, `api/write` or `api/all`. */
      scope?: string;
      tokenUrl?: string;
    };

export interface ThriveClientOptions extends CommonClientOptions {
  auth: ThriveAuth;
  /** Which Thrive environment to call (default `production`). */
  environment?: ThriveEnvironment;
  /** Overrides `environment`: a base URL ending in `/rest/v1`, such as the mock server's. */
  baseUrl?: string;
}

/**
 * A client for the Thrive public REST API.
 *
 * @example
 * const thrive = createThriveClient({
 *   environment: 'staging',
 *   auth: { type: 'oauth2', tenantId: 'eu-west-2_AbcdEfghI', clientId, clientSecret, scope: 'api/all' },
 * });
 * for await (const assignment of thrive.paginate('/assignments', { params: { query: { perPage: 100 } } })) {
 *   console.log(assignment.id);
 * }
 */
export function createThriveClient(options: ThriveClientOptions): ThriveClient {
  const { auth, environment = 'production', baseUrl, ...rest } = options;
  const host = THRIVE_ENVIRONMENTS[environment];
  if (!host) {
    throw new TypeError(
      `Unknown Thrive environment "${environment}". Use one of: ${Object.keys(THRIVE_ENVIRONMENTS).join(', ')}.`,
    );
  }
  const apiBase = baseUrl ?? `${host}${REST_PATH}`;
  return createApiClient<paths, 'array'>({
    ...rest,
    baseUrl: apiBase,
    auth: thriveAuth(auth, apiBase, rest),
    pagination: shortPageStrategy({ pageParam: 'page', sizeParam: 'perPage' }),
    responseSpec: loadResponseSpec,
  });
}

function thriveAuth(
  auth: ThriveAuth,
  apiBase: string,
  { fetch, clock }: Pick<ApiClientConfig, 'fetch' | 'clock'>,
) {
  if (auth?.type === 'basic') return basicAuth({ username: auth.tenantId, password: auth.apiSecret });
  if (auth?.type === 'oauth2') {
    return oauth2ClientCredentials({
      tokenUrl: auth.tokenUrl ?? tokenUrlFor(apiBase, auth.tenantId),
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      ...(auth.scope ? { scope: auth.scope } : {}),
      ...(fetch ? { fetch } : {}),
      // Token expiry follows the client's clock, so a test moves both at once.
      ...(clock ? { clock } : {}),
    });
  }
  throw new TypeError('createThriveClient: auth must be { type: "basic", ... } or { type: "oauth2", ... }.');
}

/** The token endpoint on the same host as the API: `<host>/oauth2/token/<tenantId>`. */
export function tokenUrlFor(apiBase: string, tenantId: string): string {
  const trimmed = apiBase.replace(/\/+$/, '');
  if (!trimmed.endsWith(REST_PATH)) {
    throw new TypeError(
      `Cannot derive the token URL from ${apiBase} (it does not end in ${REST_PATH}); pass auth.tokenUrl.`,
    );
  }
  if (!tenantId) throw new TypeError('auth.tenantId is required to build the token URL.');
  return `${trimmed.slice(0, -REST_PATH.length)}/oauth2/token/${encodeURIComponent(tenantId)}`;
}

/** The spec `validateResponses` checks against: a separate chunk, loaded only when the option is on. */
const loadResponseSpec = () => import('./generated/drift-spec.js').then((module) => module.default);
