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

  // Retrying through faults is client-core's fault-tolerance test; here, that this client's errors
  // count the attempts the mock saw.
  it('reports the attempts made after retries (throwOnError and paginate); an unsafe POST is sent once', async () => {
    const server = await mock({});
    const fail = { Prefer: 'fail=503' };
    const options = {
      baseUrl: server.apis.thrive,
      auth: { type: 'basic', tenantId, apiSecret: 'secret' } as const,
      retry: { maxAttempts: 3, random: () => 0 },
    };
    const thrive = createThriveClient({ ...options, throwOnError: true });
    const failure = await thrive.GET('/assignments', { headers: fail }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'http', status: 503, attempts: 3 });
    expect(String(failure)).toContain('after 3 attempts');
    const paging = createThriveClient(options).paginate('/assignments', { headers: fail });
    const pageFailure = await paging.next().catch((error: unknown) => error);
    expect(pageFailure).toMatchObject({ kind: 'http', status: 503, attempts: 3 });
    expect(server.journal.list({ api: 'thrive', method: 'GET', status: 503 })).toHaveLength(6);
    // An unsafe POST is sent once: its error says 1 attempt.
    const post = await thrive
      .POST('/assignments', { body: assignment, headers: fail })
      .catch((error: unknown) => error);
    expect(post).toMatchObject({ kind: 'http', status: 503, attempts: 1 });
    expect(server.journal.list({ api: 'thrive', method: 'POST' })).toHaveLength(1);
  });
});
