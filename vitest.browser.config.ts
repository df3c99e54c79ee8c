import { defineConfig } from 'vitest/config';

// The `test:browser` kind: tests that open headless Chromium (`*.browser.test.ts`). One file at a
// time: in `pnpm test`, beside the `test` and `load` kinds, two Chromiums oversubscribed the two
// cores (the run used 370 CPU-s for 307 of work, and this kind, the longest chain, took 185 s).
// The other kinds yield the CPU to this one (`yieldToTheBrowserKind` in vitest.kinds.ts). Run
// alone, the kind takes longer than with two files at a time.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.browser.config.ts'],
    maxWorkers: 1,
  },
});
