import { describe, expect, it } from 'vitest';
import { createApiClient, cursorStrategy, TokenBucket } from '../src/index.js';
import { fakeFetch, json, type TestPaths } from './fake-fetch.js';

describe('TokenBucket', () => {
  it('lets a burst through, then spaces requests at the rate', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 5 });
    const started = performance.now();
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        await bucket.acquire();
        times.push(performance.now() - started);
      }),
    );
    times.sort((a, b) => a - b);
    expect(times.slice(0, 5).every((t) => t < 50)).toBe(true);
    // Five more tokens at 5/s take about a second.
    expect(times[9]).toBeGreaterThanOrEqual(950);
    expect(times[9]).toBeLessThan(1500);
  });

  it('lets a waiter give up without blocking the queue', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 1 });
    await bucket.acquire();
    const controller = new AbortController();
    const abandoned = bucket.acquire(controller.signal);
    controller.abort(new Error('gave up'));
    await expect(abandoned).rejects.toThrow('gave up');
    const started = performance.now();
    await bucket.acquire();
    expect(performance.now() - started).toBeLessThan(1200);
  });

  it('rejects nonsense rates', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0 })).toThrow('ratePerSecond must be a positive number');
  });
});

describe('client rate limits', () => {
  it('limits only the configured path', async () => {
    const fetch = fakeFetch(json([]));
    const client = createApiClient<TestPaths, 'data'>({
      baseUrl: 'https://api.example.test',
      fetch,
      rateLimits: { '/things': { ratePerSecond: 5 } },
      pagination: cursorStrategy({ cursorParam: 'after' }),
    });
    const started = performance.now();
    await Promise.all(Array.from({ length: 7 }, () => client.GET('/things')));
    // 5 at once, 2 more at 200 ms intervals.
    expect(performance.now() - started).toBeGreaterThanOrEqual(380);
  });
});
