import { defineConfig } from 'vitest/config';

// One run collects every package's tests; each package has its own vitest.config.ts (a project).
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'tools/*/vitest.config.ts'],
  },
});
