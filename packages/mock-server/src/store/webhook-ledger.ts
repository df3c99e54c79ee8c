// Webhooks' state beside the API's collections: the credential each webhook was registered with
// (an API may not show it, so it is not in the stored webhook object) and the journal of
// deliveries, per session. Bounded: sessions kept, deliveries per session.

/** The HTTP Basic credential a webhook was registered with. */
export interface WebhookCredential {
  username: string;
  password: string;
}

/** One try to POST an event to a target. */
export interface DeliveryAttempt {
  at: string;
  /** The receiver's status; undefined when no answer came (connection error, timeout). */
  status?: number;
  error?: string;
  duration_ms: number;
}

export interface DeliveryRecord {
  id: string;
  api: string;
  session: string;
  event_type: string;
  target_url: string;
  /** Every webhook this delivery stands for (several webhooks on one URL get one delivery). */
  webhook_ids: string[];
  /** The webhook whose credential the delivery carries, if any. */
  credential_from: string | null;
  created_at: string;
  /** `pending` until a 2xx (`delivered`) or the last retry failed (`failed`). */
  state: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  /** When the next attempt is due, while `pending` after a failure. */
  next_attempt_at: string | null;
  body: unknown;
}

/** Deliveries kept per session; the oldest go first. */
export const MAX_DELIVERIES_PER_SESSION = 500;

export class WebhookLedger {
  private readonly credentials = new Map<string, Map<string, WebhookCredential>>();
  private readonly deliveries = new Map<string, DeliveryRecord[]>();
  private counter = 0;

  constructor(private readonly maxSessions: number) {}

  setCredential(session: string, webhookId: string, credential: WebhookCredential): void {
    this.perSession(this.credentials, session, () => new Map()).set(webhookId, credential);
  }

  credential(session: string, webhookId: string): WebhookCredential | undefined {
    return this.credentials.get(session)?.get(webhookId);
  }

  /** One session's credentials (its webhooks went back to the seed), or every session's. */
  forgetCredentials(session: string | undefined): void {
    if (session === undefined) this.credentials.clear();
    else this.credentials.delete(session);
  }

  /** A new delivery, `pending` with no attempt yet. */
  open(fields: Omit<DeliveryRecord, 'id' | 'state' | 'attempts' | 'next_attempt_at'>): DeliveryRecord {
    this.counter += 1;
    const record: DeliveryRecord = {
      id: `dlv_${this.counter}`,
      ...fields,
      state: 'pending',
      attempts: [],
      next_attempt_at: null,
    };
    const list = this.perSession(this.deliveries, fields.session, () => []);
    list.push(record);
    if (list.length > MAX_DELIVERIES_PER_SESSION) list.shift();
    return record;
  }

  list(session: string): DeliveryRecord[] {
    return this.deliveries.get(session) ?? [];
  }

  clear(session: string | undefined): void {
    if (session === undefined) this.deliveries.clear();
    else this.deliveries.delete(session);
  }

  private perSession<T>(map: Map<string, T>, session: string, make: () => T): T {
    let value = map.get(session);
    if (value === undefined) {
      // Least recently created first: past the cap, the oldest session's entries go.
      if (map.size >= this.maxSessions) map.delete(map.keys().next().value as string);
      value = make();
      map.set(session, value);
    }
    return value;
  }
}
