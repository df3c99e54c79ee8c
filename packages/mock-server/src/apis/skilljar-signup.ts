// A domain user's signup field values: one stored value per user and signup field, shown with the
// domain's stored signup field (`{id, label}`), written one at a time or in bulk, and read by the
// domain user filters (`signup_field_*`, skilljar-filters.ts).

import type { CustomHandler, OperationRule, StateContext } from '../answerers/state/context.js';
import { isPlainObject } from '../core/schema.js';
import type { Item } from '../store/store.js';
import { collectionAt, invalid, noSuchObject, referencedId } from './skilljar-store.js';

const FIELDS = '/v1/domains/{domain_name}/signup-fields';
const VALUES = '/v1/domains/{domain_name}/users/{user_id}/signup-fields';

/** The domain's signup field as a value shows it (the bulk example: `{"id", "label"}`). */
function signupField(context: StateContext, id: string): Item | undefined {
  const field = collectionAt(context, FIELDS).items.get(id);
  return field && { id: field.id, ...(field.label !== undefined ? { label: field.label } : {}) };
}

/**
 * Seed 003, users > signup-fields > create: "If the user does not have a current value assigned
 * to the POSTed signup field, this endpoint will create a new signup field value for the user. If
 * the user already has a value associated with the signup field, it will be updated".
 */
export const signupValueCreate: OperationRule = {
  reason:
    '`signup_field.id` must name one of the domain\'s signup fields (400, DRF field map); the value shows that stored field, and a second value for the same field replaces the first (seed: "it will be updated to the POSTed value")',
  before: (context) => {
    const id = referencedId(isPlainObject(context.body) ? context.body.signup_field : undefined);
    return id === undefined || signupField(context, id)
      ? undefined
      : invalid('signup_field', noSuchObject(id));
  },
  body: (context) => {
    const body = isPlainObject(context.body) ? context.body : {};
    const field = signupField(context, referencedId(body.signup_field) ?? '');
    return field ? { ...body, signup_field: field } : body;
  },
};

/**
 * Seed 003, users > signup-fields-bulk > create: "On success, the service will return a 201
 * Created with the Location header set ... The response body will include all new and updated
 * signup fields values. Unchanged values will not be included in this response."
 */
export const createSignupValuesBulk: CustomHandler = (context) => {
  const sent =
    isPlainObject(context.body) && Array.isArray(context.body.signup_fields)
      ? context.body.signup_fields
      : [];
  const entries = sent.filter(isPlainObject);
  for (const entry of entries) {
    const id = referencedId(entry.id) ?? '';
    if (!signupField(context, id)) return invalid('signup_fields', noSuchObject(id));
  }
  const values = collectionAt(context, VALUES);
  const changed: Item[] = [];
  for (const entry of entries) {
    const field = signupField(context, String(entry.id)) as Item;
    const current = values.items.get(String(field.id));
    if (current?.value === entry.value) continue;
    const value: Item = { signup_field: field, value: entry.value };
    context.session.put(values, String(field.id), value);
    changed.push(value);
  }
  // The user's signup-fields list, at the address the client used (prefix included).
  const location = new URL(context.requestUrl.pathname.replace(/-bulk\/?$/, ''), context.requestUrl).href;
  return {
    status: context.operation.successStatus,
    body: { signup_fields: changed },
    headers: { Location: location },
  };
};
