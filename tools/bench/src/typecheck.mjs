// @ts-check
// The consumer fixture's type-check time: how long `tsc` takes on a project that imports all
// four clients and calls one operation of each (plus the wrong calls it proves are rejected).
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { median } from './median.mjs';
import { repoRoot } from './servers.mjs';

const run = promisify(execFile);
const fixture = path.join(repoRoot, 'tools/consumer-fixture');
const tsc = createRequire(path.join(fixture, 'package.json')).resolve('typescript/bin/tsc');

export async function benchTypecheck(runs = 5) {
  const seconds = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run(process.execPath, [tsc, '-p', path.join(fixture, 'tsconfig.json')], { cwd: fixture });
    seconds.push((performance.now() - started) / 1000);
  }
  return { median: median(seconds), min: seconds.length ? Math.min(...seconds) : 0, runs: seconds };
}
