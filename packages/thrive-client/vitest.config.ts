import { defineProject } from 'vitest/config';
import { otherKinds } from '../../vitest.kinds.js';

export default defineProject({
  test: {
    name: 'thrive-client',
    include: ['test/**/*.test.ts'],
    exclude: otherKinds,
    globalSetup: ['@lms-apis/mock-server/vitest-global-setup'],
  },
});
