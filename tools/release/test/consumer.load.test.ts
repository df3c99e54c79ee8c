// `pnpm pack:all` and `pnpm check:consumer` as a test: the tarballs of every publishable package,
// installed with npm in a fresh project that starts the mock with `defineMockSetup` and tests the
// Skilljar client against it. Needs the build (the suite's turbo step) and the npm registry (or
// npm's cache) for vitest, TypeScript and the mock's dependencies.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkConsumer } from '../src/check-consumer.mjs';
import { type PackedPackage, packAll } from '../src/pack-all.mjs';
import { manifestOf, PUBLISHABLE } from '../src/publishable.mjs';

let work: string;
let packed: PackedPackage[];
const STALE = 'lms-apis-client-core-0.0.1.tgz';

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'lms-pack-all-'));
  await mkdir(path.join(work, 'packages'));
  await writeFile(path.join(work, 'packages', STALE), 'an older version');
  packed = await packAll(path.join(work, 'packages'));
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

it('packs every publishable package into the folder, and only them', async () => {
  const expected = PUBLISHABLE.map((folder) => {
    const { name, version } = manifestOf(folder);
    return `${name.replace('@', '').replace('/', '-')}-${version}.tgz`;
  }).sort();
  expect(expected).toHaveLength(10);
  expect((await readdir(path.join(work, 'packages'))).sort()).toEqual(expected);
  expect(packed.map((result) => path.basename(result.filename)).sort()).toEqual(expected);
});

it('installs with npm in a fresh project that passes tsc --strict and vitest run against the mock', async () => {
  const dir = path.join(work, 'consumer');
  const result = await checkConsumer({ dir, tarballsDir: path.join(work, 'packages') });
  const report = result.steps.map((step) => `$ ${step.command}\n${step.output}`).join('\n');
  expect(result.tarballs, report).toBe(10);
  expect(
    result.steps.map((step) => step.code),
    report,
  ).toEqual([0, 0, 0]);
  const [, tsc, vitest] = result.steps;
  expect(tsc?.output.trim()).toBe('');
  expect(vitest?.output).toMatch(/creates a course on the mock and finds it in the list/);
  expect(vitest?.output).toMatch(/Tests\s+1 passed/);
  // About 25 s on an idle 2-core machine (npm install ~14 s, tsc ~5 s); the margin is for a busy one.
}, 180_000);
