import { describe, expect, it } from 'vitest';
import { checkPackage, PUBLISHABLE } from '../src/check-packages.mjs';

describe.concurrent('publishable packages (clients, runtime, mock, specs), as packed tarballs', () => {
  it.each(PUBLISHABLE)(
    '%s passes publint and arethetypeswrong, with workspace ranges resolved',
    async (name) => {
      const result = await checkPackage(name);
      expect(result.publint).toEqual([]);
      expect(result.attw).toEqual([]);
      expect(result.workspaceRanges).toEqual([]);
      expect(result.files).toBeGreaterThan(3);
      if (name.startsWith('spec/')) {
        // A spec package is its two bundles, for users' own tools.
        expect(result.listing).toEqual(
          expect.arrayContaining([
            'package/dist/openapi.json',
            'package/dist/openapi.yaml',
            'package/README.md',
          ]),
        );
      }
    },
  );
});
