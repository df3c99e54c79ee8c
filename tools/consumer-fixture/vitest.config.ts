import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'consumer-fixture', include: ['test/**/*.test.ts'], testTimeout: 120_000 },
});
