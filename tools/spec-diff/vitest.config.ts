import { defineProject } from 'vitest/config';
import { testKind } from '../../vitest.kinds.js';

export default defineProject({
  test: { name: 'spec-diff', ...testKind, testTimeout: 60_000 },
});
