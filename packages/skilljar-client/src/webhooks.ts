import { type ReceiveWebhookOptions, receiveWebhook, type WebhookRequest } from '@lms-apis/client-core';
import type { webhooks } from './generated/schema.js';

type JsonBody<Operation> = Operation extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/**
 * Every event Skilljar POSTs to a webhook's `target_url`: a union discriminated on `event_type`,
 * generated from the spec's `webhooks` (one per `event_type` of `POST /v1/webhooks`). Only
 * `COURSE_ENROLLMENT` is documented field by field; the others are inferred (see each body's
 * description).
 */
export type SkilljarWebhookEvent = {
  [Name in keyof webhooks]: JsonBody<webhooks[Name]['post']>;
}[keyof webhooks];

/** `COURSE_ENROLLMENT`, `COURSE_COMPLETION`, ...: the events a webhook can be registered for. */
export type SkilljarWebhookEventType = SkilljarWebhookEvent['event_type'];

/** The body of one event type, e.g. `SkilljarWebhookEventOf<'COURSE_ENROLLMENT'>`. */
export type SkilljarWebhookEventOf<Type extends SkilljarWebhookEventType> = Extract<
  SkilljarWebhookEvent,
  { event_type: Type }
>;

/** `basicAuth`: the webhook's `basic_auth_username` and `basic_auth_password`; `strict`: see client-core. */
export type ParseWebhookOptions = ReceiveWebhookOptions;

const receiver = {
  // Loaded on the first delivery: an API client that never receives webhooks never loads it.
  loadSpec: () => import('./generated/webhook-spec.js').then((module) => module.default),
  discriminator: 'event_type',
};

/**
 * Checks a Skilljar webhook delivery and returns its event, typed by `event_type`. With `basicAuth`
 * (the credential the webhook was registered with), a delivery without exactly that HTTP Basic
 * credential is refused. The body must be JSON, name a known `event_type` and match that event's
 * schema; properties the spec does not list are accepted (unless `strict`). Otherwise it throws a
 * `WebhookError` whose `status` (401, 415, 400) is the answer to give and whose message names the
 * field and what the spec expects.
 *
 * @example
 * const event = await parseWebhook(req, { basicAuth: { username: 'hook-user', password } });
 * if (event.event_type === 'COURSE_ENROLLMENT') console.log(event.user.email, event.course.title);
 */
export async function parseWebhook(
  request: WebhookRequest,
  options?: ParseWebhookOptions,
): Promise<SkilljarWebhookEvent> {
  // The body matched the schema of its event_type, which is what the union's member was generated from.
  return (await receiveWebhook(receiver, request, options)) as SkilljarWebhookEvent;
}
