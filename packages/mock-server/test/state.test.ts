// The stateful mode: what a client writes, it reads back. Every operation's stateful answer is
// validated against its spec (a violation fails), and the resource model derived from each spec
// is exercised generically: create → read → update → read → delete → 404, for every collection
// whose spec has those operations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiModel, type OperationModel } from '../src/answerers/state/index.js';
import { behaviourFor } from '../src/apis/index.js';
import { loadApis } from '../src/core/specs.js';
import { type RunningMockServer, startMockServer } from '../src/index.js';
import { APIS, SPECS_DIR, type SpecOperation, specOperations, testJwt } from './requests.js';

let mock: RunningMockServer;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, specsDir: SPECS_DIR, seed: 'state-test' });
});

afterAll(async () => {
  await mock?.close();
});

/**
 * The spec's example requests, with the example webhook's target (example.com) moved to loopback:
 * the mock refuses other targets (no open relay), and its deliveries then never leave the machine.
 */
function operationsOf(api: string): SpecOperation[] {
  return specOperations(api).map((op) =>
    op.operation.operationId === 'createWebhook' && op.body
      ? { ...op, body: op.body.replace('http://example.com/', 'http://127.0.0.1:9/') }
      : op,
  );
}

interface Answer {
  status: number;
  body: unknown;
  violations: string | null;
  headers: Headers;
}

async function send(
  api: string,
  method: string,
  path: string,
  options: {
    session?: string;
    body?: string;
    headers?: Record<string, string>;
    query?: URLSearchParams;
  } = {},
): Promise<Answer> {
  const query = options.query && options.query.size > 0 ? `?${options.query}` : '';
  const response = await fetch(`${mock.apis[api]}${path}${query}`, {
    method,
    headers: {
      ...options.headers,
      ...(options.session ? { 'x-mock-session': options.session } : {}),
    },
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: compared as text
  }
  return {
    status: response.status,
    body,
    violations: response.headers.get('sl-violations'),
    headers: response.headers,
  };
}

const models = new Map(
  loadApis(SPECS_DIR).map((api) => [api.name, buildApiModel(api.document, behaviourFor(api.name))]),
);

function modelOf(api: string, operationId: string): OperationModel {
  return models.get(api)?.operations.get(operationId) as OperationModel;
}

describe.each(APIS)('%s: every stateful answer conforms to the spec', (api) => {
  it('answers each operation’s example request with a documented success and no violation', async () => {
    const failures: string[] = [];
    for (const op of operationsOf(api)) {
      // A fresh session per operation: each runs against the seed, whatever ran before.
      const answer = await send(api, op.method, op.path, {
        session: `conform-${op.operation.operationId}`,
        headers: op.headers,
        ...(op.body !== undefined ? { body: op.body } : {}),
        query: op.query,
      });
      const documented = Object.keys(op.operation.responses).filter((code) => /^2/.test(code));
      if (!documented.includes(String(answer.status)) || answer.violations !== null)
        failures.push(
          `${op.method} ${op.template} (${modelOf(api, op.operation.operationId).kind}): ${answer.status} ${answer.violations ?? ''} ${JSON.stringify(answer.body).slice(0, 200)}`,
        );
    }
    expect(failures).toEqual([]);
  });
});

/** The operations of one collection, by kind. */
function crudOperations(api: string) {
  const operations = operationsOf(api);
  const byId = new Map(operations.map((op) => [op.operation.operationId, op]));
  const model = models.get(api);
  const flows: Array<{
    collection: string;
    create: SpecOperation;
    read?: SpecOperation;
    list?: SpecOperation;
    update?: SpecOperation;
    remove?: SpecOperation;
  }> = [];
  for (const collection of model?.collections ?? []) {
    const ops = [...(model?.operations.values() ?? [])].filter((op) => op.collection === collection);
    const find = (kind: string) => {
      const found = ops.find((op) => op.kind === kind);
      return found ? byId.get(found.operationId) : undefined;
    };
    const create = find('create');
    if (!create) continue;
    flows.push({
      collection: collection.template,
      create,
      read: find('read'),
      list: find('list'),
      update: find('update'),
      remove: find('delete'),
    });
  }
  return flows;
}

// Samsara has no generic collection (its writes are query-addressed): its own tests below.
describe.each(APIS.filter((api) => crudOperations(api).length > 0))(
  '%s: create, read back, update, delete',
  (api) => {
    const flows = crudOperations(api);
    it.each(flows.map((flow) => [flow.collection, flow] as const))('%s', async (_name, flow) => {
      const session = `crud-${flow.create.operation.operationId}`;
      const model = modelOf(api, flow.create.operation.operationId);
      const idField = model.collection?.idField as string;
      const created = await send(api, 'POST', flow.create.path, {
        session,
        headers: flow.create.headers,
        body: flow.create.body as string,
        query: flow.create.query,
      });
      expect(created.violations).toBeNull();
      expect(created.status).toBe(model.successStatus);
      const item = (
        model.itemWrapper ? (created.body as Record<string, unknown>)[model.itemWrapper] : created.body
      ) as Record<string, unknown>;
      const id = idField
        .split('.')
        .reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], item);
      expect(id).toBeDefined();
      // What the request sent, the stored item shows (for the fields the resource has).
      const sent = JSON.parse(flow.create.body as string) as Record<string, unknown>;
      for (const [field, value] of Object.entries(sent))
        if (field in item && typeof value !== 'object') expect(item[field]).toEqual(value);

      const itemPath = (op: SpecOperation) =>
        op.path.replace(/\/[^/]+$/, `/${encodeURIComponent(String(id))}`);
      if (flow.list) {
        const listed = await send(api, 'GET', flow.list.path, {
          session,
          headers: flow.list.headers,
          query: flow.list.query,
        });
        expect(listed.violations).toBeNull();
        expect(JSON.stringify(listed.body)).toContain(JSON.stringify(id));
      }
      if (flow.read) {
        const read = await send(api, 'GET', itemPath(flow.read), { session, headers: flow.read.headers });
        expect(read.violations).toBeNull();
        expect(read.body).toEqual(created.body);
      }
      if (flow.update) {
        const updated = await send(api, flow.update.method, itemPath(flow.update), {
          session,
          headers: flow.update.headers,
          body: flow.update.body as string,
        });
        expect(updated.violations).toBeNull();
        expect(updated.status).toBe(200);
        const changes = JSON.parse(flow.update.body as string) as Record<string, unknown>;
        const after = (
          model.itemWrapper ? (updated.body as Record<string, unknown>)[model.itemWrapper] : updated.body
        ) as Record<string, unknown>;
        for (const [field, value] of Object.entries(changes))
          if (field in after && typeof value !== 'object') expect(after[field]).toEqual(value);
        if (flow.read) {
          const reread = await send(api, 'GET', itemPath(flow.read), { session, headers: flow.read.headers });
          expect(reread.body).toEqual(updated.body);
        }
      }
      if (flow.remove) {
        const removed = await send(api, 'DELETE', itemPath(flow.remove), {
          session,
          headers: flow.remove.headers,
        });
        expect(removed.violations).toBeNull();
        expect(removed.status).toBeLessThan(300);
        for (const op of [flow.read, flow.update, flow.remove]) {
          if (!op) continue;
          const gone = await send(api, op.method, itemPath(op), {
            session,
            headers: op.headers,
            ...(op.body ? { body: op.body } : {}),
          });
          expect(gone.status, `${op.method} after delete`).toBe(404);
          // The spec's own 404: its error shape, so no violation.
          expect(gone.violations).toBeNull();
        }
      }
    });
  },
);

const skilljarAuth = { authorization: `Basic ${Buffer.from('key:').toString('base64')}` };
const json = { 'content-type': 'application/json' };

async function countCourses(session?: string): Promise<number> {
  const answer = await send('skilljar', 'GET', '/v1/courses', {
    headers: skilljarAuth,
    ...(session ? { session } : {}),
  });
  return (answer.body as { count: number }).count;
}

describe('state control', () => {
  it('keeps sessions apart and resets to the seed', async () => {
    const seeded = await countCourses('iso-a');
    const created = await send('skilljar', 'POST', '/v1/courses', {
      session: 'iso-a',
      headers: { ...skilljarAuth, ...json },
      body: JSON.stringify({
        title: 'Only in a',
        enforce_sequential_navigation: false,
        short_description: 'a',
      }),
    });
    expect(created.status).toBe(201);
    expect(await countCourses('iso-a')).toBe(seeded + 1);
    expect(await countCourses('iso-b')).toBe(seeded);

    const dump = (await (await fetch(`${mock.url}/_state?api=skilljar&session=iso-a`)).json()) as {
      collections: Record<string, Array<{ title?: string }>>;
    };
    expect(dump.collections['skilljar /v1/courses']?.some((course) => course.title === 'Only in a')).toBe(
      true,
    );

    const reset = await fetch(`${mock.url}/_state/reset?session=iso-a`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(await countCourses('iso-a')).toBe(seeded);

    // The programmatic server: reset() and session() do the same.
    const session = mock.session('iso-c');
    expect(session.headers).toEqual({ 'X-Mock-Session': 'iso-c' });
    await send('skilljar', 'POST', '/v1/courses', {
      headers: { ...skilljarAuth, ...json, ...session.headers },
      body: JSON.stringify({ title: 'c', enforce_sequential_navigation: false, short_description: 'c' }),
    });
    expect(await countCourses('iso-c')).toBe(seeded + 1);
    mock.reset('iso-c');
    expect(await countCourses('iso-c')).toBe(seeded);
  });

  it('refuses an invalid session name in the mock’s own error shape', async () => {
    const answer = await send('skilljar', 'GET', '/v1/courses', {
      headers: skilljarAuth,
      session: 'no spaces allowed',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ title: 'Invalid X-Mock-Session' });
    expect(() => mock.session('bad name')).toThrow(/Invalid session name/);
  });

  it('never changes state for a request Prism refuses, or for a Prefer override', async () => {
    const session = 'refused';
    const before = await countCourses(session);
    const invalid = await send('skilljar', 'POST', '/v1/courses', {
      session,
      headers: { ...skilljarAuth, ...json },
      body: JSON.stringify({ title: 42 }),
    });
    expect(invalid.status).toBeGreaterThanOrEqual(400);
    const anonymous = await send('skilljar', 'POST', '/v1/courses', {
      session,
      headers: json,
      body: JSON.stringify({ title: 'x', enforce_sequential_navigation: false, short_description: 'x' }),
    });
    expect(anonymous.status).toBe(401);
    const preferred = await send('skilljar', 'POST', '/v1/courses', {
      session,
      headers: { ...skilljarAuth, ...json, prefer: 'code=201' },
      body: JSON.stringify({
        title: 'Preferred',
        enforce_sequential_navigation: false,
        short_description: 'x',
      }),
    });
    expect(preferred.status).toBe(201);
    // The spec's example, not the request: Prefer bypasses the store.
    expect((preferred.body as { title: string }).title).not.toBe('Preferred');
    expect(await countCourses(session)).toBe(before);
  });

  it('pages lists with absolute links back to the mock, in DRF’s style', async () => {
    const session = 'paging';
    const headers = { ...skilljarAuth, ...json };
    for (let i = 0; i < 5; i += 1)
      await send('skilljar', 'POST', '/v1/courses', {
        session,
        headers,
        body: JSON.stringify({
          title: `Course ${i}`,
          enforce_sequential_navigation: false,
          short_description: 's',
        }),
      });
    const total = await countCourses(session);
    const seen: string[] = [];
    let next: string | null = `${mock.apis.skilljar}/v1/courses?page_size=2`;
    let pages = 0;
    while (next) {
      const page = (await (
        await fetch(next, { headers: { ...skilljarAuth, 'x-mock-session': session } })
      ).json()) as {
        next: string | null;
        previous: string | null;
        results: Array<{ id: string }>;
      };
      pages += 1;
      if (pages === 2) expect(page.previous).toBe(`${mock.apis.skilljar}/v1/courses?page_size=2`);
      seen.push(...page.results.map((course) => course.id));
      next = page.next;
    }
    expect(pages).toBe(Math.ceil(total / 2));
    expect(new Set(seen).size).toBe(total);
    const past = await send('skilljar', 'GET', '/v1/courses', {
      session,
      headers: skilljarAuth,
      query: new URLSearchParams({ page: '99' }),
    });
    expect(past.status).toBe(404);
    expect(past.body).toEqual({ detail: 'Invalid page.' });
  });

  it('applies documented filters', async () => {
    const session = 'filters';
    const answer = await send('skilljar', 'GET', '/v1/users', { session, headers: skilljarAuth });
    const users = (answer.body as { results: Array<{ email: string }> }).results;
    expect(users.length).toBeGreaterThan(0);
    const email = users[0]?.email as string;
    const filtered = await send('skilljar', 'GET', '/v1/users', {
      session,
      headers: skilljarAuth,
      query: new URLSearchParams({ email }),
    });
    expect(
      (filtered.body as { results: Array<{ email: string }> }).results.every((user) => user.email === email),
    ).toBe(true);
    const none = await send('skilljar', 'GET', '/v1/users', {
      session,
      headers: skilljarAuth,
      query: new URLSearchParams({ email: 'nobody@example.invalid' }),
    });
    expect(none.body).toMatchObject({ count: 0, results: [] });
  });

  it('journals each request’s body and session, never credentials', async () => {
    const body = { title: 'Journalled', enforce_sequential_navigation: false, short_description: 'j' };
    await send('skilljar', 'POST', '/v1/courses', {
      session: 'journal',
      headers: { ...skilljarAuth, ...json },
      body: JSON.stringify(body),
    });
    expect(mock.journal.lastBody('createCourse', { session: 'journal' })).toEqual(body);
    const entry = mock.journal.list({ operationId: 'createCourse', session: 'journal' }).at(-1);
    expect(entry?.session).toBe('journal');
    expect(JSON.stringify(entry)).not.toContain(skilljarAuth.authorization);
    await send('skilljar', 'POST', '/v1/webhooks', {
      session: 'journal',
      headers: { ...skilljarAuth, ...json },
      body: JSON.stringify({
        url: 'https://example.com/hook',
        basic_auth_username: 'u',
        basic_auth_password: 'p4ss',
      }),
    });
    const hook = mock.journal.lastBody<Record<string, unknown>>('createWebhook', { session: 'journal' });
    expect(hook?.basic_auth_password).toBe('[redacted]');
    expect(hook?.url).toBe('https://example.com/hook');
    // A form body's repeated key keeps every value (the store and the journal read forms alike).
    await send('skilljar', 'POST', '/v1/question-banks', {
      session: 'journal',
      headers: { ...skilljarAuth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Bank&tags=a&tags=b',
    });
    expect(mock.journal.lastBody('createQuestionBank', { session: 'journal' })).toMatchObject({
      tags: ['a', 'b'],
    });
  });
});

describe('Samsara: query-addressed writes and the stream', () => {
  const auth = { authorization: 'Bearer token' };
  it('creates one assignment per learner, finds them in the stream, updates and deletes them', async () => {
    const session = 'samsara-flow';
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const courseId = 'a4db8702-79d5-4396-a717-e301d52ecc11';
    const created = await send('samsara', 'POST', '/training-assignments', {
      session,
      headers: auth,
      query: new URLSearchParams({ courseId, learnerIds: 'driver-1,driver-2' }),
    });
    expect(created.violations).toBeNull();
    const data = (created.body as { data: Array<{ id: string; isExistingAssignment: boolean }> }).data;
    expect(data.map((item) => item.isExistingAssignment)).toEqual([false, false]);
    const again = await send('samsara', 'POST', '/training-assignments', {
      session,
      headers: auth,
      query: new URLSearchParams({ courseId, learnerIds: 'driver-1' }),
    });
    expect((again.body as { data: Array<{ id: string; isExistingAssignment: boolean }> }).data).toMatchObject(
      [{ id: data[0]?.id, isExistingAssignment: true }],
    );

    const stream = await send('samsara', 'GET', '/training-assignments/stream', {
      session,
      headers: auth,
      query: new URLSearchParams({ startTime: hourAgo }),
    });
    expect(stream.violations).toBeNull();
    const page = stream.body as {
      data: Array<{ id: string }>;
      pagination: { endCursor: string; hasNextPage: boolean };
    };
    expect(page.data.map((item) => item.id).sort()).toEqual(data.map((item) => item.id).sort());
    // No endTime: the stream is polled on, so the cursor is never empty (seed).
    expect(page.pagination.hasNextPage).toBe(true);
    expect(page.pagination.endCursor).not.toBe('');

    const due = '2030-01-01T00:00:00Z';
    const patched = await send('samsara', 'PATCH', '/training-assignments', {
      session,
      headers: auth,
      query: new URLSearchParams({ ids: data[0]?.id as string, dueAtTime: due }),
    });
    expect(patched.violations).toBeNull();
    expect((patched.body as { data: Array<{ dueAtTime: string }> }).data[0]?.dueAtTime).toBe(due);
    const removed = await send('samsara', 'DELETE', '/training-assignments', {
      session,
      headers: auth,
      query: new URLSearchParams({ ids: data[1]?.id as string }),
    });
    expect(removed.status).toBe(204);
    const ended = await send('samsara', 'GET', '/training-assignments/stream', {
      session,
      headers: auth,
      query: new URLSearchParams({
        startTime: hourAgo,
        endTime: new Date(Date.now() + 60_000).toISOString(),
      }),
    });
    const final = ended.body as {
      data: Array<{ id: string; deletedAtTime?: string }>;
      pagination: { hasNextPage: boolean };
    };
    expect(final.pagination).toEqual({ endCursor: '', hasNextPage: false });
    expect(final.data.find((item) => item.id === data[1]?.id)?.deletedAtTime).toBeDefined();
    const unknown = await send('samsara', 'PATCH', '/training-assignments', {
      session,
      headers: auth,
      query: new URLSearchParams({ ids: 'no-such-id', dueAtTime: due }),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.violations).toBeNull();
  });
});

describe('server-owned fields', () => {
  it('numbers a new SNworks assignment after the highest numeric id, with a fresh uuid and its srn', async () => {
    const headers = { authorization: `Bearer ${testJwt()}`, 'content-type': 'application/json' };
    const seeded = (await send('snworks', 'GET', '/assignment', { session: 'owned', headers })).body as {
      items: Array<{ id: string }>;
    };
    const highest = Math.max(...seeded.items.map((item) => Number(item.id)));
    const first = await send('snworks', 'POST', '/assignment', {
      session: 'owned',
      headers,
      body: JSON.stringify({ title: 'a' }),
    });
    const second = await send('snworks', 'POST', '/assignment', {
      session: 'owned',
      headers,
      body: JSON.stringify({ title: 'b' }),
    });
    const [a, b] = [first.body, second.body] as Array<{
      id: string;
      uuid: string;
      srn: string;
      created_at: string;
    }>;
    expect([a?.id, b?.id]).toEqual([String(highest + 1), String(highest + 2)]);
    expect(a?.uuid).not.toBe(b?.uuid);
    expect(a?.srn).toBe(`srn:tsn:ceo-core/assignment:${a?.uuid}`);
    expect(a?.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });
});

describe('repeatable and bounded', () => {
  it('makes the same ids with the same --seed', async () => {
    const ids: string[] = [];
    for (let run = 0; run < 2; run += 1) {
      const server = await startMockServer({
        port: 0,
        specsDir: SPECS_DIR,
        apis: ['thrive'],
        seed: 'repeat',
      });
      try {
        const response = await fetch(`${server.apis.thrive}/assignments`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from('t:s').toString('base64')}`, ...json },
          body: JSON.stringify({
            audienceId: '63f8c546a05716c51210ac81',
            contentId: '63f8c54a8cb9790c99de077a',
          }),
        });
        ids.push(((await response.json()) as { id: string }).id);
      } finally {
        await server.close();
      }
    }
    expect(ids[0]).toMatch(/^[0-9a-f]{24}$/);
    expect(ids[1]).toBe(ids[0]);
  });

  it('refuses writes past the caps with 507, and evicts the least recently used session', async () => {
    const server = await startMockServer({
      port: 0,
      specsDir: SPECS_DIR,
      apis: ['thrive'],
      stateLimits: { maxItemsPerCollection: 3, maxSessions: 2 },
    });
    const headers = { authorization: `Basic ${Buffer.from('t:s').toString('base64')}`, ...json };
    const create = (session: string) =>
      fetch(`${server.apis.thrive}/assignments`, {
        method: 'POST',
        headers: { ...headers, 'x-mock-session': session },
        body: JSON.stringify({
          audienceId: '63f8c546a05716c51210ac81',
          contentId: '63f8c54a8cb9790c99de077a',
        }),
      });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await create('full')).status);
      // The seed holds one assignment: two creates fit, the third is refused.
      expect(statuses).toEqual([201, 201, 507]);
      const state = async (session: string) =>
        (await (await fetch(`${server.url}/_state?session=${session}`)).json()) as { sessions: string[] };
      await create('second');
      await create('third');
      expect((await state('x')).sessions).toEqual(['second', 'third']);
    } finally {
      await server.close();
    }
  });
});
