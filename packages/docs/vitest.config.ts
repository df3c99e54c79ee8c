import { defineProject } from 'vitest/config';
import { testKind } from '../../vitest.kinds.js';

export default defineProject({
  test: {
    name: 'docs',
    ...testKind,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
