// The Skilljar client against the stateful mock's API-key rule and faults.
import { type RunningMockServer, startMockServer } from '@lms-apis/mock-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createSkilljarClient } from '../src/index.js';

const servers: RunningMockServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function mock(options: Parameters<typeof startMockServer>[0]): Promise<RunningMockServer> {
  const server = await startMockServer({ port: 0, apis: ['skilljar'], ...options });
  servers.push(server);
  return server;
}

describe('Skilljar client, mock auth and faults', () => {
  it('with apiKeys given, only those keys are accepted (401 {detail} otherwise)', async () => {
    const server = await mock({ apiKeys: { skilljar: ['sk-live'] } });
    const good = createSkilljarClient({ baseUrl: server.apis.skilljar, apiKey: 'sk-live', retry: false });
    expect((await good.GET('/v1/courses')).response.status).toBe(200);
    const bad = createSkilljarClient({ baseUrl: server.apis.skilljar, apiKey: 'sk-other', retry: false });
    const refused = await bad.GET('/v1/courses');
    expect(refused.response.status).toBe(401);
    expect(refused.error).toEqual({ detail: 'Invalid API key.' });
  });

  // Retrying through faults is client-core's fault-tolerance test; here, that this client's errors
  // count the attempts the mock saw.
  it('reports the attempts made after retries (throwOnError and paginate); an unsafe POST is sent once', async () => {
    const server = await mock({});
    const fail = { Prefer: 'fail=503' };
    const options = {
      baseUrl: server.apis.skilljar,
      apiKey: 'sk-test',
      retry: { maxAttempts: 3, random: () => 0 },
    };
    const skilljar = createSkilljarClient({ ...options, throwOnError: true });
    const failure = await skilljar.GET('/v1/courses', { headers: fail }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'http', status: 503, attempts: 3 });
    expect(String(failure)).toContain('after 3 attempts');
    const paging = createSkilljarClient(options).paginate('/v1/courses', { headers: fail });
    const pageFailure = await paging.next().catch((error: unknown) => error);
    expect(pageFailure).toMatchObject({ kind: 'http', status: 503, attempts: 3 });
    expect(server.journal.list({ api: 'skilljar', method: 'GET', status: 503 })).toHaveLength(6);
    // An unsafe POST is sent once: its error says 1 attempt.
    const post = await skilljar
      .POST('/v1/courses', {
        body: { title: 'My Course', enforce_sequential_navigation: false, short_description: 'Mine' },
        headers: fail,
      })
      .catch((error: unknown) => error);
    expect(post).toMatchObject({ kind: 'http', status: 503, attempts: 1 });
    expect(server.journal.list({ api: 'skilljar', method: 'POST' })).toHaveLength(1);
  });
});
