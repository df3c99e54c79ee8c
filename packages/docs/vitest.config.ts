import { defineProject } from 'vitest/config';
import { otherKinds } from '../../vitest.kinds.js';

export default defineProject({
  test: {
    name: 'docs',
    include: ['test/**/*.test.ts'],
    exclude: otherKinds,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
