import { defineProject } from 'vitest/config';
import { testKind } from '../../vitest.kinds.js';

export default defineProject({
  test: {
    name: 'consumer-fixture',
    ...testKind,
    testTimeout: 120_000,
  },
});
