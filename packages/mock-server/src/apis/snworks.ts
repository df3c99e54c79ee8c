import type { StateContext, StateResult } from '../answerers/state/context.js';
import { newId } from '../answerers/state/formats.js';
import { collectionModel, collectionOf, updateItem } from '../answerers/state/resources.js';
import { isPlainObject } from '../core/schema.js';
import { bearerToken, jwtClaims } from '../policies/jwt.js';
import type { CollectionState, Item } from '../store/store.js';
import type { ApiBehaviour } from './types.js';

const ASSIGNMENTS = '/assignment';
const LOCKS = '/lock-request';

// The spec documents no status for a missing or foreign lock. `401` is the one it gives for a
// refused action ("a `401` means the ACL refused the action"); 403 is an expired token and 422
// invalid input, neither of which a well-formed request for a locked assignment is.
const REFUSED = 401;

const LOCK_RULE =
  "the caller (the JWT's `pk` claim) must hold the assignment's exclusive lock (seed: \"Exclusive lock is required\"); without it `401`, the spec's status for a refused action (the spec documents none for locks)";

/** SNworks CEO v3 (seed 004 and the facts file). */
export const snworks: ApiBehaviour = {
  errorMessageField: 'message',
  // A body that does not parse is invalid input, which the spec documents as 422 (inferred: the
  // sources name no status for it, and the spec documents no 400).
  errors: { body: (_status, message) => ({ message }), statuses: { malformedJson: 422 } },
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
    // A new assignment is unlocked (the spec's create example: `lock: null`); locks are taken
    // with `POST /lock-request` only.
    lock: () => null,
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
  custom: {
    createLockRequest: {
      reason:
        "lock (facts file): takes the exclusive lock on the assignment `srn` names, stored per session and shown as the assignment's `lock`; the holder asking again gets its lock back; another caller (another `pk`) gets `401`; an `srn` naming no stored assignment `422`. The seed's example assignment is locked by the examples' lock `LLLLLLLL-…`, which any caller holds (the examples name no caller)",
      handler: createLock,
    },
    deleteLockRequest: {
      reason:
        "unlock (facts file): releases the lock (its assignment's `lock` becomes null); only its holder may (`401` otherwise); 404 for an unknown or released lock",
      handler: deleteLock,
    },
    updateAssignment: {
      reason: `update: merges the request fields; ${LOCK_RULE}`,
      handler: (context) => lockedWrite(context, 'update'),
    },
    deleteAssignment: {
      reason: `delete: removes the assignment and its lock; ${LOCK_RULE}`,
      handler: (context) => lockedWrite(context, 'delete'),
    },
  },
  static: {
    refreshToken:
      'answered by the auth step: a renewed JWT (same claims, new `iat`/`exp`) for a valid token, 403 for an expired one (facts file)',
  },
};

/** A lock as stored: the spec's `Lock` (its `uuid`) plus what it locks and who holds it. */
interface LockRecord extends Item {
  uuid: string;
  srn?: string;
  /** The caller holding it; absent for the examples' lock, which any caller holds. */
  holder?: string;
}

/**
 * Who calls: the JWT's `pk` claim (facts file: the token "carries the public key as claim `pk`").
 * Decoded, not verified: the security step judges the token. A bearer that is not a JWT (the
 * docs' `your-jwt`) is its own caller, so two such callers are still told apart.
 */
function callerOf(context: StateContext): string {
  const pk = jwtClaims(context.authorization)?.pk;
  if (typeof pk === 'string' && pk !== '') return `pk:${pk}`;
  return `token:${bearerToken(context.authorization) ?? ''}`;
}

function holds(lock: LockRecord, caller: string): boolean {
  return lock.holder === undefined || lock.holder === caller;
}

/** The lock as the API answers it (the spec's `Lock`, open beyond `uuid`): no holder shown. */
function lockView(lock: LockRecord): Item {
  return lock.srn === undefined ? { uuid: lock.uuid } : { uuid: lock.uuid, srn: lock.srn };
}

/**
 * The lock the spec's examples show: `POST /lock-request` with the example assignment's `srn`
 * answers it (and `DELETE /lock-request/{uuid}` releases its uuid); the example assignment shows a
 * `lock`, and the update example says "the caller holds the exclusive lock". Read from the spec.
 */
function exampleLock(context: StateContext): LockRecord | undefined {
  const { reader } = context.model;
  const operation = reader.resolve<{ requestBody?: unknown; responses?: Record<string, unknown> }>({
    $ref: `#/paths/${LOCKS.replaceAll('/', '~1')}/post`,
  });
  const request = reader.jsonContent(operation?.requestBody).example;
  const answer = reader.jsonContent(operation?.responses?.['200']).example;
  if (!isPlainObject(request) || !isPlainObject(answer) || typeof answer.uuid !== 'string') return undefined;
  return { uuid: answer.uuid, srn: String(request.srn) };
}

/**
 * The session's locks and assignments. Locks are a store collection of their own (the spec has
 * no list or read of locks, so no generic collection); a session's first use puts the examples'
 * lock there, held by the examples' caller (absent `holder`: the examples name no caller).
 */
function lockStore(context: StateContext): { locks: CollectionState; assignments: CollectionState } {
  const locks = context.session.collection(context.api, LOCKS, 'uuid');
  const assignments = collectionOf(context, collectionModel(context, ASSIGNMENTS));
  // Version 0: nothing was ever written here in this session (a release leaves it above 0).
  if (locks.version === 0) {
    const seeded = exampleLock(context);
    const assignment = seeded && assignmentBySrn(assignments, seeded.srn);
    if (seeded && assignment && isPlainObject(assignment.lock)) {
      context.session.put(locks, seeded.uuid, seeded);
      context.session.put(assignments, String(assignment.uuid), { ...assignment, lock: lockView(seeded) });
    }
  }
  return { locks, assignments };
}

function lockOn(locks: CollectionState, srn: unknown): LockRecord | undefined {
  for (const lock of locks.items.values()) if (lock.srn === srn) return lock as LockRecord;
  return undefined;
}

function assignmentBySrn(assignments: CollectionState, srn: unknown): Item | undefined {
  for (const assignment of assignments.items.values()) if (assignment.srn === srn) return assignment;
  return undefined;
}

function createLock(context: StateContext): StateResult {
  const { locks, assignments } = lockStore(context);
  const srn = isPlainObject(context.body) ? context.body.srn : undefined;
  const assignment = assignmentBySrn(assignments, srn);
  if (!assignment)
    return { specStatus: 422, detail: `No assignment has the srn ${String(srn)}.`, message: 'Invalid srn' };
  const caller = callerOf(context);
  const existing = lockOn(locks, srn);
  if (existing) {
    if (holds(existing, caller)) return { status: 200, body: lockView(existing) };
    return {
      specStatus: REFUSED,
      detail: `${String(srn)} is locked by another caller.`,
      message: 'Resource is locked by another user',
    };
  }
  const lock: LockRecord = {
    uuid: newId({ kind: 'uuid', upper: true }, context.random, 0),
    srn: String(srn),
    holder: caller,
  };
  context.session.put(locks, lock.uuid, lock);
  context.session.put(assignments, String(assignment.uuid), { ...assignment, lock: lockView(lock) });
  return { status: 200, body: lockView(lock) };
}

function deleteLock(context: StateContext): StateResult {
  const { locks, assignments } = lockStore(context);
  const uuid = context.pathParams.uuid as string;
  const lock = locks.items.get(uuid) as LockRecord | undefined;
  if (!lock) return { specStatus: 404, detail: `No lock has the uuid ${uuid}.` };
  if (!holds(lock, callerOf(context)))
    return {
      specStatus: REFUSED,
      detail: `Lock ${uuid} is held by another caller.`,
      message: 'Lock is held by another user',
    };
  context.session.remove(locks, uuid);
  const assignment = assignmentBySrn(assignments, lock.srn);
  if (assignment) context.session.put(assignments, String(assignment.uuid), { ...assignment, lock: null });
  return { specExample: true };
}

function lockedWrite(context: StateContext, write: 'update' | 'delete'): StateResult {
  const { locks, assignments } = lockStore(context);
  const model = collectionModel(context, ASSIGNMENTS);
  const uuid = context.pathParams.uuid as string;
  const current = assignments.items.get(uuid);
  if (!current) return { specStatus: 404, detail: `No assignment has the uuid ${uuid}.` };
  const lock = lockOn(locks, current.srn);
  if (!lock || !holds(lock, callerOf(context)))
    return {
      specStatus: REFUSED,
      detail: `Updating or deleting ${String(current.srn)} needs its exclusive lock (POST /lock-request).`,
      message: lock ? 'Resource is locked by another user' : 'Exclusive lock required',
    };
  if (write === 'delete') {
    context.session.remove(assignments, uuid);
    context.session.remove(locks, lock.uuid);
    return { specExample: true };
  }
  // The lock is the lock requests' to change, not the update body's.
  const { lock: _lock, ...fields } = isPlainObject(context.body) ? context.body : {};
  const updated = updateItem(context, model, current, fields, context.behaviour.putReplaces);
  return { status: 200, body: updated };
}
