// Contract tests against the static mock (every answer is the spec's example), so each call can be
// compared with the example it should return. The stateful flows are in stateful.test.ts.
import { ApiError } from '@lms-apis/client-core';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { type Assignment, createSnworksClient } from '../src/index.js';

// Contract tests: the real client against the real mock server (started by the global setup),
// every SNworks operation.
const baseUrl = inject('staticMockApis').snworks as string;
const keys = { publicKey: 'pk-test-public', privateKey: 'sk-test-private-secret' };
const uuid = 'AAAAAAAA-1234-4567-7890-BBBBBBBBBBBB';

function client() {
  return createSnworksClient({ baseUrl, ...keys });
}

describe('SNworks client against the mock', () => {
  it('lists assignments with the vendor example page', async () => {
    const { data, error, response } = await client().GET('/assignment', {
      params: { query: { page: 1, per_page: 50, dir: 'desc' } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.items[0]?.uuid).toBe(uuid);
    expect(data?.items[0]?.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(data?.total_pages).toBe(1);
  });

  it('gets one assignment', async () => {
    const { data } = await client().GET('/assignment/{uuid}', { params: { path: { uuid } } });
    expect(data?.srn).toBe(`srn:tsn:ceo-core/assignment:${uuid}`);
  });

  it('creates, locks, updates, unlocks and deletes', async () => {
    const ceo = client();
    const body = {
      slug: 'some-slug',
      title: 'A title',
      due_at: '2016-12-30 05:00:00',
      issue_id: '2',
      children: ['UUUUUUUU-1234-4567-7890-BBBBBBBBBBBB'],
      users: ['PPPPPPPP-1234-4567-7890-BBBBBBBBBBBB'],
    };
    const created = await ceo.POST('/assignment', { body });
    expect(created.response.status).toBe(200);
    const srn = created.data?.srn as string;

    const lock = await ceo.POST('/lock-request', { body: { srn } });
    expect(lock.response.status).toBe(200);
    const lockUuid = lock.data?.uuid as string;

    const updated = await ceo.PUT('/assignment/{uuid}', {
      params: { path: { uuid } },
      body: { ...body, title: 'New' },
    });
    expect(updated.response.status).toBe(200);
    // The update example is the vendor's assignment as held by the caller: locked.
    expect(updated.data?.lock).not.toBeNull();

    const released = await ceo.DELETE('/lock-request/{uuid}', { params: { path: { uuid: lockUuid } } });
    expect(released.data).toEqual({ message: 'ok' });

    const deleted = await ceo.DELETE('/assignment/{uuid}', { params: { path: { uuid } } });
    expect(deleted.data).toEqual({ message: 'ok' });
  });

  it('answers a create with an unlocked assignment (lock: null) that passes response validation', async () => {
    const { data, response } = await client().POST('/assignment', { body: { title: 'A title' } });
    expect(response.status).toBe(200);
    expect(data?.lock).toBeNull();
    // The mock validates every answer against the spec; a schema requiring an object lock would
    // report the example here.
    expect(response.headers.get('sl-violations')).toBeNull();
  });

  it('refreshes the token', async () => {
    const { data } = await client().GET('/token/refresh');
    expect(typeof data?.token).toBe('string');
  });

  it('sends an HS256 JWT carrying pk, iat and exp', async () => {
    let authorization = '';
    const ceo = createSnworksClient({
      baseUrl,
      ...keys,
      fetch: (request) => {
        authorization = request.headers.get('authorization') ?? '';
        return fetch(request);
      },
    });
    await ceo.GET('/token/refresh');
    const token = authorization.replace(/^Bearer /, '');
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims.pk).toBe(keys.publicKey);
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
  });

  it('is answered 401 without credentials', async () => {
    const response = await fetch(`${baseUrl}/assignment`);
    expect(response.status).toBe(401);
  });

  it('is answered 422 for an invalid body, with the violation reported', async () => {
    const ceo = client();
    const { error, response } = await ceo.POST('/assignment', {
      // @ts-expect-error children must be a list of uuids
      body: { children: 'not-a-list' },
    });
    expect(response.status).toBe(422);
    expect(error).toEqual({ message: 'Invalid request' });
    expect(response.headers.get('sl-violations')).toContain('children must be array');
  });

  it('is answered 422 in the { message } shape for a malformed uuid on item paths', async () => {
    const ceo = client();
    const answers = [
      await ceo.GET('/assignment/{uuid}', { params: { path: { uuid: 'not-a-uuid' } } }),
      await ceo.DELETE('/assignment/{uuid}', { params: { path: { uuid: 'not-a-uuid' } } }),
      await ceo.DELETE('/lock-request/{uuid}', { params: { path: { uuid: 'not-a-uuid' } } }),
    ];
    for (const { error, response } of answers) {
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(error).toEqual({ message: 'Invalid request' });
    }
  });

  it('types assignments that are unlocked, unpublished and without issue or due date', () => {
    // Every field used to be required and only published_at nullable: this did not type-check.
    const unlocked: Assignment = {
      id: '7',
      uuid: 'DDDDDDDD-1234-4567-7890-BBBBBBBBBBBB',
      srn: 'srn:tsn:ceo-core/assignment:DDDDDDDD-1234-4567-7890-BBBBBBBBBBBB',
      published_at: null,
      due_at: null,
      issue_id: null,
      issue: null,
      lock: null,
    };
    expect(unlocked.lock).toBeNull();
    const locked: Assignment = { ...unlocked, lock: { uuid: 'LLLLLLLL-1234-4567-7890-BBBBBBBBBBBB' } };
    expect(locked.lock?.uuid).toBe('LLLLLLLL-1234-4567-7890-BBBBBBBBBBBB');
  });

  it('paginates through the list', async () => {
    // title is optional since the vendor marks no assignment field as required.
    const titles: Array<string | undefined> = [];
    for await (const assignment of client().paginate('/assignment', {
      params: { query: { per_page: 50 } },
    })) {
      titles.push(assignment.title);
    }
    expect(titles).toEqual(['A title']);
  });

  it('throws ApiError when throwOnError is set', async () => {
    const ceo = createSnworksClient({ baseUrl, ...keys, throwOnError: true });
    const failure = await ceo
      .GET('/assignment/{uuid}', { params: { path: { uuid } }, headers: { Prefer: 'code=404' } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      status: 404,
      operation: 'GET /assignment/{uuid}',
      body: { message: 'Not found' },
    });
  });
});
