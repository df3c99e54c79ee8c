import { defineProject } from 'vitest/config';
import { otherKinds } from '../../vitest.kinds.js';

export default defineProject({
  test: { name: 'client-core', include: ['test/**/*.test.ts'], exclude: otherKinds },
});
