// What one API declares about itself, once: how its lists page, which query parameters filter
// how, which operations are irregular. The state engine reads these; it never asks which API it
// is serving.
import type { ApiErrorDeclaration } from '../state/api-errors.js';
import type { StateContext, StateResult } from '../state/context.js';

export type PagingStyle =
  /** Django REST framework: `page`/`page_size`, `{count, next, previous, results}`, absolute links. */
  | 'drf-page-number'
  /** SNworks CEO: `page`/`per_page`, `{items, first, before, current, last, next, total_pages, total_items, limit}`. */
  | 'ceo-page'
  /** A bare JSON array; `page` (1-based) and `perPage`. */
  | 'bare-array-page'
  /** Samsara: `{data, pagination: {endCursor, hasNextPage}}`, `after` = the previous `endCursor`. */
  | 'samsara-cursor';

export interface PagingDeclaration {
  style: PagingStyle;
  /** Query parameter names, as the API spells them. */
  pageParam: string;
  sizeParam: string;
  /** Page size when the request names none and the spec states none (`x-page-size`). */
  defaultPageSize: number;
  maxPageSize: number;
  /** Why the default was chosen, for the README table. */
  defaultSource: string;
}

/** A list filter whose meaning a name match cannot infer (ranges, id lists, other field names). */
export interface FilterDeclaration {
  param: string;
  /** The item field it compares, dotted for nested fields (`learner.id`). */
  field: string;
  /** since >=, after >, until <=, before < (timestamps); search: substring of any text field. */
  op: 'eq' | 'in' | 'since' | 'after' | 'before' | 'until' | 'search';
}

export interface SortDeclaration {
  /** Query parameter naming the field (SNworks `order`), and its default. */
  fieldParam?: string;
  defaultField: string;
  /** Query parameter with `asc`/`desc` (SNworks `dir`), and its default. */
  directionParam?: string;
  defaultDirection: 'asc' | 'desc';
}

export type CustomHandler = (context: StateContext) => StateResult;

export interface ApiBehaviour {
  paging: PagingDeclaration;
  /** The message property of the API's error body (`detail` for DRF, else `message`). */
  errorMessageField: string;
  /** The API's error body, for errors the spec's examples cannot say (malformed JSON, 405...). */
  errors?: ApiErrorDeclaration;
  /** PUT replaces the stored resource (`true`) or merges like PATCH (`false`). */
  putReplaces: boolean;
  /** Where the source for `putReplaces` is, for the README. */
  putSource: string;
  /**
   * Per collection template: request fields stored under another name (Thrive's `contentId` is
   * an assignment's `primaryContentId`).
   */
  fieldAliases?: Record<string, Record<string, string>>;
  /**
   * Request fields the resource never shows (upload sources, credentials, state transitions the
   * object has no field for), each with the reason: they are kept in the request journal only.
   */
  writeOnly?: Record<string, string>;
  /**
   * Request fields that reference other resources by a bare string where the resource shows an
   * object, and the object's key for it (SNworks `users: [uuid]` become `[{uuid}]`); default `id`.
   */
  referenceKeys?: Record<string, string>;
  /** Fields the server sets on create besides the id and timestamps, each from the stored item. */
  derivedFields?: Record<string, (item: Record<string, unknown>) => unknown>;
  /** The item field an item path addresses, per collection template, where the name does not say. */
  idFields?: Record<string, string>;
  /** Fields the server owns that look like ids (regenerated on create in the example's shape). */
  serverIds?: string[];
  /** List order when the spec implies one (SNworks `order`/`dir`; Samsara by `updatedAtTime`). */
  sort?: Record<string, SortDeclaration>;
  /** Per list operationId: filters a name match cannot infer. */
  filters?: Record<string, FilterDeclaration[]>;
  /** Query parameters that are not filters (they shape the answer), per operationId or `*`. */
  nonFilters?: Record<string, string[]>;
  /** Irregular operations with their own handler and the reason. */
  custom?: Record<string, { reason: string; handler: CustomHandler }>;
  /** Operations answered from examples (as `--static` does), with the reason. */
  static?: Record<string, string>;
  /** How the API checks credentials beyond their presence (stateful mode; see auth.ts). */
  auth?: AuthDeclaration;
}

/**
 * What a credential must be for the API to accept it. Prism already checks that one the spec
 * asks for is present (401 otherwise); these say what the API checks on top.
 */
export interface AuthDeclaration {
  /**
   * A Bearer token is
   * - `issued-token`: one this API's mock token endpoint issued, unexpired, granting a scope the
   *   operation's `security` lists for its oauth2 scheme (401, else 403);
   * - `jwt`: a JWT (see `jwt`);
   * - `api-key`: any value, or one of the keys given with `--api-key <api>=<key>` (401).
   */
  bearer?: 'issued-token' | 'jwt' | 'api-key';
  /** HTTP Basic: `api-key` = the username is the API key (any, or one of `--api-key`). */
  basic?: 'api-key';
  jwt?: JwtDeclaration;
  /** Where each rule comes from, for the README. */
  source: string;
}

export interface JwtDeclaration {
  /** A claim every token must carry (SNworks `pk`, the public key); absent = malformed (401). */
  keyClaim: string;
  /** The status for a token whose `exp` has passed. */
  expiredStatus: number;
  /** An operation that answers a renewed token for a valid one, and its body's field. */
  refresh?: { operationId: string; field: string };
}
