import { defineProject } from 'vitest/config';
import { testKind } from '../../vitest.kinds.js';

export default defineProject({
  test: {
    name: 'mock-server',
    ...testKind,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
