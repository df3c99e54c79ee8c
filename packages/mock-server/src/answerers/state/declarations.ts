// What the state answerer reads of an API's declaration: how its lists page, which query
// parameters filter how, which operations are irregular. Declared per API in apis/<api>.ts; the
// state engine never asks which API it is serving.
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

/**
 * A request field that names another stored entity: a create or update naming none is refused
 * with the API's 4xx in its own shape (DRF: a 400 field map). What a name match cannot tell.
 */
export interface ReferenceDeclaration {
  /** The request field, dotted for a nested one (`user.id`); a list field checks every entry. */
  field: string;
  /** The collection template holding the entity; its `{param}`s come from the request's path. */
  collection: string;
  /** The refusal's status (default: the operation's documented 400, else 422, else 404). */
  status?: number;
  /** Where the rule comes from, for the README (`seed 003: "A PromoCodePool must exist"`, `inferred`). */
  source: string;
}

/** Fields whose values no two items of a collection share (a Skilljar group's `name`). */
export interface UniqueDeclaration {
  fields: string[];
  /** The refusal's message, in the API's words where known. */
  message: string;
  /** Where the rule comes from, for the README. */
  source: string;
}

/**
 * One entity, many views: a collection whose items show another collection's entity under a
 * field (a domain user's or an enrollment's `user`). The embedded object is built from the stored
 * entity on every answer, so an update through the entity's own path shows in every view.
 */
export interface EmbedDeclaration {
  /** The field holding the embedded entity (`user`); its schema says which fields it shows. */
  field: string;
  /** The top-level collection holding the entity (`/v1/users`). */
  collection: string;
}

/**
 * The declaration as the resource model reads it; `StateBehaviour` (context.ts) adds the custom
 * handlers, which take the state context the model is part of.
 */
export interface ModelDeclaration {
  paging: PagingDeclaration;
  /** The message property of the API's error body (`detail` for DRF, else `message`). */
  errorMessageField: string;
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
  /** Per collection template: field sets no two stored items share (a create or update repeating one is refused). */
  unique?: Record<string, UniqueDeclaration[]>;
  /** Per collection template: fields whose object is another collection's stored entity. */
  embeds?: Record<string, EmbedDeclaration[]>;
  /** Per collection template: request fields naming other stored entities (checked on write). */
  references?: Record<string, ReferenceDeclaration[]>;
  /**
   * A refused field answers the API's field map (`{"field": ["message"]}`, Django REST framework)
   * rather than its error example with the message replaced.
   */
  fieldErrorMap?: boolean;
  /** Irregular operations with their own handler and the reason. */
  custom?: Record<string, { reason: string }>;
  /** Operations answered from examples (as `--static` does), with the reason. */
  static?: Record<string, string>;
}
