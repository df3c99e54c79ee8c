// The resource model's shapes: what resource-model.ts derives from a spec and the answerer reads.

import type { Schema, SchemaReader } from '../../core/schema.js';
import type { FilterDeclaration, PagingDeclaration, SortDeclaration } from './declarations.js';
import type { IdShape, TimestampShape } from './formats.js';

export type OperationKind =
  | 'list'
  | 'create'
  | 'read'
  | 'replace'
  | 'update'
  | 'delete'
  | 'custom'
  | 'static';

/** A seeded item and its key (the example id of an item read, where the item itself has none). */
export type SeedItem = [id: string | undefined, item: Record<string, unknown>];

export interface CollectionModel {
  /** The collection's path template inside the API (`/v1/domains/{domain_name}/published-courses`). */
  template: string;
  /** The item path's last parameter (`published_course_id`), when the spec has an item path. */
  itemParam: string | undefined;
  /** The item field the item parameter addresses (`id`, SNworks `uuid`, a domain's `name`). */
  idField: string;
  idShape: IdShape | undefined;
  /** Fields the server fills on create: ids in their example's shape, timestamps, derived values. */
  serverIds: Array<{ field: string; shape: IdShape }>;
  createdTimestamps: Array<{ field: string; shape: TimestampShape }>;
  updatedTimestamps: Array<{ field: string; shape: TimestampShape }>;
  itemSchema: Schema | undefined;
  /** The API's stated defaults (the schemas' `default`), what a create stores for a field not sent. */
  defaults: Record<string, unknown>;
  /** Fields the item schema requires and allows `null` for: null when neither sent nor defaulted. */
  nullableRequired: string[];
  /** Top-level properties a stored item may carry (undefined: any). */
  knownFields: Set<string> | undefined;
  /** Items from the spec's examples, per concrete collection path, with the id each answers to. */
  seeds: Map<string, SeedItem[]>;
}

export interface OperationModel {
  operationId: string;
  method: string;
  /** Path template inside the API (`/v1/courses/{course_id}`). */
  template: string;
  kind: OperationKind;
  /** Why this operation behaves as it does, for the README table. */
  reason: string;
  collection: CollectionModel | undefined;
  successStatus: number;
  /** How a list answer wraps its items: `null` for a bare array, else the items property. */
  listKey: string | null | undefined;
  /** How a single-resource answer wraps it (`data`), when it does. */
  itemWrapper: string | undefined;
  paging: PagingDeclaration | undefined;
  /** The spec's page size for this list (`x-page-size`), else the API's default. */
  pageSize: number | undefined;
  filters: FilterDeclaration[];
  sort: SortDeclaration | undefined;
  /** Documented query parameters that the state engine does not apply, for the README. */
  unappliedParams: string[];
  /** Documented error statuses (a 404 answer uses the spec's own 404). */
  documentedStatuses: Set<string>;
  /** The operation's query parameters (empty values are refused unless `allowEmptyValue`). */
  queryParams: Array<{ name: string; allowEmptyValue: boolean }>;
  /** The request body's schema (JSON, else form), to coerce form values and pick writable fields. */
  bodySchema: Schema | undefined;
  /** The top-level fields the request body lists (undefined: the body schema names none). */
  writable: Set<string> | undefined;
  /**
   * The items the path names above its own resource, outermost first (`/v1/domains/{domain_name}`
   * of `/v1/domains/{domain_name}/users`): each must be stored, else the API's 404.
   */
  parents: Array<{ collection: CollectionModel; param: string }>;
}

export interface ApiModel {
  operations: Map<string, OperationModel>;
  collections: CollectionModel[];
  reader: SchemaReader;
  /** Each top-level collection by its (resolved) item schema, to embed stored items by reference. */
  collectionsBySchema: Map<Schema, CollectionModel>;
}

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  allowEmptyValue?: boolean;
  example?: unknown;
  schema?: Schema;
  examples?: Record<string, { value?: unknown }>;
}

export interface RawOperation {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  'x-page-size'?: number;
}
