import { describe, expect, it } from 'vitest';
import {
  ApiError,
  createApiClient,
  DEFAULT_RETRY,
  manualClock,
  parseRetryAfter,
  shortPageStrategy,
} from '../src/index.js';
import { backoffDelay } from '../src/retry.js';
import { fakeFetch, hangingFetch, json, type TestPaths, untilSleeping } from './fake-fetch.js';

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
    const clock = manualClock();
    const pending = client(fetch, { retry: { ...noWait }, clock, timeoutMs: 0 }).GET('/things');
    await untilSleeping(clock);
    await clock.advance(119);
    expect(fetch.requests).toHaveLength(1);
    await clock.advance(1); // 0.12 s, rounded up to whole ms
    await pending;
    expect(fetch.requests).toHaveLength(2);
  });

  it('honours an HTTP-date Retry-After', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
    const at = new Date(clock.now() + 1500).toUTCString(); // second precision: 1 s from now
    const fetch = fakeFetch(json({}, { status: 503, headers: { 'retry-after': at } }), json([]));
    const pending = client(fetch, { retry: noWait, clock, timeoutMs: 0 }).GET('/things');
    await untilSleeping(clock);
    await clock.advance(999);
    expect(fetch.requests).toHaveLength(1);
    await clock.advance(1);
    await pending;
    expect(fetch.requests).toHaveLength(2);
  });

  it('does not start a retry that would overrun the time budget', async () => {
    const fetch = fakeFetch(json({}, { status: 503, headers: { 'retry-after': '30' } }), json([]));
    // On a manual clock a wait never ends unless the test advances it: the call returning proves
    // no retry was waited for. (The clock's only waits are backoffs here: no timeout.)
    const clock = manualClock();
    const { response } = await client(fetch, {
      retry: { ...noWait, maxElapsedMs: 1000 },
      clock,
      timeoutMs: 0,
    }).GET('/things');
    expect(response.status).toBe(503);
    expect(fetch.requests).toHaveLength(1);
    expect(clock.sleepers).toBe(0);
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
    const clock = manualClock();
    const pending = client(fetch, { retry: { ...noWait, maxAttempts: 2 }, timeoutMs: 50, clock })
      .GET('/things')
      .catch((error: unknown) => error);
    await untilSleeping(clock); // the first attempt's timeout
    await clock.advance(49);
    expect(fetch.requests).toHaveLength(1);
    // Past the first timeout, then the backoff (at most 1 ms) and the second attempt's timeout.
    await clock.advance(1);
    await untilSleeping(clock);
    await clock.advance(2);
    await untilSleeping(clock);
    await clock.advance(50);
    const failure = await pending;
    expect(failure).toMatchObject({ kind: 'timeout', attempts: 2, isTimeout: true });
    expect(fetch.requests).toHaveLength(2);
  });

  it('has a default timeout', async () => {
    const fetch = hangingFetch();
    const clock = manualClock();
    const request = client(fetch, { retry: false, clock })
      .GET('/things')
      .catch((error: unknown) => error);
    await untilSleeping(clock);
    await clock.advance(29_999);
    expect(clock.sleepers).toBe(1);
    await clock.advance(1); // 30 s
    expect(await request).toMatchObject({ kind: 'timeout' });
  });

  it('times out on the system clock, each attempt afresh (the timeout rides in the Request)', async () => {
    const hanging = hangingFetch();
    let attempts = 0;
    // The first attempt hangs until its timeout; the second finds its own signal still live.
    const fetch = fakeFetch((request) => {
      attempts += 1;
      if (attempts === 1) return hanging(request);
      if (request.signal.aborted) throw new Error('sent with the spent signal of the first attempt');
      return json([{ id: 'fresh' }]);
    });
    // 20 ms of real time: the shared timeout fires at most 1% (here 1 ms) late.
    const client20 = client(fetch, { retry: { maxAttempts: 2, random: () => 0 }, timeoutMs: 20 });
    const { data } = await client20.GET('/things');
    expect(data).toEqual([{ id: 'fresh' }]);
    expect(hanging.requests[0]?.signal.reason).toMatchObject({ name: 'TimeoutError' });

    const failure = await client(hangingFetch(), { retry: false, timeoutMs: 20 })
      .GET('/things')
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'timeout', attempts: 1, isTimeout: true });
  });

  it('stops mid-backoff when the caller aborts', async () => {
    const fetch = fakeFetch(json({}, { status: 503, headers: { 'retry-after': '10' } }));
    const controller = new AbortController();
    const clock = manualClock();
    const pending = client(fetch, { retry: { ...noWait, maxElapsedMs: 60_000 }, clock, timeoutMs: 0 }).GET(
      '/things',
      {
        signal: controller.signal,
      },
    );
    await untilSleeping(clock); // in the 10 s backoff
    controller.abort();
    const failure = await pending.catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'aborted', isAborted: true });
    expect(fetch.requests).toHaveLength(1);
    expect(clock.sleepers).toBe(0);
  });

  it('stops an attempt in flight when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = client(hangingFetch()).GET('/things', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });
});

/** A loopback server answering each request with the next of `answers` (then the last again). */
async function answering(...answers: Array<{ status: number; body?: unknown } | 'hang'>) {
  const { createServer } = await import('node:http');
  const received: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }> = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = answers[Math.min(received.length, answers.length - 1)];
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (answer === 'hang' || answer === undefined) return;
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body ?? {}));
    });
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    /**
     * Resolves when the next request arrives, with the closing of the connection it came on (in an
     * object: a promise resolved with a promise would wait for it).
     */
    nextRequest: () =>
      new Promise<{ closed: Promise<void> }>((resolve) =>
        server.once('request', (request: import('node:http').IncomingMessage) =>
          resolve({ closed: new Promise((done) => request.socket.once('close', () => done())) }),
        ),
      ),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('with the platform fetch', () => {
  it('aborts a request the server never answers when the attempt times out', async () => {
    const server = await answering('hang');
    try {
      const clock = manualClock();
      const slow = createApiClient<TestPaths, 'array'>({
        baseUrl: server.baseUrl,
        retry: false,
        timeoutMs: 150,
        clock,
        pagination: shortPageStrategy({ pageParam: 'page', sizeParam: 'perPage' }),
      });
      const arrived = server.nextRequest();
      const pending = slow.GET('/things').catch((error: unknown) => error);
      const { closed } = await arrived;
      await clock.advance(150);
      expect(await pending).toMatchObject({ kind: 'timeout' });
      // The connection was given up (closed by the client), not left hanging until the server
      // answers: its socket closes (else the test's own timeout fails it).
      await closed;
    } finally {
      await server.close();
    }
  });
});

function platformClient(baseUrl: string, extra: Partial<Parameters<typeof createApiClient>[0]> = {}) {
  return createApiClient<TestPaths, 'array'>({
    baseUrl,
    retry: noWait,
    pagination: shortPageStrategy({ pageParam: 'page', sizeParam: 'perPage' }),
    ...extra,
  });
}

// With the platform's fetch and no middleware, the client hands fetch each call's URL and init
// (draft.ts) rather than a Request: these check that such a call keeps what a Request would give.
describe('with the platform fetch, calls sent as URL and init', () => {
  it('sends a retried POST again with its body and headers', async () => {
    const server = await answering(
      { status: 503, body: { message: 'busy' } },
      { status: 201, body: { id: 'n1' } },
    );
    try {
      const api = platformClient(server.baseUrl, { retry: { ...noWait, retryNonIdempotent: true } });
      const { data, response } = await api.POST('/things', {
        body: { name: 'Ada' },
        headers: { 'x-trace': 't-1' },
      });
      expect(response.status).toBe(201);
      expect(data).toEqual({ id: 'n1' });
      expect(server.received).toHaveLength(2);
      for (const sent of server.received) {
        expect(sent).toMatchObject({ method: 'POST', url: '/things', body: '{"name":"Ada"}' });
        expect(sent.headers).toMatchObject({ 'content-type': 'application/json', 'x-trace': 't-1' });
      }
    } finally {
      await server.close();
    }
  });

  it('throws what the Request constructor throws for a request fetch cannot send, and sends nothing', async () => {
    const server = await answering({ status: 200, body: [] });
    try {
      const api = platformClient(server.baseUrl);
      const thrown = await api
        .GET('/things', { body: { name: 'a GET has no body' } } as never)
        .catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(TypeError);
      expect(thrown).not.toBeInstanceOf(ApiError);
      expect(server.received).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it("reports a caller's abort as aborted, and a refused connection as a network error naming the URL", async () => {
    const server = await answering('hang');
    const controller = new AbortController();
    try {
      const api = platformClient(server.baseUrl);
      const arrived = server.nextRequest();
      const pending = api.GET('/things', { signal: controller.signal }).catch((error: unknown) => error);
      await arrived;
      controller.abort();
      expect(await pending).toMatchObject({ kind: 'aborted', attempts: 1 });
    } finally {
      await server.close();
    }
    const refused = await platformClient(server.baseUrl, { retry: false })
      .GET('/things', { params: { query: { page: 2 } } })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'network', method: 'GET', url: `${server.baseUrl}/things?page=2` });
  });

  it('sends a stream body as a Request, whose copies a retry can send again', async () => {
    const server = await answering(
      { status: 503, body: { message: 'busy' } },
      { status: 201, body: { id: 's1' } },
    );
    try {
      const api = platformClient(server.baseUrl, { retry: { ...noWait, retryNonIdempotent: true } });
      const { data } = await api.POST('/things', {
        body: { name: 'unused' },
        bodySerializer: () =>
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"name":"streamed"}'));
              controller.close();
            },
          }),
        duplex: 'half',
      } as never);
      expect(data).toEqual({ id: 's1' });
      expect(server.received.map((sent) => sent.body)).toEqual([
        '{"name":"streamed"}',
        '{"name":"streamed"}',
      ]);
    } finally {
      await server.close();
    }
  });

  it("gives a call's own middleware a Request", async () => {
    const server = await answering({ status: 200, body: [{ id: 'a' }] });
    try {
      const seen: unknown[] = [];
      const { data } = await platformClient(server.baseUrl).GET('/things', {
        middleware: [{ onRequest: ({ request }: { request: unknown }) => void seen.push(request) }],
      } as never);
      expect(data).toEqual([{ id: 'a' }]);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toBeInstanceOf(Request);
    } finally {
      await server.close();
    }
  });
});
