// The Thrive client against the stateful mock: create, read back, update, delete, page through.
import { describe, expect, inject, it } from 'vitest';
import { createThriveClient } from '../src/index.js';

const baseUrl = inject('mockApis').thrive as string;
const tenantId = 'eu-west-2_AbcdEfghI';

function client(session: string) {
  return createThriveClient({
    baseUrl,
    auth: { type: 'basic', tenantId, apiSecret: 'api-secret' },
    retry: false,
    headers: { 'X-Mock-Session': session },
  });
}

const assignment = { audienceId: '63f8c546a05716c51210ac81', contentId: '63f8c54a8cb9790c99de077a' };

describe('Thrive client, stateful mock', () => {
  it('creates an assignment, fetches it, patches it, deletes it, then gets 404', async () => {
    const thrive = client('thrive-crud');
    const created = await thrive.POST('/assignments', { body: { ...assignment, completionPeriod: 14 } });
    expect(created.response.status).toBe(201);
    const id = created.data?.id as string;
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    // The create body's `contentId` is the assignment's primary content.
    expect(created.data).toMatchObject({ primaryContentId: assignment.contentId, completionPeriod: 14 });

    const fetched = await thrive.GET('/assignments/{id}', { params: { path: { id } } });
    expect(fetched.data).toEqual(created.data);
    const patched = await thrive.PATCH('/assignments/{id}', {
      params: { path: { id } },
      body: { completionPeriod: 60 },
    });
    expect(patched.data?.completionPeriod).toBe(60);
    expect((await thrive.GET('/assignments/{id}', { params: { path: { id } } })).data?.completionPeriod).toBe(
      60,
    );

    const removed = await thrive.DELETE('/assignments/{id}', { params: { path: { id } } });
    expect(removed.response.status).toBe(204);
    const gone = await thrive.GET('/assignments/{id}', { params: { path: { id } } });
    expect(gone.response.status).toBe(404);
    expect(gone.error).toMatchObject({ status: 404 });
  });

  it('paginate() walks bare-array pages of created assignments', async () => {
    const thrive = client('thrive-pages');
    for (let i = 0; i < 5; i += 1) await thrive.POST('/assignments', { body: assignment });
    const ids: string[] = [];
    for await (const item of thrive.paginate('/assignments', { params: { query: { perPage: 2 } } }))
      ids.push(item.id as string);
    // The seed's assignment plus the five.
    expect(new Set(ids).size).toBe(6);
  });

  it('a completion posted twice is one record: 201, then 200 with the same statementId', async () => {
    const thrive = client('thrive-completions');
    const body = {
      userId: '63f8c5361b9c80d3274be7cb',
      contentId: '63f8c5361b9c80d3274be7cc',
      completedAt: '2024-05-01T10:00:00Z',
    };
    const first = await thrive.POST('/learning/completions', { body });
    const second = await thrive.POST('/learning/completions', { body });
    expect([first.response.status, second.response.status]).toEqual([201, 200]);
    expect(second.data?.statementId).toBe(first.data?.statementId);
    const listed = await thrive.GET('/learning/completions', { params: { query: { userId: body.userId } } });
    expect(listed.data?.map((record) => record.statementId)).toEqual([first.data?.statementId]);
  });
});
