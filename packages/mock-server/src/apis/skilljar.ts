import type { StateContext, StateResult } from '../answerers/state/context.js';
import { parseTimestamp } from '../answerers/state/formats.js';
import { collectionModel, collectionOf, createItem } from '../answerers/state/resources.js';
import { idOf, isPlainObject } from '../core/schema.js';
import type { Item } from '../store/store.js';
import type { ApiBehaviour } from './types.js';

const ENROLLMENT_RULE =
  'create, idempotent on `user.id` + `enrolled_at` (seed: "POSTing multiple times ... will NOT create a new enrollment for an existing user.id & enrolled_at combination"): the existing enrollment comes back, with the only success status the spec documents (201), and nothing is added; either one different (or `enrolled_at` not sent) makes a new one';

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
  },
  nonFilters: {
    // Shapes the answer (extra fields), does not select items.
    '*': ['include_searchable_content', 'include_signup_field_data'],
  },
  writeOnly: {
    content_url: 'where Skilljar fetches an upload from; the asset or web package object does not show it',
    asset: 'an uploaded file; the asset object does not show it',
    basic_auth_username: 'a webhook credential; the webhook object does not show it',
    state: "the purchase's new state; the seed's purchase object has no `state` field (only `status_msg`)",
  },
  custom: {
    createPublishedCourseEnrollment: { reason: ENROLLMENT_RULE, handler: createEnrollment },
    createPublishedPathEnrollment: { reason: ENROLLMENT_RULE, handler: createEnrollment },
    createPlanEnrollment: { reason: ENROLLMENT_RULE, handler: createEnrollment },
    deletePromoCodePool: {
      reason:
        'delete: the pool and every promo code carrying its `promo_code_pool_id` (seed: "the associated PromoCode will also be deleted"); 404 once deleted',
      handler: deletePromoCodePool,
    },
    anonymizeUser: {
      reason:
        'action: the user\'s `email`, `first_name` and `last_name` are replaced for good (seed: "Obfuscate all data that could be used to identify the user"), in `/v1/users` and in every stored object that embeds the user (`user` of domain users, enrollments, purchases...); values in the spec example\'s shape (`anonymized-<id>@example.invalid`, `Anonymized User`); 404 for a user stored nowhere',
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

/** The request's `user.id`: `{user: {id}}` in JSON, `user` or `user.id` in a form body. */
function sentUserId(body: Record<string, unknown>): string | undefined {
  const user = body.user;
  const id = isPlainObject(user) ? user.id : (user ?? body['user.id']);
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function createEnrollment(context: StateContext): StateResult {
  const model = collectionModel(context, context.operation.template);
  const body = isPlainObject(context.body) ? context.body : {};
  const userId = sentUserId(body);
  const enrolledAt = parseTimestamp(body.enrolled_at);
  // The key is the pair the client sends; without `enrolled_at` the server picks the time, so a
  // repeated POST cannot name the same enrollment.
  if (userId !== undefined && enrolledAt !== undefined) {
    for (const enrollment of collectionOf(context, model).items.values())
      if (idOf(enrollment, 'user.id') === userId && parseTimestamp(enrollment.enrolled_at) === enrolledAt)
        return { status: context.operation.successStatus, body: enrollment };
  }
  return { status: context.operation.successStatus, body: createItem(context, model, body) };
}

function deletePromoCodePool(context: StateContext): StateResult {
  const pools = collectionOf(context, collectionModel(context, '/v1/promo-code-pools'));
  const id = context.pathParams.promo_code_pool_id as string;
  if (!pools.items.has(id)) return { specStatus: 404, detail: `No promo code pool has the id ${id}.` };
  context.session.remove(pools, id);
  const codes = collectionOf(context, collectionModel(context, '/v1/promo-codes'));
  for (const [codeId, code] of [...codes.items])
    if (code.promo_code_pool_id === id) context.session.remove(codes, codeId);
  return { status: 204 };
}

/**
 * Every stored item of this API in the session (seeded or written), with a way to replace it:
 * for the actions whose effect reaches every object that embeds another (a user, a purchase).
 */
function rewriteEverywhere(context: StateContext, rewrite: (item: Item) => Item | undefined): number {
  let changed = 0;
  for (const model of context.model.collections) {
    for (const path of context.session.paths(context.api)) {
      if (!matchesTemplate(model.template, path)) continue;
      const collection = context.session.collection(context.api, path, model.idField);
      for (const [id, item] of [...collection.items]) {
        const next = rewrite(item);
        if (next === undefined) continue;
        context.session.put(collection, id, next);
        changed += 1;
      }
    }
  }
  return changed;
}

/** Does a concrete collection path belong to a collection template (`/v1/x/{id}/y`)? */
function matchesTemplate(template: string, path: string): boolean {
  const names = template.split('/');
  const values = path.split('/');
  return (
    names.length === values.length &&
    names.every((name, index) => /^\{[^}]+\}$/.test(name) || name === values[index])
  );
}

/** The identifying fields of a user, obfuscated as the spec's anonymize example shows them. */
function anonymized(user: Item): Item {
  const result: Item = { ...user };
  if ('email' in user) result.email = `anonymized-${String(user.id)}@example.invalid`;
  if ('first_name' in user) result.first_name = 'Anonymized';
  if ('last_name' in user) result.last_name = 'User';
  return result;
}

/** The same object with every embedded `user` of this id anonymized; undefined if none is. */
function withUserAnonymized(value: unknown, userId: string): unknown {
  if (Array.isArray(value)) {
    let changed = false;
    const next = value.map((entry) => {
      const rewritten = withUserAnonymized(entry, userId);
      changed ||= rewritten !== undefined;
      return rewritten ?? entry;
    });
    return changed ? next : undefined;
  }
  if (!isPlainObject(value)) return undefined;
  let result: Item | undefined;
  for (const [key, entry] of Object.entries(value)) {
    const rewritten =
      key === 'user' && isPlainObject(entry) && String(entry.id) === userId
        ? anonymized(entry)
        : withUserAnonymized(entry, userId);
    if (rewritten !== undefined) {
      result ??= { ...value };
      result[key] = rewritten;
    }
  }
  return result;
}

function anonymizeUser(context: StateContext): StateResult {
  const userId = context.pathParams.user_id as string;
  const users = collectionOf(context, collectionModel(context, '/v1/users'));
  const stored = users.items.get(userId);
  let user = stored ? anonymized(stored) : undefined;
  if (stored && user) context.session.put(users, userId, user);
  const embedded = rewriteEverywhere(context, (item) => {
    const next = withUserAnonymized(item, userId) as Item | undefined;
    // The user as another object embeds it answers when `/v1/users` does not hold it.
    user ??= next ? findUser(next, userId) : undefined;
    return next;
  });
  if (!user || (!stored && embedded === 0))
    return { specStatus: 404, detail: `No user has the id ${userId}.` };
  return { status: 200, body: user };
}

function findUser(value: unknown, userId: string): Item | undefined {
  if (Array.isArray(value)) {
    for (const entry of value) {
      const found = findUser(entry, userId);
      if (found) return found;
    }
    return undefined;
  }
  if (!isPlainObject(value)) return undefined;
  const user = value.user;
  if (isPlainObject(user) && String(user.id) === userId) return user;
  for (const entry of Object.values(value)) {
    const found = findUser(entry, userId);
    if (found) return found;
  }
  return undefined;
}

function fulfillPurchase(context: StateContext): StateResult {
  const model = collectionModel(context, '/v1/purchases');
  const purchases = collectionOf(context, model);
  const id = context.pathParams.purchase_id as string;
  const current = purchases.items.get(id);
  if (!current) return { specStatus: 404, detail: `No purchase has the id ${id}.` };
  const body = isPlainObject(context.body) ? context.body : {};
  const state = String(body.state);
  const next: Item = { ...current };
  if (typeof body.error_msg === 'string') next.status_msg = body.error_msg;
  else if (state === 'SUCCESS') next.status_msg = null;
  for (const field of ['payment_processor_order_id', 'payment_processor_response_data'])
    if (typeof body[field] === 'string') next[field] = body[field];
  context.session.put(purchases, id, next);
  // The state shows where the API shows a purchase's state: the purchase summary of its enrollments.
  rewriteEverywhere(context, (item) => {
    const purchase = item.purchase;
    if (!isPlainObject(purchase) || purchase.purchase_id !== id || purchase.purchase_state === state)
      return undefined;
    return { ...item, purchase: { ...purchase, purchase_state: state } };
  });
  return { status: 200, body: next };
}

function createWebPackage(context: StateContext): StateResult {
  const model = collectionModel(context, '/v1/web-packages');
  const body = isPlainObject(context.body) ? context.body : {};
  // Seed: the object's fields come inside `web_package`, and `sync_on_completion` is what the
  // object calls `sync_completion`.
  const sent = isPlainObject(body.web_package) ? { ...body.web_package } : {};
  if ('sync_on_completion' in sent) {
    sent.sync_completion = sent.sync_on_completion;
    delete sent.sync_on_completion;
  }
  const created = createItem(context, model, sent);
  // The stored package is processed; `download_url` is made per read, never stored. Its `type`
  // is what the zip holds, which the mock does not open: only a sent one is shown.
  const stored: Item = { ...created, state: 'READY' };
  delete stored.download_url;
  context.session.put(collectionOf(context, model), String(stored.id), stored);
  const answer: Item = { ...stored, state: 'PROCESSING' };
  delete answer.type;
  return { status: context.operation.successStatus, body: answer };
}

/** An item read with a signed `download_url` made for this read (valid for an hour). */
function readWithDownloadUrl(context: StateContext, hasUrl: (item: Item) => boolean): StateResult {
  const template = context.operation.template.replace(/\/\{[^}]+\}$/, '');
  const model = collectionModel(context, template);
  const id = context.pathParams[model.itemParam ?? ''] as string;
  const item = collectionOf(context, model).items.get(id);
  if (!item) return { specStatus: 404, detail: `No ${template} item has the id ${id}.` };
  if (!hasUrl(item)) return { status: 200, body: item };
  const expires = Math.floor(context.now / 1000) + 3600;
  let signature = '';
  for (let i = 0; i < 32; i += 1) signature += context.random.pick('0123456789abcdef');
  const url = `https://example.com/signed${template.replace(/^\/v1/, '')}/${encodeURIComponent(id)}?Expires=${expires}&Signature=${signature}`;
  return { status: 200, body: { ...item, download_url: url } };
}
