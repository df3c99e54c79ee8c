import { defineProject } from 'vitest/config';
import { LOAD_TESTS } from '../../vitest.kinds.js';

// The packaging smoke: every publishable package packed and installed with npm in a fresh
// project (tens of seconds, the registry or npm's cache), so it runs with the load kind.
export default defineProject({
  test: { name: 'release-load', include: [LOAD_TESTS], testTimeout: 240_000, hookTimeout: 240_000 },
});
