import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'redocly-plugin', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
