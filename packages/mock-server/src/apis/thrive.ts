import type { StateContext, StateResult } from '../answerers/state/context.js';
import { parseTimestamp } from '../answerers/state/formats.js';
import { collectionModel, collectionOf, createItem } from '../answerers/state/resources.js';
import { isPlainObject } from '../core/schema.js';
import type { ApiBehaviour } from './types.js';

const COMPLETIONS = '/learning/completions';
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Thrive public REST API v1 (seeds 000 and 001, and the facts file). */
export const thrive: ApiBehaviour = {
  errorMessageField: 'message',
  // Facts: `{ status, error, message }`, `error` the status's reason phrase.
  errors: { body: (status, message) => ({ status, error: STATUS_TEXT[status] ?? 'Error', message }) },
  paging: {
    style: 'bare-array-page',
    pageParam: 'page',
    sizeParam: 'perPage',
    // Facts: `perPage` is at most 1000; the first page number and the default size are not
    // documented: 1-based and 100 are inferred.
    defaultPageSize: 100,
    maxPageSize: 1000,
    defaultSource: '100 (inferred), at most 1000 (facts file)',
  },
  putReplaces: false,
  putSource: 'Thrive has no PUT',
  // Facts file: Basic (tenant id, secret) or OAuth2 client credentials with scopes api/read,
  // api/write, api/all; the spec's `security` says which scopes each operation takes.
  auth: {
    bearer: 'issued-token',
    source:
      "Bearer: a token the mock's `/oauth2/token/<tenantId>` issued, unexpired (`--token-ttl`), else 401; its scopes must satisfy one of the operation's oauth2 `security` requirements (reads `api/read` or `api/all`, writes `api/write` or `api/all`), else 403 (facts file, spec). Basic: any tenant id and secret (facts file)",
  },
  // Seed 000: the create body's `contentId` is "the primary content"; the assignment object
  // shows it as `primaryContentId`.
  fieldAliases: { '/assignments': { contentId: 'primaryContentId' } },
  // A completion record is addressed by its `statementId` (the create answer's only field).
  idFields: { [COMPLETIONS]: 'statementId' },
  filters: {
    listAssignments: [{ param: 'updatedSince', field: 'updatedAt', op: 'since' }],
    listAssignmentEnrolments: [
      { param: 'updatedAtFrom', field: 'updatedAt', op: 'since' },
      { param: 'updatedAtTo', field: 'updatedAt', op: 'until' },
    ],
    listCompletions: [
      { param: 'completedDateRangeStart', field: 'completedAt', op: 'since' },
      { param: 'completedDateRangeEnd', field: 'completedAt', op: 'until' },
    ],
  },
  custom: {
    createCompletion: {
      reason:
        'create, idempotent (facts file: 201 when created, 200 when the record already existed): 201 with a new `statementId`; 200 with the existing one when a record with the same `userId`, `contentId` and `completedAt` instant exists (which fields make the same record is inferred)',
      handler: createCompletion,
    },
  },
};

function createCompletion(context: StateContext): StateResult {
  const model = collectionModel(context, COMPLETIONS);
  const body = isPlainObject(context.body) ? context.body : {};
  const completedAt = parseTimestamp(body.completedAt);
  for (const record of collectionOf(context, model).items.values()) {
    if (
      record.userId === body.userId &&
      record.contentId === body.contentId &&
      parseTimestamp(record.completedAt) === completedAt
    )
      return { status: 200, body: { statementId: record.statementId } };
  }
  const created = createItem(context, model, body);
  return { status: 201, body: { statementId: created.statementId } };
}
