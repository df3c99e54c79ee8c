import { describe, expect, it } from 'vitest';
import {
  ApiError,
  createApiClient,
  DEFAULT_RETRY,
  parseRetryAfter,
  shortPageStrategy,
} from '../src/index.js';
import { backoffDelay } from '../src/retry.js';
import { fakeFetch, hangingFetch, json, type TestPaths } from './fake-fetch.js';

const baseUrl = 'https://api.example.test';
const noWait = { baseDelayMs: 1, maxDelayMs: 2 };

function client(
  fetch: (request: Request) => Promise<Response>,
  extra: Partial<Parameters<typeof createApiClient>[0]> = {},
) {
  return createApiClient<TestPaths, 'array'>({
    baseUrl,
    fetch,
    pagination: shortPageStrategy({ pageParam: 'page', sizeParam: 'perPage' }),
    ...extra,
  });
}

describe('Retry-After', () => {
  it('reads delay-seconds, fractional seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.40235')).toBe(403);
    expect(parseRetryAfter(' 1.5 ')).toBe(1500);
    const now = Date.parse('Sun, 22 Nov 2026 10:00:00 GMT');
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:59:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-1')).toBeUndefined();
  });
});

describe('backoff with full jitter', () => {
  it('draws uniformly below a ceiling that doubles per retry and is capped', () => {
    const options = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    const top = { ...options, random: () => 0.999999 };
    const bottom = { ...options, random: () => 0 };
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, top))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelay(3, bottom)).toBe(0);
  });
});

describe('transport retries', () => {
  it('retries 408, 429, 500, 502, 503 and 504 for GET', async () => {
    for (const status of [408, 429, 500, 502, 503, 504]) {
      const fetch = fakeFetch(json({ message: 'busy' }, { status }), json([{ id: 'a' }]));
      const { data } = await client(fetch, { retry: noWait }).GET('/things');
      expect(data, `after ${status}`).toEqual([{ id: 'a' }]);
      expect(fetch.requests).toHaveLength(2);
    }
  });

  it('does not retry other statuses', async () => {
    const fetch = fakeFetch(json({ message: 'nope' }, { status: 400 }), json([]));
    const { error, response } = await client(fetch, { retry: noWait }).GET('/things');
    expect(response.status).toBe(400);
    expect(error).toEqual({ message: 'nope' });
    expect(fetch.requests).toHaveLength(1);
  });

  it('stops after maxAttempts and hands back the last answer', async () => {
    const fetch = fakeFetch(json({ message: 'down' }, { status: 503 }));
    const { response } = await client(fetch, { retry: { ...noWait, maxAttempts: 4 } }).GET('/things');
    expect(response.status).toBe(503);
    expect(fetch.requests).toHaveLength(4);
  });

  it('honours a fractional Retry-After', async () => {
    const fetch = fakeFetch(
      json({ message: 'slow down' }, { status: 429, headers: { 'retry-after': '0.12' } }),
      json([]),
    );
    const started = performance.now();
    await client(fetch, { retry: { ...noWait } }).GET('/things');
    const waited = performance.now() - started;
    expect(fetch.requests).toHaveLength(2);
    expect(waited).toBeGreaterThanOrEqual(115);
    expect(waited).toBeLessThan(1000);
  });

  it('honours an HTTP-date Retry-After', async () => {
    const at = new Date(Date.now() + 1500).toUTCString(); // second precision: waits 0.5 to 1.5 s
    const fetch = fakeFetch(json({}, { status: 503, headers: { 'retry-after': at } }), json([]));
    const started = performance.now();
    await client(fetch, { retry: noWait }).GET('/things');
    expect(fetch.requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('does not start a retry that would overrun the time budget', async () => {
    const fetch = fakeFetch(json({}, { status: 503, headers: { 'retry-after': '30' } }), json([]));
    const started = performance.now();
    const { response } = await client(fetch, { retry: { ...noWait, maxElapsedMs: 1000 } }).GET('/things');
    expect(response.status).toBe(503);
    expect(fetch.requests).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('retries network errors and says so when they persist', async () => {
    const flaky = fakeFetch(new TypeError('fetch failed'), json([{ id: 'b' }]));
    expect((await client(flaky, { retry: noWait }).GET('/things')).data).toEqual([{ id: 'b' }]);

    const down = fakeFetch(new TypeError('fetch failed'));
    const failure = await client(down, { retry: { ...noWait, maxAttempts: 3 } })
      .GET('/things')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      kind: 'network',
      attempts: 3,
      operation: 'GET /things',
      isNetworkError: true,
    });
    expect(down.requests).toHaveLength(3);
  });

  it('does not retry POST unless the caller says it is safe', async () => {
    const once = fakeFetch(json({}, { status: 503 }), json({ id: 'x' }, { status: 201 }));
    const first = await client(once, { retry: noWait }).POST('/things', { body: { name: 'n' } });
    expect(first.response.status).toBe(503);
    expect(once.requests).toHaveLength(1);

    const twice = fakeFetch(json({}, { status: 503 }), json({ id: 'x' }, { status: 201 }));
    const second = await client(twice, { retry: { ...noWait, retryNonIdempotent: true } }).POST('/things', {
      body: { name: 'n' },
    });
    expect(second.data).toEqual({ id: 'x' });
    // The body is sent again in full on the retry.
    expect(twice.bodies).toEqual(['{"name":"n"}', '{"name":"n"}']);
  });

  it('takes per-call overrides', async () => {
    const fetch = fakeFetch(json({}, { status: 503 }), json([]));
    await client(fetch, { retry: noWait }).GET('/things', { retry: false });
    expect(fetch.requests).toHaveLength(1);

    const more = fakeFetch(json({}, { status: 503 }));
    await client(more, { retry: false }).GET('/things', { retry: { ...noWait, maxAttempts: 2 } });
    expect(more.requests).toHaveLength(2);
  });

  it('rejects nonsense options with a clear error', async () => {
    const fetch = fakeFetch(json([]));
    await expect(client(fetch).GET('/things', { retry: { maxAttempts: 0 } })).rejects.toThrow(
      'retry.maxAttempts must be an integer >= 1, got 0.',
    );
    await expect(client(fetch).GET('/things', { timeoutMs: -5 })).rejects.toThrow(
      'timeoutMs must be a finite number >= 0',
    );
  });
});

describe('timeouts and cancellation', () => {
  it('times out each attempt and reports a timeout, not a network error', async () => {
    const fetch = hangingFetch();
    const failure = await client(fetch, { retry: { ...noWait, maxAttempts: 2 }, timeoutMs: 50 })
      .GET('/things')
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'timeout', attempts: 2, isTimeout: true });
    expect(fetch.requests).toHaveLength(2);
  });

  it('has a default timeout', async () => {
    const fetch = hangingFetch();
    const request = client(fetch, { retry: false }).GET('/things', { timeoutMs: 30 });
    await expect(request).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('stops mid-backoff when the caller aborts', async () => {
    const fetch = fakeFetch(json({}, { status: 503, headers: { 'retry-after': '10' } }));
    const controller = new AbortController();
    const started = performance.now();
    const pending = client(fetch, { retry: { ...noWait, maxElapsedMs: 60_000 } }).GET('/things', {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const failure = await pending.catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'aborted', isAborted: true });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(fetch.requests).toHaveLength(1);
  });

  it('stops an attempt in flight when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = client(hangingFetch()).GET('/things', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });
});

describe('with the platform fetch', () => {
  it('aborts a request the server never answers when the attempt times out', async () => {
    const { createServer } = await import('node:http');
    const sockets = new Set<import('node:net').Socket>();
    const closed: Array<Promise<void>> = [];
    const server = createServer(() => {
      // never answers
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      closed.push(new Promise((resolve) => socket.once('close', () => resolve())));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as import('node:net').AddressInfo;
    try {
      const slow = createApiClient<TestPaths, 'array'>({
        baseUrl: `http://127.0.0.1:${port}`,
        retry: false,
        timeoutMs: 150,
        pagination: shortPageStrategy({ pageParam: 'page', sizeParam: 'perPage' }),
      });
      const started = performance.now();
      const failure = await slow.GET('/things').catch((error: unknown) => error);
      expect(failure).toMatchObject({ kind: 'timeout' });
      expect(performance.now() - started).toBeLessThan(2000);
      // The connection was given up (closed by the client), not left hanging until the server answers.
      const gaveUp = await Promise.race([
        Promise.all(closed).then(() => true),
        new Promise((resolve) => setTimeout(() => resolve(false), 2000)),
      ]);
      expect(closed.length).toBeGreaterThan(0);
      expect(gaveUp).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
