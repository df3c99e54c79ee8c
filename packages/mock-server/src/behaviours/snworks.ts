import type { ApiBehaviour } from './types.js';

/** SNworks CEO v3 (seed 004 and the facts file). */
export const snworks: ApiBehaviour = {
  errorMessageField: 'message',
  errors: { body: (_status, message) => ({ message }) },
  paging: {
    style: 'ceo-page',
    pageParam: 'page',
    sizeParam: 'per_page',
    // Not documented; the vendor's list example pages by 50... is not stated either: inferred.
    defaultPageSize: 50,
    maxPageSize: 1000,
    defaultSource: '50 (inferred: the seed states no default `per_page`)',
  },
  // Seed: PUT /assignment/{uuid} "updates" an assignment with the create fields; nothing says the
  // omitted ones are cleared, so it merges (inferred).
  putReplaces: false,
  putSource: 'inferred: the seed does not say omitted fields are cleared',
  // Facts file: an HS256 JWT carrying the public key as `pk` (plus `iat`, `exp`); an expired one is
  // answered 403, `GET /v3/token/refresh` renews a valid one as `{token}`.
  auth: {
    bearer: 'jwt',
    jwt: { keyClaim: 'pk', expiredStatus: 403, refresh: { operationId: 'refreshToken', field: 'token' } },
    source:
      'Bearer: a JWT carrying `pk`, else 401; `exp` passed: 403 (facts file); signature and `pk` checked only with `--jwt-keys snworks=<public>:<private>` (401 otherwise); `GET /v3/token/refresh` answers a renewed JWT (facts file)',
  },
  // `uuid` is the path key; the numeric `id` and the `srn` naming the uuid are the server's too.
  serverIds: ['id'],
  derivedFields: {
    srn: (item) => `srn:tsn:ceo-core/assignment:${String(item.uuid)}`,
  },
  // The create body lists users and children by uuid; the assignment shows them as objects.
  referenceKeys: { users: 'uuid', children: 'uuid' },
  sort: {
    // Seed: `order` "will default to `modified_at`"; the default direction is not stated (desc inferred).
    listAssignments: {
      fieldParam: 'order',
      defaultField: 'modified_at',
      directionParam: 'dir',
      defaultDirection: 'desc',
    },
  },
  static: {
    createLockRequest: 'static: exclusive locks are not modelled yet (the spec example answers)',
    deleteLockRequest: 'static: exclusive locks are not modelled yet (the spec example answers)',
    refreshToken:
      'answered by the auth step: a renewed JWT (same claims, new `iat`/`exp`) for a valid token, 403 for an expired one (facts file)',
  },
};
