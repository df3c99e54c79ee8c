import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function typecheck() {
  return run(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json'), '--pretty', 'false'], {
    cwd: root,
  }).then(
    () => ({ code: 0, output: '' }),
    (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
  );
}

it('type-checks a consumer of all four clients, with every wrong call rejected', async () => {
  const result = await typecheck();
  expect(result.output).toBe('');
  expect(result.code).toBe(0);
});

it('fails when a wrong call is not rejected (the check can fail)', async () => {
  const probe = path.join(root, 'src/probe.ts');
  writeFileSync(
    probe,
    "import { createSkilljarClient } from '@lms-apis/skilljar-client';\n" +
      "const client = createSkilljarClient({ apiKey: 'k' });\n" +
      '// @ts-expect-error this call is fine, so the directive is unused\n' +
      "export const fine = client.GET('/v1/ping');\n",
  );
  try {
    const result = await typecheck();
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("Unused '@ts-expect-error' directive");
  } finally {
    rmSync(probe, { force: true });
  }
});
