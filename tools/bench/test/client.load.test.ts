// Bench smoke: `pnpm bench`'s client measurement runs end to end (fresh processes, each with a bare
// server, raw fetch, bare openapi-fetch, the Skilljar client) on a few calls and gives figures the
// report can print. The
// figures themselves are `pnpm bench`'s to judge: a handful of calls on a shared machine says
// nothing about a 5% target.
import { describe, expect, it } from 'vitest';
import { clientOverheadInProcesses, formatClient } from '../src/client.mjs';

describe('client CPU benchmark', () => {
  it('measures every variant and reports them against bare openapi-fetch', async () => {
    const overhead = await clientOverheadInProcesses({ processes: 2, calls: 40, rounds: 3 });
    expect(overhead).toMatchObject({ processes: 2, calls: 40, rounds: 3 });
    for (const variant of [overhead.raw, overhead.bare, overhead.client, overhead.untimed]) {
      expect(variant.cpuUs).toBeGreaterThan(0);
      expect(Number.isFinite(variant.vsBare)).toBe(true);
      expect(variant.lowest).toBeLessThanOrEqual(variant.vsBare);
      expect(variant.highest).toBeGreaterThanOrEqual(variant.vsBare);
    }
    expect(overhead.bare.vsBare).toBe(1);
    const report = formatClient(overhead, []);
    expect(report).toContain('| bare openapi-fetch GET (the baseline) |');
    expect(report).toContain(`${overhead.client.vsBare.toFixed(3)}×`);
    expect(report).toContain('in 2 fresh processes');
  });
});
