// Skilljar's entities across collections: the one stored record behind every object that shows
// it, and Django REST framework's answers for a missing object or an invalid field. A top-level
// `user` is rendered from `/v1/users` by the declared `embeds` (views.ts); what that cannot name
// (an access code's pool inside a domain user's `access_code`, an access code's `users` list, a
// path item's `course` with fields the course lacks) is rewritten in place when its entity changes.

import type { StateContext, StateResult } from '../answerers/state/context.js';
import { matchesTemplate } from '../answerers/state/relations.js';
import { collectionModel } from '../answerers/state/resources.js';
import { withEmbeds } from '../answerers/state/views.js';
import { isPlainObject } from '../core/schema.js';
import type { CollectionState, Item } from '../store/store.js';

export const USERS = '/v1/users';

/** The stored collection at a template with its parameters filled in (the caller's by default). */
export function collectionAt(
  context: StateContext,
  template: string,
  params: Record<string, string> = context.pathParams,
): CollectionState {
  const model = collectionModel(context, template);
  const path = template.replace(/\{([^}]+)\}/g, (whole, name: string) => params[name] ?? whole);
  return context.session.collection(context.api, path, model.idField);
}

/** A stored item as its collection's answers show it: with the entities it embeds as stored now. */
export function shown(context: StateContext, template: string, item: Item): Item {
  return withEmbeds(context, collectionModel(context, template), item);
}

export function storedUser(context: StateContext, id: string): Item | undefined {
  return collectionAt(context, USERS, {}).items.get(id);
}

export function userWithEmail(context: StateContext, email: string): Item | undefined {
  for (const user of collectionAt(context, USERS, {}).items.values()) if (user.email === email) return user;
  return undefined;
}

/** The `{id}` (or bare id) a request sends to name another object. */
export function referencedId(value: unknown): string | undefined {
  const id = isPlainObject(value) ? value.id : value;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** DRF's 400: a map of the invalid field to its messages. */
export function invalid(field: string, message: string): StateResult {
  return { status: 400, body: { [field]: [message] } };
}

/** DRF's message for a related object that does not exist (PrimaryKeyRelatedField). */
export function noSuchObject(id: string): string {
  return `Invalid pk "${id}" - object does not exist.`;
}

/** DRF's 404, `{"detail": "Not found."}` (also where the list's documented 404 is "Invalid page."). */
export function notFound(detail: string): StateResult {
  return { specStatus: 404, detail, message: 'Not found.' };
}

/** Every stored collection of this session at a template (one per parent), with its path's parameters. */
export function collectionsAt(
  context: StateContext,
  template: string,
): Array<{ params: Record<string, string>; collection: CollectionState }> {
  const model = collectionModel(context, template);
  const names = template.split('/');
  return context.session
    .paths(context.api)
    .filter((path) => matchesTemplate(template, path))
    .map((path) => {
      const values = path.split('/');
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        const param = /^\{([^}]+)\}$/.exec(name)?.[1];
        if (param) params[param] = values[index] as string;
      });
      return { params, collection: context.session.collection(context.api, path, model.idField) };
    });
}

/**
 * Every stored item of this API in the session (seeded or written), with a way to replace it:
 * for the writes whose effect reaches every object that embeds another (a user, a course).
 */
export function rewriteEverywhere(context: StateContext, rewrite: (item: Item) => Item | undefined): number {
  let changed = 0;
  for (const model of context.model.collections) {
    for (const { collection } of collectionsAt(context, model.template)) {
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

/**
 * The value with every object embedded under one of `keys` that shows this entity (an object, or
 * an entry of a list such as an access code's `users`) rebuilt from it: the `shown` fields (by
 * default, those the embedded object has) take the entity's values. Undefined when nothing changed.
 */
export function withEmbedded(value: unknown, keys: string[], entity: Item, shown?: string[]): unknown {
  if (Array.isArray(value)) return mapChanged(value, (entry) => withEmbedded(entry, keys, entity, shown));
  if (!isPlainObject(value)) return undefined;
  let result: Item | undefined;
  for (const [name, entry] of Object.entries(value)) {
    const embeds = (candidate: unknown) =>
      isPlainObject(candidate) && String(candidate.id) === String(entity.id)
        ? rebuilt(candidate, entity, shown ?? Object.keys(candidate))
        : undefined;
    const rewritten = !keys.includes(name)
      ? withEmbedded(entry, keys, entity, shown)
      : Array.isArray(entry)
        ? mapChanged(entry, embeds)
        : embeds(entry);
    if (rewritten !== undefined) {
      result ??= { ...value };
      result[name] = rewritten;
    }
  }
  return result;
}

function mapChanged(values: unknown[], change: (value: unknown) => unknown): unknown[] | undefined {
  let changed = false;
  const next = values.map((entry) => {
    const rewritten = change(entry);
    changed ||= rewritten !== undefined;
    return rewritten ?? entry;
  });
  return changed ? next : undefined;
}

function rebuilt(embedded: Item, entity: Item, shown: string[]): Item | undefined {
  let changed = false;
  const next: Item = { ...embedded };
  for (const name of shown)
    if (name in entity && entity[name] !== embedded[name]) {
      next[name] = entity[name];
      changed = true;
    }
  return changed ? next : undefined;
}

/** After an entity is written: every object showing it, anywhere in the session, shows it anew. */
export function refreshEmbedded(context: StateContext, keys: string[], entity: Item, shown?: string[]): void {
  rewriteEverywhere(context, (item) => withEmbedded(item, keys, entity, shown) as Item | undefined);
}
