// The three kinds of tests, told apart by file name so one glob decides where a file runs:
// `*.browser.test.ts` open Chromium (`pnpm test:browser`), `*.load.test.ts` measure time or memory
// under load (`pnpm test:load`); every other `*.test.ts` is the `test` kind (plain `vitest run`).
import { availableParallelism, setPriority } from 'node:os';
import { configDefaults } from 'vitest/config';

export const BROWSER_TESTS = '**/*.browser.test.ts';
export const LOAD_TESTS = '**/*.load.test.ts';

/** What the `test` kind leaves out: the other kinds' files. */
export const otherKinds = [...configDefaults.exclude, BROWSER_TESTS, LOAD_TESTS];

/**
 * The `test` kind's one project. Files run without isolation: a worker keeps the modules it loaded
 * (Prism, the bundled specs, the mock's pipeline) for the next file instead of loading them again
 * for each of 65 files. Tests share nothing through module state: each starts its own mock or gets
 * its session from the global setup, and restores the timers and environment it changes.
 */
export const testKind = {
  include: ['packages/*/test/**/*.test.ts', 'tools/*/test/**/*.test.ts'],
  exclude: otherKinds,
  isolate: false,
  // The clients' contract and stateful tests read the mock's URLs with `inject('mockApis')`: one
  // stateful and one static mock for the run (each test file keeps to its own `X-Mock-Session`).
  // The setup is the mock package's build, which the kind's turbo task depends on.
  globalSetup: ['./packages/mock-server/dist/vitest-global-setup.js'],
  // A timeout catches a hang, not slowness: vitest's 5 s failed a test that parses Skilljar's
  // bundle with three YAML readers while another process held one of the two cores, and the mock
  // server's CLI and start-up tests wait on child processes.
  testTimeout: 120_000,
  hookTimeout: 120_000,
};

/**
 * Workers for the `test` and `test:load` runs. vitest's default is one per core less one: on a
 * 2-core machine a single worker, so files ran one after another while most wait on a mock, a
 * child process or Chromium on the other core.
 */
export const WORKERS = Math.max(2, availableParallelism());

/**
 * `pnpm test` runs the three kinds side by side, and the browser kind (one Chromium file at a
 * time) is the longest chain: the `test` and `load` kinds call this from their configs to run at a
 * lower CPU priority (their workers and the processes they start inherit it), so Chromium's page
 * work is not slowed by theirs and they use the CPU it leaves. On two cores, 187 s -> 166 s for
 * `pnpm test` after the build. Run alone, a kind still gets the whole machine.
 */
export function yieldToTheBrowserKind(): void {
  try {
    setPriority(10);
  } catch {
    // Lowering a process's own priority is allowed everywhere vitest runs; if a platform refuses,
    // the kinds only share the CPU evenly, as before.
  }
}
