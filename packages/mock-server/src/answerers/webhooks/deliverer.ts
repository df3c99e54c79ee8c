// Webhook deliveries: one POST of one event to one URL, outside any request's steps. Queued when
// the event happens and sent once the API call that caused it has answered, so a slow or failing
// receiver never delays or fails that call; deliveries are not API requests, so no rate limit
// counts them. A failure (no answer, or a status outside 2xx) is retried after each of the
// retry delays in turn (the mock's own schedule: the vendor's retry policy is not documented).
// Every attempt is written to the session's delivery journal (`GET /_webhooks`).

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { DeliveryAttempt, DeliveryRecord, WebhookLedger } from '../../store/webhook-ledger.js';
import type { OutgoingDelivery } from '../state/webhook-types.js';

/** The mock's retry schedule: 1 s, 10 s, then 60 s after the first, second and third failure. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 10_000, 60_000];

/** A receiver that has not answered after this long counts as a failed attempt. */
const ATTEMPT_TIMEOUT_MS = 10_000;

export interface DelivererOptions {
  ledger: WebhookLedger;
  retryDelaysMs: readonly number[];
  /** Checked again before every attempt: no request ever leaves for a host the mock may not call. */
  targetRefusal(targetUrl: string): string | undefined;
}

export class WebhookDeliverer {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: DelivererOptions) {}

  deliver(delivery: OutgoingDelivery): void {
    if (this.closed) return;
    const record = this.options.ledger.open({
      api: delivery.api,
      session: delivery.session,
      event_type: delivery.eventType,
      target_url: delivery.targetUrl,
      webhook_ids: delivery.webhookIds,
      credential_from: delivery.credentialFrom,
      created_at: new Date().toISOString(),
      body: delivery.body,
    });
    this.later(0, () => this.attempt(record, delivery, 0));
  }

  /** Stops every pending retry (the server is closing); their deliveries stay `pending` in the journal. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(delayMs: number, run: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, delayMs);
    // A pending retry never keeps the process alive.
    timer.unref();
    this.timers.add(timer);
  }

  private async attempt(record: DeliveryRecord, delivery: OutgoingDelivery, failures: number): Promise<void> {
    const refusal = this.options.targetRefusal(delivery.targetUrl);
    const started = Date.now();
    const outcome = refusal ? { error: refusal } : await post(delivery);
    const attempt: DeliveryAttempt = {
      at: new Date(started).toISOString(),
      ...outcome,
      duration_ms: Date.now() - started,
    };
    record.attempts.push(attempt);
    if (attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300) {
      record.state = 'delivered';
      record.next_attempt_at = null;
      return;
    }
    const delay = this.options.retryDelaysMs[failures];
    if (refusal || this.closed || delay === undefined) {
      record.state = 'failed';
      record.next_attempt_at = null;
      return;
    }
    record.next_attempt_at = new Date(Date.now() + delay).toISOString();
    this.later(delay, () => this.attempt(record, delivery, failures + 1));
  }
}

/** One POST; resolves with the receiver's status or the error that stopped it (never rejects). */
function post(delivery: OutgoingDelivery): Promise<{ status: number } | { error: string }> {
  const payload = Buffer.from(JSON.stringify(delivery.body));
  const url = new URL(delivery.targetUrl);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(url, {
      method: 'POST',
      // No pooled sockets: a delivery is one request, and nothing lingers when the mock closes.
      agent: false,
      timeout: ATTEMPT_TIMEOUT_MS,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(payload.length),
        ...delivery.headers,
      },
    });
    // Redirects are not followed: a 3xx is a failed attempt (following one could leave loopback).
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${ATTEMPT_TIMEOUT_MS} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(payload);
  });
}
