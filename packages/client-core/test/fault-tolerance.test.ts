// The one fault-tolerance test (each client's tests used to repeat it against the mock): 50
// idempotent calls through an API failing 30% of the time, with every retryable kind of failure,
// finish with no failure; an unsafe POST is sent once; errors count the attempts actually made.
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  createApiClient,
  cursorStrategy,
  oauth2ClientCredentials,
  shortPageStrategy,
} from '../src/index.js';
import { fakeFetch, json, type TestPaths } from './fake-fetch.js';

const baseUrl = 'https://api.example.test';
const RETRYABLE = [429, 500, 502, 503, 504];

/** A deterministic generator (mulberry32), so the faults are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An API that fails `rate` of requests: a retryable status, or (one in six) a network error. */
function flakyApi(rate: number, seed: number) {
  const random = seeded(seed);
  const failures: Array<number | 'network'> = [];
  const fetch = fakeFetch((request) => {
    if (random() < rate) {
      const pick = Math.floor(random() * (RETRYABLE.length + 1));
      const status = RETRYABLE[pick];
      failures.push(status ?? 'network');
      if (status === undefined) throw new TypeError('fetch failed');
      return json({ message: 'injected' }, { status });
    }
    return json(request.method === 'POST' ? { id: 'new' } : [{ id: 'a' }], {
      status: request.method === 'POST' ? 201 : 200,
    });
  });
  return { fetch, failures };
}

// Zero backoff (full jitter of 0): the waits are retry.test.ts's subject, not this test's.
const noBackoff = { random: () => 0 };

describe('fault tolerance', () => {
  it('finishes 50 idempotent calls at a 30% failure rate with no failure; sends an unsafe POST once', async () => {
    const api = flakyApi(0.3, 7);
    const client = createApiClient<TestPaths, 'data'>({
      baseUrl,
      fetch: api.fetch,
      // Enough attempts that 0.3^8 is negligible over 50 calls.
      retry: { ...noBackoff, maxAttempts: 8 },
      pagination: cursorStrategy({ cursorParam: 'after' }),
    });
    for (let i = 0; i < 50; i += 1) expect((await client.GET('/things')).response.status).toBe(200);
    // Faults really happened, of every kind, and each was retried: one request per fault more.
    expect(api.failures.length).toBeGreaterThan(5);
    expect(new Set(api.failures).size).toBeGreaterThan(3);
    expect(api.fetch.requests).toHaveLength(50 + api.failures.length);

    const posts = fakeFetch(json({ message: 'down' }, { status: 503 }));
    const unsafe = createApiClient<TestPaths, 'data'>({
      baseUrl,
      fetch: posts,
      retry: { ...noBackoff, maxAttempts: 8 },
      pagination: cursorStrategy({ cursorParam: 'after' }),
    });
    expect((await unsafe.POST('/things', { body: { name: 'n' } })).response.status).toBe(503);
    expect(posts.requests).toHaveLength(1);
  });
});

describe('ApiError.attempts', () => {
  const down = () => fakeFetch(json({ message: 'down' }, { status: 503 }));
  const make = (fetch: ReturnType<typeof down>, throwOnError: boolean) =>
    createApiClient<TestPaths, 'array'>({
      baseUrl,
      fetch,
      throwOnError,
      retry: { ...noBackoff, maxAttempts: 4 },
      pagination: shortPageStrategy({ pageParam: 'page', sizeParam: 'perPage' }),
    });

  it('counts the attempts behind a thrown answer (throwOnError) and says so', async () => {
    const failure = await make(down(), true)
      .GET('/things')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ kind: 'http', status: 503, attempts: 4 });
    expect((failure as ApiError).message).toContain('after 4 attempts');
  });

  it('counts them for a page that fails in pages() and paginate()', async () => {
    const fetch = down();
    const failure = await (async () => {
      for await (const _page of make(fetch, false).pages('/things')) {
        // no page arrives
      }
    })().catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'http', status: 503, attempts: 4 });
    expect((failure as ApiError).message).toContain('after 4 attempts');
    expect(fetch.requests).toHaveLength(4);
  });

  it('is 1 for an answer that was not retried', async () => {
    const failure = await make(fakeFetch(json({ message: 'no' }, { status: 404 })), true)
      .GET('/things')
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 404, attempts: 1 });
    expect((failure as ApiError).message).not.toContain('attempts');
  });

  it('includes the re-send after a token renewal', async () => {
    let issued = 0;
    const tokens = fakeFetch(() => {
      issued += 1;
      return json({ access_token: `t${issued}`, expires_in: 3600 });
    });
    // The first token is refused (401), the renewed one meets a failing API.
    const api = fakeFetch(
      json({ message: 'expired' }, { status: 401 }),
      json({ message: 'down' }, { status: 503 }),
    );
    const client = createApiClient<TestPaths, 'data'>({
      baseUrl,
      fetch: api,
      throwOnError: true,
      retry: { ...noBackoff, maxAttempts: 2 },
      auth: oauth2ClientCredentials({
        tokenUrl: `${baseUrl}/token`,
        clientId: 'c',
        clientSecret: 's',
        fetch: tokens,
      }),
      pagination: cursorStrategy({ cursorParam: 'after' }),
    });
    const failure = await client.GET('/things').catch((error: unknown) => error);
    // One attempt with the old token, two (a retry) with the new one.
    expect(failure).toMatchObject({ status: 503, attempts: 3 });
    expect(api.requests).toHaveLength(3);
  });
});
