// @ts-check
// `pnpm bench:mock`: the mock server's start-up and throughput, against Prism's own CLI and a bare
// node:http server in the same run (absolute numbers drift on a shared machine; ratios less so).
import { readFile } from 'node:fs/promises';
import http from 'node:http';
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
      name: 'lms-mock stateful (default, all four APIs)',
      start: async (/** @type {number} */ port) =>
        startProcess({
          command: process.execPath,
          args: [MOCK_BIN, '--port', String(port), '--quiet'],
          probeUrl: `http://127.0.0.1:${port}/_health`,
        }),
      path: '/skilljar/v1/courses',
    },
    {
      name: 'lms-mock --static (all four APIs)',
      start: async (/** @type {number} */ port) =>
        startProcess({
          command: process.execPath,
          args: [MOCK_BIN, '--port', String(port), '--quiet', '--static'],
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

  // The bare server and both lms-mock modes run side by side and are loaded in rotating rounds,
  // so a neighbour's burst on this shared machine hits all of them; each ratio is the median of
  // per-round ratios against the bare server.
  const [bareTarget, mockTarget, staticTarget, prismTarget] = targets;
  if (!bareTarget || !mockTarget || !staticTarget || !prismTarget) throw new Error('bench: targets missing');
  const side = [
    await startTarget(bareTarget),
    await startTarget(mockTarget),
    await startTarget(staticTarget),
  ];
  /** @type {Array<Array<import('autocannon').Result>>} */
  const rounds = [[], [], []];
  try {
    for (const { url } of side) await load(url, connections, warmupS);
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = [0, 1, 2].map((offset) => (round + offset) % 3);
      for (const index of order) {
        const url = side[index]?.url ?? '';
        rounds[index]?.push(await load(url, connections, Math.max(1, Math.round(durationS / ROUNDS))));
      }
    }
  } finally {
    for (const { server } of side) await server.stop();
  }
  /** @param {number} index */
  const ratiosOf = (index) =>
    rounds[index]?.map(
      (result, round) => result.requests.average / (rounds[0]?.[round]?.requests.average ?? 1),
    ) ?? [];
  const ratios = ratiosOf(1);
  const staticRatios = ratiosOf(2);

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
    summarize(bareTarget.name, side[0]?.server.readyMs ?? 0, rounds[0] ?? [], 1),
    summarize(mockTarget.name, side[1]?.server.readyMs ?? 0, rounds[1] ?? [], median(ratios)),
    summarize(staticTarget.name, side[2]?.server.readyMs ?? 0, rounds[2] ?? [], median(staticRatios)),
    summarize(prismTarget.name, prism.server.readyMs, [prismResult], prismResult.requests.average / bareRps),
  ];
  return {
    startupMs: { median: median(startups), runs: startups },
    results,
    mockRoundRatios: ratios,
    staticRoundRatios: staticRatios,
    proxy: await benchProxy(),
    mixed: await benchMixed({ connections, durationS }),
    soak: await soakWrites({ connections, total: 100_000 }),
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
 * Proxy mode's cost: one caller, sequential calls (what a person or a CI job checking drift
 * does), each timed on its own, against a fake upstream directly and through `lms-mock --proxy
 * skilljar=<it>` (forwarding, request and answer checks, the drift report). Interleaved rounds,
 * so drift on this shared machine hits both alike; the overhead is the difference of medians.
 */
async function benchProxy({ calls = 2000, rounds = 5 } = {}) {
  const body = await exampleBody();
  const upstreamPort = await freePort();
  const upstream = await startProcess({
    command: process.execPath,
    args: [path.join(repoRoot, 'tools/bench/src/bare-server.mjs'), String(upstreamPort), body],
    probeUrl: `http://127.0.0.1:${upstreamPort}/`,
  });
  const mockPort = await freePort();
  const proxy = await startProcess({
    command: process.execPath,
    args: [
      MOCK_BIN,
      '--port',
      String(mockPort),
      '--quiet',
      '--proxy',
      `skilljar=http://127.0.0.1:${upstreamPort}`,
    ],
    probeUrl: `http://127.0.0.1:${mockPort}/_health`,
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  /** @param {string} url */
  const once = (url) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      http
        .get(url, { agent, headers: AUTH }, (response) => {
          response.resume();
          response.on('end', () =>
            response.statusCode === 200
              ? resolve(performance.now() - started)
              : reject(new Error(`${url} answered ${response.statusCode}`)),
          );
        })
        .on('error', reject);
    });
  /** @param {string} url */
  const sample = async (url) => {
    const times = [];
    for (let i = 0; i < calls; i += 1) times.push(await once(url));
    return times.sort((a, b) => a - b);
  };
  const directUrl = `http://127.0.0.1:${upstreamPort}/v1/courses`;
  const proxiedUrl = `http://127.0.0.1:${mockPort}/skilljar/v1/courses`;
  /** @type {number[]} */ const direct = [];
  /** @type {number[]} */ const proxied = [];
  /** @type {number[]} */ const directP99 = [];
  /** @type {number[]} */ const proxiedP99 = [];
  try {
    await sample(directUrl);
    await sample(proxiedUrl);
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? [directUrl, proxiedUrl] : [proxiedUrl, directUrl];
      for (const url of order) {
        const times = await sample(url);
        const p50 = times[Math.floor(times.length / 2)] ?? 0;
        const p99 = times[Math.floor(times.length * 0.99)] ?? 0;
        (url === directUrl ? direct : proxied).push(p50);
        (url === directUrl ? directP99 : proxiedP99).push(p99);
      }
    }
    const report = await (await fetch(`http://127.0.0.1:${mockPort}/_drift`)).json();
    return {
      calls,
      rounds,
      directP50Ms: median(direct),
      proxiedP50Ms: median(proxied),
      addedP50Ms: median(proxied.map((ms, round) => ms - (direct[round] ?? 0))),
      directP99Ms: median(directP99),
      proxiedP99Ms: median(proxiedP99),
      reportedRequests: report.apis[0]?.requests ?? 0,
    };
  } finally {
    agent.destroy();
    await proxy.stop();
    await upstream.stop();
  }
}

const THRIVE_AUTH = {
  authorization: `Basic ${Buffer.from('eu-west-2_AbcdEfghI:bench-secret').toString('base64')}`,
};
const ASSIGNMENT = JSON.stringify({
  audienceId: '63f8c546a05716c51210ac81',
  contentId: '63f8c54a8cb9790c99de077a',
});

/**
 * One Thrive assignment's life per connection, over and over: create, read it back, patch it,
 * delete it (three writes and a read), all in one session of the stateful mock.
 * @param {string} base the mock's URL @param {string} session
 */
function lifecycle(base, session) {
  const headers = { ...THRIVE_AUTH, 'content-type': 'application/json', 'x-mock-session': session };
  const item = (/** @type {any} */ context) => `/thrive/rest/v1/assignments/${context.id}`;
  return [
    {
      method: 'POST',
      path: '/thrive/rest/v1/assignments',
      headers,
      body: ASSIGNMENT,
      onResponse: (/** @type {number} */ _status, /** @type {string} */ body, /** @type {any} */ context) => {
        context.id = JSON.parse(body).id;
      },
    },
    {
      method: 'GET',
      headers,
      setupRequest: (/** @type {any} */ request, /** @type {any} */ context) => ({
        ...request,
        path: item(context),
      }),
    },
    {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ completionPeriod: 60 }),
      setupRequest: (/** @type {any} */ request, /** @type {any} */ context) => ({
        ...request,
        path: item(context),
      }),
    },
    {
      method: 'DELETE',
      headers,
      setupRequest: (/** @type {any} */ request, /** @type {any} */ context) => ({
        ...request,
        path: item(context),
      }),
    },
  ].map((request) => ({ ...request, url: base }));
}

async function startStateful() {
  const port = await freePort();
  const server = await startProcess({
    command: process.execPath,
    args: [MOCK_BIN, '--port', String(port), '--quiet'],
    probeUrl: `http://127.0.0.1:${port}/_health`,
  });
  return { server, url: `http://127.0.0.1:${port}` };
}

/** The create/read/update/delete cycle as a throughput workload. @param {{ connections: number, durationS: number }} options */
async function benchMixed({ connections, durationS }) {
  const { server, url } = await startStateful();
  try {
    await autocannon({ url, connections, duration: 2, requests: lifecycle(url, 'warmup') });
    const result = await autocannon({
      url,
      connections,
      duration: durationS,
      requests: lifecycle(url, 'mixed'),
    });
    return {
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.non2xx,
      total: result.requests.total,
    };
  } finally {
    await server.stop();
  }
}

/** @param {number} pid */
async function rssMb(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1]) / 1024;
}

/**
 * 100k requests of the cycle above in one session (75k of them writes), RSS sampled along the
 * way; then a burst of creates that never delete, until the per-collection cap refuses them.
 * @param {{ connections: number, total: number }} options
 */
async function soakWrites({ connections, total }) {
  const { server, url } = await startStateful();
  try {
    const pid = server.pid;
    await autocannon({ url, connections, amount: 4_000, requests: lifecycle(url, 'soak') });
    const before = await rssMb(pid);
    const samples = [];
    let errors = 0;
    const started = performance.now();
    for (let round = 0; round < 5; round += 1) {
      const result = await autocannon({
        url,
        connections,
        amount: total / 5,
        requests: lifecycle(url, 'soak'),
      });
      errors += result.errors + result.non2xx;
      samples.push(await rssMb(pid));
    }
    const seconds = (performance.now() - started) / 1000;
    // Creates only: the collection fills to its cap (10,000), then creates answer 507.
    const filling = await autocannon({
      url,
      connections,
      amount: 12_000,
      requests: [lifecycle(url, 'fill')[0]].map((request) => ({ ...request, onResponse: undefined })),
    });
    const full = await rssMb(pid);
    return {
      requests: total,
      seconds,
      errors,
      rssBeforeMb: before,
      rssAfterMb: samples.at(-1) ?? before,
      rssPeakMb: Math.max(...samples),
      samplesMb: samples,
      fill: { sent: filling.requests.total, refused: filling.non2xx, rssMb: full },
    };
  } finally {
    await server.stop();
  }
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
    `Static-mode round ratios: ${report.staticRoundRatios.map((r) => r.toFixed(2)).join(', ')}. Targets: stateful ≥ 0.4× bare, static ≥ 0.5× bare, p99 ≤ 10 ms, 0 errors.`,
    '',
    `Proxy mode (\`--proxy skilljar=<fake upstream>\`), one caller, ${report.proxy.calls} sequential GET /v1/courses per side × ${report.proxy.rounds} interleaved rounds (medians of per-round percentiles): direct p50 ${report.proxy.directP50Ms.toFixed(3)} ms, through the proxy ${report.proxy.proxiedP50Ms.toFixed(3)} ms, **added ${report.proxy.addedP50Ms.toFixed(3)} ms at p50** (target < 2 ms); p99 ${report.proxy.directP99Ms.toFixed(3)} → ${report.proxy.proxiedP99Ms.toFixed(3)} ms. The drift report counted ${report.proxy.reportedRequests} proxied requests.`,
    '',
    `Mixed stateful workload (Thrive: create, read, patch, delete an assignment, repeated; ${report.settings.connections} connections, ${report.settings.durationS} s, one session): ${report.mixed.requestsPerSecond.toFixed(0)} req/s, p50 ${report.mixed.p50Ms} ms, p99 ${report.mixed.p99Ms} ms, ${report.mixed.errors} errors (${report.mixed.total} requests).`,
    '',
    `Soak, one session: ${report.soak.requests} requests of that cycle (three writes to one read) in ${report.soak.seconds.toFixed(1)} s, ${report.soak.errors} errors; RSS ${report.soak.rssBeforeMb.toFixed(1)} MB before, ${report.soak.rssAfterMb.toFixed(1)} MB after, ${report.soak.rssPeakMb.toFixed(1)} MB peak (samples ${report.soak.samplesMb.map((mb) => mb.toFixed(0)).join(', ')} MB). Then ${report.soak.fill.sent} creates without deletes: ${report.soak.fill.refused} refused with 507 at the 10,000-item cap, RSS ${report.soak.fill.rssMb.toFixed(1)} MB.`,
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--proxy-only')) {
    // `node tools/bench/src/mock.mjs --proxy-only`: just the proxy's added latency.
    console.log(JSON.stringify(await benchProxy(), null, 2));
  } else {
    const report = await benchMock();
    console.log(formatMock(report));
  }
}
