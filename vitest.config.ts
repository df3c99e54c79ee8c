import { defineConfig } from 'vitest/config';
import { testKind, WORKERS } from './vitest.kinds.js';

// The `test` kind (unit and integration): every package's `test/**/*.test.ts` but the browser and
// load files (see vitest.kinds.ts), as one vitest project. One project, not one per package: a
// worker without isolation keeps what it loaded for the next file only within its project, so
// eleven projects started 22 workers that each loaded Prism, the specs and the mock again (105
// CPU-s for the kind on two cores; one project, 90). One package alone:
// `pnpm test:unit packages/client-core`.
export default defineConfig({
  test: {
    ...testKind,
    maxWorkers: WORKERS,
  },
});
