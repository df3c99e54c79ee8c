// Skilljar v1's declaration: paging, errors, auth, and the seed's rules on its entities. One user
// is one `/v1/users` record shown by every object that names it (skilljar-users.ts); enrollments
// (skilljar-enrollments.ts), write rules (skilljar-rules.ts), list filters (skilljar-filters.ts),
// actions (skilljar-actions.ts) and the seed (skilljar-seed.ts) each live in their own file.

import {
  anonymizeUser,
  createWebPackage,
  deletePromoCodePool,
  fulfillPurchase,
  readWithDownloadUrl,
} from './skilljar-actions.js';
import { COURSE_ENROLLMENT_RULE, createEnrollment, ENROLLMENT_RULE } from './skilljar-enrollments.js';
import { listRules, ruleParams } from './skilljar-filters.js';
import {
  createIltSession,
  createInvite,
  createQuizQuestion,
  updateIltSession,
  writeRules,
} from './skilljar-rules.js';
import { skilljarSeed } from './skilljar-seed.js';
import { createSignupValuesBulk, signupValueCreate } from './skilljar-signup.js';
import {
  createDomainUser,
  domainUserUpdate,
  groupUserCreate,
  listUserGroups,
  listUserPlanEnrollments,
  listUserPublishedPathEnrollments,
  userUpdate,
} from './skilljar-users.js';
import { skilljarWebhooks } from './skilljar-webhooks.js';
import type { ApiBehaviour } from './types.js';

const rules = {
  ...listRules,
  ...writeRules,
  updateUser: userUpdate,
  patchUser: userUpdate,
  updateDomainUser: domainUserUpdate,
  patchDomainUser: domainUserUpdate,
  createGroupUser: groupUserCreate,
  createDomainUserSignupField: signupValueCreate,
};

/** The collections whose items show a user as `user`. */
const USER_VIEWS = [
  '/v1/domains/{domain_name}/users',
  '/v1/domains/{domain_name}/published-courses/{published_course_id}/enrollments',
  '/v1/domains/{domain_name}/published-paths/{published_path_id}/published-path-enrollments',
  '/v1/domains/{domain_name}/plan/{plan_id}/plan-enrollments',
  '/v1/groups/{group_id}/users',
];

const USER_VIEW =
  'list: computed from the stored records that name the user (a view, not a copy); 404 for a user not in `/v1/users`';

/** Skilljar v1: a Django REST framework API (seed 003 and the facts file). */
export const skilljar: ApiBehaviour = {
  errorMessageField: 'detail',
  // Django REST framework: `{detail}` for request-level errors, in DRF's words; invalid fields as a
  // map of field names to messages (400).
  errors: {
    body: (_status, message) => ({ detail: message }),
    messages: {
      malformedJson: (detail) => `JSON parse error - ${detail}`,
      unsupportedMediaType: (detail) => `Unsupported media type ${detail} in request.`,
      methodNotAllowed: (detail) => `Method ${detail} not allowed.`,
      tooLarge: () => 'Request body too large.',
    },
    fieldMap: true,
    // The 400 the spec documents for a request body is the field map; a body that does not parse
    // belongs to no field, which DRF reports as `non_field_errors` (inferred: DRF itself answers
    // `{detail}` here, a shape the spec's 400 does not describe).
    bodies: { malformedJson: (_status, message) => ({ non_field_errors: [message] }) },
  },
  // A field the store refuses (an unknown reference, a value the resource cannot hold) answers
  // DRF's 400 field map, as the refusals Prism finds do.
  fieldErrorMap: true,
  paging: {
    style: 'drf-page-number',
    pageParam: 'page',
    sizeParam: 'page_size',
    // The seed states 100 or 1000 per list (`x-page-size`); where it states none, 100 is assumed.
    defaultPageSize: 100,
    maxPageSize: 1000,
    defaultSource: 'seed page size (`x-page-size`), else 100 (inferred)',
  },
  // Facts file: HTTP Basic, the organization API key as the username, an empty password.
  auth: {
    basic: 'api-key',
    source:
      'Basic: the username is the API key (facts file); any key, or only those given with `--api-key skilljar=<key>` (401 otherwise)',
  },
  // Seed: "PUT and PATCH are identical - both do partial updates".
  putReplaces: false,
  putSource: 'seed: "PUT and PATCH are identical - both do partial updates"',
  // DRF's SearchFilter: `search` matches a term in the items' text fields (which fields the
  // real API searches is not documented; all of them here).
  filters: {
    listDomainPublishedCourses: [{ param: 'search', field: '*', op: 'search' }],
    listDomainPublishedPaths: [{ param: 'search', field: '*', op: 'search' }],
    // Seed: "session__id | Filter results by the id of a ViltSession"; a registration names it
    // as `vilt_session`.
    listViltSessionRegistrations: [{ param: 'session__id', field: 'vilt_session.id', op: 'eq' }],
  },
  nonFilters: {
    // Shapes the answer (extra fields; skilljar-filters.ts adds them), does not select items.
    '*': ['include_searchable_content', 'include_signup_field_data'],
    // Applied by the rules' own filters (skilljar-filters.ts).
    ...ruleParams(listRules),
  },
  // One user, one record: every object showing a user shows the `/v1/users` record as stored now
  // (views.ts), so a change through `/v1/users/{user_id}` or `anonymize` shows everywhere.
  embeds: Object.fromEntries(
    USER_VIEWS.map((template) => [template, [{ field: 'user', collection: '/v1/users' }]]),
  ),
  references: {
    '/v1/groups/{group_id}/users': [
      {
        field: 'user.id',
        collection: '/v1/users',
        source: 'seed 003: "Add a user to a group", `{"user": {"id": ...}}`',
      },
    ],
    '/v1/promo-codes': [
      {
        field: 'promo_code_pool_id',
        collection: '/v1/promo-code-pools',
        source: 'seed 003: "A PromoCodePool must exist before attempting to post to this endpoint"',
      },
    ],
    '/v1/vilt-session-registrations': [
      {
        field: 'vilt_session.id',
        collection: '/v1/vilt-session-events',
        source: 'seed 003: "Register a user to a vilt_session"',
      },
    ],
  },
  // The progress of a user in a published course is addressed by the published course's id.
  idFields: { '/v1/users/{user_id}/published-courses': 'id' },
  rules,
  seedRule: skilljarSeed,
  webhooks: skilljarWebhooks,
  writeOnly: {
    content_url: 'where Skilljar fetches an upload from; the asset or web package object does not show it',
    asset: 'an uploaded file; the asset object does not show it',
    basic_auth_username: 'a webhook credential; the webhook object does not show it',
    state: "the purchase's new state; the seed's purchase object has no `state` field (only `status_msg`)",
  },
  custom: {
    createDomainUser: {
      reason:
        'create: 404 for a domain not stored; one user per email (seed: "You may POST an existing user (existing email address) to the domain, and the call will still return successfully with the existing user details. If you POST a new user email to the domain, the call will create a new user within the system"): a new email makes a `/v1/users` record, a known one reuses it, and a user already in the domain answers that membership; `active` true, `marketing_optin`, `expires_at` and `access_code` null when not sent (the seed\'s create example), `enrolled_at` the server\'s clock',
      handler: createDomainUser,
    },
    createDomainUserInvite: {
      reason:
        'create: 404 unless the user is in the domain (seed: "User must have already been added to the domain"); `send_email` true when not sent (seed: "Defaults to True"); listed by the invites list',
      handler: createInvite,
    },
    createIltSession: {
      reason:
        'create: `lesson` or `multi_session_event` must be sent (seed: "It is required to set either this or lesson"; 400 `non_field_errors`) and name a stored one (400); `provider` `calendar` when not sent (seed: "Defaults to calendar"); stored as a ViltSessionEvent, listed by `GET /v1/vilt-session-events`',
      handler: createIltSession,
    },
    updateIltSession: {
      reason: 'update: the ViltSessionEvent `GET /v1/vilt-session-events` lists; 404 for one not stored',
      handler: updateIltSession,
    },
    createQuizQuestion: {
      reason:
        'create: `quiz` or `quiz_question_bank` must be sent (seed: "Either an existing quiz or question bank must be passed to this endpoint"; 400 `non_field_errors`) and name a stored one (400); answered with the question (no operation reads questions back)',
      handler: createQuizQuestion,
    },
    createDomainUserSignupFieldsBulk: {
      reason:
        "create or update: each `{id, value}` must name one of the domain's signup fields (400); the values are stored as the user's signup field values, and the answer lists only the new and changed ones with a `Location` of the user's signup-fields list (seed: \"The response body will include all new and updated signup fields values. Unchanged values will not be included\")",
      handler: createSignupValuesBulk,
    },
    listUserGroups: { reason: USER_VIEW, handler: listUserGroups },
    listUserPlanEnrollments: { reason: USER_VIEW, handler: listUserPlanEnrollments },
    listUserPublishedPathEnrollments: {
      reason: `${USER_VIEW}; the items are the user's published path enrollments (the seed names no other field)`,
      handler: listUserPublishedPathEnrollments,
    },
    createPublishedCourseEnrollment: { reason: COURSE_ENROLLMENT_RULE, handler: createEnrollment },
    createPublishedPathEnrollment: { reason: ENROLLMENT_RULE, handler: createEnrollment },
    createPlanEnrollment: { reason: ENROLLMENT_RULE, handler: createEnrollment },
    deletePromoCodePool: {
      reason:
        'delete: the pool and every promo code carrying its `promo_code_pool_id` (seed: "the associated PromoCode will also be deleted"); 404 once deleted',
      handler: deletePromoCodePool,
    },
    anonymizeUser: {
      reason:
        'action: the user\'s `email`, `first_name` and `last_name` are replaced for good (seed: "Obfuscate all data that could be used to identify the user"), in `/v1/users` and so in every object that embeds the user (`user` of domain users, enrollments, group users...); values in the spec example\'s shape (`anonymized-<id>@example.invalid`, `Anonymized User`); 404 for a user not in `/v1/users`',
      handler: anonymizeUser,
    },
    fulfillPurchase: {
      reason:
        'action (seed: "Updates the purchase state"): the `purchase_state` of the enrollments whose `purchase.purchase_id` is this purchase becomes `state` (the `Purchase` object has no state field); `error_msg` becomes `status_msg` (null after `SUCCESS` without one); `payment_processor_order_id`/`_response_data` are stored; the course or domain registrations a `SUCCESS` creates are not modelled (no source maps an offer to its course)',
      handler: fulfillPurchase,
    },
    createWebPackage: {
      reason:
        'create: answered `state: PROCESSING` without `type` or `download_url` (seed: "Creation responses are still processing"); processing finishes as soon as the create has answered, so every later read or list shows `READY` (inferred: the seed gives no processing time), without `type` unless the request sent one (the mock does not open the zip)',
      handler: createWebPackage,
    },
    getWebPackage: {
      reason:
        'read: from the store; a `READY` package gets a fresh signed `download_url` on every read (seed: "a signed url that will be valid for 1 hour after generation"); 404 once deleted',
      handler: (context) => readWithDownloadUrl(context, (item) => item.state === 'READY'),
    },
    getAsset: {
      reason:
        'read: from the store, with a fresh signed `download_url` on every read (seed: "a signed url that will be valid for 1 hour after generation"); 404 once deleted',
      handler: (context) => readWithDownloadUrl(context, () => true),
    },
  },
  static: {
    ping: 'static: a health check with nothing to store',
  },
};
