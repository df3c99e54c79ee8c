// Which of a session's webhooks an event goes to: the active ones whose event type is the event's
// or unset, once per URL (facts file, "Skilljar webhooks": "all active webhooks whose event_type
// matches (or is null) are notified"; the seed: one delivery per URL when several qualify).

import type { Item } from '../../store/store.js';
import type { WebhookLedger } from '../../store/webhook-ledger.js';
import type { StateContext } from './context.js';
import { collectionModel } from './resources.js';
import type { WebhookDeclaration } from './webhook-types.js';

export interface SubscribedTarget {
  url: string;
  webhookIds: string[];
  credentialFrom: string | null;
  /** The Basic `Authorization` header, when the chosen webhook was registered with a credential. */
  headers: Record<string, string>;
}

export function subscribedTargets(
  context: StateContext,
  declaration: WebhookDeclaration,
  ledger: WebhookLedger,
  eventType: string,
): SubscribedTarget[] {
  const { fields } = declaration;
  const model = collectionModel(context, declaration.collection);
  const webhooks = context.session.collection(context.api, declaration.collection, model.idField);
  const byUrl = new Map<string, Array<[id: string, webhook: Item]>>();
  for (const [id, webhook] of webhooks.items) {
    const url = webhook[fields.target];
    const type = webhook[fields.eventType];
    // A webhook registered without `active` is active (inferred: registering one is asking for
    // deliveries; only `active: false` stops them).
    if (typeof url !== 'string' || webhook[fields.active] === false) continue;
    if (type !== null && type !== undefined && type !== eventType) continue;
    byUrl.set(url, [...(byUrl.get(url) ?? []), [id, webhook]]);
  }
  return [...byUrl].map(([url, subscribed]) => {
    const [chosenId] = chosen(subscribed, fields.eventType, eventType);
    const credential = ledger.credential(context.session.name, chosenId);
    const headers: Record<string, string> = credential
      ? {
          Authorization: `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`,
        }
      : {};
    return {
      url,
      webhookIds: subscribed.map(([id]) => id),
      credentialFrom: credential ? chosenId : null,
      headers,
    };
  });
}

/**
 * The webhook whose credential one delivery to a shared URL carries. Not documented (the seed
 * says only that the URL gets one delivery); the mock picks the webhook registered for this very
 * event type over one registered for every event, since the receiver set that credential for this
 * event, and among equals the earliest registered (the store keeps registration order).
 */
function chosen(subscribed: Array<[string, Item]>, field: string, eventType: string): [string, Item] {
  return (subscribed.find(([, webhook]) => webhook[field] === eventType) ?? subscribed[0]) as [string, Item];
}
