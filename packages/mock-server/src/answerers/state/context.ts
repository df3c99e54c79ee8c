import type { Random } from '../../core/random.js';
import type { Item, Session } from '../../store/store.js';
import type { ModelDeclaration } from './declarations.js';
import type { ApiModel, OperationModel } from './resource-model.js';

/** What a state answer (generic or an API's custom handler) gets to work with. */
export interface StateContext {
  api: string;
  behaviour: StateBehaviour;
  model: ApiModel;
  operation: OperationModel;
  session: Session;
  pathParams: Record<string, string>;
  query: URLSearchParams;
  /** The request body: parsed JSON, or a form body as an object; `undefined` when none. */
  body: unknown;
  /** The request's absolute URL as the client sent it (prefix included), for DRF-style links. */
  requestUrl: URL;
  /** The request's `Authorization` header, for rules that depend on the caller (SNworks locks). */
  authorization: string | undefined;
  now: number;
  random: Random;
}

export type StateResult =
  /** An answer: status, JSON body (or none), extra headers. */
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /**
   * The spec's own answer for this status (its example), e.g. a 404 in the API's error shape;
   * `message`, when given, replaces the example's message text (DRF's "Invalid page.").
   */
  | { specStatus: number; detail: string; message?: string }
  /** The spec's example answer for the success status (a body the store has nothing to add to). */
  | { specExample: true };

export type CustomHandler = (context: StateContext) => StateResult;

/** What an API declares to the state answerer: the model's declaration plus its custom handlers. */
export interface StateBehaviour extends ModelDeclaration {
  /** Irregular operations with their own handler and the reason. */
  custom?: Record<string, { reason: string; handler: CustomHandler }>;
  /** Rules around generic operations, per operationId (see OperationRule). */
  rules?: Record<string, OperationRule>;
  /** Runs once over the seed before any session copies it. */
  seedRule?: SeedRule;
}

/**
 * An API's rule on one operation, around the generic answer: a refusal checked first (a parent,
 * a reference or a uniqueness rule), effects on the entities other views show afterwards, list
 * filters and answer shaping that read other collections. Declared per API (apis/<api>*.ts).
 */
export interface OperationRule {
  /** The rule in words with its source, for the README table. */
  reason: string;
  /**
   * An answer instead of the generic one: a 4xx when the request breaks the rule, or the existing
   * item of an idempotent create; undefined lets the generic answer go on.
   */
  before?: (context: StateContext) => StateResult | undefined;
  /** The request body as the API reads it (a wrapped object unwrapped, a field it ignores dropped). */
  body?: (context: StateContext) => unknown;
  /** Runs after a successful generic answer (2xx): keeps the entity's other views in step. */
  after?: (context: StateContext, result: StateResult) => StateResult;
  /** List filters a field match cannot express; the query value is given when present. */
  filters?: ListFilter[];
  /** Shapes each item of a list or read answer (flags such as `include_signup_field_data`). */
  view?: (context: StateContext, item: Item) => Item;
}

export interface ListFilter {
  param: string;
  /** What it matches, for the README table. */
  describe: string;
  match: (context: StateContext, item: Item, value: string) => boolean;
}

/** An API's own rule over the seed: items added or mended so the examples form one world. */
export type SeedRule = (seeds: Map<string, Array<[id: string | undefined, item: Item]>>) => void;
