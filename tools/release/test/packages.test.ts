import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTarball, PUBLISHABLE } from '../src/check-packages.mjs';
import { type PackedPackage, packAll } from '../src/pack-all.mjs';

let out: string;
let packed: PackedPackage[];

// One `pnpm pack` over the workspace, as `pnpm pack:all` and the release do.
beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'lms-pack-check-'));
  packed = await packAll(out);
});

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe.concurrent('publishable packages (clients, runtime, mock, specs), as packed tarballs', () => {
  it.each(PUBLISHABLE)(
    '%s passes publint and arethetypeswrong, with workspace ranges resolved',
    async (name) => {
      const tarball = packed.find((entry) => entry.folder === name)?.filename;
      expect(tarball, `${name} was packed`).toBeDefined();
      const result = await checkTarball(name, tarball as string);
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

it('reports a tarball whose types are missing or listed after the code', async () => {
  const dir = path.join(out, 'broken');
  await mkdir(path.join(dir, 'package'), { recursive: true });
  await writeFile(
    path.join(dir, 'package/package.json'),
    JSON.stringify({
      name: 'broken',
      version: '1.0.0',
      type: 'module',
      exports: { '.': { import: './index.js', types: './index.d.ts' } },
    }),
  );
  await writeFile(path.join(dir, 'package/index.js'), 'export default 1;\n');
  await promisify(execFile)('tar', ['-czf', 'broken.tgz', 'package'], { cwd: dir });
  const result = await checkTarball('broken', path.join(dir, 'broken.tgz'));
  expect(result.publint.join('\n')).toMatch(/types is \.\/index\.d\.ts but the file does not exist/);
  expect(result.attw).toEqual(['attw: the package ships no types']);
});
