import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The `test` kind (unit and integration): one run over every package's default project. Each
// package's vitest.config.ts leaves out the browser and load files (see vitest.kinds.ts).
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'tools/*/vitest.config.ts'],
    // vitest's default is one worker per core less one: on a 2-core machine a single worker, so
    // the files ran one after another while most wait on a mock, a child process or the other core.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
