import { defineConfig } from 'vitest/config';

// The `test:browser` kind: tests that open headless Chromium (`*.browser.test.ts`).
export default defineConfig({
  test: { projects: ['packages/*/vitest.browser.config.ts'] },
});
