import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mock-server',
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The leak test reads the heap after a forced collection (RSS alone depends on the allocator).
    execArgv: ['--expose-gc'],
  },
});
