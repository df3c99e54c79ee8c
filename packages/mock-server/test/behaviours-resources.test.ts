// What the seed pages say the APIs do with their resources, one test per rule (issue 17):
// Skilljar's idempotent enrollments, promo code pools, anonymize, web packages, fulfil and signed
// download URLs; SNworks' exclusive locks; Samsara's training assignments and their stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMockServer, startMockServer } from '../src/index.js';
import { signJwt } from '../src/policies/jwt.js';
import { SPECS_DIR, type SpecOperation, specOperations } from './requests.js';

let mock: RunningMockServer;

beforeAll(async () => {
  // Rate limits have their own tests (behaviours-auth.test.ts); here the stream is paged quickly.
  mock = await startMockServer({
    port: 0,
    specsDir: SPECS_DIR,
    seed: 'behaviours-resources',
    rateLimits: false,
  });
});

afterAll(async () => {
  await mock?.close();
});

type Json = Record<string, unknown>;

interface Answer {
  status: number;
  body: Json;
  violations: string | null;
}

async function send(
  api: string,
  method: string,
  path: string,
  options: { session: string; body?: unknown; headers?: Record<string, string>; query?: URLSearchParams },
): Promise<Answer> {
  const query = options.query && options.query.size > 0 ? `?${options.query}` : '';
  const response = await fetch(`${mock.apis[api]}${path}${query}`, {
    method,
    headers: {
      'x-mock-session': options.session,
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Json) : {},
    violations: response.headers.get('sl-violations'),
  };
}

/** An operation's example request (concrete path, auth headers), from the spec. */
function example(api: string, operationId: string): SpecOperation {
  const found = specOperations(api).find((op) => op.operation.operationId === operationId);
  if (!found) throw new Error(`${api} has no ${operationId}`);
  return found;
}

function results(answer: Answer): Json[] {
  return answer.body.results as Json[];
}

describe('Skilljar', () => {
  const auth = example('skilljar', 'listUsers').headers;
  const DISCOUNT = 'PERCENT_OFF';

  describe.each(['createPublishedCourseEnrollment', 'createPublishedPathEnrollment', 'createPlanEnrollment'])(
    '%s',
    (operationId) => {
      it('is idempotent on user.id + enrolled_at: the second POST answers the same enrollment and adds none', async () => {
        const session = `idempotent-${operationId}`;
        const create = example('skilljar', operationId);
        const list = async () => send('skilljar', 'GET', create.path, { session, headers: auth });
        const before = (await list()).body.count as number;
        const body = { user: { id: 'opqrstu345678' }, enrolled_at: '2024-05-01T10:00:00Z', active: true };
        const first = await send('skilljar', 'POST', create.path, { session, headers: auth, body });
        expect(first.status).toBe(201);
        expect(first.violations).toBeNull();
        // The same instant written differently is the same key.
        const second = await send('skilljar', 'POST', create.path, {
          session,
          headers: auth,
          body: { ...body, enrolled_at: '2024-05-01T10:00:00.000Z' },
        });
        expect(second.status).toBe(201);
        expect(second.violations).toBeNull();
        expect(second.body.id).toBe(first.body.id);
        expect((await list()).body.count).toBe(before + 1);

        // Either half different: a new enrollment.
        const otherTime = await send('skilljar', 'POST', create.path, {
          session,
          headers: auth,
          body: { ...body, enrolled_at: '2024-05-02T10:00:00Z' },
        });
        const otherUser = await send('skilljar', 'POST', create.path, {
          session,
          headers: auth,
          body: { ...body, user: { id: 'cdefghi567890' } },
        });
        expect(new Set([first.body.id, otherTime.body.id, otherUser.body.id]).size).toBe(3);
        expect((await list()).body.count).toBe(before + 3);
      });
    },
  );

  it('deleting a promo code pool deletes the promo codes carrying its id, and only those', async () => {
    const session = 'promo-pools';
    const pool = await send('skilljar', 'POST', '/v1/promo-code-pools', {
      session,
      headers: auth,
      body: { name: 'Spring sale', starts_at: '2024-03-01T00:00:00Z', discount_type: DISCOUNT },
    });
    expect(pool.status).toBe(201);
    const poolId = pool.body.id as string;
    const other = await send('skilljar', 'POST', '/v1/promo-code-pools', {
      session,
      headers: auth,
      body: { name: 'Other', starts_at: '2024-03-01T00:00:00Z', discount_type: DISCOUNT },
    });
    const codes = async () =>
      results(await send('skilljar', 'GET', '/v1/promo-codes', { session, headers: auth }));
    const before = (await codes()).length;
    for (const [pool_id, code] of [
      [poolId, 'SPRING-1'],
      [poolId, 'SPRING-2'],
      [other.body.id, 'OTHER-1'],
    ])
      expect(
        (
          await send('skilljar', 'POST', '/v1/promo-codes', {
            session,
            headers: auth,
            body: { code, max_uses: 5, promo_code_pool_id: pool_id },
          })
        ).status,
      ).toBe(201);
    expect((await codes()).length).toBe(before + 3);

    const removed = await send('skilljar', 'DELETE', `/v1/promo-code-pools/${poolId}`, {
      session,
      headers: auth,
    });
    expect(removed.status).toBe(204);
    const left = await codes();
    expect(left.length).toBe(before + 1);
    expect(left.map((code) => code.promo_code_pool_id)).not.toContain(poolId);
    expect(left.map((code) => code.code)).toContain('OTHER-1');
    const again = await send('skilljar', 'DELETE', `/v1/promo-code-pools/${poolId}`, {
      session,
      headers: auth,
    });
    expect(again.status).toBe(404);
    expect(again.violations).toBeNull();
  });

  it('anonymize obfuscates the user in /v1/users and in the domain users that embed it, for good', async () => {
    const session = 'anonymize';
    const domainUsers = example('skilljar', 'listDomainUsers');
    const member = results(await send('skilljar', 'GET', domainUsers.path, { session, headers: auth }))[0]
      ?.user as Json;
    expect(member?.email).toBeTruthy();
    const userId = member.id as string;
    // The seed has the same user in the users collection too.
    const users = results(await send('skilljar', 'GET', '/v1/users', { session, headers: auth }));
    expect(users.find((user) => user.id === userId)?.email).toBe(member.email);

    const answer = await send('skilljar', 'POST', `/v1/users/${userId}/anonymize`, {
      session,
      headers: auth,
    });
    expect(answer.status).toBe(200);
    expect(answer.violations).toBeNull();
    expect(answer.body).toEqual({
      id: userId,
      email: `anonymized-${userId}@example.invalid`,
      first_name: 'Anonymized',
      last_name: 'User',
    });
    const after = results(await send('skilljar', 'GET', domainUsers.path, { session, headers: auth }));
    const embedded = after.find((entry) => (entry.user as Json).id === userId)?.user as Json;
    expect(embedded.email).toBe(`anonymized-${userId}@example.invalid`);
    expect(JSON.stringify(after)).not.toContain(String(member.email));
    const listed = results(await send('skilljar', 'GET', '/v1/users', { session, headers: auth }));
    expect(listed.find((user) => user.id === userId)?.email).toBe(`anonymized-${userId}@example.invalid`);
    // The other users are untouched.
    expect(listed.filter((user) => user.id !== userId)).toEqual(users.filter((user) => user.id !== userId));
    const unknown = await send('skilljar', 'POST', '/v1/users/nosuchuser00/anonymize', {
      session,
      headers: auth,
    });
    expect(unknown.status).toBe(404);
  });

  it('a created web package is PROCESSING without type or download_url, then READY on the next read', async () => {
    const session = 'web-packages';
    const created = await send('skilljar', 'POST', '/v1/web-packages', {
      session,
      headers: auth,
      body: {
        content_url: 'https://www.skilljar.com/example_scorm.zip',
        web_package: { title: 'Volume 24', redirect_on_completion: false, sync_on_completion: true },
      },
    });
    expect(created.status).toBe(201);
    expect(created.violations).toBeNull();
    expect(created.body).toMatchObject({
      state: 'PROCESSING',
      title: 'Volume 24',
      redirect_on_completion: false,
      sync_completion: true,
    });
    expect(created.body).not.toHaveProperty('type');
    expect(created.body).not.toHaveProperty('download_url');
    const id = created.body.id as string;
    const read = await send('skilljar', 'GET', `/v1/web-packages/${id}`, { session, headers: auth });
    expect(read.violations).toBeNull();
    expect(read.body).toMatchObject({ id, state: 'READY', title: 'Volume 24' });
    // The package type is what the zip holds; the mock does not open it, and no example lends one.
    expect(read.body).not.toHaveProperty('type');
    expect(read.body.download_url).toMatch(/^https:\/\//);
    const listed = results(await send('skilljar', 'GET', '/v1/web-packages', { session, headers: auth }));
    expect(listed.find((item) => item.id === id)?.state).toBe('READY');
  });

  it.each([
    ['getWebPackage', '/v1/web-packages'],
    ['getAsset', '/v1/assets'],
  ])('%s: download_url is a signed URL made anew on each read, valid for an hour', async (operationId) => {
    const session = `download-${operationId}`;
    const read = example('skilljar', operationId);
    const first = await send('skilljar', 'GET', read.path, { session, headers: auth });
    const second = await send('skilljar', 'GET', read.path, { session, headers: auth });
    expect(first.violations).toBeNull();
    const url = new URL(first.body.download_url as string);
    const expires = Number(url.searchParams.get('Expires'));
    expect(Math.abs(expires - (Date.now() / 1000 + 3600))).toBeLessThan(120);
    expect(second.body.download_url).not.toBe(first.body.download_url);
    const { download_url: _a, ...rest1 } = first.body;
    const { download_url: _b, ...rest2 } = second.body;
    expect(rest2).toEqual(rest1);
  });

  it('fulfill updates the purchase: status_msg from error_msg, and the purchase_state its enrollments show', async () => {
    const session = 'fulfill';
    const purchase = example('skilljar', 'getPurchase');
    const purchaseId = purchase.path.split('/').pop() as string;
    // An enrollment made with this purchase (the enrollment's purchase summary names it).
    const create = example('skilljar', 'createPublishedCourseEnrollment');
    const enrolled = await send('skilljar', 'POST', create.path, {
      session,
      headers: auth,
      body: {
        user: { id: 'opqrstu345678' },
        enrolled_at: '2024-06-01T00:00:00Z',
        purchase: { purchase_id: purchaseId, purchase_state: 'PENDING' },
      },
    });
    expect(enrolled.status).toBe(201);
    expect((enrolled.body.purchase as Json).purchase_state).toBe('PENDING');

    const failed = await send('skilljar', 'POST', `/v1/purchases/${purchaseId}/fulfill`, {
      session,
      headers: auth,
      body: { state: 'FAILED', error_msg: 'Your card was declined.', payment_processor_order_id: 'ch_42' },
    });
    expect(failed.status).toBe(200);
    expect(failed.violations).toBeNull();
    expect(failed.body).toMatchObject({
      status_msg: 'Your card was declined.',
      payment_processor_order_id: 'ch_42',
    });
    const read = await send('skilljar', 'GET', purchase.path, { session, headers: auth });
    expect(read.body).toEqual(failed.body);
    const enrollmentPath = `${create.path}/${String(enrolled.body.id)}`;
    const enrollment = await send('skilljar', 'GET', enrollmentPath, { session, headers: auth });
    expect((enrollment.body.purchase as Json).purchase_state).toBe('FAILED');

    const success = await send('skilljar', 'POST', `/v1/purchases/${purchaseId}/fulfill`, {
      session,
      headers: auth,
      body: { state: 'SUCCESS' },
    });
    expect(success.body.status_msg).toBeNull();
    const after = await send('skilljar', 'GET', enrollmentPath, { session, headers: auth });
    expect((after.body.purchase as Json).purchase_state).toBe('SUCCESS');
    const unknown = await send('skilljar', 'POST', '/v1/purchases/nosuchpurchase/fulfill', {
      session,
      headers: auth,
      body: { state: 'SUCCESS' },
    });
    expect(unknown.status).toBe(404);
  });
});

/** A CEO token: HS256 JWT carrying the public key as `pk` (facts file). */
function jwt(pk: string): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({ pk, iat: now, exp: now + 600 }, `secret-of-${pk}`);
}

describe('SNworks: exclusive locks', () => {
  const alice = { authorization: `Bearer ${jwt('pk-alice')}` };
  const bob = { authorization: `Bearer ${jwt('pk-bob')}` };

  async function newAssignment(session: string): Promise<Json> {
    const created = await send('snworks', 'POST', '/assignment', {
      session,
      headers: alice,
      body: { title: 'Budget story', slug: 'budget' },
    });
    expect(created.status).toBe(200);
    expect(created.body.lock).toBeNull();
    return created.body;
  }

  it('refuses an update without the lock (nothing changes) and persists it with the lock', async () => {
    const session = 'locks-update';
    const { uuid, srn } = await newAssignment(session);
    const refused = await send('snworks', 'PUT', `/assignment/${uuid}`, {
      session,
      headers: alice,
      body: { title: 'Changed' },
    });
    expect(refused.status).toBe(401);
    expect(refused.violations).toBeNull();
    expect(refused.body.message).toMatch(/lock/i);
    const unchanged = await send('snworks', 'GET', `/assignment/${uuid}`, { session, headers: alice });
    expect(unchanged.body.title).toBe('Budget story');

    const lock = await send('snworks', 'POST', '/lock-request', { session, headers: alice, body: { srn } });
    expect(lock.status).toBe(200);
    expect(lock.violations).toBeNull();
    expect(lock.body.uuid).toMatch(/^[0-9A-F-]{36}$/);
    const updated = await send('snworks', 'PUT', `/assignment/${uuid}`, {
      session,
      headers: alice,
      body: { title: 'Changed' },
    });
    expect(updated.status).toBe(200);
    expect(updated.violations).toBeNull();
    const read = await send('snworks', 'GET', `/assignment/${uuid}`, { session, headers: alice });
    expect(read.body).toMatchObject({ title: 'Changed', lock: { uuid: lock.body.uuid } });

    // Released: the next update is refused again.
    const released = await send('snworks', 'DELETE', `/lock-request/${lock.body.uuid}`, {
      session,
      headers: alice,
    });
    expect(released.status).toBe(200);
    expect(released.violations).toBeNull();
    expect(
      (await send('snworks', 'GET', `/assignment/${uuid}`, { session, headers: alice })).body.lock,
    ).toBeNull();
    const late = await send('snworks', 'PUT', `/assignment/${uuid}`, {
      session,
      headers: alice,
      body: { title: 'Too late' },
    });
    expect(late.status).toBe(401);
    const gone = await send('snworks', 'DELETE', `/lock-request/${lock.body.uuid}`, {
      session,
      headers: alice,
    });
    expect(gone.status).toBe(404);
  });

  it("refuses another caller's lock request, update, delete and release on a locked srn", async () => {
    const session = 'locks-exclusive';
    const { uuid, srn } = await newAssignment(session);
    const mine = await send('snworks', 'POST', '/lock-request', { session, headers: alice, body: { srn } });
    expect(mine.status).toBe(200);
    // The holder asking again gets its own lock back.
    const again = await send('snworks', 'POST', '/lock-request', { session, headers: alice, body: { srn } });
    expect(again.body.uuid).toBe(mine.body.uuid);

    const theirs = await send('snworks', 'POST', '/lock-request', { session, headers: bob, body: { srn } });
    expect(theirs.status).toBe(401);
    expect(theirs.violations).toBeNull();
    for (const [method, path] of [
      ['PUT', `/assignment/${uuid}`],
      ['DELETE', `/assignment/${uuid}`],
      ['DELETE', `/lock-request/${mine.body.uuid}`],
    ] as const) {
      const refused = await send('snworks', method, path, {
        session,
        headers: bob,
        ...(method === 'PUT' ? { body: { title: 'Bob was here' } } : {}),
      });
      expect(refused.status, `${method} ${path}`).toBe(401);
    }
    // The holder deletes; the lock goes with the assignment.
    const removed = await send('snworks', 'DELETE', `/assignment/${uuid}`, { session, headers: alice });
    expect(removed.status).toBe(200);
    expect((await send('snworks', 'GET', `/assignment/${uuid}`, { session, headers: alice })).status).toBe(
      404,
    );
    const stale = await send('snworks', 'DELETE', `/lock-request/${mine.body.uuid}`, {
      session,
      headers: alice,
    });
    expect(stale.status).toBe(404);
  });

  it('refuses a delete without the lock, and a lock on an srn naming no assignment', async () => {
    const session = 'locks-delete';
    const { uuid } = await newAssignment(session);
    const refused = await send('snworks', 'DELETE', `/assignment/${uuid}`, { session, headers: alice });
    expect(refused.status).toBe(401);
    expect((await send('snworks', 'GET', `/assignment/${uuid}`, { session, headers: alice })).status).toBe(
      200,
    );
    const nothing = await send('snworks', 'POST', '/lock-request', {
      session,
      headers: alice,
      body: { srn: 'srn:tsn:ceo-core/assignment:00000000-0000-4000-8000-000000000000' },
    });
    expect(nothing.status).toBe(422);
    expect(nothing.violations).toBeNull();
  });

  it("the seed's example assignment is locked by the examples' lock, which the examples' caller holds", async () => {
    const session = 'locks-seed';
    const update = example('snworks', 'updateAssignment');
    const lockExample = example('snworks', 'deleteLockRequest');
    const lockUuid = lockExample.path.split('/').pop() as string;
    const read = await send('snworks', 'GET', update.path, { session, headers: alice });
    expect(read.body.lock).toEqual(expect.any(Object));
    // Any caller may use it (the examples name none): the documented update works as written.
    const updated = await send('snworks', 'PUT', update.path, {
      session,
      headers: bob,
      body: JSON.parse(update.body as string),
    });
    expect(updated.status).toBe(200);
    expect(updated.body.lock).toEqual({ uuid: lockUuid, srn: read.body.srn });
    const released = await send('snworks', 'DELETE', lockExample.path, { session, headers: bob });
    expect(released.status).toBe(200);
    // Once released, it is an ordinary assignment: the next lock is its taker's alone.
    const taken = await send('snworks', 'POST', '/lock-request', {
      session,
      headers: alice,
      body: { srn: read.body.srn },
    });
    expect(taken.body.uuid).not.toBe(lockUuid);
    const refused = await send('snworks', 'PUT', update.path, {
      session,
      headers: bob,
      body: { title: 'x' },
    });
    expect(refused.status).toBe(401);
  });
});

describe('Samsara: training assignments', () => {
  const auth = { authorization: 'Bearer token' };
  const courseId = 'a4db8702-79d5-4396-a717-e301d52ecc11';
  type Assignment = { id: string; isOverdue: boolean; updatedAtTime: string; dueAtTime?: string };
  type StreamPage = { data: Assignment[]; pagination: { endCursor: string; hasNextPage: boolean } };

  async function stream(session: string, query: Record<string, string>): Promise<StreamPage> {
    const answer = await send('samsara', 'GET', '/training-assignments/stream', {
      session,
      headers: auth,
      query: new URLSearchParams(query),
    });
    expect(answer.violations).toBeNull();
    return answer.body as unknown as StreamPage;
  }

  it('isOverdue follows dueAtTime', async () => {
    const session = 'samsara-overdue';
    const start = new Date(Date.now() - 60_000).toISOString();
    const created = await send('samsara', 'POST', '/training-assignments', {
      session,
      headers: auth,
      query: new URLSearchParams({
        courseId,
        learnerIds: 'driver-10',
        dueAtTime: new Date(Date.now() - 3600_000).toISOString(),
      }),
    });
    const [assignment] = (created.body.data as Assignment[]) ?? [];
    expect(assignment?.isOverdue).toBe(true);
    expect((await stream(session, { startTime: start })).data[0]?.isOverdue).toBe(true);
    expect((await stream(session, { startTime: start, isOverdue: 'true' })).data).toHaveLength(1);

    const patched = await send('samsara', 'PATCH', '/training-assignments', {
      session,
      headers: auth,
      query: new URLSearchParams({ ids: assignment?.id as string, dueAtTime: '2099-01-01T00:00:00Z' }),
    });
    expect((patched.body.data as Assignment[])[0]?.isOverdue).toBe(false);
    expect((await stream(session, { startTime: start })).data[0]?.isOverdue).toBe(false);
    expect((await stream(session, { startTime: start, isOverdue: 'true' })).data).toHaveLength(0);
  });

  it('PATCH changes dueAtTime of the given ids only', async () => {
    const session = 'samsara-patch';
    const start = new Date(Date.now() - 60_000).toISOString();
    const created = await send('samsara', 'POST', '/training-assignments', {
      session,
      headers: auth,
      query: new URLSearchParams({
        courseId,
        learnerIds: 'driver-1,driver-2',
        dueAtTime: '2098-01-01T00:00:00Z',
      }),
    });
    const [first, second] = created.body.data as Assignment[];
    await send('samsara', 'PATCH', '/training-assignments', {
      session,
      headers: auth,
      query: new URLSearchParams({ ids: first?.id as string, dueAtTime: '2097-01-01T00:00:00Z' }),
    });
    const byId = new Map((await stream(session, { startTime: start })).data.map((item) => [item.id, item]));
    expect(byId.get(first?.id as string)?.dueAtTime).toBe('2097-01-01T00:00:00Z');
    expect(byId.get(second?.id as string)?.dueAtTime).toBe('2098-01-01T00:00:00Z');
  });

  it('the stream holds [startTime, endTime), sorted by updatedAtTime, paged by an opaque cursor', async () => {
    const session = 'samsara-pages';
    const start = new Date(Date.now() - 60_000).toISOString();
    // 101 learners (at most 100 per request): one more than a stream page holds.
    const learners = Array.from({ length: 101 }, (_, index) => `driver-${index + 100}`);
    const ids: string[] = [];
    for (const batch of [learners.slice(0, 100), learners.slice(100)]) {
      const created = await send('samsara', 'POST', '/training-assignments', {
        session,
        headers: auth,
        query: new URLSearchParams({ courseId, learnerIds: batch.join(',') }),
      });
      expect(created.status).toBe(200);
      ids.push(...(created.body.data as Assignment[]).map((item) => item.id));
    }
    expect(ids).toHaveLength(101);
    // The first one modified later: it sorts last.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await send('samsara', 'PATCH', '/training-assignments', {
      session,
      headers: auth,
      query: new URLSearchParams({ ids: ids[0] as string, dueAtTime: '2099-01-01T00:00:00Z' }),
    });
    const end = new Date(Date.now() + 60_000).toISOString();
    const page1 = await stream(session, { startTime: start, endTime: end });
    expect(page1.data).toHaveLength(100);
    expect(page1.pagination.hasNextPage).toBe(true);
    expect(page1.pagination.endCursor).not.toBe('');
    const page2 = await stream(session, {
      startTime: start,
      endTime: end,
      after: page1.pagination.endCursor,
    });
    expect(page2.pagination).toEqual({ endCursor: '', hasNextPage: false });
    const all = [...page1.data, ...page2.data];
    expect(new Set(all.map((item) => item.id))).toEqual(new Set(ids));
    const times = all.map((item) => Date.parse(item.updatedAtTime));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(all[all.length - 1]?.id).toBe(ids[0]);

    // endTime is exclusive, startTime inclusive: the later modification's instant splits them.
    const split = all[all.length - 1]?.updatedAtTime as string;
    const before = await stream(session, { startTime: start, endTime: split });
    expect(before.data.map((item) => item.id)).not.toContain(ids[0]);
    const from = await stream(session, { startTime: split, endTime: end });
    expect(from.data.map((item) => item.id)).toEqual([ids[0]]);
    // Without endTime the stream stays open: hasNextPage with a non-empty cursor, even when empty.
    const open = await stream(session, { startTime: end });
    expect(open.data).toEqual([]);
    expect(open.pagination.hasNextPage).toBe(true);
    expect(open.pagination.endCursor).not.toBe('');
  });
});
