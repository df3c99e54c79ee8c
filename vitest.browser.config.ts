import { defineConfig } from 'vitest/config';
import { WORKERS } from './vitest.kinds.js';

// The `test:browser` kind: tests that open headless Chromium (`*.browser.test.ts`). Two files at
// a time even on two cores (vitest's default there is one): each waits on its Chromium, which
// renders on the other core.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.browser.config.ts'],
    maxWorkers: WORKERS,
  },
});
