import {
  type ApiClient,
  type ApiError,
  basicAuth,
  type CommonClientOptions,
  createApiClient,
  nextUrlStrategy,
} from '@lms-apis/client-core';
import type { components, paths } from './generated/schema.js';

// One install is enough: the error class and helpers come with the client.
export {
  ApiError,
  type ApiErrorKind,
  type HeadersLike,
  isApiError,
  isWebhookError,
  type PaginateOptions,
  type RetryOptions,
  type WebhookDelivery,
  WebhookError,
  type WebhookErrorKind,
  type WebhookRequest,
} from '@lms-apis/client-core';
export type { components, operations, paths, webhooks } from './generated/schema.js';
export {
  type ParseWebhookOptions,
  parseWebhook,
  type SkilljarWebhookEvent,
  type SkilljarWebhookEventOf,
  type SkilljarWebhookEventType,
} from './webhooks.js';

/**
 * Django REST framework's error bodies: `{ detail }` (401, 404) or, for invalid input (400), a map
 * of field names to lists of messages.
 */
export type SkilljarErrorBody =
  | components['schemas']['ErrorDetail']
  | components['schemas']['ValidationErrorBody'];
export type SkilljarApiError = ApiError<SkilljarErrorBody>;
export type SkilljarClient = ApiClient<paths, 'results'>;

export const SKILLJAR_BASE_URL = 'https://api.skilljar.com';

export interface SkilljarClientOptions extends CommonClientOptions {
  /** Your organization's API key (sent as the Basic username, with an empty password). */
  apiKey: string;
  /** Defaults to https://api.skilljar.com; point it at the mock server in tests. */
  baseUrl?: string;
}

/**
 * A client for the Skilljar API v1. List operations page through `next` links.
 *
 * @example
 * const skilljar = createSkilljarClient({ apiKey: process.env.SKILLJAR_API_KEY! });
 * for await (const course of skilljar.paginate('/v1/courses')) console.log(course.title);
 */
export function createSkilljarClient(options: SkilljarClientOptions): SkilljarClient {
  const { apiKey, baseUrl = SKILLJAR_BASE_URL, ...rest } = options;
  if (typeof apiKey !== 'string' || apiKey === '')
    throw new TypeError('createSkilljarClient: apiKey is required.');
  return createApiClient<paths, 'results'>({
    ...rest,
    baseUrl,
    auth: basicAuth({ username: apiKey, password: '' }),
    pagination: nextUrlStrategy(),
    responseSpec: loadResponseSpec,
  });
}

/** The spec `validateResponses` checks against: a separate chunk, loaded only when the option is on. */
const loadResponseSpec = () => import('./generated/drift-spec.js').then((module) => module.default);
