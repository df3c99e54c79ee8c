// Webhooks in stateful mode: events made by the store's writes (or by an action's success),
// declared per API (WebhookDeclaration), built from the stored entities and handed to the
// deliverer for every matching webhook of the session. Around every state answer: a registration
// whose target the mock would not deliver to is refused before anything is stored; the writes of
// a successful answer are watched and turned into events.

import { isPlainObject } from '../../core/schema.js';
import type { StoreWrite } from '../../store/store.js';
import type { WebhookLedger } from '../../store/webhook-ledger.js';
import type { StateContext, StateResult } from './context.js';
import { subscribedTargets } from './webhook-targets.js';
import type {
  EventDeclaration,
  EventIds,
  OperationTrigger,
  WebhookDeclaration,
  WebhookHooks,
  WriteTrigger,
} from './webhook-types.js';

export type TriggerOutcome =
  | { fired: { event_type: string; body: Record<string, unknown>; targets: string[] } }
  | { refused: { field: string; message: string } };

export class WebhookEvents {
  constructor(
    private readonly declaration: WebhookDeclaration,
    private readonly hooks: WebhookHooks,
    private readonly ledger: WebhookLedger,
  ) {}

  /** Where the API's webhooks are registered. */
  get collection(): string {
    return this.declaration.collection;
  }

  /** The state answer, with the registration guard before it and the events of its writes after. */
  around(context: StateContext, answer: (context: StateContext) => StateResult): StateResult {
    const registering =
      context.operation.kind === 'create' && context.operation.template === this.declaration.collection;
    const body = isPlainObject(context.body) ? context.body : {};
    if (registering) {
      const field = this.declaration.fields.target;
      const refusal = this.hooks.targetRefusal(body[field]);
      if (refusal) return this.declaration.refuse(field, refusal);
    }
    const writes: StoreWrite[] = [];
    const stop = context.session.observe((write) => writes.push(write));
    let result: StateResult;
    try {
      result = answer(context);
    } finally {
      stop();
    }
    if (!('status' in result) || result.status < 200 || result.status >= 300) return result;
    if (registering) this.keepCredential(context, body, writes);
    for (const [event, ids] of this.eventsOf(context, writes)) this.fire(context, event, ids);
    return result;
  }

  /** `POST /_webhooks/trigger`: an event from stored entities, without the flow that makes it. */
  trigger(context: StateContext, input: Record<string, unknown>): TriggerOutcome {
    const known = this.declaration.events.map((event) => event.type);
    const event = this.declaration.events.find((candidate) => candidate.type === input.event_type);
    if (!event)
      return {
        refused: {
          field: 'event_type',
          message: `event_type must be one of ${known.join(', ')}; got ${JSON.stringify(input.event_type)}.`,
        },
      };
    const ids: EventIds = {};
    for (const name of event.ids) {
      const key = name.replace(/\?$/, '');
      const value = input[key];
      if (typeof value === 'string' || typeof value === 'number') ids[key] = String(value);
      else if (!name.endsWith('?'))
        return { refused: { field: key, message: `${event.type} needs ${key} (a string).` } };
    }
    const built = event.build(context, ids);
    if (isMissing(built)) return { refused: { field: built.missing, message: built.message } };
    const targets = this.dispatch(context, event.type, built);
    return { fired: { event_type: event.type, body: built, targets } };
  }

  private keepCredential(context: StateContext, body: Record<string, unknown>, writes: StoreWrite[]): void {
    const { basicUsername, basicPassword } = this.declaration.fields;
    const username = basicUsername ? body[basicUsername] : undefined;
    if (typeof username !== 'string' || username === '') return;
    const password = basicPassword ? body[basicPassword] : undefined;
    const created = writes.find(
      (write) => write.previous === undefined && write.key.endsWith(` ${this.declaration.collection}`),
    );
    if (!created) return;
    this.ledger.setCredential(context.session.name, created.id, {
      username,
      password: typeof password === 'string' ? password : '',
    });
  }

  /** The events the writes (or the operation) made, in the order they happened. */
  private eventsOf(context: StateContext, writes: StoreWrite[]): Array<[EventDeclaration, EventIds]> {
    const events: Array<[EventDeclaration, EventIds]> = [];
    const prefix = `${context.api} `;
    for (const write of writes) {
      if (!write.key.startsWith(prefix)) continue;
      const path = write.key.slice(prefix.length);
      for (const event of this.declaration.events)
        for (const trigger of event.on) {
          if (!('collection' in trigger)) continue;
          const ids = idsOfWrite(trigger, path, write);
          if (ids) events.push([event, ids]);
        }
    }
    for (const event of this.declaration.events)
      for (const trigger of event.on)
        if ('operationId' in trigger && trigger.operationId === context.operation.operationId) {
          const ids = (trigger as OperationTrigger).ids(context);
          if (ids) events.push([event, ids]);
        }
    return events;
  }

  private fire(context: StateContext, event: EventDeclaration, ids: EventIds): void {
    const built = event.build(context, ids);
    // A write names its entities, so they are stored; a body that cannot be built is not sent.
    if (!isMissing(built)) this.dispatch(context, event.type, built);
  }

  /** Hands the event to the deliverer once per target URL; returns the URLs. */
  private dispatch(context: StateContext, eventType: string, body: Record<string, unknown>): string[] {
    // Never a delivery to a target the mock may not call (a seeded webhook on example.com).
    const targets = subscribedTargets(context, this.declaration, this.ledger, eventType).filter(
      (target) => this.hooks.targetRefusal(target.url) === undefined,
    );
    for (const target of targets)
      this.hooks.deliver({
        api: context.api,
        session: context.session.name,
        eventType,
        body,
        targetUrl: target.url,
        webhookIds: target.webhookIds,
        credentialFrom: target.credentialFrom,
        headers: { ...this.declaration.headers, ...target.headers },
      });
    return targets.map((target) => target.url);
  }
}

function isMissing(built: object): built is { missing: string; message: string } {
  return typeof (built as { missing?: unknown }).missing === 'string';
}

/** The ids of an event a write makes, when the write is the trigger's. */
function idsOfWrite(trigger: WriteTrigger, path: string, write: StoreWrite): EventIds | undefined {
  const params = paramsOf(trigger.collection, path);
  if (!params) return undefined;
  const fires =
    trigger.when === 'created' ? write.previous === undefined : trigger.when(write.previous, write.item);
  return fires ? trigger.ids(params, write.item, write.id) : undefined;
}

/** The path's parameters when it is a concrete path of the template, else undefined. */
function paramsOf(template: string, path: string): Record<string, string> | undefined {
  const names = template.split('/');
  const values = path.split('/');
  if (names.length !== values.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i] as string;
    const param = /^\{([^}]+)\}$/.exec(name)?.[1];
    if (param) params[param] = values[i] as string;
    else if (name !== values[i]) return undefined;
  }
  return params;
}
