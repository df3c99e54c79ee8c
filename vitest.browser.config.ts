import { defineConfig } from 'vitest/config';
import { WORKERS } from './vitest.kinds.js';

// The `test:browser` kind: tests that open headless Chromium (`*.browser.test.ts`), a file at a
// time (see WORKERS).
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.browser.config.ts'],
    maxWorkers: WORKERS,
  },
});
