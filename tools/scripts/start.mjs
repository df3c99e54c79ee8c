// @ts-check
// `pnpm start`: the main job. Build (turbo, one line per finished task), then serve every API from
// the mock and the docs portal next to it, and print both URLs. Ctrl-C stops both and exits 0.
//
// The build runs from here, not as `turbo ... && node start.mjs` in package.json: there, pnpm's
// shell would be the process pnpm hands Ctrl-C to, and a shell killed by SIGINT makes pnpm exit
// 130 with ELIFECYCLE. With one command, pnpm's child is this process, which handles the signal.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const USAGE = `Usage: pnpm start [options]

Builds every package (turbo, cached), then serves the mock server and the docs portal.

  --port <n>        the mock's port (default 4010; 0 picks a free one)
  --docs-port <n>   the docs portal's port (default 4011; 0 picks a free one)
  --host <addr>     the interface both listen on (default 127.0.0.1)
  --static          the mock answers every call with the spec's examples (no state)
  --seed <s>        repeatable generated ids in the stateful mock
  --help            this text

Ctrl-C (SIGINT) or SIGTERM closes both servers and exits 0.`;

/** What is running, so a signal at any moment stops exactly that. */
const running = {
  /** @type {import('node:child_process').ChildProcess | undefined} */ build: undefined,
  /** @type {{ close(): Promise<void> } | undefined} */ mock: undefined,
  /** @type {{ close(): Promise<void> } | undefined} */ docs: undefined,
  stopping: false,
};

/** Ctrl-C and SIGTERM: the user's way to stop, so not a failure (exit 0), at any stage. */
async function stop() {
  // A terminal's Ctrl-C reaches this process twice: directly, and forwarded by pnpm.
  if (running.stopping) return;
  running.stopping = true;
  // A connection that stays busy must not keep the process from exiting.
  setTimeout(() => process.exit(0), 5_000).unref();
  const build = running.build;
  if (build && build.exitCode === null && build.signalCode === null) {
    console.log('\nstart: stopping the build.');
    // turbo's npm wrapper passes SIGTERM on to turbo (SIGINT it leaves to the terminal's group).
    build.kill('SIGTERM');
    await new Promise((resolve) => build.once('exit', resolve));
  } else {
    console.log('\nstart: closing the mock server and the docs portal.');
  }
  await Promise.allSettled([running.mock?.close(), running.docs?.close()]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

await main();

async function main() {
  const values = parseOptions();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  console.log(
    'start: building every package (turbo run build: cached tasks finish at once, a cold build takes minutes)',
  );
  const built = await build();
  if (running.stopping) return; // stop() exits once the build has
  if (!built) {
    console.error('start: the build failed (above); nothing started.');
    process.exit(1);
  }
  await serve(values);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '4010' },
        'docs-port': { type: 'string', default: '4011' },
        host: { type: 'string', default: '127.0.0.1' },
        static: { type: 'boolean', default: false },
        seed: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`start: ${/** @type {Error} */ (error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

/**
 * Runs `turbo run build`, printing one line per finished task, and a failed task's whole log.
 * turbo's grouped log order prints each task's lines together when it finishes.
 * @returns {Promise<boolean>} whether the build succeeded
 */
async function build() {
  const started = performance.now();
  // One stream for both: turbo writes a task's log to stdout and its failure line to stderr, and
  // the failure must arrive after the log it ends. `exec` leaves no shell between us and turbo.
  const turbo = spawn(
    'sh',
    [
      '-c',
      'exec "$0" "$@" 2>&1',
      path.join(root, 'node_modules/.bin/turbo'),
      ...['run', 'build', '--output-logs=new-only', '--log-order=grouped', '--no-color'],
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  running.build = turbo;
  const exited = new Promise((resolve) => turbo.once('exit', (code) => resolve(code)));
  /** @type {{ task: string, lines: string[] } | undefined} */
  let group;
  const summary = [];
  const finish = () => {
    if (group) printTask(group.task, group.lines, (performance.now() - started) / 1000);
    group = undefined;
  };
  for await (const line of createInterface({
    input: /** @type {import('node:stream').Readable} */ (turbo.stdout),
  })) {
    // `pkg:task: ...` is a task's line, `pkg#task: ERROR ...` its failure; others are turbo's own.
    const match = /^(\S+[:#]\S+?): ?(.*)$/.exec(line);
    if (!match) {
      finish();
      if (/^\s*(Tasks|Cached|Time|Failed):/.test(line)) summary.push(line.trim());
      continue;
    }
    const task = /** @type {string} */ (match[1]).replace('#', ':');
    if (group?.task !== task) {
      finish();
      group = { task, lines: [] };
    }
    group.lines.push(/** @type {string} */ (match[2]));
  }
  finish();
  const code = await exited;
  if (!running.stopping) console.log(`  ${summary.join(' · ')}`);
  return code === 0;
}

/**
 * @param {string} task
 * @param {string[]} lines the task's log, its first line turbo's cache status
 * @param {number} seconds since the build started
 */
function printTask(task, lines, seconds) {
  // Tasks turbo reports after a stop were cut short, not done.
  if (running.stopping) return;
  const failed = lines.some((line) => /^\s*ERROR\s/.test(line));
  const cached = /^cache hit/.test(lines[0] ?? '');
  console.log(
    `  ${failed ? '✗' : '✓'} ${task.padEnd(36)} ${cached ? 'cached' : `${failed ? 'failed' : 'done'} at ${seconds.toFixed(1)} s`}`,
  );
  if (failed) for (const line of lines.slice(1)) console.log(`      ${line}`);
}

/** @param {{ port: string, 'docs-port': string, host: string, static: boolean, seed?: string }} options */
async function serve(options) {
  const { startMockServer } = await import(path.join(root, 'packages/mock-server/dist/index.js'));
  const { serveStatic } = await import(path.join(root, 'packages/docs/src/static-server.mjs'));
  try {
    const mock = await startMockServer({
      port: Number(options.port),
      host: options.host,
      mode: options.static ? 'static' : 'stateful',
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    });
    running.mock = mock;
    const docs = await serveStatic({
      root: path.join(root, 'packages/docs/dist'),
      port: Number(options['docs-port']),
      host: options.host,
      // The reference pages' request console reaches the mock through the portal (same origin).
      mock: loopbackOrigin(mock.url),
    });
    running.docs = docs;
    printUrls(mock, docs);
  } catch (error) {
    console.error(`start: ${/** @type {Error} */ (error).message}`);
    await running.mock?.close();
    process.exit(1);
  }
}

/**
 * @param {{ url: string, mode: string, apis: Record<string, string> }} mock
 * @param {{ url: string }} docs
 */
function printUrls(mock, docs) {
  console.log(
    `Mock server   ${mock.url}   ${mock.mode} (health: ${mock.url}/_health, journal: ${mock.url}/_requests, state: ${mock.url}/_state)`,
  );
  for (const [name, url] of Object.entries(mock.apis)) console.log(`  ${name.padEnd(9)} ${url}`);
  console.log(
    `Docs portal   ${docs.url}/   (its request consoles send to the mock through ${docs.url}/mock/)`,
  );
  console.log('Ctrl-C to stop.');
}

/**
 * The mock as the portal reaches it on this machine: a mock listening on every interface is
 * reached over loopback (the portal forwards to loopback only).
 * @param {string} url
 */
function loopbackOrigin(url) {
  const parsed = new URL(url);
  if (['0.0.0.0', '[::]'].includes(parsed.hostname)) parsed.hostname = '127.0.0.1';
  return parsed.origin;
}
