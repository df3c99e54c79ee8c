// @ts-check
// `pnpm bench:mock`: the mock server's start-up and throughput, against Prism's own CLI and a bare
// node:http server in the same run (absolute numbers drift on a shared machine; ratios less so).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import autocannon from 'autocannon';
import { median } from './median.mjs';
import { freePort, repoRoot, startProcess } from './servers.mjs';

const require = createRequire(import.meta.url);
const MOCK_BIN = path.join(repoRoot, 'packages/mock-server/bin/lms-mock.js');
const PRISM_BIN = path.join(
  path.dirname(require.resolve('@stoplight/prism-cli/package.json')),
  'dist/index.js',
);
const SKILLJAR_BUNDLE = path.join(repoRoot, 'spec/skilljar/dist/openapi.json');
/** Alternating bare/lms-mock load rounds; durationS is split across them. */
const ROUNDS = 5;
const AUTH = { authorization: `Basic ${Buffer.from('bench-api-key:').toString('base64')}` };

/**
 * @param {{ connections?: number, durationS?: number, warmupS?: number, startupRuns?: number }} [options]
 */
export async function benchMock({ connections = 50, durationS = 15, warmupS = 3, startupRuns = 5 } = {}) {
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

  // The bare server and lms-mock run side by side and are loaded in alternating rounds, so a
  // neighbour's burst on this shared machine hits both; the ratio is the median per-round ratio.
  const [bareTarget, mockTarget, prismTarget] = targets;
  if (!bareTarget || !mockTarget || !prismTarget) throw new Error('bench: targets missing');
  const bare = await startTarget(bareTarget);
  const mock = await startTarget(mockTarget);
  /** @type {Array<Array<import('autocannon').Result>>} */
  const rounds = [[], []];
  try {
    await load(bare.url, connections, warmupS);
    await load(mock.url, connections, warmupS);
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 ? [1, 0] : [0, 1];
      for (const index of order) {
        const url = index === 0 ? bare.url : mock.url;
        rounds[index]?.push(await load(url, connections, Math.max(1, Math.round(durationS / ROUNDS))));
      }
    }
  } finally {
    await bare.server.stop();
    await mock.server.stop();
  }
  const ratios =
    rounds[1]?.map(
      (result, index) => result.requests.average / (rounds[0]?.[index]?.requests.average ?? 1),
    ) ?? [];

  const prism = await startTarget(prismTarget);
  let prismResult;
  try {
    await load(prism.url, connections, warmupS);
    prismResult = await load(prism.url, connections, durationS);
  } finally {
    await prism.server.stop();
  }
  const bareRps = median((rounds[0] ?? []).map((r) => r.requests.average));
  const results = [
    summarize(bareTarget.name, bare.server.readyMs, rounds[0] ?? [], 1),
    summarize(mockTarget.name, mock.server.readyMs, rounds[1] ?? [], median(ratios)),
    summarize(prismTarget.name, prism.server.readyMs, [prismResult], prismResult.requests.average / bareRps),
  ];
  return {
    startupMs: { median: median(startups), runs: startups },
    results,
    mockRoundRatios: ratios,
    settings: {
      rounds: ROUNDS,
      connections,
      durationS,
      warmupS,
      request: 'GET /v1/courses with HTTP Basic auth, validation on',
    },
  };
}

/**
 * @param {{ name: string, path: string, start: (port: number) => ReturnType<typeof startProcess> }} target
 */
async function startTarget(target) {
  const port = await freePort();
  const server = await target.start(port);
  const url = `http://127.0.0.1:${port}${target.path}`;
  const check = await fetch(url, { headers: AUTH });
  await check.arrayBuffer();
  if (check.status !== 200) {
    await server.stop();
    throw new Error(`${target.name}: GET ${target.path} answered ${check.status}`);
  }
  return { server, url };
}

/**
 * Medians over the rounds a server was loaded in.
 * @param {string} name @param {number} readyMs @param {import('autocannon').Result[]} runs @param {number} vsBare
 */
function summarize(name, readyMs, runs, vsBare) {
  return {
    name,
    readyMs,
    requestsPerSecond: median(runs.map((r) => r.requests.average)),
    p50Ms: median(runs.map((r) => r.latency.p50)),
    p99Ms: median(runs.map((r) => r.latency.p99)),
    errors: runs.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
    vsBare,
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

/** @param {Awaited<ReturnType<typeof benchMock>>} report */
export function formatMock(report) {
  const lines = [
    `Start-up, launch to /_health 200 with all four APIs: median ${report.startupMs.median.toFixed(0)} ms (runs: ${report.startupMs.runs.map((ms) => ms.toFixed(0)).join(', ')} ms; target ≤ 1000 ms)`,
    '',
    `Throughput, ${report.settings.request}, ${report.settings.connections} connections, after a ${report.settings.warmupS} s warm-up. The bare server and lms-mock run side by side, loaded in ${report.settings.rounds} alternating rounds of ${Math.max(1, Math.round(report.settings.durationS / report.settings.rounds))} s each (medians; "vs bare" is the median per-round ratio, rounds: ${report.mockRoundRatios.map((r) => r.toFixed(2)).join(', ')}); Prism gets one ${report.settings.durationS} s run:`,
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
