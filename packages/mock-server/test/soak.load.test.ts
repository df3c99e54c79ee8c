// 30k requests against the CLI process: memory must stay bounded (the journal, the route and
// validation memos are all bounded; each holds at most a few thousand entries, so every round
// below evicts). Reports RSS before and after. The heap itself is checked by leak.load.test.ts, and
// `pnpm bench` runs the long soak (100k requests, then the store filled to its cap).
import { readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { type Run, runCli, waitForOutput } from './cli.js';
import { hammerDistinctPaths } from './load.js';

let run: Run | undefined;

afterAll(async () => {
  run?.child.kill('SIGTERM');
  await run?.exited;
});

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1]);
  return kb / 1024;
}

const hammer = (url: string, amount: number) => hammerDistinctPaths(url, amount, 50);

it('serves 30k varied requests with bounded memory', async () => {
  // Port 0 and the URL it prints: a port picked free beforehand can be taken by a test running
  // beside this one before the CLI binds it.
  run = runCli(['--port', '0', '--quiet']);
  const [, url = ''] = await waitForOutput(run, /listening on (\S+)/);
  const pid = run.child.pid as number;

  // The paths name users and courses nobody stored: each answer is the API's 404 (load.ts).
  const warmup = await hammer(url, 5_000);
  expect(warmup.errors + warmup['5xx']).toBe(0);
  const before = rssMb(pid);
  // RSS breathes with garbage collection, so it is sampled along the way: a leak shows as a climb
  // across samples, bounded caches as a plateau.
  const samples: number[] = [];
  let total = 0;
  let seconds = 0;
  for (let round = 0; round < 5; round += 1) {
    const result = await hammer(url, 5_000);
    expect(result.errors + result.timeouts + result['5xx']).toBe(0);
    total += result.requests.total;
    seconds += result.duration;
    samples.push(rssMb(pid));
  }
  const after = samples.at(-1) as number;
  const peak = Math.max(...samples);
  console.log(
    `soak: ${total} requests in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)} req/s); RSS ${before.toFixed(1)} MB before, ${after.toFixed(1)} MB after, ${peak.toFixed(1)} MB peak (samples ${samples.map((mb) => mb.toFixed(0)).join(', ')} MB)`,
  );
  expect(total).toBeGreaterThanOrEqual(25_000);
  // RSS is the allocator's view: Node 24 keeps more freed memory than Node 20 (seen: +140 MB with a
  // flat heap). The bound catches runaway growth; leak.load.test.ts checks the heap itself.
  expect(peak - before).toBeLessThan(200);
  // A plateau, not a climb: the last sample is not far above the first three.
  expect(after - Math.max(...samples.slice(0, 3))).toBeLessThan(60);
  const journal = (await (await fetch(`${url}/_requests`)).json()) as { requests: unknown[] };
  expect(journal.requests).toHaveLength(1000);
});
