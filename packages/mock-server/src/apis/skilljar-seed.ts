// Skilljar's seed as one world: the examples show users and courses inside enrollments, domain
// users and published courses that the `/v1/users` and `/v1/courses` examples do not list. Each
// becomes the one stored record those objects show, so a lookup by id finds it, and a change to it
// shows everywhere. The lists computed from other collections (a user's groups and plan
// enrollments) are views, so their own examples are not stored.

import type { SeedRule } from '../answerers/state/context.js';
import { isPlainObject } from '../core/schema.js';
import type { Item } from '../store/store.js';

type SeedItems = Array<[id: string | undefined, item: Item]>;

/** The entity an embedded object names, the fields it takes from it, and where it is stored. */
const ENTITIES = [
  { keys: ['user', 'users'], collection: '/v1/users', fields: ['id', 'email', 'first_name', 'last_name'] },
  { keys: ['course'], collection: '/v1/courses', fields: ['id', 'title'] },
];

/**
 * Objects the vendor's example requests name by id and no example shows: stored (with the id
 * only, all the examples say of them) so each documented example call works as written.
 */
const NAMED_BY_EXAMPLES: Array<[collection: string, item: Item]> = [
  // Enrollment and group user creates: `"user": {"id": "abcde12345"}`.
  ['/v1/users', { id: 'abcde12345' }],
  // ILT session and multi-session event creates: `"lesson": "pwgfw0liwwi4"`.
  ['/v1/lessons', { id: 'pwgfw0liwwi4' }],
  // Signup field value create: `"signup_field": {"id": "abcd1234"}`.
  ['/v1/domains/example.com/signup-fields', { id: 'abcd1234' }],
  // VILT registration create: `"vilt_session": {"id": "jaso89ajs"}, "enrollment_id": "9uips0sdja"`.
  ['/v1/vilt-session-events', { id: 'jaso89ajs' }],
  [
    '/v1/domains/example.com/published-courses/abcdefg123456/enrollments',
    { id: '9uips0sdja', user: { id: 'abcde12345' } },
  ],
];

const VIEWS = [/^\/v1\/users\/[^/]+\/groups$/, /^\/v1\/users\/[^/]+\/plan-enrollments$/];

export const skilljarSeed: SeedRule = (seeds) => {
  for (const [collection, item] of NAMED_BY_EXAMPLES) {
    const items = seeds.get(collection) ?? [];
    if (!items.some(([id, stored]) => (id ?? stored.id) === item.id)) items.push([String(item.id), item]);
    seeds.set(collection, items);
  }
  for (const { keys, collection, fields } of ENTITIES) {
    const stored: SeedItems = seeds.get(collection) ?? [];
    const known = new Set(stored.map(([id, item]) => id ?? String(item.id)));
    for (const [path, items] of seeds) {
      if (path === collection) continue;
      for (const [, item] of items)
        visitEmbedded(item, keys, (entity) => {
          const id = String(entity.id);
          if (known.has(id)) return;
          known.add(id);
          stored.push([id, Object.fromEntries(fields.filter((f) => f in entity).map((f) => [f, entity[f]]))]);
        });
    }
    seeds.set(collection, stored);
  }
  seedAccessCodes(seeds);
  for (const [path, items] of seeds) seeds.set(path, withoutRepeats(items));
  for (const path of [...seeds.keys()]) if (VIEWS.some((view) => view.test(path))) seeds.delete(path);
};

/**
 * An example item without a key (a user's lesson progress has no id) that a keyed item repeats is
 * that item, shown by another example (the list's and the update's): one copy is kept.
 */
function withoutRepeats(items: SeedItems): SeedItems {
  const keyed = new Set(items.filter(([id]) => id !== undefined).map(([, item]) => JSON.stringify(item)));
  return items.filter(([id, item]) => id !== undefined || !keyed.has(JSON.stringify(item)));
}

/** Calls `visit` with each object embedded under one of `keys` (alone, or as a list's entries). */
function visitEmbedded(value: unknown, keys: string[], visit: (entity: Item) => void): void {
  if (Array.isArray(value)) {
    for (const entry of value) visitEmbedded(entry, keys, visit);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [name, entry] of Object.entries(value)) {
    if (!keys.includes(name)) visitEmbedded(entry, keys, visit);
    else
      for (const embedded of Array.isArray(entry) ? entry : [entry])
        if (isPlainObject(embedded) && typeof embedded.id === 'string') visit(embedded);
  }
}

/**
 * The access codes domain users show (`access_code: {id, code, pool: {id, name}}`) are codes of
 * that domain's pools: each pool and code an example shows is stored there, so the embedded pool
 * is the pool `/v1/domains/{d}/access-code-pools` reads, and counts its codes (`code_count`).
 */
function seedAccessCodes(seeds: Map<string, SeedItems>): void {
  for (const [path, items] of [...seeds]) {
    const domain = /^\/v1\/domains\/([^/]+)\/users$/.exec(path)?.[1];
    if (!domain) continue;
    for (const [, member] of items) {
      const code = member.access_code;
      const pool = isPlainObject(code) ? code.pool : undefined;
      if (!isPlainObject(code) || !isPlainObject(pool) || typeof pool.id !== 'string') continue;
      const codes = `/v1/domains/${domain}/access-code-pools/${pool.id}/access-codes`;
      const stored = seeds.get(codes) ?? [];
      if (!stored.some(([id]) => id === code.id))
        stored.push([String(code.id), { id: code.id, code: code.code }]);
      seeds.set(codes, stored);
      const pools = seeds.get(`/v1/domains/${domain}/access-code-pools`) ?? [];
      const existing = pools.find(([id]) => id === pool.id);
      const counted = { ...(existing?.[1] ?? { id: pool.id, name: pool.name }), code_count: stored.length };
      if (existing) existing[1] = counted;
      else pools.push([pool.id, counted]);
      seeds.set(`/v1/domains/${domain}/access-code-pools`, pools);
    }
  }
}
