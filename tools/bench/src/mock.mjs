// @ts-check
// `pnpm bench:mock`: the mock server's start-up and throughput, against Prism's own CLI and a bare
// node:http server in the same run (absolute numbers drift on a shared machine; ratios less so).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, repoRoot, startProcess } from './servers.mjs';

const require = createRequire(import.meta.url);
const MOCK_BIN = path.join(repoRoot, 'packages/mock-server/bin/lms-mock.js');
const PRISM_BIN = path.join(
  path.dirname(require.resolve('@stoplight/prism-cli/package.json')),
  'dist/index.js',
);
const SKILLJAR_BUNDLE = path.join(repoRoot, 'spec/skilljar/dist/openapi.json');
const AUTH = { authorization: `Basic ${Buffer.from('bench-api-key:').toString('base64')}` };

/**
 * @param {{ connections?: number, durationS?: number, warmupS?: number, startupRuns?: number }} [options]
 */
export async function benchMock({ connections = 50, durationS = 10, warmupS = 3, startupRuns = 5 } = {}) {
  const startups = [];
  for (let run = 0; run < startupRuns; run += 1) {
    const port = await freePort();
    const server = await startProcess({
      command: process.execPath,
      args: [MOCK_BIN, '--port', String(port), '--quiet'],
      probeUrl: `http://127.0.0.1:${port}/_health`,
    });
    startups.push(server.readyMs);
    await server.stop();
  }

  const prismBody = await exampleBody();
  const targets = [
    {
      name: 'bare node:http (fixed body)',
      start: async (/** @type {number} */ port) =>
        startProcess({
          command: process.execPath,
          args: [path.join(repoRoot, 'tools/bench/src/bare-server.mjs'), String(port), prismBody],
          probeUrl: `http://127.0.0.1:${port}/`,
        }),
      path: '/skilljar/v1/courses',
    },
    {
      name: 'lms-mock (all four APIs)',
      start: async (/** @type {number} */ port) =>
        startProcess({
          command: process.execPath,
          args: [MOCK_BIN, '--port', String(port), '--quiet'],
          probeUrl: `http://127.0.0.1:${port}/_health`,
        }),
      path: '/skilljar/v1/courses',
    },
    {
      name: 'prism mock (CLI 5.14.2, Skilljar only)',
      start: async (/** @type {number} */ port) =>
        startProcess({
          command: process.execPath,
          args: [PRISM_BIN, 'mock', '-h', '127.0.0.1', '-p', String(port), SKILLJAR_BUNDLE],
          probeUrl: `http://127.0.0.1:${port}/v1/courses`,
          probeHeaders: AUTH,
          timeoutMs: 60_000,
        }),
      path: '/v1/courses',
    },
  ];

  const results = [];
  for (const target of targets) {
    const port = await freePort();
    const server = await target.start(port);
    const url = `http://127.0.0.1:${port}${target.path}`;
    const check = await fetch(url, { headers: AUTH });
    if (check.status !== 200) throw new Error(`${target.name}: GET ${target.path} answered ${check.status}`);
    await check.arrayBuffer();
    await load(url, connections, warmupS);
    const result = await load(url, connections, durationS);
    await server.stop();
    results.push({
      name: target.name,
      readyMs: server.readyMs,
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.non2xx,
    });
  }
  const bare = results[0];
  return {
    startupMs: { median: median(startups), runs: startups },
    results: results.map((r) => ({ ...r, vsBare: r.requestsPerSecond / (bare?.requestsPerSecond ?? 1) })),
    settings: {
      connections,
      durationS,
      warmupS,
      request: 'GET /v1/courses with HTTP Basic auth, validation on',
    },
  };
}

/** @param {string} url @param {number} connections @param {number} duration */
function load(url, connections, duration) {
  return autocannon({ url, connections, duration, headers: AUTH });
}

/** The body the mock answers, so the bare server sends the same bytes. */
async function exampleBody() {
  const document = JSON.parse(await readFile(SKILLJAR_BUNDLE, 'utf8'));
  const content = document.paths['/v1/courses'].get.responses['200'].content['application/json'];
  const first = Object.values(content.examples ?? {})[0];
  return JSON.stringify(first?.value ?? {});
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** @param {Awaited<ReturnType<typeof benchMock>>} report */
export function formatMock(report) {
  const lines = [
    `Start-up, launch to /_health 200 with all four APIs: median ${report.startupMs.median.toFixed(0)} ms (runs: ${report.startupMs.runs.map((ms) => ms.toFixed(0)).join(', ')} ms; target ≤ 1000 ms)`,
    '',
    `Throughput, ${report.settings.request}, ${report.settings.connections} connections, ${report.settings.durationS} s after ${report.settings.warmupS} s warm-up:`,
    '',
    '| server | ready | req/s | vs bare | p50 | p99 | errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...report.results.map(
      (r) =>
        `| ${r.name} | ${r.readyMs.toFixed(0)} ms | ${r.requestsPerSecond.toFixed(0)} | ${r.vsBare.toFixed(2)}× | ${r.p50Ms} ms | ${r.p99Ms} ms | ${r.errors} |`,
    ),
    '',
    'Targets: lms-mock ≥ 0.5× bare, p99 ≤ 10 ms.',
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await benchMock();
  console.log(formatMock(report));
}
