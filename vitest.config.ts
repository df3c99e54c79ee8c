import { defineConfig } from 'vitest/config';
import { WORKERS } from './vitest.kinds.js';

// The `test` kind (unit and integration): one run over every package's default project. Each
// package's vitest.config.ts leaves out the browser and load files (see vitest.kinds.ts).
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'tools/*/vitest.config.ts'],
    maxWorkers: WORKERS,
  },
});
