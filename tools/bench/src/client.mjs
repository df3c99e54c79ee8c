// @ts-check
// Client cost: CPU per call of a generated client (auth, retry policy, timeout, errors, typed
// parsing) against bare openapi-fetch and raw `fetch` of the same URL on loopback, and each
// client's runtime size.

import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { listApis } from '@lms-apis/codegen/specs';
import { build } from 'esbuild';
import { median } from './median.mjs';
import { freePort, repoRoot, startProcess } from './servers.mjs';

/** Every API's client, from the spec packages' `lms` blocks. */
const CLIENTS = listApis().map((api) => ({
  name: api.api,
  pkg: api.clientPackage,
  factory: api.clientFactory,
  dir: path.join(repoRoot, 'packages', `${api.api}-client`),
}));

/**
 * Minified + gzipped size of what an app bundles to call an API: the factory and everything it
 * pulls in (client-core, openapi-fetch). `initial` is what loads with the client: the entry chunk
 * and every chunk it imports statically (esbuild's metafile says which). `lazy` is what loads on
 * first use through a dynamic import: SNworks' jose HS256 signer on the first request, and with
 * `validateResponses` on, the drift checks and the client's pruned spec. Types weigh nothing.
 */
export async function clientSizes() {
  const sizes = [];
  for (const client of CLIENTS) {
    const result = await build({
      entryPoints: ['entry'],
      plugins: [virtualEntry(`export { ${client.factory} } from './dist/index.js';`, client.dir)],
      bundle: true,
      splitting: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      outdir: 'out',
      write: false,
      metafile: true,
    });
    const gzipped = new Map(
      result.outputFiles.map((file) => [
        path.relative(process.cwd(), file.path),
        { minified: file.contents.byteLength, gzipped: gzipSync(file.contents, { level: 9 }).byteLength },
      ]),
    );
    const outputs = result.metafile.outputs;
    const entry = Object.keys(outputs).find((name) => outputs[name]?.entryPoint !== undefined);
    /** Chunks reachable from `start` through imports of the given kind (then static ones). */
    const reach = (
      /** @type {string[]} */ start,
      /** @type {string} */ kind,
      /** @type {Set<string>} */ skip,
    ) => {
      const found = new Set();
      const queue = start.flatMap((name) =>
        (outputs[name]?.imports ?? []).filter((i) => i.kind === kind && !i.external).map((i) => i.path),
      );
      while (queue.length > 0) {
        const name = /** @type {string} */ (queue.shift());
        if (found.has(name) || skip.has(name)) continue;
        found.add(name);
        for (const i of outputs[name]?.imports ?? [])
          if (i.kind === 'import-statement' && !i.external) queue.push(i.path);
      }
      return found;
    };
    const initial = new Set([
      /** @type {string} */ (entry),
      ...reach([/** @type {string} */ (entry)], 'import-statement', new Set()),
    ]);
    // Lazy: dynamic imports from anything loaded, and what those load in turn (but not what is
    // already loaded). esbuild emits a chunk per dynamic import it sees: only reachable ones count.
    const lazy = new Set();
    let frontier = [...initial];
    while (frontier.length > 0) {
      const next = reach(frontier, 'dynamic-import', new Set([...initial, ...lazy]));
      for (const name of [...next])
        for (const more of reach([name], 'import-statement', initial)) next.add(more);
      for (const name of next) lazy.add(name);
      frontier = [...next];
    }
    const sum = (/** @type {Set<string>} */ names, /** @type {'minified' | 'gzipped'} */ key) =>
      [...names].reduce((total, name) => total + (gzipped.get(name)?.[key] ?? 0), 0);
    sizes.push({
      name: client.name,
      minified: sum(initial, 'minified'),
      gzipped: sum(initial, 'gzipped'),
      lazyMinified: sum(lazy, 'minified'),
      lazyGzipped: sum(lazy, 'gzipped'),
    });
  }
  return sizes;
}

/** @param {string} contents @param {string} resolveDir @returns {import('esbuild').Plugin} */
function virtualEntry(contents, resolveDir) {
  return {
    name: 'virtual-entry',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^entry$/ }, () => ({ path: 'entry', namespace: 'virtual' }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({
        contents,
        resolveDir,
        loader: 'js',
      }));
    },
  };
}

/**
 * CPU cost per call, in this process only (the bare server is another process): sequential GETs
 * (one in flight, like a script walking a list) through raw `fetch`, bare openapi-fetch (the
 * honest baseline: the client is built on it) and the Skilljar client, with its default timeout
 * on and with `timeoutMs: 0`. CPU time (`process.cpuUsage`, user + system) rather than wall time:
 * on a shared machine wall time measures the neighbours. Variants take turns within each round,
 * in a rotating order, so drift affects all alike; ratios are per round, then the median.
 * @param {{ calls?: number, rounds?: number }} [options]
 */
export async function clientOverhead({ calls = 250, rounds = 60 } = {}) {
  const { createSkilljarClient } = await import('@lms-apis/skilljar-client');
  const { default: createClient } = await import('openapi-fetch');
  const port = await freePort();
  const body = JSON.stringify({
    count: 1,
    next: null,
    previous: null,
    results: [{ id: 'c1', title: 'Course' }],
  });
  const server = await startProcess({
    command: process.execPath,
    args: [path.join(repoRoot, 'tools/bench/src/bare-server.mjs'), String(port), body],
    probeUrl: `http://127.0.0.1:${port}/`,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const url = `${baseUrl}/v1/courses`;
  const headers = { authorization: `Basic ${Buffer.from('bench-key:').toString('base64')}` };
  /** @type {any} */
  const bare = createClient({ baseUrl, headers });
  const client = createSkilljarClient({ apiKey: 'bench-key', baseUrl });
  const untimed = createSkilljarClient({ apiKey: 'bench-key', baseUrl, timeoutMs: 0 });
  /** @param {{ data?: unknown, error?: unknown }} result */
  const check = ({ data, error }) => {
    if (error !== undefined || data === undefined) throw new Error('bench: the call failed');
    return data;
  };
  /** @type {Record<string, () => Promise<unknown>>} */
  const variants = {
    raw: async () => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    },
    bare: async () => check(await bare.GET('/v1/courses')),
    client: async () => check(await client.GET('/v1/courses')),
    untimed: async () => check(await untimed.GET('/v1/courses')),
  };
  const names = Object.keys(variants);
  /** @param {() => Promise<unknown>} fn CPU µs per call */
  const cpu = async (fn) => {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i += 1) await fn();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / calls;
  };
  for (const name of names) await cpu(/** @type {() => Promise<unknown>} */ (variants[name]));
  /** @type {Record<string, number[]>} */
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  /** @type {Record<string, number[]>} */
  const ratios = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    /** @type {Record<string, number>} */
    const us = {};
    for (let k = 0; k < names.length; k += 1) {
      const name = /** @type {string} */ (names[(round + k) % names.length]);
      us[name] = await cpu(/** @type {() => Promise<unknown>} */ (variants[name]));
    }
    for (const name of names) {
      samples[name]?.push(/** @type {number} */ (us[name]));
      ratios[name]?.push(/** @type {number} */ (us[name]) / /** @type {number} */ (us.bare));
    }
  }
  await server.stop();
  /** @param {string} name */
  const row = (name) => ({
    cpuUs: median(/** @type {number[]} */ (samples[name])),
    vsBare: median(/** @type {number[]} */ (ratios[name])),
  });
  return {
    calls,
    rounds,
    raw: row('raw'),
    bare: row('bare'),
    client: row('client'),
    untimed: row('untimed'),
  };
}

/**
 * clientOverhead in `processes` fresh processes, one after another, and the median of their
 * results. One process cannot tell 5% apart: two copies of the same client in one process differ
 * by 2-5%, and the same variant varies as much from process to process (the JIT's inlining and
 * inline caches, and when GC falls, settle differently each time). So fresh processes are the
 * samples to repeat; the report gives their spread too.
 * @param {{ processes?: number, calls?: number, rounds?: number }} [options] calls and rounds per process
 */
export async function clientOverheadInProcesses({ processes = 5, calls = 250, rounds = 60 } = {}) {
  /** @type {Awaited<ReturnType<typeof clientOverhead>>[]} */
  const runs = [];
  for (let i = 0; i < processes; i += 1) {
    const { stdout } = await promisify(execFile)(process.execPath, [
      fileURLToPath(import.meta.url),
      `--overhead-json=${calls},${rounds}`,
    ]);
    runs.push(JSON.parse(stdout));
  }
  /** @param {'raw' | 'bare' | 'client' | 'untimed'} name */
  const row = (name) => {
    const ratios = runs.map((run) => run[name].vsBare);
    return {
      cpuUs: median(runs.map((run) => run[name].cpuUs)),
      vsBare: median(ratios),
      lowest: Math.min(...ratios),
      highest: Math.max(...ratios),
    };
  };
  const first = /** @type {Awaited<ReturnType<typeof clientOverhead>>} */ (runs[0]);
  return {
    processes,
    calls: first.calls,
    rounds: first.rounds,
    raw: row('raw'),
    bare: row('bare'),
    client: row('client'),
    untimed: row('untimed'),
  };
}

/**
 * @param {Awaited<ReturnType<typeof clientOverheadInProcesses>>} overhead
 * @param {Awaited<ReturnType<typeof clientSizes>>} sizes
 */
export function formatClient(overhead, sizes) {
  /** @param {{ lowest: number, highest: number }} row */
  const spread = (row) => `${row.lowest.toFixed(3)}× – ${row.highest.toFixed(3)}×`;
  return [
    `Client CPU per call, GET on loopback, in ${overhead.processes} fresh processes one after another. In each, ${overhead.calls} sequential calls × ${overhead.rounds} rounds, the variants in turn; a process's figure is the median of its rounds (the ratio: the median of the per-round ratios). The table gives the median of the processes, and the lowest and highest process. CPU time of the calling process (process.cpuUsage, user + system), so the machine's other load does not count:`,
    '',
    '| | CPU µs per call | vs bare openapi-fetch | processes: lowest – highest |',
    '|---|---:|---:|---:|',
    `| raw fetch + JSON parse (reference) | ${overhead.raw.cpuUs.toFixed(1)} | ${overhead.raw.vsBare.toFixed(3)}× | ${spread(overhead.raw)} |`,
    `| bare openapi-fetch GET (the baseline) | ${overhead.bare.cpuUs.toFixed(1)} | 1.000× | |`,
    `| @lms-apis/skilljar-client GET, default 30 s timeout (auth, retry policy, timeout, typed) | ${overhead.client.cpuUs.toFixed(1)} | ${overhead.client.vsBare.toFixed(3)}× | ${spread(overhead.client)} |`,
    `| @lms-apis/skilljar-client GET, \`timeoutMs: 0\` | ${overhead.untimed.cpuUs.toFixed(1)} | ${overhead.untimed.vsBare.toFixed(3)}× | ${spread(overhead.untimed)} |`,
    '',
    'Target: the client with its default timeout ≤ 1.05× bare openapi-fetch.',
    '',
    'Client runtime size (factory + client-core + openapi-fetch; esbuild --bundle --splitting --minify, gzip -9):',
    '',
    '| client | minified | min + gzip | loaded only when used: jose signer (SNworks), validateResponses (min + gzip) |',
    '|---|---:|---:|---:|',
    ...sizes.map(
      (s) =>
        `| ${s.name} | ${(s.minified / 1024).toFixed(1)} KB | ${(s.gzipped / 1024).toFixed(2)} KB | ${s.lazyGzipped ? `${(s.lazyGzipped / 1024).toFixed(2)} KB` : '-'} |`,
    ),
    '',
    'Target ≤ 8 KB min + gzip each.',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sample = process.argv.find((arg) => arg.startsWith('--overhead-json='));
  if (sample) {
    // One sample of clientOverheadInProcesses: a fresh process, away from other benchmarks' heap.
    const [calls, rounds] = sample.slice('--overhead-json='.length).split(',').map(Number);
    process.stdout.write(JSON.stringify(await clientOverhead({ calls, rounds })));
  } else {
    const sizes = await clientSizes();
    const overhead = await clientOverheadInProcesses();
    console.log(formatClient(overhead, sizes));
  }
}
