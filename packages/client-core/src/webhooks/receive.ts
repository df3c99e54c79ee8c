import type { BasicCredentials } from '../auth/basic.js';
import { WebhookError } from './errors.js';
import { readDelivery, type WebhookRequest } from './input.js';
import type { WebhookSpec } from './spec.js';

export interface ReceiveWebhookOptions {
  /**
   * The credential the webhook was registered with (Skilljar: `basic_auth_username` and
   * `basic_auth_password`). When set, a delivery without exactly this HTTP Basic credential is
   * refused before its body is read further.
   */
  basicAuth?: BasicCredentials;
  /**
   * Also refuse bodies with properties the spec does not describe. Off by default: an API may add
   * fields at any time, and a receiver should not drop deliveries for it.
   */
  strict?: boolean;
}

export interface WebhookReceiverConfig {
  /** The client's webhook spec (generated `src/generated/webhook-spec.ts`), loaded on first use. */
  loadSpec: () => Promise<WebhookSpec>;
  /** The body property that names the webhook (Skilljar: `event_type`, each webhook's name). */
  discriminator: string;
}

/**
 * Checks one delivery and returns its body: the credential (when one is configured), that the body
 * is JSON, that its discriminator names a webhook of the spec, and that it matches that webhook's
 * schema. Throws a `WebhookError` (with the status to answer) otherwise. The caller types the
 * result: the body matched the schema its generated type was built from.
 */
export async function receiveWebhook(
  config: WebhookReceiverConfig,
  request: WebhookRequest,
  options: ReceiveWebhookOptions = {},
): Promise<unknown> {
  const delivery = await readDelivery(request);
  if (options.basicAuth) checkBasic(delivery.header('authorization'), options.basicAuth);
  const body = parseBody(delivery.header('content-type'), delivery.body);
  const [spec, { checkWebhookBody }] = await Promise.all([config.loadSpec(), import('./check-body.js')]);
  checkWebhookBody(spec, config.discriminator, body, options.strict === true);
  return body;
}

function parseBody(contentType: string | undefined, body: { text: string } | { parsed: unknown }): unknown {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType && mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    throw new WebhookError({
      kind: 'unsupported-media-type',
      detail: `Content-Type is ${mediaType}; a webhook body is application/json.`,
    });
  }
  if ('parsed' in body) return body.parsed;
  try {
    return JSON.parse(body.text);
  } catch (cause) {
    throw new WebhookError({
      kind: 'invalid-body',
      detail: `the body is not JSON (${(cause as Error).message}).`,
      cause,
    });
  }
}

/** Basic credentials, compared in constant time so answer timing does not leak the password. */
function checkBasic(authorization: string | undefined, { username, password = '' }: BasicCredentials) {
  if (!authorization) {
    throw new WebhookError({
      kind: 'unauthorized',
      detail:
        'no Authorization header; this receiver expects the HTTP Basic credential the webhook was registered with.',
    });
  }
  const [scheme = '', token = ''] = authorization.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() !== 'basic') {
    throw new WebhookError({
      kind: 'unauthorized',
      detail: `the Authorization header uses the ${scheme} scheme; this receiver expects HTTP Basic.`,
    });
  }
  if (!sameText(decodeBase64(token), `${username}:${password}`)) {
    throw new WebhookError({
      kind: 'unauthorized',
      detail: 'the HTTP Basic credential is not the one this receiver is configured with.',
    });
  }
}

function decodeBase64(token: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(token), (char) => char.charCodeAt(0)));
  } catch {
    return ''; // not base64: a credential that matches nothing
  }
}

function sameText(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  let difference = left.length ^ right.length;
  for (let index = 0; index < right.length; index += 1) {
    difference |= (left[index % Math.max(left.length, 1)] ?? 0) ^ (right[index] ?? 0);
  }
  return difference === 0;
}
