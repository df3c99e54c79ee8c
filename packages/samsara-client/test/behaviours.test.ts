// The Samsara client against the stateful mock's documented rate limit (the stream's 5 requests
// per second, `x-rate-limit`) and faults.

import type { Clock } from '@lms-apis/client-core';
import { type RunningMockServer, startMockServer } from '@lms-apis/mock-server';
import { afterAll, describe, expect, it, vi } from 'vitest';
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
    // The mock runs in this process and reads Date.now. With Date faked (timers stay real) and a
    // client clock whose waits move that time, the limiter's pauses take no real time and the mock
    // sees exactly the pacing the client chose.
    vi.useFakeTimers({ toFake: ['Date'] });
    const jumpingClock: Clock = {
      now: () => Date.now(),
      sleep: async (ms) => {
        vi.setSystemTime(Date.now() + ms);
      },
    };
    try {
      const server = await mock({});
      const samsara = createSamsaraClient({
        baseUrl: server.apis.samsara,
        token: 'token',
        retry: false,
        clock: jumpingClock,
        // A timeout is a race with the answer, which a clock whose waits end at once would lose.
        timeoutMs: 0,
      });
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

      // Without a limiter, 20 requests 50 ms apart (20 per second) with the same token, once the
      // client's requests have left the mock's one-second window.
      vi.setSystemTime(Date.now() + 1000);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        const response = await fetch(
          `${server.apis.samsara}/training-assignments/stream?startTime=${startTime}`,
          { headers: { authorization: 'Bearer token' } },
        );
        statuses.push(response.status);
        vi.setSystemTime(Date.now() + 50);
      }
      // 5 per second: the first 5 pass, and most of the rest of the second's 20 are refused.
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(10);
      expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  // Retrying through faults is client-core's fault-tolerance test; here, that this client's errors
  // count the attempts the mock saw.
  it('reports the attempts made after retries (throwOnError and paginate); an unsafe POST is sent once', async () => {
    const server = await mock({});
    const fail = { Prefer: 'fail=503' };
    const options = {
      baseUrl: server.apis.samsara,
      token: 'token',
      retry: { maxAttempts: 3, random: () => 0 },
    };
    const samsara = createSamsaraClient({ ...options, throwOnError: true });
    const failure = await samsara
      .GET('/training-courses', { headers: fail })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'http', status: 503, attempts: 3 });
    expect(String(failure)).toContain('after 3 attempts');
    const paging = createSamsaraClient(options).paginate('/training-courses', { headers: fail });
    const pageFailure = await paging.next().catch((error: unknown) => error);
    expect(pageFailure).toMatchObject({ kind: 'http', status: 503, attempts: 3 });
    expect(server.journal.list({ api: 'samsara', method: 'GET', status: 503 })).toHaveLength(6);
    // An unsafe POST is sent once: its error says 1 attempt.
    const post = await samsara
      .POST('/training-assignments', {
        params: { query: { courseId, learnerIds: ['driver-1'] } },
        headers: fail,
      })
      .catch((error: unknown) => error);
    expect(post).toMatchObject({ kind: 'http', status: 503, attempts: 1 });
    expect(server.journal.list({ api: 'samsara', method: 'POST' })).toHaveLength(1);
  });
});
