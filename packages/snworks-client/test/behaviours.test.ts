// The SNworks client against the stateful mock's JWT rules and faults: an expired token is
// answered 403 and the client re-signs; retryable failures injected at a seeded rate.
import { type RunningMockServer, startMockServer } from '@lms-apis/mock-server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createSnworksClient } from '../src/index.js';

const servers: RunningMockServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function mock(options: Parameters<typeof startMockServer>[0]): Promise<RunningMockServer> {
  const server = await startMockServer({ port: 0, apis: ['snworks'], ...options });
  servers.push(server);
  return server;
}

const keys = { publicKey: 'pk-test-public', privateKey: 'sk-test-private-secret' };

describe('SNworks client, mock auth and faults', () => {
  it('re-signs its JWT when the mock answers an expired one 403, and the call succeeds', async () => {
    // The mock runs in this process and reads Date.now: with Date faked (timers stay real), the
    // test moves the time both see instead of waiting for the token to expire.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // The mock checks signatures against the same key pair.
      const server = await mock({ jwtKeys: { snworks: keys } });
      let delayed = false;
      // The first request reaches the API after the token's lifetime.
      const slowFirst: typeof fetch = async (input, init) => {
        if (!delayed) {
          delayed = true;
          vi.setSystemTime(Date.now() + 2100);
        }
        return fetch(input, init);
      };
      const snworks = createSnworksClient({
        baseUrl: server.apis.snworks,
        ...keys,
        tokenTtlSeconds: 1,
        fetch: slowFirst,
      });
      const first = await snworks.GET('/assignment');
      expect(first.response.status).toBe(200);
      const journal = server.journal.list({ api: 'snworks' });
      expect(journal.map((entry) => entry.status)).toEqual([403, 200]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a token signed with another key is refused 401 when the mock has the key pair', async () => {
    const server = await mock({ jwtKeys: { snworks: keys } });
    const snworks = createSnworksClient({
      baseUrl: server.apis.snworks,
      publicKey: keys.publicKey,
      privateKey: 'not-the-key',
      retry: false,
    });
    expect((await snworks.GET('/assignment')).response.status).toBe(401);
  });

  it('finishes 50 idempotent calls at failRate 0.3 with no failure; does not retry an unsafe POST', async () => {
    const server = await mock({ failRate: 0.3, seed: 'snworks-faults' });
    const snworks = createSnworksClient({
      baseUrl: server.apis.snworks,
      ...keys,
      retry: { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 50 },
    });
    for (let i = 0; i < 50; i += 1) expect((await snworks.GET('/assignment')).response.status).toBe(200);
    const gets = server.journal.list({ api: 'snworks', method: 'GET', limit: 1000 });
    const failed = gets.filter((entry) => entry.status !== 200);
    expect(failed.length).toBeGreaterThan(5);
    expect(gets).toHaveLength(50 + failed.length);
    for (const entry of failed) expect([429, 500, 502, 503, 504]).toContain(entry.status);

    const post = await snworks.POST('/assignment', {
      body: { title: 'Council meeting', slug: 'council', type: 'article' },
      headers: { Prefer: 'fail=503' },
    });
    expect(post.response.status).toBe(503);
    expect(server.journal.list({ api: 'snworks', method: 'POST' })).toHaveLength(1);
  }, 30_000);
});
