// One Skilljar user, one record (issue 22): `/v1/users` holds it; domain users, enrollments and
// group users show it embedded as that record is stored now (declared `embeds`); a user's
// groups, plan enrollments and path enrollments are views computed from the memberships and
// enrollments that name the user, never copies.

import type { CustomHandler, OperationRule, StateContext, StateResult } from '../answerers/state/context.js';
import { formatTimestamp } from '../answerers/state/formats.js';
import { collectionModel, collectionOf, createItem } from '../answerers/state/resources.js';
import { listAnswer } from '../answerers/state/rules.js';
import { idOf, isPlainObject } from '../core/schema.js';
import type { Item } from '../store/store.js';
import {
  collectionAt,
  collectionsAt,
  invalid,
  notFound,
  referencedId,
  shown,
  storedUser,
  USERS,
  userWithEmail,
} from './skilljar-store.js';

/** The user's fields every object embedding a user shows (the seed's examples: id, email, names). */
/** Where objects embed users: one (`user` of an enrollment) or a list (`users` of an access code). */
export const USER_KEYS = ['user', 'users'];

export const USER_FIELDS = ['id', 'email', 'first_name', 'last_name'];

export function embeddedUser(user: Item): Item {
  return Object.fromEntries(
    USER_FIELDS.filter((field) => field in user).map((field) => [field, user[field]]),
  );
}

/**
 * Seed 003, domains > users > create: "Users must have unique email addresses. You may POST an
 * existing user (existing email address) to the domain, and the call will still return
 * successfully with the existing user details. If you POST a new user email to the domain, the
 * call will create a new user within the system."
 */
export const createDomainUser: CustomHandler = (context) => {
  const body = isPlainObject(context.body) ? context.body : {};
  const sent = isPlainObject(body.user) ? body.user : {};
  const email = typeof sent.email === 'string' ? sent.email : '';
  if (email === '') return { status: 400, body: { user: { email: ['This field is required.'] } } };
  const user =
    userWithEmail(context, email) ??
    createItem(context, collectionModel(context, USERS), embeddedUser({ ...sent, email }));
  const model = collectionModel(context, context.operation.template);
  const members = collectionOf(context, model);
  const existing = members.items.get(String(user.id));
  if (existing)
    return { status: context.operation.successStatus, body: shown(context, model.template, existing) };
  const created = createItem(context, model, { ...body, user: embeddedUser(user) });
  // The seed's create example answers a body that sends only `user` with `active: true`,
  // `marketing_optin`, `expires_at` and `access_code` null; `enrolled_at` is the server's clock.
  // In the order the seed's examples show the fields.
  const member: Item = {
    user: embeddedUser(user),
    active: created.active ?? true,
    marketing_optin: created.marketing_optin ?? null,
    enrolled_at: formatTimestamp(context.now, 'iso'),
    expires_at: created.expires_at ?? null,
    access_code: null,
  };
  context.session.put(members, String(user.id), member);
  return { status: context.operation.successStatus, body: member };
};

/** Seed 003, domains > users > update: "Only active and expires_at may be updated. Access codes
 * may also be removed by setting the entire access_code to null." */
export const domainUserUpdate: OperationRule = {
  reason:
    'only `active` and `expires_at` are written, and `access_code` only when it is `null` (seed: "Only active and expires_at may be updated. Access codes may also be removed by setting the entire access_code to null."); the user is changed through `/v1/users/{user_id}`',
  body: (context) => {
    if (!isPlainObject(context.body)) return context.body;
    const { active, expires_at, access_code } = context.body;
    return Object.fromEntries(
      Object.entries({ active, expires_at, access_code }).filter(
        ([name, value]) => value !== undefined && (name !== 'access_code' || value === null),
      ),
    );
  },
};

/** Seed 003: "Users must have unique email addresses"; the change shows wherever the user does. */
export const userUpdate: OperationRule = {
  reason:
    'an email another user has answers 400 (seed: "Users must have unique email addresses"); the change shows in every object that embeds the user (declared `embeds`: domain users, enrollments, group users)',
  before: (context) => {
    const email = isPlainObject(context.body) ? context.body.email : undefined;
    if (typeof email !== 'string') return undefined;
    const holder = userWithEmail(context, email);
    return holder && String(holder.id) !== context.pathParams.user_id
      ? invalid('email', 'user with this email address already exists.')
      : undefined;
  },
};

/**
 * Seed 003, groups > users > create ("Add a user to a group", `{"user": {"id": ...}}`): the
 * membership shows the stored user (that `user.id` names one is a declared reference). Adding a
 * member again answers the existing membership (inferred: a membership is a set).
 */
export const groupUserCreate: OperationRule = {
  reason:
    'the membership embeds the stored user; adding a member again answers the existing membership (inferred)',
  before: (context) => {
    const id = referencedId(isPlainObject(context.body) ? context.body.user : undefined);
    const existing =
      id === undefined ? undefined : collectionAt(context, context.operation.template).items.get(id);
    return existing
      ? {
          status: context.operation.successStatus,
          body: shown(context, context.operation.template, existing),
        }
      : undefined;
  },
  body: (context) => {
    const body = isPlainObject(context.body) ? context.body : {};
    const id = referencedId(body.user);
    const user = id === undefined ? undefined : storedUser(context, id);
    return user ? { ...body, user: embeddedUser(user) } : body;
  },
};

/** A list computed from the objects naming the user in the path; 404 for a user not stored. */
function userView(pageSize: number | undefined, collect: (context: StateContext, userId: string) => Item[]) {
  return (context: StateContext): StateResult => {
    const userId = context.pathParams.user_id as string;
    if (!storedUser(context, userId)) return notFound(`No user has the id ${userId}.`);
    return listAnswer(context, collect(context, userId), { listKey: 'results', pageSize, idField: 'id' });
  };
}

/** The groups whose `/v1/groups/{group_id}/users` holds the user, as `/v1/groups` shows them. */
export const listUserGroups = userView(undefined, (context, userId) => {
  const groups = collectionAt(context, '/v1/groups', {});
  return collectionsAt(context, '/v1/groups/{group_id}/users')
    .filter(({ collection }) => collection.items.has(userId))
    .map(({ params }) => groups.items.get(params.group_id as string))
    .filter((group): group is Item => group !== undefined);
});

function enrollmentsOf(template: string) {
  return (context: StateContext, userId: string): Item[] =>
    collectionsAt(context, template).flatMap(({ collection }) =>
      [...collection.items.values()]
        .filter((enrollment) => idOf(enrollment, 'user.id') === userId)
        .map((enrollment) => shown(context, template, enrollment)),
    );
}

/** Seed 003: "Returns a paginated list (1000 results per page) of plan enrollment details". */
export const listUserPlanEnrollments = userView(
  1000,
  enrollmentsOf('/v1/domains/{domain_name}/plan/{plan_id}/plan-enrollments'),
);

/** Seed 003: "Returns a paginated list (1000 results per page) of Path and Path Progress details". */
export const listUserPublishedPathEnrollments = userView(
  1000,
  enrollmentsOf('/v1/domains/{domain_name}/published-paths/{published_path_id}/published-path-enrollments'),
);
