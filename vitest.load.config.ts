import { defineConfig } from 'vitest/config';
import { runAsBatchWork } from './tools/scripts/batch-priority.mjs';
import { WORKERS } from './vitest.kinds.js';

// The `test:load` kind: soak, leak and benchmark smoke tests (`*.load.test.ts`), which take real
// time and memory and so stay out of the `test` kind. Each file measures its own process or its
// own child (heap, RSS). It runs as batch work, at a lower CPU priority (batch-priority.mjs).
runAsBatchWork();

export default defineConfig({
  test: {
    projects: ['packages/*/vitest.load.config.ts', 'tools/*/vitest.load.config.ts'],
    maxWorkers: WORKERS,
  },
});
