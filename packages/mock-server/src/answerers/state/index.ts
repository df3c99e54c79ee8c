// The state answerer's entry point: built once per API from its spec and behaviour declaration,
// asked per request whether (and how) the store answers it.

import { parseForm } from '../../core/form.js';
import type { Random } from '../../core/random.js';
import type { OpenApiDocument } from '../../core/specs.js';
import type { Seed, StateStore } from '../../store/store.js';
import type { StateBehaviour, StateContext, StateResult } from './context.js';
import { type ApiModel, buildApiModel, type OperationModel } from './resource-model.js';
import { answerWithRules } from './rules.js';
import { type TriggerOutcome, WebhookEvents } from './webhook-events.js';
import type { WebhookDeclaration, WebhookHooks } from './webhook-types.js';

export { Random } from '../../core/random.js';
export {
  CapacityError,
  DEFAULT_LIMITS,
  DEFAULT_SESSION,
  StateStore,
  type StoreLimits,
} from '../../store/store.js';
export type { StateResult } from './context.js';
export { type ApiModel, buildApiModel, type OperationModel } from './resource-model.js';
export type { TriggerOutcome } from './webhook-events.js';
export type { OutgoingDelivery, WebhookDeclaration, WebhookHooks } from './webhook-types.js';

export interface StateRequest {
  operationId: string;
  /** Path inside the API (after the prefix and base path), to read path parameters from. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  contentType: string | undefined;
  session: string;
  requestUrl: URL;
  /** The `Authorization` header, for rules that depend on the caller (SNworks locks). */
  authorization?: string;
}

export class StateAnswerer {
  readonly model: ApiModel;
  /** The API's webhook events, when it declares webhooks and the server delivers them. */
  private readonly events: WebhookEvents | undefined;
  constructor(
    readonly api: string,
    document: OpenApiDocument,
    readonly behaviour: StateBehaviour,
    private readonly store: StateStore,
    private readonly random: Random,
    /** The API's webhooks and the server's deliverer, when both exist (stateful mode). */
    webhooks?: { declaration: WebhookDeclaration; hooks: WebhookHooks },
  ) {
    this.model = buildApiModel(document, this.behaviour);
    this.events = webhooks && new WebhookEvents(webhooks.declaration, webhooks.hooks, store.webhooks);
  }

  /** Whether `POST /_webhooks/trigger` can fire this API's events. */
  get hasWebhooks(): boolean {
    return this.events !== undefined;
  }

  /** `POST /_webhooks/trigger`: one event from the session's stored entities. */
  trigger(session: string, input: Record<string, unknown>): TriggerOutcome | undefined {
    // The trigger reads the store as listing the webhooks does: no path, no body.
    const list = [...this.model.operations.values()].find(
      (operation) => operation.template === this.events?.collection && operation.kind === 'list',
    );
    if (!this.events || !list) return undefined;
    return this.events.trigger(this.context(list, session), input);
  }

  /** The seed this API adds to the store: every collection's example items. */
  seed(into: Seed): void {
    const perPath = new Map<string, Array<[string | undefined, Record<string, unknown>]>>();
    for (const collection of this.model.collections)
      for (const [path, items] of collection.seeds)
        perPath.set(path, [...(perPath.get(path) ?? []), ...items]);
    this.behaviour.seedRule?.(perPath);
    into.set(this.api, perPath);
  }

  /** The operation's model when the store answers it; undefined when it is answered statically. */
  stateful(operationId: string | undefined): OperationModel | undefined {
    const operation = operationId === undefined ? undefined : this.model.operations.get(operationId);
    return operation && operation.kind !== 'static' ? operation : undefined;
  }

  answer(operation: OperationModel, request: StateRequest): StateResult {
    const context: StateContext = {
      ...this.context(operation, request.session),
      pathParams: pathParams(operation.template, request.path),
      query: request.query,
      body: formBody(request.body, request.contentType),
      requestUrl: request.requestUrl,
      authorization: request.authorization,
    };
    return this.events ? this.events.around(context, answerWithRules) : answerWithRules(context);
  }

  private context(operation: OperationModel, session: string): StateContext {
    return {
      api: this.api,
      behaviour: this.behaviour,
      model: this.model,
      operation,
      session: this.store.session(session),
      pathParams: {},
      query: new URLSearchParams(),
      body: undefined,
      requestUrl: new URL(`http://localhost${operation.template}`),
      authorization: undefined,
      now: this.store.clock.now(),
      random: this.random,
    };
  }
}

/** Path parameter values by name (`/v1/courses/{course_id}` + `/v1/courses/abc`). */
function pathParams(template: string, path: string): Record<string, string> {
  const params: Record<string, string> = {};
  const names = template.split('/');
  const values = path.split('/');
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i] as string;
    if (name.startsWith('{') && name.endsWith('}')) {
      const raw = values[i] ?? '';
      try {
        params[name.slice(1, -1)] = decodeURIComponent(raw);
      } catch {
        params[name.slice(1, -1)] = raw;
      }
    }
  }
  return params;
}

/** A form-encoded body as an object (repeated keys become arrays), so it merges like JSON. */
function formBody(body: unknown, contentType: string | undefined): unknown {
  if (typeof body !== 'string' || !contentType?.startsWith('application/x-www-form-urlencoded')) return body;
  return parseForm(body);
}
