// Receiving an API's webhooks: check a delivery's credential and body against the spec.
export { isWebhookError, WebhookError, type WebhookErrorKind } from './errors.js';
export type { HeadersLike, StreamedRequest, WebhookDelivery, WebhookRequest } from './input.js';
export { type ReceiveWebhookOptions, receiveWebhook, type WebhookReceiverConfig } from './receive.js';
export type { WebhookSpec } from './spec.js';
