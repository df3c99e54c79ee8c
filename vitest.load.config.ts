// Before anything else: the kind runs as batch work, at a lower CPU priority (as-batch-work.mjs).
import './tools/scripts/as-batch-work.mjs';
import { defineConfig } from 'vitest/config';
import { WORKERS } from './vitest.kinds.js';

// The `test:load` kind: soak, leak and benchmark smoke tests (`*.load.test.ts`), which take real
// time and memory and so stay out of the `test` kind. Each file measures its own process or its
// own child (heap, RSS).
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.load.config.ts', 'tools/*/vitest.load.config.ts'],
    maxWorkers: WORKERS,
  },
});
