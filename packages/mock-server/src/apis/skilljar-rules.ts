// Skilljar's seed rules on writes: names that must be unique, objects a create must name, the
// pool counts access codes make, and the bodies the API reads differently from how it shows them.
// Each rule quotes the seed sentence (seed 003) that states it, or says "inferred".

import type { CustomHandler, OperationRule, StateContext, StateResult } from '../answerers/state/context.js';
import { collectionModel, createItem, updateItem } from '../answerers/state/resources.js';
import { isPlainObject } from '../core/schema.js';
import {
  collectionAt,
  collectionsAt,
  invalid,
  noSuchObject,
  notFound,
  referencedId,
  refreshEmbedded,
} from './skilljar-store.js';

function body(context: StateContext): Record<string, unknown> {
  return isPlainObject(context.body) ? context.body : {};
}

/** Seed 003, groups: "name required | Unique name of the group". */
const uniqueGroupName: OperationRule = {
  reason:
    'a `name` another group has answers 400 (seed: "Unique name of the group"; DRF\'s message "group with this name already exists.")',
  before: (context) => {
    const name = body(context).name;
    if (typeof name !== 'string') return undefined;
    for (const [id, group] of collectionAt(context, '/v1/groups', {}).items)
      if (group.name === name && id !== context.pathParams.group_id)
        return invalid('name', 'group with this name already exists.');
    return undefined;
  },
};

const ENROLLMENT_TEMPLATES = [
  '/v1/domains/{domain_name}/published-courses/{published_course_id}/enrollments',
  '/v1/domains/{domain_name}/published-paths/{published_path_id}/published-path-enrollments',
  '/v1/domains/{domain_name}/plan/{plan_id}/plan-enrollments',
];

/**
 * Seed 003: "Register a user to a vilt_session. An enrollment for this user must exist before
 * attempting to post". The enrollment may be in any course, path or plan, so it is not one
 * collection's reference.
 */
const viltRegistration: OperationRule = {
  reason:
    '`enrollment_id` must name a stored course, path or plan enrollment (seed: "An enrollment for this user must exist before attempting to post to this endpoint"; 400, DRF field map)',
  before: (context) => {
    const enrollmentId = referencedId(body(context).enrollment_id);
    const enrolled = ENROLLMENT_TEMPLATES.some((template) =>
      collectionsAt(context, template).some(({ collection }) => collection.items.has(enrollmentId ?? '')),
    );
    if (enrollmentId !== undefined && !enrolled) return invalid('enrollment_id', noSuchObject(enrollmentId));
    return undefined;
  },
};

const ACCESS_CODE_POOLS = '/v1/domains/{domain_name}/access-code-pools';
const ACCESS_CODES = `${ACCESS_CODE_POOLS}/{access_code_pool_id}/access-codes`;

/** A pool's `code_count` is the number of codes stored in it (the read example: one code, `code_count: 1`). */
function countCodes(context: StateContext, poolId: string): void {
  const pools = collectionAt(context, ACCESS_CODE_POOLS);
  const pool = pools.items.get(poolId);
  if (!pool) return;
  const codes = collectionAt(context, ACCESS_CODES, { ...context.pathParams, access_code_pool_id: poolId });
  context.session.put(pools, poolId, { ...pool, code_count: codes.items.size });
}

/** Seed 003, access-code-pools > create: "Create an empty pool of domain access codes." */
const emptyPool: OperationRule = {
  reason: 'the new pool is empty: `code_count` 0 (seed: "Create an empty pool of domain access codes")',
  after: (context, result) => {
    const pool = 'body' in result && isPlainObject(result.body) ? result.body : undefined;
    if (!pool) return result;
    countCodes(context, String(pool.id));
    return { ...result, body: collectionAt(context, ACCESS_CODE_POOLS).items.get(String(pool.id)) };
  },
};

const codeInPool: OperationRule = {
  reason: "the pool's `code_count` counts the new code (inferred from the pool read example)",
  after: (context, result) => {
    countCodes(context, context.pathParams.access_code_pool_id as string);
    return result;
  },
};

/** Seed 003, assets > create: the object's fields come inside `asset` ("Valid fields in the asset request object"). */
const assetFields: OperationRule = {
  reason:
    'the stored asset is the sent `asset` object (seed: "Valid fields in the asset request object"), with its stated defaults `aspect_ratio` 16:9 and `sync_completion` false; `content_url` is where Skilljar fetches the file and is not shown',
  body: (context) => {
    const asset = body(context).asset;
    return { aspect_ratio: '16:9', sync_completion: false, ...(isPlainObject(asset) ? asset : {}) };
  },
};

/** A course's title shows in every published course and path item that embeds the course. */
const courseUpdate: OperationRule = {
  reason: 'the change shows in every published course and path item that embeds the course',
  after: (context, result) => {
    const course = 'body' in result && isPlainObject(result.body) ? result.body : undefined;
    if (course) refreshEmbedded(context, ['course'], course);
    return result;
  },
};

/** An access code pool's or code's change shows in the domain users that used the code. */
function embeddedIn(keys: string[]): OperationRule {
  return {
    reason: 'the change shows in every domain user whose `access_code` embeds it',
    after: (context, result) => {
      const entity = 'body' in result && isPlainObject(result.body) ? result.body : undefined;
      if (entity) refreshEmbedded(context, keys, entity);
      return result;
    },
  };
}

export const writeRules: Record<string, OperationRule> = {
  updateDomainAccessCodePool: embeddedIn(['pool']),
  patchDomainAccessCodePool: embeddedIn(['pool']),
  updateAccessCode: embeddedIn(['access_code']),
  patchAccessCode: embeddedIn(['access_code']),
  createGroup: uniqueGroupName,
  updateGroup: uniqueGroupName,
  patchGroup: uniqueGroupName,
  createViltSessionRegistration: viltRegistration,
  createDomainAccessCodePool: emptyPool,
  createAccessCode: codeInPool,
  createAsset: assetFields,
  updateCourse: courseUpdate,
  patchCourse: courseUpdate,
};

/** Seed 003, invites > create: "User must have already been added to the domain." */
export const createInvite: CustomHandler = (context) => {
  // The user's membership of the domain is the path's parent, checked before any handler. Seed: "send_email | ... Defaults to True".
  const invite = createItem(context, collectionModel(context, context.operation.template), {
    send_email: true,
    ...body(context),
  });
  return { status: context.operation.successStatus, body: invite };
};

/** Seed 003: "It is required to set either this or lesson" / "either this or quiz_question_bank". */
function eitherOf(
  context: StateContext,
  fields: Array<[field: string, template: string]>,
): StateResult | undefined {
  const sent = fields.filter(([field]) => typeof body(context)[field] === 'string');
  if (sent.length === 0)
    return {
      status: 400,
      body: { non_field_errors: [`It is required to set either ${fields.map(([f]) => f).join(' or ')}.`] },
    };
  for (const [field, template] of sent) {
    const id = body(context)[field] as string;
    if (!collectionAt(context, template, {}).items.has(id)) return invalid(field, noSuchObject(id));
  }
  return undefined;
}

/** Created ILT sessions are the ViltSessionEvents `GET /v1/vilt-session-events` lists. */
export const createIltSession: CustomHandler = (context) => {
  const refused = eitherOf(context, [
    ['lesson', '/v1/lessons'],
    ['multi_session_event', '/v1/ilt-multi-session-events'],
  ]);
  if (refused) return refused;
  // Seed: "provider ... Defaults to calendar".
  const session = createItem(context, collectionModel(context, '/v1/vilt-session-events'), {
    provider: 'calendar',
    ...body(context),
  });
  return { status: context.operation.successStatus, body: session };
};

export const createQuizQuestion: CustomHandler = (context) => {
  const refused = eitherOf(context, [
    ['quiz', '/v1/quizzes'],
    ['quiz_question_bank', '/v1/question-banks'],
  ]);
  if (refused) return refused;
  const id = Array.from({ length: 12 }, () =>
    context.random.pick('0123456789abcdefghijklmnopqrstuvwxyz'),
  ).join('');
  return { status: context.operation.successStatus, body: { id, ...body(context) } };
};

/** `PUT /v1/ilt-sessions/{id}` updates the ViltSessionEvent the create stored. */
export const updateIltSession: CustomHandler = (context) => {
  const model = collectionModel(context, '/v1/vilt-session-events');
  const id = context.pathParams.ilt_session_id as string;
  const current = collectionAt(context, model.template, {}).items.get(id);
  if (!current) return notFound(`No ILT session has the id ${id}.`);
  return {
    status: context.operation.successStatus,
    body: updateItem(context, model, current, body(context), false),
  };
};
