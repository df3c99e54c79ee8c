// Skilljar's actions and irregular answers: promo code pool deletion, anonymize, fulfil, web
// packages that process, signed download URLs. Each quotes the seed sentence (seed 003) it follows.

import type { StateContext, StateResult } from '../answerers/state/context.js';
import { collectionModel, collectionOf, createItem } from '../answerers/state/resources.js';
import { isPlainObject } from '../core/schema.js';
import type { Item } from '../store/store.js';
import { collectionAt, refreshEmbedded, rewriteEverywhere, storedUser, USERS } from './skilljar-store.js';
import { embeddedUser, USER_FIELDS, USER_KEYS } from './skilljar-users.js';

export function deletePromoCodePool(context: StateContext): StateResult {
  const pools = collectionOf(context, collectionModel(context, '/v1/promo-code-pools'));
  const id = context.pathParams.promo_code_pool_id as string;
  if (!pools.items.has(id)) return { specStatus: 404, detail: `No promo code pool has the id ${id}.` };
  context.session.remove(pools, id);
  const codes = collectionOf(context, collectionModel(context, '/v1/promo-codes'));
  for (const [codeId, code] of [...codes.items])
    if (code.promo_code_pool_id === id) context.session.remove(codes, codeId);
  return { status: 204 };
}

/** The identifying fields of a user, obfuscated as the spec's anonymize example shows them. */
function anonymized(user: Item): Item {
  const result: Item = { ...user };
  if ('email' in user) result.email = `anonymized-${String(user.id)}@example.invalid`;
  if ('first_name' in user) result.first_name = 'Anonymized';
  if ('last_name' in user) result.last_name = 'User';
  return result;
}

/** Seed 003: "Obfuscate all data that could be used to identify the user": the one user record, so every object showing it. */
export function anonymizeUser(context: StateContext): StateResult {
  const userId = context.pathParams.user_id as string;
  const stored = storedUser(context, userId);
  if (!stored) return { specStatus: 404, detail: `No user has the id ${userId}.` };
  const user = anonymized(stored);
  context.session.put(collectionAt(context, USERS, {}), userId, user);
  refreshEmbedded(context, USER_KEYS, embeddedUser(user), USER_FIELDS);
  return { status: 200, body: user };
}

export function fulfillPurchase(context: StateContext): StateResult {
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

export function createWebPackage(context: StateContext): StateResult {
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
export function readWithDownloadUrl(context: StateContext, hasUrl: (item: Item) => boolean): StateResult {
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
