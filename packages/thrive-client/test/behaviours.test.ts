// The Thrive client against the stateful mock's auth and faults: OAuth2 tokens the mock issues
// and expires (`tokenTtlSeconds`), scopes, and retryable failures injected at a seeded rate.
import { type RunningMockServer, startMockServer } from '@lms-apis/mock-server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createThriveClient } from '../src/index.js';

const servers: RunningMockServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function mock(options: Parameters<typeof startMockServer>[0]): Promise<RunningMockServer> {
  const server = await startMockServer({ port: 0, apis: ['thrive'], ...options });
  servers.push(server);
  return server;
}

const tenantId = 'eu-west-2_AbcdEfghI';
const assignment = { audienceId: '63f8c546a05716c51210ac81', contentId: '63f8c54a8cb9790c99de077a' };
const oauth2 = {
  type: 'oauth2',
  tenantId,
  clientId: 'client',
  clientSecret: 'secret',
  scope: 'api/all',
} as const;

describe('Thrive client, mock auth and faults', () => {
  it('survives its token expiring in flight: the mock answers 401, the client renews once, no call fails', async () => {
    // The mock runs in this process and reads Date.now: with Date faked (timers stay real), the
    // test moves the time both see instead of waiting for a token to expire.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const server = await mock({ tokenTtlSeconds: 2 });
      // The first API request reaches the API after the token's lifetime (a real slow network).
      let delayed = false;
      const slowFirst: typeof fetch = async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (!delayed && !url.includes('/oauth2/')) {
          delayed = true;
          vi.setSystemTime(Date.now() + 2100);
        }
        return fetch(input, init);
      };
      const thrive = createThriveClient({ baseUrl: server.apis.thrive, auth: oauth2, fetch: slowFirst });
      const results = [];
      for (let i = 0; i < 5; i += 1) results.push(await thrive.GET('/assignments'));
      expect(results.map((result) => result.response.status)).toEqual([200, 200, 200, 200, 200]);
      const journal = server.journal.list({ api: 'thrive' });
      expect(journal.filter((entry) => entry.operationId === 'oauth2Token')).toHaveLength(2);
      // The mock refused the expired token exactly once; the client re-sent that call.
      expect(journal.filter((entry) => entry.status === 401)).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a read-scoped token is refused a write with 403 in Thrive’s shape', async () => {
    const server = await mock({});
    const thrive = createThriveClient({
      baseUrl: server.apis.thrive,
      auth: { ...oauth2, scope: 'api/read' },
      retry: false,
    });
    expect((await thrive.GET('/assignments')).response.status).toBe(200);
    const refused = await thrive.POST('/assignments', { body: assignment });
    expect(refused.response.status).toBe(403);
    expect(refused.error).toMatchObject({ status: 403, error: 'Forbidden' });
  });

  it('finishes 50 idempotent calls at failRate 0.3 with no failure; does not retry an unsafe POST', async () => {
    const server = await mock({ failRate: 0.3, seed: 'thrive-faults' });
    // The retry policy: enough attempts that 0.3^attempts is negligible over 50 calls.
    const thrive = createThriveClient({
      baseUrl: server.apis.thrive,
      auth: { type: 'basic', tenantId, apiSecret: 'secret' },
      retry: { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 50 },
    });
    for (let i = 0; i < 50; i += 1) expect((await thrive.GET('/assignments')).response.status).toBe(200);
    const gets = server.journal.list({ api: 'thrive', method: 'GET', limit: 1000 });
    const failed = gets.filter((entry) => entry.status !== 200);
    // Faults really happened and were retried: more requests than calls, all retryable.
    expect(failed.length).toBeGreaterThan(5);
    expect(gets).toHaveLength(50 + failed.length);
    for (const entry of failed) expect([429, 500, 502, 503, 504]).toContain(entry.status);

    const post = await thrive.POST('/assignments', { body: assignment, headers: { Prefer: 'fail=503' } });
    expect(post.response.status).toBe(503);
    expect(server.journal.list({ api: 'thrive', method: 'POST' })).toHaveLength(1);
  }, 30_000);
});
