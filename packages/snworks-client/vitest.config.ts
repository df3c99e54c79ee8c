import { defineProject } from 'vitest/config';
import { testKind } from '../../vitest.kinds.js';

export default defineProject({
  test: {
    name: 'snworks-client',
    ...testKind,
    globalSetup: ['@lms-apis/mock-server/vitest-global-setup'],
  },
});
