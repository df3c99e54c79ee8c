import { describe, expect, it } from 'vitest';
import { createApiClient, cursorStrategy, manualClock, TokenBucket } from '../src/index.js';
import { fakeFetch, json, type TestPaths, untilSleeping } from './fake-fetch.js';

describe('TokenBucket', () => {
  it('lets a burst through, then spaces requests at the rate', async () => {
    const clock = manualClock(0);
    const bucket = new TokenBucket({ ratePerSecond: 5 }, clock);
    const times: number[] = [];
    const all = Promise.all(
      Array.from({ length: 10 }, async () => {
        await bucket.acquire();
        times.push(clock.now());
      }),
    );
    await untilSleeping(clock);
    await clock.advance(1000);
    await all;
    // Five at once (the burst), then one every 200 ms.
    expect(times).toEqual([0, 0, 0, 0, 0, 200, 400, 600, 800, 1000]);
  });

  it('lets a waiter give up without blocking the queue', async () => {
    const clock = manualClock(0);
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 1 }, clock);
    await bucket.acquire();
    const controller = new AbortController();
    const abandoned = bucket.acquire(controller.signal);
    await untilSleeping(clock);
    controller.abort(new Error('gave up'));
    await expect(abandoned).rejects.toThrow('gave up');
    const next = bucket.acquire();
    await untilSleeping(clock);
    await clock.advance(1000);
    await next;
    expect(clock.now()).toBe(1000);
  });

  it('accepts a bare now() function, as before clocks', async () => {
    let now = 0;
    const bucket = new TokenBucket({ ratePerSecond: 2, burst: 1 }, () => now);
    await bucket.acquire();
    now = 500; // half a second: one token at 2/s, so no wait
    await bucket.acquire();
  });

  it('rejects nonsense rates', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0 })).toThrow('ratePerSecond must be a positive number');
  });
});

describe('client rate limits', () => {
  it('limits only the configured path', async () => {
    const fetch = fakeFetch(json([]));
    const clock = manualClock(0);
    const client = createApiClient<TestPaths, 'data'>({
      baseUrl: 'https://api.example.test',
      fetch,
      clock,
      rateLimits: { '/things': { ratePerSecond: 5 } },
      pagination: cursorStrategy({ cursorParam: 'after' }),
    });
    const limited = Promise.all(Array.from({ length: 7 }, () => client.GET('/things')));
    await untilSleeping(clock);
    expect(fetch.requests).toHaveLength(5);
    // Another path is not held back by the full bucket.
    const other = client.GET('/other' as '/things');
    await other;
    expect(
      fetch.requests.map((request) => new URL(request.url).pathname).filter((p) => p === '/other'),
    ).toEqual(['/other']);
    // 5 at once, 2 more at 200 ms intervals (plus the one to /other).
    await clock.advance(399);
    expect(fetch.requests).toHaveLength(7);
    await clock.advance(1);
    await limited;
    expect(fetch.requests).toHaveLength(8);
  });

  it('keys limits and errors by the OpenAPI path template, with or without middleware', async () => {
    // throwOnError adds a middleware: the call's context then rides on the Request instead.
    for (const throwOnError of [false, true]) {
      const fetch = fakeFetch(json([]), new TypeError('fetch failed'));
      const clock = manualClock(0);
      const client = createApiClient<TestPaths, 'data'>({
        baseUrl: 'https://api.example.test',
        fetch,
        clock,
        throwOnError,
        retry: false,
        rateLimits: { '/things/{id}': { ratePerSecond: 1, burst: 1 } },
        pagination: cursorStrategy({ cursorParam: 'after' }),
      });
      const loose = client as unknown as { GET(url: string, init: object): Promise<unknown> };
      await loose.GET('/things/{id}', { params: { path: { id: 'a1' } } });
      // Another id, the same template: the bucket is empty, so the call waits on the clock.
      const second = loose
        .GET('/things/{id}', { params: { path: { id: 'b2' } } })
        .catch((error: unknown) => error);
      await untilSleeping(clock);
      expect(fetch.requests).toHaveLength(1);
      await clock.advance(1000);
      expect(await second).toMatchObject({
        kind: 'network',
        operation: 'GET /things/{id}',
        url: 'https://api.example.test/things/b2',
      });
    }
  });
});
