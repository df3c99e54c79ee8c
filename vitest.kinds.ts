// The three kinds of tests, told apart by file name so one glob decides where a file runs:
// `*.browser.test.ts` open Chromium (`pnpm test:browser`), `*.load.test.ts` measure time or memory
// under load (`pnpm test:load`); every other `*.test.ts` is the `test` kind (plain `vitest run`).
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
 * Files each kind runs at a time: one. `pnpm test` runs the three kinds side by side, so three
 * files (and a Chromium) share the machine; two files per kind on two cores oversubscribed it (the
 * run used 370 CPU-s for 307 of work and took 187 s after the build; one per kind, 333 and 173 s).
 * Run alone, a kind may take more: `pnpm test:unit --maxWorkers=2`.
 */
export const WORKERS = 1;
