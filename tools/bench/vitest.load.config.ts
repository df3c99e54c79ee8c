import { defineProject } from 'vitest/config';
import { LOAD_TESTS } from '../../vitest.kinds.js';

export default defineProject({
  test: { name: 'bench-load', include: [LOAD_TESTS], testTimeout: 120_000 },
});
