// `pnpm start` (tools/scripts/start.mjs, which serves this mock beside the docs portal), run as a
// user runs it: through pnpm, stopped with SIGINT. Ctrl-C is the way to stop it, so it must exit 0
// without pnpm's ELIFECYCLE, whether the terminal signals the whole process group or only pnpm
// gets the signal (`timeout -s INT`, a CI runner).
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let child: ChildProcess | undefined;

afterEach(() => {
  // A failed assertion must not leave the servers running.
  if (child?.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
});

function start(args: string[]) {
  // Its own process group (setsid), as a terminal would make it, so the group can be signalled.
  // The suite's own build ran before it (.ci/run forces that one with TURBO_FORCE): here turbo must
  // answer from its cache, not rebuild what other tests are reading.
  child = spawn('pnpm', ['start', ...args], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TURBO_FORCE: undefined },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child?.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(read())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern}. Output:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts, checks both servers answer, stops with `signal()`, returns what happened. */
async function startAndInterrupt(signal: (pid: number) => void) {
  const run = start(['--port', '0', '--docs-port', '0']);
  await waitFor(run.output, /Ctrl-C to stop\./);
  const mockUrl = /Mock server\s+(\S+)/.exec(run.output())?.[1] as string;
  const docsUrl = /Docs portal\s+(\S+)/.exec(run.output())?.[1] as string;
  expect((await fetch(`${mockUrl}/_health`)).status).toBe(200);
  expect((await fetch(docsUrl)).status).toBe(200);
  signal(run.child.pid as number);
  const exit = await run.exited;
  return { exit, output: run.output(), mockUrl, docsUrl };
}

it('shows the build before serving, and exits 0 with no ELIFECYCLE on Ctrl-C to its process group', async () => {
  const result = await startAndInterrupt((pid) => process.kill(-pid, 'SIGINT'));
  expect(result.exit).toEqual({ code: 0, signal: null });
  expect(result.output).not.toContain('ELIFECYCLE');
  const lines = result.output.split('\n');
  const announced = lines.findIndex((line) => line.startsWith('start: building'));
  const firstTask = lines.findIndex((line) => /^ {2}✓ \S+:build\s/.test(line));
  expect(announced).toBeGreaterThanOrEqual(0);
  expect(firstTask).toBeGreaterThan(announced);
  expect(lines.filter((line) => /^ {2}✓ @lms-apis\/mock-server:build\s/.test(line))).toHaveLength(1);
  expect(result.output).toContain('start: closing the mock server and the docs portal.');
  // Both servers are closed, not orphaned.
  await expect(fetch(`${result.mockUrl}/_health`)).rejects.toThrow();
  await expect(fetch(result.docsUrl)).rejects.toThrow();
});

it('exits 0 and closes both servers when only pnpm gets the SIGINT', async () => {
  const result = await startAndInterrupt((pid) => process.kill(pid, 'SIGINT'));
  expect(result.exit).toEqual({ code: 0, signal: null });
  expect(result.output).not.toContain('ELIFECYCLE');
  await expect(fetch(`${result.mockUrl}/_health`)).rejects.toThrow();
  await expect(fetch(result.docsUrl)).rejects.toThrow();
});

it('lists its options with --help and refuses an unknown one', async () => {
  const help = start(['--help']);
  expect(await help.exited).toEqual({ code: 0, signal: null });
  for (const option of ['--port', '--docs-port', '--host', '--static', '--seed'])
    expect(help.output()).toContain(option);
  const wrong = start(['--prot', '4010']);
  expect((await wrong.exited).code).not.toBe(0);
  expect(wrong.output()).toMatch(/start: Unknown option '--prot'/);
});
