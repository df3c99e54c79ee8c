import {
  type ApiClient,
  type ApiError,
  bearerAuth,
  type CommonClientOptions,
  createApiClient,
  cursorStrategy,
  type RateLimits,
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

export type TrainingAssignment = components['schemas']['TrainingAssignment'];
export type TrainingCourse = components['schemas']['TrainingCourse'];
/** Samsara's `{ message, requestId }` error body. */
export type SamsaraErrorBody = components['schemas']['Error'];
export type SamsaraApiError = ApiError<SamsaraErrorBody>;
export type SamsaraClient = ApiClient<paths, 'data'>;

export const SAMSARA_REGIONS = {
  us: 'https://api.samsara.com',
  eu: 'https://api.eu.samsara.com',
  ca: 'https://api.ca.samsara.com',
} as const;

export type SamsaraRegion = keyof typeof SAMSARA_REGIONS;

const STREAM = '/training-assignments/stream';

/**
 * Samsara publishes 5 requests/second for the stream; staying under it avoids 429s. One at a
 * time, 200 ms apart (burst 1): a burst of 5 plus the refill would send 9 within the first
 * second, which an API counting any one second refuses.
 */
export const SAMSARA_RATE_LIMITS: RateLimits = { [STREAM]: { ratePerSecond: 5, burst: 1 } };

export interface SamsaraClientOptions extends CommonClientOptions {
  /** The API token (sent as `Authorization: Bearer <token>`), or a function returning it. */
  token: string | (() => string | Promise<string>);
  /** Which Samsara cloud to call (default `us`). */
  region?: SamsaraRegion;
  /** Overrides `region`, e.g. the mock server's URL. */
  baseUrl?: string;
  /** Client-side limits; defaults to 5 req/s on the stream. `false` turns them off. */
  rateLimits?: RateLimits | false;
}

/**
 * A client for Samsara's training API. Array filters are sent comma-separated
 * (`learnerIds=a,b`) as the API documents; the stream is paced at 5 requests/second.
 *
 * @example
 * const samsara = createSamsaraClient({ token: process.env.SAMSARA_TOKEN!, region: 'eu' });
 * for await (const assignment of samsara.paginate('/training-assignments/stream', {
 *   params: { query: { startTime: '2026-01-01T00:00:00Z', endTime: '2026-02-01T00:00:00Z' } },
 * })) console.log(assignment.id, assignment.status);
 */
export function createSamsaraClient(options: SamsaraClientOptions): SamsaraClient {
  const { token, region = 'us', baseUrl, rateLimits = SAMSARA_RATE_LIMITS, ...rest } = options;
  const host = SAMSARA_REGIONS[region];
  if (!host)
    throw new TypeError(
      `Unknown Samsara region "${region}". Use one of: ${Object.keys(SAMSARA_REGIONS).join(', ')}.`,
    );
  return createApiClient<paths, 'data'>({
    ...rest,
    baseUrl: baseUrl ?? host,
    auth: bearerAuth(token),
    querySerializer: { array: { style: 'form', explode: false } },
    ...(rateLimits ? { rateLimits } : {}),
    pagination: cursorStrategy({ cursorParam: 'after', pollPaths: [STREAM], pollUnless: 'endTime' }),
    responseSpec: loadResponseSpec,
  });
}

/** The spec `validateResponses` checks against: a separate chunk, loaded only when the option is on. */
const loadResponseSpec = () => import('./generated/drift-spec.js').then((module) => module.default);
