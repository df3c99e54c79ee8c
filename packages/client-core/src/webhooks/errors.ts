import type { DriftFinding } from '../drift/findings.js';

/**
 * Why a webhook delivery was refused:
 * - `unauthorized`: a Basic credential is configured and the delivery's `Authorization` header is
 *   missing, not Basic, or another credential (answer 401);
 * - `unsupported-media-type`: the body is not JSON by its `Content-Type` (answer 415);
 * - `invalid-body`: the body is not JSON, or departs from the webhook's schema (answer 400);
 * - `unknown-event`: the discriminator (`event_type`) names no webhook of the spec (answer 400).
 */
export type WebhookErrorKind = 'unauthorized' | 'unsupported-media-type' | 'invalid-body' | 'unknown-event';

const STATUS: Record<WebhookErrorKind, 400 | 401 | 415> = {
  unauthorized: 401,
  'unsupported-media-type': 415,
  'invalid-body': 400,
  'unknown-event': 400,
};

export interface WebhookErrorInit {
  kind: WebhookErrorKind;
  /** The webhook the body names, when it names one. */
  webhook?: string;
  /** The findings that refused the body (kind `invalid-body`, `unknown-event`). */
  findings?: readonly DriftFinding[];
  /** The sentence that says what was wrong, without credentials. */
  detail: string;
  cause?: unknown;
}

/**
 * A refused webhook delivery. `status` is the answer a receiver should give, `findings` say where
 * the body departs from the spec (the same words as `validateResponses` and the mock's drift report).
 */
export class WebhookError extends Error {
  override readonly name = 'WebhookError';
  readonly kind: WebhookErrorKind;
  readonly status: 400 | 401 | 415;
  readonly webhook: string | undefined;
  readonly findings: readonly DriftFinding[];

  constructor(init: WebhookErrorInit) {
    super(
      `Webhook delivery refused${init.webhook ? ` (${init.webhook})` : ''}: ${init.detail}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.kind = init.kind;
    this.status = STATUS[init.kind];
    this.webhook = init.webhook;
    this.findings = init.findings ?? [];
  }
}

export function isWebhookError(error: unknown): error is WebhookError {
  return error instanceof WebhookError;
}
