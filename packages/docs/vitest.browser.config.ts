import { defineProject } from 'vitest/config';
import { BROWSER_TESTS } from '../../vitest.kinds.js';

export default defineProject({
  test: {
    name: 'docs-browser',
    include: [BROWSER_TESTS],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
