// The Samsara client against the stateful mock's documented rate limit (the stream's 5 requests
// per second, `x-rate-limit`) and faults.
import { type RunningMockServer, startMockServer } from '@lms-apis/mock-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createSamsaraClient } from '../src/index.js';

const servers: RunningMockServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function mock(options: Parameters<typeof startMockServer>[0]): Promise<RunningMockServer> {
  const server = await startMockServer({ port: 0, apis: ['samsara'], ...options });
  servers.push(server);
  return server;
}

const courseId = 'a4db8702-79d5-4396-a717-e301d52ecc11';

describe('Samsara client, mock rate limit and faults', () => {
  it('pages through a long stream with its limiter and gets no 429; raw fetch at 20 req/s does', async () => {
    const server = await mock({});
    const samsara = createSamsaraClient({ baseUrl: server.apis.samsara, token: 'token', retry: false });
    const startTime = new Date(Date.now() - 3600_000).toISOString();
    // 1000 assignments: ten pages of the stream's 100.
    for (let batch = 0; batch < 10; batch += 1) {
      const learnerIds = Array.from({ length: 100 }, (_, i) => `driver-${batch * 100 + i}`);
      const created = await samsara.POST('/training-assignments', {
        params: { query: { courseId, learnerIds } },
      });
      expect(created.response.status).toBe(200);
    }
    // Bounded by endTime: an open stream keeps polling for new items.
    const endTime = new Date(Date.now() + 60_000).toISOString();
    let count = 0;
    for await (const _item of samsara.paginate('/training-assignments/stream', {
      params: { query: { startTime, endTime } },
    }))
      count += 1;
    expect(count).toBe(1000);
    const stream = server.journal.list({ api: 'samsara', operationId: 'getTrainingAssignmentsStream' });
    expect(stream.length).toBeGreaterThan(5);
    expect(stream.filter((entry) => entry.status === 429)).toEqual([]);

    // Without a limiter, 20 requests per second with the same token.
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const sent = Date.now();
      const response = await fetch(
        `${server.apis.samsara}/training-assignments/stream?startTime=${startTime}`,
        {
          headers: { authorization: 'Bearer token' },
        },
      );
      statuses.push(response.status);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 50 - (Date.now() - sent))));
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
  }, 30_000);

  it('finishes 50 idempotent calls at failRate 0.3 with no failure; does not retry an unsafe POST', async () => {
    const server = await mock({ failRate: 0.3, seed: 'samsara-faults' });
    const samsara = createSamsaraClient({
      baseUrl: server.apis.samsara,
      token: 'token',
      retry: { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 50 },
    });
    for (let i = 0; i < 50; i += 1)
      expect((await samsara.GET('/training-courses')).response.status).toBe(200);
    const gets = server.journal.list({ api: 'samsara', method: 'GET', limit: 1000 });
    const failed = gets.filter((entry) => entry.status !== 200);
    expect(failed.length).toBeGreaterThan(5);
    expect(gets).toHaveLength(50 + failed.length);
    for (const entry of failed) expect([429, 500, 502, 503, 504]).toContain(entry.status);

    const post = await samsara.POST('/training-assignments', {
      params: { query: { courseId, learnerIds: ['driver-1'] } },
      headers: { Prefer: 'fail=503' },
    });
    expect(post.response.status).toBe(503);
    expect(server.journal.list({ api: 'samsara', method: 'POST' })).toHaveLength(1);
  }, 30_000);
});
