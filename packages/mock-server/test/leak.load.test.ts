// No leak in the stateful mock: 40k requests to 40k different paths (each under a parent nobody
// wrote, so a 404) leave the live heap where it was (storing each read path would add ~27 MB per
// 20k, so ~40 MB over the three measured rounds against a 15 MB bound). The heap is read
// after a forced collection (vitest runs this project with --expose-gc), so unlike RSS it does
// not depend on how much freed memory the allocator keeps.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningMockServer, startMockServer } from '../src/index.js';
import { hammerDistinctHeaders, hammerDistinctPaths } from './load.js';
import { SPECS_DIR } from './requests.js';

let mock: RunningMockServer;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, specsDir: SPECS_DIR });
});

afterAll(async () => {
  await mock?.close();
});

const gc = (globalThis as { gc?: () => void }).gc;
const hammer = (amount: number) => hammerDistinctPaths(mock.url, amount, 20);

function liveHeapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

it.skipIf(!gc)(
  'keeps the live heap flat across 40k requests to distinct paths',
  async () => {
    await hammer(10_000);
    const before = liveHeapMb();
    const samples: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const result = await hammer(10_000);
      // The users and courses the paths name are not stored, so each answer is the API's 404 (a
      // path under an unknown parent): answered from the store without storing anything.
      expect(result.errors + result['5xx']).toBe(0);
      expect(result['4xx']).toBe(10_000);
      samples.push(liveHeapMb());
    }
    console.log(
      `leak: live heap ${before.toFixed(1)} MB before, ${samples.map((mb) => mb.toFixed(1)).join(', ')} MB after each 10k`,
    );
    // Bounded caches (journal, route and validation memos) fill in the first round; after that
    // nothing may accumulate.
    expect(Math.max(...samples) - before).toBeLessThan(15);
  },
  300_000,
);

it.skipIf(!gc)(
  'keeps memory flat across 40k requests with distinct Accept headers and queries',
  async () => {
    const distinct = (amount: number) => hammerDistinctHeaders(mock.url, amount, 20);
    await distinct(5_000);
    const heapBefore = liveHeapMb();
    const rssBefore = process.memoryUsage().rss / 2 ** 20;
    const result = await distinct(40_000);
    expect(result.errors + result.non2xx).toBe(0);
    const heapAfter = liveHeapMb();
    const rssAfter = process.memoryUsage().rss / 2 ** 20;
    console.log(
      `leak (Accept/query): live heap ${heapBefore.toFixed(1)} -> ${heapAfter.toFixed(1)} MB, RSS ${rssBefore.toFixed(1)} -> ${rssAfter.toFixed(1)} MB`,
    );
    // Before the memo was keyed by the negotiated media type, 40k distinct Accept values grew the
    // process by about 19 MB for good.
    expect(rssAfter - rssBefore).toBeLessThan(12);
    expect(heapAfter - heapBefore).toBeLessThan(6);
  },
  300_000,
);
