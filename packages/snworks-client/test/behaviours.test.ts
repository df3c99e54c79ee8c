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

  // Retrying through faults is client-core's fault-tolerance test; here, that this client's errors
  // count the attempts the mock saw.
  it('reports the attempts made after retries (throwOnError and paginate); an unsafe POST is sent once', async () => {
    const server = await mock({});
    const fail = { Prefer: 'fail=503' };
    const options = {
      baseUrl: server.apis.snworks,
      ...keys,
      retry: { maxAttempts: 3, random: () => 0 },
    };
    const snworks = createSnworksClient({ ...options, throwOnError: true });
    const failure = await snworks.GET('/assignment', { headers: fail }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'http', status: 503, attempts: 3 });
    expect(String(failure)).toContain('after 3 attempts');
    const paging = createSnworksClient(options).paginate('/assignment', { headers: fail });
    const pageFailure = await paging.next().catch((error: unknown) => error);
    expect(pageFailure).toMatchObject({ kind: 'http', status: 503, attempts: 3 });
    expect(server.journal.list({ api: 'snworks', method: 'GET', status: 503 })).toHaveLength(6);
  });
});
