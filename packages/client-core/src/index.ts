export { type BasicCredentials, basicAuth } from './auth/basic.js';
export { type OAuth2ClientCredentialsOptions, oauth2ClientCredentials } from './auth/oauth2.js';
export { type SnworksJwtOptions, snworksJwt } from './auth/snworks-jwt.js';
export { bearerAuth, type IssuedToken, type TokenAuthOptions, tokenAuth } from './auth/token.js';
export {
  type ApiClient,
  type ApiClientConfig,
  type ApiMethod,
  type CommonClientOptions,
  createApiClient,
  type ItemOf,
  type OperationOf,
  type PageOf,
  type PaginatedPath,
} from './client.js';
export { type Clock, type ManualClock, manualClock, systemClock } from './clock.js';
export type { CallOptions } from './context.js';
export type { DriftSpec } from './drift/check.js';
export type { DriftFinding, DriftKind } from './drift/findings.js';
export { ApiError, type ApiErrorDrift, type ApiErrorKind, isApiError } from './errors.js';
export {
  cursorStrategy,
  type ItemsKey,
  nextUrlStrategy,
  type PaginateOptions,
  type PaginationStrategy,
  pageNumberStrategy,
  shortPageStrategy,
} from './paginate.js';
export { type RateLimits, TokenBucket, type TokenBucketOptions } from './rate-limit.js';
export { DEFAULT_RETRY, parseRetryAfter, type RetryOptions } from './retry.js';
export type { AttemptLog, ClientLogger } from './transport.js';
export type { DriftLogger, ValidateResponses } from './validate-responses.js';
export {
  type HeadersLike,
  isWebhookError,
  type ReceiveWebhookOptions,
  receiveWebhook,
  type StreamedRequest,
  type WebhookDelivery,
  WebhookError,
  type WebhookErrorKind,
  type WebhookReceiverConfig,
  type WebhookRequest,
  type WebhookSpec,
} from './webhooks/index.js';
