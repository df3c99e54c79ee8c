// What one API declares about itself, once: the state answerer's declaration (paging, filters,
// irregular operations), its error shape and its auth rules. Each engine defines the part it
// reads; this composes them, so the engines never import an API's declaration.
import type { StateBehaviour } from '../answerers/state/context.js';
import type { WebhookDeclaration } from '../answerers/state/webhook-types.js';
import type { ApiErrorDeclaration } from '../core/api-errors.js';
import type { AuthDeclaration } from '../policies/auth-declaration.js';

export type { CustomHandler, StateBehaviour } from '../answerers/state/context.js';
export type {
  FilterDeclaration,
  PagingDeclaration,
  PagingStyle,
  SortDeclaration,
} from '../answerers/state/declarations.js';
export type { AuthDeclaration, JwtDeclaration } from '../policies/auth-declaration.js';

export interface ApiBehaviour extends StateBehaviour {
  /** The API's error body, for errors the spec's examples cannot say (malformed JSON, 405...). */
  errors?: ApiErrorDeclaration;
  /** How the API checks credentials beyond their presence (stateful mode; see policies/auth.ts). */
  auth?: AuthDeclaration;
  /** The API's webhooks: where they are registered, the events its writes make (stateful mode). */
  webhooks?: WebhookDeclaration;
}
