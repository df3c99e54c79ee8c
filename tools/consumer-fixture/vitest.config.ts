import { defineProject } from 'vitest/config';
import { otherKinds } from '../../vitest.kinds.js';

export default defineProject({
  test: {
    name: 'consumer-fixture',
    include: ['test/**/*.test.ts'],
    exclude: otherKinds,
    testTimeout: 120_000,
  },
});
