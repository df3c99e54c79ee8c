import { defineProject } from 'vitest/config';
import { testKind } from '../../vitest.kinds.js';

export default defineProject({
  test: { name: 'redocly-plugin', ...testKind },
});
