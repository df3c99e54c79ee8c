import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkPackages, checkTarball, type PackageCheck, PUBLISHABLE } from '../src/check-packages.mjs';

let checks: PackageCheck[];

// What `pnpm check:packages` and the release run: one `pnpm pack` over the workspace, then each
// tarball checked.
beforeAll(async () => {
  checks = await checkPackages();
});

describe('publishable packages (clients, runtime, mock, specs), as packed tarballs', () => {
  it.each(PUBLISHABLE)('%s passes publint and arethetypeswrong, with workspace ranges resolved', (name) => {
    const result = checks.find((check) => check.name === name);
    expect(result, `${name} was packed and checked`).toBeDefined();
    if (!result) return;
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
  });
});

// FORCE_COLOR, as CI runners often set it: publint's report must still be read (it was not, once: its
// coloured lines matched nothing and only "publint failed" was left).
it('reports a tarball whose types are missing or listed after the code, with colour forced', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lms-broken-package-'));
  try {
    vi.stubEnv('FORCE_COLOR', '1');
    await mkdir(path.join(dir, 'package'));
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
  } finally {
    // The test kind shares its worker between files: leave the environment as it was.
    vi.unstubAllEnvs();
    await rm(dir, { recursive: true, force: true });
  }
});
