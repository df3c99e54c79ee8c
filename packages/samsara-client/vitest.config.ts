import { defineProject } from 'vitest/config';
import { testKind } from '../../vitest.kinds.js';

export default defineProject({
  test: {
    name: 'samsara-client',
    ...testKind,
    globalSetup: ['@lms-apis/mock-server/vitest-global-setup'],
  },
});
