// @ts-check
// `pnpm check:consumer`: the packed packages as a CI team uses them. A fresh npm project installs
// every tarball of dist/packages/ (with vitest and TypeScript from the registry), starts the mock
// from its own global-setup file with `defineMockSetup`, and tests the Skilljar client against it:
// the project must pass `tsc --strict` with skipLibCheck off (the shipped types, including the
// `inject('mockApis')` declaration, and every dependency's) and `vitest run`.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildPublishable, PACKAGES_DIR, packAll } from './pack-all.mjs';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The consumer's files, as a newcomer would write them from the READMEs. */
export const CONSUMER_FILES = {
  'test/mock-setup.ts': `import { defineMockSetup } from '@lms-apis/mock-server/vitest';

export default defineMockSetup({ seed: 'x' });

// Every startMockServer option is typed: a wrong one does not compile.
// @ts-expect-error failRate is a number
export const wrong = defineMockSetup({ failRate: 'often' });
`,
  'test/skilljar.test.ts': `import { createSkilljarClient } from '@lms-apis/skilljar-client';
import { expect, expectTypeOf, inject, it } from 'vitest';

const skilljar = createSkilljarClient({
  apiKey: 'test-key',
  baseUrl: inject('mockApis').skilljar,
  headers: { 'X-Mock-Session': 'consumer' },
});

it('creates a course on the mock and finds it in the list', async () => {
  expectTypeOf(inject('mockApis')).toEqualTypeOf<Record<string, string>>();
  const { data: created } = await skilljar.POST('/v1/courses', {
    body: { title: 'Consumer course', short_description: 'Packed', enforce_sequential_navigation: false },
  });
  expect(created?.id).toEqual(expect.any(String));
  const ids: unknown[] = [];
  for await (const course of skilljar.paginate('/v1/courses')) ids.push(course.id);
  expect(ids).toContain(created?.id);
});
`,
  'vitest.config.ts': `import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { globalSetup: ['./test/mock-setup.ts'] } });
`,
  'tsconfig.json': `${JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
      },
      include: ['test', 'vitest.config.ts'],
    },
    null,
    2,
  )}\n`,
  'package.json': `${JSON.stringify({ name: 'lms-consumer', private: true, type: 'module' }, null, 2)}\n`,
};

/**
 * The vitest and TypeScript versions this repo tests with (they run on Node 20), so the
 * consumer's result does not change with the registry's latest release.
 */
async function toolVersions() {
  const { devDependencies } = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
  return [`vitest@${devDependencies.vitest}`, `typescript@${devDependencies.typescript}`];
}

/**
 * Runs a command in the project; never throws: the caller reads the exit code and output.
 * @param {string} cwd
 * @param {string} command
 * @param {string[]} args
 */
async function step(cwd, command, args) {
  const started = performance.now();
  const outcome = await run(command, args, {
    cwd,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, output: `${stdout}${stderr}` }),
    (/** @type {{ code?: number, stdout?: string, stderr?: string }} */ error) => ({
      code: typeof error.code === 'number' ? error.code : 1,
      output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
    }),
  );
  return {
    command: `${command} ${args.join(' ')}`,
    ...outcome,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Writes the consumer project in `dir`, installs the tarballs of `tarballsDir` into it, then
 * type-checks and tests it. Stops at the first failing step.
 * @param {{ dir: string, tarballsDir?: string, files?: Record<string, string> }} options
 */
export async function checkConsumer({ dir, tarballsDir = PACKAGES_DIR, files = CONSUMER_FILES }) {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  const tarballs = (await readdir(tarballsDir))
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => path.join(tarballsDir, file));
  if (tarballs.length === 0) throw new Error(`No tarballs in ${tarballsDir}: run pnpm pack:all.`);
  const npmInstall = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
  const steps = [
    ['npm', [...npmInstall, ...tarballs, ...(await toolVersions())]],
    [path.join(dir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json', '--pretty', 'false']],
    [path.join(dir, 'node_modules/.bin/vitest'), ['run', '--reporter=verbose']],
  ];
  const results = [];
  for (const [command, args] of /** @type {Array<[string, string[]]>} */ (steps)) {
    const result = await step(dir, command, args);
    results.push(result);
    if (result.code !== 0) break;
  }
  return {
    tarballs: tarballs.length,
    steps: results,
    ok: results.length === steps.length && results.every((r) => r.code === 0),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('check:consumer: building the publishable packages, then packing them...');
  await buildPublishable();
  const packed = await packAll();
  console.log(`check:consumer: ${packed.length} tarballs in ${path.relative(repoRoot, PACKAGES_DIR)}/`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lms-consumer-'));
  try {
    const result = await checkConsumer({ dir });
    for (const { command, code, output, seconds } of result.steps)
      console.log(
        `\n$ ${command.replaceAll(`${dir}/node_modules/.bin/`, '').replaceAll(`${PACKAGES_DIR}/`, '')}\n${output.trim()}\n(exit ${code}, ${seconds.toFixed(1)} s)`,
      );
    console.log(result.ok ? '\ncheck:consumer: passed' : '\ncheck:consumer: FAILED');
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
