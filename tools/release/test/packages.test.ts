import { describe, expect, it } from 'vitest';
import { checkPackage, PUBLISHABLE } from '../src/check-packages.mjs';

describe.concurrent('publishable packages, as packed tarballs', () => {
  it.each(PUBLISHABLE)(
    '%s passes publint and arethetypeswrong, with workspace ranges resolved',
    async (name) => {
      const result = await checkPackage(name);
      expect(result.publint).toEqual([]);
      expect(result.attw).toEqual([]);
      expect(result.workspaceRanges).toEqual([]);
      expect(result.files).toBeGreaterThan(3);
    },
  );
});
