// Issue 22's generic rules, each against the stateful mock: a create stores what was sent (plus
// the stated defaults and the server's fields, never an example's values), an update writes only
// what its request schema lists, form values are coerced and unstorable ones refused, parents and
// references resolve against the store, seeds hold each record once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateBehaviour } from '../src/answerers/state/context.js';
import { Random, StateAnswerer, StateStore } from '../src/answerers/state/index.js';
import { behaviourFor } from '../src/apis/index.js';
import { loadApis } from '../src/core/specs.js';
import { type RunningMockServer, startMockServer } from '../src/index.js';
import type { Seed } from '../src/store/store.js';
import { SPECS_DIR, testJwt } from './requests.js';

let mock: RunningMockServer;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, specsDir: SPECS_DIR, seed: 'entities', rateLimits: false });
});

afterAll(async () => {
  await mock?.close();
});

const AUTH: Record<string, string> = {
  thrive: `Basic ${Buffer.from('tenant:secret').toString('base64')}`,
  skilljar: `Basic ${Buffer.from('key:').toString('base64')}`,
  snworks: `Bearer ${testJwt()}`,
  samsara: 'Bearer token',
};

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
type Body = any;

async function call(
  api: string,
  method: string,
  path: string,
  session: string,
  body?: unknown,
  form = false,
) {
  const response = await fetch(`${mock.apis[api]}${path}`, {
    method,
    headers: {
      authorization: AUTH[api] as string,
      'x-mock-session': session,
      ...(body === undefined
        ? {}
        : { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' }),
    },
    ...(body === undefined ? {} : { body: form ? String(body) : JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as Body,
    violations: response.headers.get('sl-violations'),
  };
}

const ASSIGNMENT = '63f8c5361b9c80d3274be7ca';

describe('a create stores what the client sent', () => {
  it('Thrive: the schema defaults and server fields, nothing of the example', async () => {
    const sent = { contentId: '63f8c54a8cb9790c99de077a', audienceId: '63f8c546a05716c51210ac81' };
    const created = await call('thrive', 'POST', '/assignments', 'create-thrive', sent);
    expect(created.status).toBe(201);
    expect(created.violations).toBeNull();
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      primaryContentId: sent.contentId,
      audienceId: sent.audienceId,
      hideAlternativeContent: false,
      completionPeriod: 30,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('SNworks: no slug unless sent; the server owns id, uuid, srn, timestamps and the lock', async () => {
    const created = await call('snworks', 'POST', '/assignment', 'create-snworks', { title: 'Budget story' });
    expect(created.status).toBe(200);
    expect(created.violations).toBeNull();
    expect(Object.keys(created.body).sort()).toEqual(
      ['created_at', 'id', 'lock', 'modified_at', 'srn', 'title', 'uuid'].sort(),
    );
  });

  it('Skilljar: a course gets no labels or description from the example; a quiz max_attempts 0', async () => {
    const course = await call('skilljar', 'POST', '/v1/courses', 'create-skilljar', {
      title: 'Forklifts',
      short_description: 'Safe lifting',
      enforce_sequential_navigation: true,
    });
    expect(course.violations).toBeNull();
    expect(course.body).not.toHaveProperty('labels');
    expect(course.body).not.toHaveProperty('long_description_html');
    const quiz = await call('skilljar', 'POST', '/v1/quizzes', 'create-skilljar', { name: 'Check' });
    expect(quiz.violations).toBeNull();
    expect(quiz.body.max_attempts).toBe(0);
  });
});

describe('updates and coercion', () => {
  it('an update writes only the fields its request schema lists, never the id', async () => {
    const session = 'update-thrive';
    const patch = {
      id: '000000000000000000000000',
      createdAt: '2000-01-01T00:00:00Z',
      isActive: false,
      recurrence: 10,
    };
    const updated = await call('thrive', 'PATCH', `/assignments/${ASSIGNMENT}`, session, patch);
    expect(updated.violations).toBeNull();
    expect(updated.body).toMatchObject({
      id: ASSIGNMENT,
      createdAt: '2021-01-01T09:00:00Z',
      isActive: true,
      recurrence: 10,
    });
  });

  it('form values become the schema’s booleans; a value the resource cannot hold is refused', async () => {
    const session = 'coerce-skilljar';
    const form = 'name=Spring&active=true&starts_at=2026-01-01T00:00:00Z&discount_type=PERCENT';
    const pool = await call('skilljar', 'POST', '/v1/promo-code-pools', session, form, true);
    expect(pool.violations).toBeNull();
    expect(pool.body.active).toBe(true);
    const refused = await call('skilljar', 'PATCH', '/v1/training-credit-codes/tcc12345abcd', session, {
      offers: {},
    });
    expect(refused.status).toBe(400);
    expect(refused.violations).toBeNull();
    expect(refused.body).toEqual({ offers: ['Expected a list of items but got type "dict".'] });
    const read = await call('skilljar', 'GET', '/v1/training-credit-codes', session);
    expect(read.body.results[0].offers).not.toEqual([{}]);
  });
});

describe('parents', () => {
  it('a path under an unknown parent answers the API’s 404', async () => {
    const user = { user: { email: 'a@example.com', first_name: 'A', last_name: 'B' } };
    const orphan = await call('skilljar', 'POST', '/v1/domains/no-such-domain/users', 'parents', user);
    expect(orphan.status).toBe(404);
    expect(orphan.violations).toBeNull();
    expect(orphan.body).toEqual({ detail: 'Not found.' });
    const enrolments = await call(
      'thrive',
      'GET',
      '/assignments/000000000000000000000000/enrolments',
      'parents',
    );
    expect(enrolments.status).toBe(404);
    expect(enrolments.violations).toBeNull();
  });

  it('deleting a Thrive assignment removes its enrolments', async () => {
    const session = 'cascade';
    const before = await call('thrive', 'GET', `/assignments/${ASSIGNMENT}/enrolments`, session);
    expect(before.body).toHaveLength(1);
    expect((await call('thrive', 'DELETE', `/assignments/${ASSIGNMENT}`, session)).status).toBe(204);
    const after = await call('thrive', 'GET', `/assignments/${ASSIGNMENT}/enrolments`, session);
    expect(after.status).toBe(404);
    expect(after.violations).toBeNull();
  });

  it('a fresh session holds each seeded record once', async () => {
    const completions = await call('thrive', 'GET', '/learning/completions', 'fresh');
    const keys = completions.body.map((c: Body) => `${c.userId}|${c.contentId}|${Date.parse(c.completedAt)}`);
    expect(new Set(keys).size).toBe(keys.length);
    const read = await call(
      'thrive',
      'GET',
      `/learning/completions/${completions.body[0].statementId}`,
      'fresh',
    );
    expect(read.status).toBe(200);
  });
});

describe('Samsara’s stream', () => {
  const course = 'a4db8702-79d5-4396-a717-e301d52ecc11';
  const window = 'startTime=2000-01-01T00:00:00Z&endTime=2100-01-01T00:00:00Z';

  it('categoryIds keeps the assignments whose course has the category; an unknown one keeps none', async () => {
    const session = 'categories';
    const courses = await call('samsara', 'GET', `/training-courses?courseIds=${course}`, session);
    const category = courses.body.data[0].category.id as string;
    await call(
      'samsara',
      'POST',
      `/training-assignments?courseId=${course}&learnerIds=driver-1,driver-2`,
      session,
    );
    const kept = await call(
      'samsara',
      'GET',
      `/training-assignments/stream?${window}&categoryIds=${category}`,
      session,
    );
    expect(kept.violations).toBeNull();
    expect(kept.body.data.length).toBeGreaterThanOrEqual(2);
    expect(kept.body.data.every((item: Body) => item.course.id === course)).toBe(true);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const none = await call(
      'samsara',
      'GET',
      `/training-assignments/stream?${window}&categoryIds=${unknown}`,
      session,
    );
    expect(none.body.data).toEqual([]);
  });

  it('an undocumented limit is ignored', async () => {
    const session = 'limit';
    await call(
      'samsara',
      'POST',
      `/training-assignments?courseId=${course}&learnerIds=driver-1,driver-2,driver-3`,
      session,
    );
    const all = await call('samsara', 'GET', `/training-assignments/stream?${window}`, session);
    const limited = await call('samsara', 'GET', `/training-assignments/stream?${window}&limit=1`, session);
    expect(limited.body.data).toHaveLength(all.body.data.length);
    expect(all.body.data.length).toBeGreaterThan(1);
  });
});

describe('declarations an API can make', () => {
  const api = loadApis(SPECS_DIR).find((candidate) => candidate.name === 'skilljar');
  if (!api) throw new Error('no skilljar bundle');

  /** Skilljar's answerer with extra declarations, seeded from its spec, outside the HTTP server. */
  function answererWith(extra: Partial<StateBehaviour>): StateAnswerer {
    const behaviour = { ...behaviourFor('skilljar'), ...extra };
    const seed: Seed = new Map();
    const build = (store: StateStore) =>
      new StateAnswerer('skilljar', api?.document as never, behaviour, store, new Random(1));
    build(new StateStore(seed)).seed(seed);
    return build(new StateStore(seed));
  }

  function ask(answerer: StateAnswerer, operationId: string, path: string, body?: unknown): Body {
    const operation = answerer.stateful(operationId);
    if (!operation) throw new Error(`${operationId} is not stateful`);
    return answerer.answer(operation, {
      operationId,
      path,
      query: new URLSearchParams(),
      body,
      contentType: body === undefined ? undefined : 'application/json',
      session: 'declarations',
      requestUrl: new URL(`http://localhost${path}`),
    });
  }

  it('references: a field naming another collection’s item must name a stored one', () => {
    // Skilljar's promo code naming its pool (seed 003: "A PromoCodePool must exist").
    const answerer = answererWith({
      references: {
        '/v1/promo-codes': [
          { field: 'promo_code_pool_id', collection: '/v1/promo-code-pools', source: 'test' },
        ],
      },
    });
    const refused = ask(answerer, 'createPromoCode', '/v1/promo-codes', {
      code: 'SPRING',
      promo_code_pool_id: 'none',
    });
    expect(refused).toEqual({
      status: 400,
      body: { promo_code_pool_id: ['Invalid pk "none" - object does not exist.'] },
    });
    const pool = ask(answerer, 'listPromoCodePools', '/v1/promo-code-pools').body.results[0].id as string;
    const created = ask(answerer, 'createPromoCode', '/v1/promo-codes', {
      code: 'SPRING',
      promo_code_pool_id: pool,
    });
    expect(created).toMatchObject({ status: 201 });
  });

  it('unique: a create repeating a unique field set of a stored item is refused', () => {
    // Skilljar's groups (seed 003: "Unique name of the group").
    const answerer = answererWith({
      unique: {
        '/v1/groups': [{ fields: ['name'], message: 'group with this name already exists.', source: 'test' }],
      },
    });
    const taken = ask(answerer, 'listGroups', '/v1/groups').body.results[0].name as string;
    expect(ask(answerer, 'createGroup', '/v1/groups', { name: taken })).toEqual({
      status: 400,
      body: { name: ['group with this name already exists.'] },
    });
    expect(ask(answerer, 'createGroup', '/v1/groups', { name: `${taken} 2` })).toMatchObject({ status: 201 });
  });

  it('embeds: a view shows the entity as stored now, cut to the fields its schema names', () => {
    const domainUsers = '/v1/domains/{domain_name}/users';
    const answerer = answererWith({
      embeds: { [domainUsers]: [{ field: 'user', collection: '/v1/users' }] },
    });
    const listed = ask(answerer, 'listDomainUsers', '/v1/domains/example.com/users').body.results as Body[];
    const users = ask(answerer, 'listUsers', '/v1/users').body.results as Body[];
    const shared = listed.find((entry) => users.some((user) => user.id === entry.user.id));
    if (!shared) throw new Error('the seed has no domain user that is also in /v1/users');
    const id = shared.user.id as string;
    expect(ask(answerer, 'patchUser', `/v1/users/${id}`, { first_name: 'Renamed' }).status).toBe(200);
    const after = ask(answerer, 'listDomainUsers', '/v1/domains/example.com/users').body.results as Body[];
    expect(after.find((entry) => entry.user.id === id)?.user.first_name).toBe('Renamed');
  });
});
