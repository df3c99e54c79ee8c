import { defineProject } from 'vitest/config';
import { otherKinds } from '../../vitest.kinds.js';

export default defineProject({
  test: { name: 'redocly-plugin', include: ['test/**/*.test.ts'], exclude: otherKinds, testTimeout: 30_000 },
});
