import { defineProject } from 'vitest/config';
import { LOAD_TESTS } from '../../vitest.kinds.js';

export default defineProject({
  test: {
    name: 'mock-server-load',
    include: [LOAD_TESTS],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The leak test reads the heap after a forced collection (RSS alone depends on the allocator).
    execArgv: ['--expose-gc'],
  },
});
