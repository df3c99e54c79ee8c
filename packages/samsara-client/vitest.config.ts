import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'samsara-client',
    include: ['test/**/*.test.ts'],
    globalSetup: ['@lms-apis/mock-server/vitest-global-setup'],
  },
});
