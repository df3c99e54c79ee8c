import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestJournal, type RunningMockServer, startMockServer } from '../src/index.js';
import { SPECS_DIR, testJwt } from './requests.js';

describe('RequestJournal', () => {
  it('keeps the newest entries only, oldest first', () => {
    const journal = new RequestJournal(3);
    for (let i = 1; i <= 5; i += 1) {
      journal.record({
        api: 'a',
        operationId: `op${i}`,
        method: 'GET',
        path: '/',
        query: '',
        status: 200,
        violations: [],
        durationMs: 1,
      });
    }
    expect(journal.list().map((entry) => entry.operationId)).toEqual(['op3', 'op4', 'op5']);
    expect(journal.list({ since: 4 }).map((entry) => entry.seq)).toEqual([5]);
    expect(journal.size).toBe(3);
    journal.clear();
    expect(journal.list()).toEqual([]);
  });
});

describe('startMockServer and the journal routes', () => {
  let mock: RunningMockServer;
  // An unexpired JWT with `pk`: what the stateful mock's SNworks auth accepts by default.
  const auth = { authorization: `Bearer ${testJwt()}` };

  beforeAll(async () => {
    mock = await startMockServer({ port: 0, apis: ['snworks', 'samsara'], specsDir: SPECS_DIR });
  });

  afterAll(async () => {
    await mock.close();
  });

  it('serves only the chosen APIs and reports health', async () => {
    const health = (await (await fetch(`${mock.url}/_health`)).json()) as {
      status: string;
      apis: Array<{ name: string }>;
    };
    expect(health.status).toBe('ok');
    expect(health.apis.map((api) => api.name)).toEqual(['samsara', 'snworks']);
    expect(mock.apis).toEqual({ samsara: `${mock.url}/samsara`, snworks: `${mock.url}/snworks/v3` });
    expect((await fetch(`${mock.url}/thrive/rest/v1/assignments`)).status).toBe(404);
  });

  it('records what was sent, with violations, filterable, and clears', async () => {
    await fetch(`${mock.url}/_requests`, { method: 'DELETE' });
    await fetch(`${mock.apis.snworks}/assignment`, { headers: auth });
    await fetch(`${mock.apis.snworks}/assignment`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ children: 'nope' }),
    });
    await fetch(`${mock.apis.samsara}/training-courses`);

    const all = mock.journal.list();
    expect(all.map((entry) => [entry.api, entry.operationId, entry.status])).toEqual([
      ['snworks', 'listAssignments', 200],
      ['snworks', 'createAssignment', 422],
      ['samsara', 'listTrainingCourses', 401],
    ]);
    expect(all[1]?.violations[0]).toMatchObject({ location: ['request', 'body', 'children'], code: 'type' });

    const filtered = (await (
      await fetch(`${mock.url}/_requests?api=snworks&operationId=createAssignment`)
    ).json()) as {
      requests: Array<{ method: string; path: string; status: number }>;
    };
    expect(filtered.requests).toMatchObject([
      { method: 'POST', path: '/snworks/v3/assignment', status: 422 },
    ]);

    expect((await fetch(`${mock.url}/_requests`, { method: 'DELETE' })).status).toBe(204);
    expect(mock.journal.list()).toEqual([]);
  });
});
