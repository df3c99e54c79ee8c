// @ts-check
// `pnpm bench`: every benchmark in the repo, one run, one Markdown report in bench/results.md with
// this machine's figures and the baselines measured alongside.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchBuild } from './build.mjs';
import { clientOverheadInProcesses, clientSizes, formatClient } from './client.mjs';
import { benchMock, formatMock } from './mock.mjs';
import { repoRoot } from './servers.mjs';
import { benchTypecheck } from './typecheck.mjs';

const started = new Date();
const load = os.loadavg();
const log = (/** @type {string} */ message) => process.stderr.write(`bench: ${message}\n`);

log('build, cold then warm');
const build = await benchBuild();
log('mock server: start-up, then throughput against bare node:http and Prism');
const mock = await benchMock();
log('client: size and per-call overhead');
const sizes = await clientSizes();
const overhead = await clientOverheadInProcesses();
log('consumer type-check');
const typecheck = await benchTypecheck();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const report = [
  '# Benchmarks',
  '',
  `Run ${started.toISOString()} by \`pnpm bench\` on ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load average at start ${load.map((l) => l.toFixed(2)).join(' / ')}.`,
  'Absolute times drift on a shared machine; compare rows measured in the same run.',
  '',
  '## Build',
  '',
  '| build | time | turbo cache |',
  '|---|---:|---:|',
  `| cold (\`turbo run build --force\`) | ${build.cold.seconds.toFixed(1)} s | ${build.cold.cached} cached |`,
  `| warm (\`turbo run build\`, nothing changed) | ${build.warm.seconds.toFixed(2)} s | ${build.warm.cached} cached |`,
  '',
  '## Mock server',
  '',
  formatMock(mock),
  '',
  '## Clients',
  '',
  formatClient(overhead, sizes),
  '',
  '## Consumer type-check',
  '',
  `\`tsc\` on tools/consumer-fixture (all four clients, one call each, ten rejected wrong calls): median ${typecheck.median.toFixed(2)} s, fastest ${typecheck.min.toFixed(2)} s over ${typecheck.runs.length} runs (target ≤ 3 s).`,
  '',
].join('\n');

const file = path.join(repoRoot, 'bench/results.md');
await writeFile(file, report);
process.stdout.write(report);
log(`written to ${path.relative(process.cwd(), file)}`);
