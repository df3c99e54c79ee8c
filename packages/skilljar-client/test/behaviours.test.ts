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

  it('finishes 50 idempotent calls at failRate 0.3 with no failure; does not retry an unsafe POST', async () => {
    const server = await mock({ failRate: 0.3, seed: 'skilljar-faults' });
    const skilljar = createSkilljarClient({
      baseUrl: server.apis.skilljar,
      apiKey: 'sk-test',
      retry: { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 50 },
    });
    for (let i = 0; i < 50; i += 1) expect((await skilljar.GET('/v1/courses')).response.status).toBe(200);
    const gets = server.journal.list({ api: 'skilljar', method: 'GET', limit: 1000 });
    const failed = gets.filter((entry) => entry.status !== 200);
    expect(failed.length).toBeGreaterThan(5);
    expect(gets).toHaveLength(50 + failed.length);
    for (const entry of failed) expect([429, 500, 502, 503, 504]).toContain(entry.status);

    const post = await skilljar.POST('/v1/courses', {
      body: { title: 'My Course', enforce_sequential_navigation: false, short_description: 'Mine' },
      headers: { Prefer: 'fail=503' },
    });
    expect(post.response.status).toBe(503);
    expect(server.journal.list({ api: 'skilljar', method: 'POST' })).toHaveLength(1);
  }, 30_000);
});
