// Webhook delivery as the server wires it: the relay guard (core/relay-guard.ts) and the
// deliverer, given to each API's state answerer as its WebhookHooks.
import { targetRefusal } from '../../core/relay-guard.js';
import type { WebhookLedger } from '../../store/webhook-ledger.js';
import type { WebhookHooks } from '../state/webhook-types.js';
import { DEFAULT_RETRY_DELAYS_MS, WebhookDeliverer } from './deliverer.js';

export { DEFAULT_RETRY_DELAYS_MS } from './deliverer.js';

export interface WebhookDelivery {
  hooks: WebhookHooks;
  /** Cancels pending retries (the server is closing). */
  close(): void;
}

export function webhookDelivery(options: {
  ledger: WebhookLedger;
  allow?: readonly string[] | undefined;
  retryDelaysMs?: readonly number[] | undefined;
}): WebhookDelivery {
  const retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  if (!retryDelaysMs.every((delay) => Number.isFinite(delay) && delay >= 0 && delay <= 3_600_000))
    throw new RangeError(
      `webhookRetryDelaysMs must be ms from 0 to 3600000, got ${retryDelaysMs.join(', ')}.`,
    );
  const allow = options.allow ?? [];
  const refusal = (url: unknown) => targetRefusal(url, allow);
  const deliverer = new WebhookDeliverer({ ledger: options.ledger, retryDelaysMs, targetRefusal: refusal });
  return {
    hooks: { targetRefusal: refusal, deliver: (delivery) => deliverer.deliver(delivery) },
    close: () => deliverer.close(),
  };
}
