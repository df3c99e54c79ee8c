// @ts-check
// `pnpm bench:mock:compare <baseline checkout>`: this checkout's mock against another checkout's
// (a release, or main before a change), in the same run: start-up to /_health when launched
// directly, and stateful and static throughput as ratios to a bare node:http server loaded in the
// same rotating rounds. Both checkouts must be built.
import { existsSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { median } from './median.mjs';
import { freePort, repoRoot, startProcess } from './servers.mjs';

const AUTH = { authorization: `Basic ${Buffer.from('bench-api-key:').toString('base64')}` };
const PATH = '/skilljar/v1/courses';

/** @param {string} root */
const mockBin = (root) => path.join(root, 'packages/mock-server/bin/lms-mock.js');

/**
 * @param {string} baselineRoot
 * @param {{ startupRuns?: number, rounds?: number, roundS?: number, connections?: number }} [options]
 */
export async function compareMocks(
  baselineRoot,
  { startupRuns = 7, rounds = 5, roundS = 3, connections = 50 } = {},
) {
  const subjects = [
    { name: 'this checkout', bin: mockBin(repoRoot) },
    { name: `baseline (${baselineRoot})`, bin: mockBin(baselineRoot) },
  ];
  for (const { bin } of subjects)
    if (!existsSync(bin)) throw new Error(`No mock at ${bin}: build that checkout first.`);
  /** @type {number[][]} */
  const startups = subjects.map(() => []);
  // Alternating launches, so a busy neighbour slows both alike.
  for (let run = 0; run < startupRuns; run += 1)
    for (const [index, { bin }] of subjects.entries()) {
      const port = await freePort();
      const server = await startProcess({
        command: process.execPath,
        args: [bin, '--port', String(port), '--quiet'],
        probeUrl: `http://127.0.0.1:${port}/_health`,
      });
      startups[index]?.push(server.readyMs);
      await server.stop();
    }
  const throughput = await rotatingLoad(subjects, { rounds, roundS, connections });
  return subjects.map((subject, index) => ({
    name: subject.name,
    startupMs: median(startups[index] ?? []),
    ...throughput[index],
  }));
}

/**
 * @param {Array<{ name: string, bin: string }>} subjects
 * @param {{ rounds: number, roundS: number, connections: number }} options
 */
async function rotatingLoad(subjects, { rounds, roundS, connections }) {
  const bare = await startOn(
    (port) => [path.join(repoRoot, 'tools/bench/src/bare-server.mjs'), String(port), '{}'],
    '/',
  );
  const servers = [bare];
  for (const { bin } of subjects) {
    servers.push(await startOn((port) => [bin, '--port', String(port), '--quiet'], '/_health'));
    servers.push(await startOn((port) => [bin, '--port', String(port), '--quiet', '--static'], '/_health'));
  }
  /** @type {number[][]} */
  const rps = servers.map(() => []);
  /** @type {number[][]} */
  const p99 = servers.map(() => []);
  try {
    for (const server of servers) await load(server.url, connections, 1);
    for (let round = 0; round < rounds; round += 1)
      for (let offset = 0; offset < servers.length; offset += 1) {
        const index = (round + offset) % servers.length;
        const result = await load(servers[index]?.url ?? '', connections, roundS);
        rps[index]?.push(result.requests.average);
        p99[index]?.push(result.latency.p99);
      }
  } finally {
    for (const server of servers) await server.process.stop();
  }
  /** @param {number} index */
  const ratio = (index) => median((rps[index] ?? []).map((value, round) => value / (rps[0]?.[round] ?? 1)));
  return subjects.map((_, subject) => ({
    statefulRatio: ratio(1 + subject * 2),
    staticRatio: ratio(2 + subject * 2),
    statefulP99Ms: median(p99[1 + subject * 2] ?? []),
    staticP99Ms: median(p99[2 + subject * 2] ?? []),
  }));
}

/**
 * @param {(port: number) => string[]} args
 * @param {string} probe
 */
async function startOn(args, probe) {
  const port = await freePort();
  const process_ = await startProcess({
    command: process.execPath,
    args: args(port),
    probeUrl: `http://127.0.0.1:${port}${probe}`,
  });
  return { process: process_, url: `http://127.0.0.1:${port}${PATH}` };
}

/**
 * @param {string} url
 * @param {number} connections
 * @param {number} duration
 */
function load(url, connections, duration) {
  return autocannon({ url, connections, duration, headers: AUTH });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const baseline = process.argv[2];
  if (!baseline) {
    process.stderr.write('usage: pnpm bench:mock:compare <path to a built baseline checkout>\n');
    process.exit(2);
  }
  const rows = await compareMocks(path.resolve(baseline));
  process.stdout.write(
    '| mock | start-up (median) | stateful / bare | static / bare | p99 stateful | p99 static |\n',
  );
  process.stdout.write('|---|---|---|---|---|---|\n');
  for (const row of rows)
    process.stdout.write(
      `| ${row.name} | ${Math.round(row.startupMs)} ms | ${row.statefulRatio?.toFixed(2)}x | ${row.staticRatio?.toFixed(2)}x | ${row.statefulP99Ms} ms | ${row.staticP99Ms} ms |\n`,
    );
}
