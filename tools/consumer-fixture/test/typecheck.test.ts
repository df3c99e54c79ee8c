// The consumer fixture itself (src/consumer.ts: every client used, every wrong call marked
// `@ts-expect-error`) is type-checked by the root `typecheck` task (tools/scripts/typecheck.mjs),
// once. What that task cannot show is that the check can fail: this test runs the same checker on
// a probe with a wrong expectation alone.
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const checker = path.resolve(root, '../scripts/typecheck.mjs');

function typecheck(project: string) {
  return run(process.execPath, [checker, project], { cwd: root }).then(
    () => ({ code: 0, output: '' }),
    (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
  );
}

it('fails when a wrong call is not rejected (the check can fail)', async () => {
  // Outside src/, so the typecheck task never sees it; checked with the fixture's own options.
  const probe = path.join(root, 'probe.ts');
  const project = path.join(root, 'tsconfig.probe.json');
  writeFileSync(
    probe,
    "import { createSkilljarClient } from '@lms-apis/skilljar-client';\n" +
      "const client = createSkilljarClient({ apiKey: 'k' });\n" +
      '// @ts-expect-error this call is fine, so the directive is unused\n' +
      "export const fine = client.GET('/v1/ping');\n",
  );
  writeFileSync(project, JSON.stringify({ extends: './tsconfig.json', include: [], files: ['probe.ts'] }));
  try {
    const result = await typecheck(project);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("Unused '@ts-expect-error' directive");
    expect(result.output).toContain('tools/consumer-fixture/probe.ts(3,');
  } finally {
    rmSync(probe, { force: true });
    rmSync(project, { force: true });
  }
});
