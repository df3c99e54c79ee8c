// What an API declares about its webhooks (apis/<api>-webhooks.ts) and what the engine hands on
// for delivery. The engine (webhook-events.ts) never asks which API it serves.

import type { Item } from '../../store/store.js';
import type { StateContext, StateResult } from './context.js';

/** Ids naming the stored entities an event is about (`user_id`, `domain_name`, ...). */
export type EventIds = Record<string, string>;

/** A write that makes an event: an item created in (or changed in) a collection. */
export interface WriteTrigger {
  /** The collection's path template (`/v1/domains/{domain_name}/users`). */
  collection: string;
  /** `created`: a new item; else a test on the item before and after the write. */
  when: 'created' | ((previous: Item | undefined, item: Item) => boolean);
  /** The event's ids from the path's parameters, the written item and its key in the collection. */
  ids: (params: Record<string, string>, item: Item, id: string) => EventIds | undefined;
}

/** An operation whose success makes an event (an action that writes no collection of its own). */
export interface OperationTrigger {
  operationId: string;
  ids: (context: StateContext) => EventIds | undefined;
}

export interface EventDeclaration {
  /** The event type a webhook subscribes to (`COURSE_ENROLLMENT`). */
  type: string;
  /** What makes the event, in words with its source, for the README. */
  reason: string;
  on: Array<WriteTrigger | OperationTrigger>;
  /** The ids `POST /_webhooks/trigger` needs; optional ones are marked with a trailing `?`. */
  ids: string[];
  /** The body, from the stored entities the ids name; `missing` names the id that names nothing. */
  build: (context: StateContext, ids: EventIds) => Item | { missing: string; message: string };
}

export interface WebhookDeclaration {
  /** Where webhooks are registered (`/v1/webhooks`), and the fields that matter to delivery. */
  collection: string;
  fields: {
    target: string;
    eventType: string;
    active: string;
    /** The registration's HTTP Basic credential, kept aside: the webhook object may not show it. */
    basicUsername?: string;
    basicPassword?: string;
  };
  /** Headers every delivery carries (besides `Content-Type: application/json` and Basic auth). */
  headers: Record<string, string>;
  /** The API's answer refusing one field at registration (its own error shape). */
  refuse: (field: string, message: string) => StateResult;
  events: EventDeclaration[];
}

/** One POST the engine hands to the deliverer: one event to one URL. */
export interface OutgoingDelivery {
  api: string;
  session: string;
  eventType: string;
  body: Item;
  targetUrl: string;
  webhookIds: string[];
  /** The webhook whose credential is sent, when one is. */
  credentialFrom: string | null;
  headers: Record<string, string>;
}

/** What the server gives the engine: the relay guard and the deliverer. */
export interface WebhookHooks {
  /** Why the mock would not deliver to this target, or undefined when it may. */
  targetRefusal(targetUrl: unknown): string | undefined;
  /** Queues a delivery and returns at once: the API call that caused it never waits for it. */
  deliver(delivery: OutgoingDelivery): void;
}
