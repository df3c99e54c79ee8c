// The SNworks client against the stateful mock: create, read by uuid, update, delete, list.
import { describe, expect, inject, it } from 'vitest';
import { createSnworksClient } from '../src/index.js';

const baseUrl = inject('mockApis').snworks as string;
const keys = { publicKey: 'pk-test-public', privateKey: 'sk-test-private-secret' };

function client(session: string) {
  return createSnworksClient({ baseUrl, ...keys, retry: false, headers: { 'X-Mock-Session': session } });
}

describe('SNworks client, stateful mock', () => {
  it('creates an assignment, reads it by uuid, updates it, deletes it', async () => {
    const snworks = client('snworks-crud');
    const before = await snworks.GET('/assignment');
    const created = await snworks.POST('/assignment', {
      body: { title: 'Council meeting', slug: 'council', type: 'article' },
    });
    expect(created.response.status).toBe(200);
    const { uuid, id, srn, created_at: createdAt } = created.data ?? {};
    expect(uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(id).toMatch(/^\d+$/);
    expect(srn).toBe(`srn:tsn:ceo-core/assignment:${uuid}`);
    expect(createdAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const after = await snworks.GET('/assignment');
    expect(after.data?.total_items).toBe((before.data?.total_items ?? 0) + 1);
    const read = await snworks.GET('/assignment/{uuid}', { params: { path: { uuid: uuid as string } } });
    expect(read.data).toEqual(created.data);

    // Updates and deletes need the assignment's exclusive lock (facts file).
    const lock = await snworks.POST('/lock-request', { body: { srn: srn as string } });
    expect(lock.response.status).toBe(200);
    const updated = await snworks.PUT('/assignment/{uuid}', {
      params: { path: { uuid: uuid as string } },
      body: { title: 'Council meeting, updated' },
    });
    expect(updated.data).toMatchObject({ uuid, title: 'Council meeting, updated', slug: 'council' });

    const removed = await snworks.DELETE('/assignment/{uuid}', {
      params: { path: { uuid: uuid as string } },
    });
    expect(removed.response.status).toBe(200);
    const gone = await snworks.GET('/assignment/{uuid}', { params: { path: { uuid: uuid as string } } });
    expect(gone.response.status).toBe(404);
  });

  it('refuses an update without the lock, and persists it once the lock is taken', async () => {
    const snworks = client('snworks-locks');
    const created = await snworks.POST('/assignment', { body: { title: 'Draft' } });
    const { uuid, srn } = created.data ?? {};
    const path = { uuid: uuid as string };

    const refused = await snworks.PUT('/assignment/{uuid}', { params: { path }, body: { title: 'Final' } });
    expect(refused.response.status).toBe(401);
    expect(refused.error).toMatchObject({ message: expect.stringMatching(/lock/i) });
    expect((await snworks.GET('/assignment/{uuid}', { params: { path } })).data?.title).toBe('Draft');

    const lock = await snworks.POST('/lock-request', { body: { srn: srn as string } });
    const lockUuid = lock.data?.uuid as string;
    expect(lockUuid).toMatch(/^[0-9A-F-]{36}$/);
    const accepted = await snworks.PUT('/assignment/{uuid}', { params: { path }, body: { title: 'Final' } });
    expect(accepted.response.status).toBe(200);
    expect((await snworks.GET('/assignment/{uuid}', { params: { path } })).data?.title).toBe('Final');

    // Another caller (another public key) cannot take the lock while it is held.
    const other = createSnworksClient({
      baseUrl,
      publicKey: 'pk-someone-else',
      privateKey: 'sk-someone-else-secret',
      retry: false,
      headers: { 'X-Mock-Session': 'snworks-locks' },
    });
    expect((await other.POST('/lock-request', { body: { srn: srn as string } })).response.status).toBe(401);
    const released = await snworks.DELETE('/lock-request/{uuid}', { params: { path: { uuid: lockUuid } } });
    expect(released.response.status).toBe(200);
    expect((await other.POST('/lock-request', { body: { srn: srn as string } })).response.status).toBe(200);
  });

  it('paginate() walks CEO page numbers over created assignments', async () => {
    const snworks = client('snworks-pages');
    for (let i = 0; i < 4; i += 1) await snworks.POST('/assignment', { body: { title: `Story ${i}` } });
    const page = await snworks.GET('/assignment', { params: { query: { per_page: 2 } } });
    expect(page.data).toMatchObject({
      first: 1,
      current: 1,
      limit: 2,
      total_items: 5,
      total_pages: 3,
      next: 2,
    });
    const titles: string[] = [];
    for await (const item of snworks.paginate('/assignment', { params: { query: { per_page: 2 } } }))
      titles.push(item.title ?? '');
    expect(titles).toHaveLength(5);
  });
});
