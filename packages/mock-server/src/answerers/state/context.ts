import type { Random } from '../../core/random.js';
import type { Session } from '../../store/store.js';
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
}
