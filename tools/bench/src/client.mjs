// @ts-check
// Client cost: per-call overhead of a generated client (auth, retry policy, timeout, errors,
// typed parsing) against a raw `fetch` of the same URL on loopback, and each client's runtime size.

import path from 'node:path';
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
 * Sequential calls (one in flight, like a script walking a list) against a bare server, raw fetch
 * and the Skilljar client interleaved in rounds so drift affects both alike.
 * @param {{ calls?: number, rounds?: number }} [options]
 */
export async function clientOverhead({ calls = 3000, rounds = 11 } = {}) {
  const { createSkilljarClient } = await import('@lms-apis/skilljar-client');
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
  const client = createSkilljarClient({ apiKey: 'bench-key', baseUrl });

  const raw = async () => {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  };
  const typed = async () => {
    const { data, error } = await client.GET('/v1/courses');
    if (error) throw new Error('error');
    return data;
  };
  /** @param {() => Promise<unknown>} fn */
  const time = async (fn) => {
    const started = performance.now();
    for (let i = 0; i < calls; i += 1) await fn();
    return ((performance.now() - started) / calls) * 1000; // µs per call
  };
  await time(raw);
  await time(typed);
  const rawUs = [];
  const clientUs = [];
  const ratios = [];
  for (let round = 0; round < rounds; round += 1) {
    // Alternate which goes first, so neither always runs on a warmer or colder machine.
    let rawRound = 0;
    let clientRound = 0;
    if (round % 2 === 0) {
      rawRound = await time(raw);
      clientRound = await time(typed);
    } else {
      clientRound = await time(typed);
      rawRound = await time(raw);
    }
    rawUs.push(rawRound);
    clientUs.push(clientRound);
    ratios.push(clientRound / rawRound);
  }
  await server.stop();
  return { calls, rounds, rawUs: median(rawUs), clientUs: median(clientUs), ratio: median(ratios) };
}

/**
 * @param {Awaited<ReturnType<typeof clientOverhead>>} overhead
 * @param {Awaited<ReturnType<typeof clientSizes>>} sizes
 */
export function formatClient(overhead, sizes) {
  return [
    `Per-call overhead, GET on loopback, ${overhead.calls} sequential calls × ${overhead.rounds} interleaved rounds (medians; the ratio is the median of the per-round ratios):`,
    '',
    '| | µs per call | ratio |',
    '|---|---:|---:|',
    `| raw fetch + JSON parse | ${overhead.rawUs.toFixed(1)} | 1.00× |`,
    `| @lms-apis/skilljar-client GET (auth, retry policy, timeout, typed) | ${overhead.clientUs.toFixed(1)} | ${overhead.ratio.toFixed(3)}× |`,
    '',
    'Target ≤ 1.1×.',
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
  if (process.argv.includes('--overhead-json')) {
    // Used by run-all.mjs: measured in a fresh process, away from the other benchmarks' heap.
    process.stdout.write(JSON.stringify(await clientOverhead()));
  } else {
    const sizes = await clientSizes();
    const overhead = await clientOverhead();
    console.log(formatClient(overhead, sizes));
  }
}
