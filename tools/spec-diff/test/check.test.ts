// End to end: a scratch git repository holding the real Skilljar spec, a commit that removes a
// response property and one that adds an optional one, checked the way `pnpm check:breaking` does.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBreaking, formatReport } from '../src/check.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const bin = path.resolve(here, '../bin/lms-spec-diff.js');
const COURSE = 'spec/skilljar/components/schemas/Course.yaml';

let scratch: string;
const git = (...args: string[]) => run('git', args, { cwd: scratch });

/** Runs the CLI in the scratch repository; resolves with its exit code and output. */
async function cli(...args: string[]) {
  return run(process.execPath, [bin, ...args], { cwd: scratch }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error) => ({
      code: error.code as number,
      stdout: error.stdout as string,
      stderr: error.stderr as string,
    }),
  );
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'lms-spec-diff-e2e-'));
  await cp(path.join(repoRoot, 'spec/skilljar'), path.join(scratch, 'spec/skilljar'), {
    recursive: true,
    filter: (source) => !/\/(dist|node_modules)$/.test(source),
  });
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.email', 'test@example.com');
  await git('config', 'user.name', 'test');
  await git('add', '.');
  await git('commit', '-q', '-m', 'the spec');
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('check:breaking on a scratch repository', () => {
  it('fails on a commit that removes a response property, and names it', async () => {
    await git('checkout', '-q', '-b', 'remove-labels', 'main');
    const course = await readFile(path.join(scratch, COURSE), 'utf8');
    const without = course.replace(/\n {2}labels:\n(?: {4}.*\n)+/, '\n');
    expect(without).not.toContain('labels:');
    await writeFile(path.join(scratch, COURSE), without);
    await git('commit', '-q', '-am', 'drop labels');

    const result = await cli('--base', 'HEAD~1');
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('✗ skilljar (@lms-apis/spec-skilljar) against HEAD~1');
    expect(result.stdout).toContain(
      'GET /v1/courses: response 200 body property `results[].labels` was removed',
    );
    expect(result.stdout).toContain('POST /v1/courses: response 201 body property `labels` was removed');
    expect(result.stdout).toContain('✗ undeclared breaking changes');
  });

  it('passes the same change once a changeset declares a major bump of the spec package', async () => {
    await mkdir(path.join(scratch, '.changeset'), { recursive: true });
    await writeFile(
      path.join(scratch, '.changeset/drop-labels.md'),
      '---\n"@lms-apis/spec-skilljar": major\n"@lms-apis/skilljar-client": major\n---\n\nCourses no longer carry labels.\n',
    );
    const { results, failed } = await checkBreaking({ cwd: scratch, base: 'HEAD~1' });
    expect(failed).toBe(false);
    expect(results[0]?.declared?.file).toBe('.changeset/drop-labels.md');
    expect(formatReport(results)).toContain(
      'Declared: .changeset/drop-labels.md bumps @lms-apis/spec-skilljar major',
    );
    // A minor bump declares nothing.
    await writeFile(
      path.join(scratch, '.changeset/drop-labels.md'),
      '---\n"@lms-apis/spec-skilljar": minor\n---\n\nCourses no longer carry labels.\n',
    );
    expect((await checkBreaking({ cwd: scratch, base: 'HEAD~1' })).failed).toBe(true);
    await rm(path.join(scratch, '.changeset'), { recursive: true });
  });

  it('passes a commit that only adds an optional response property, listing it as non-breaking', async () => {
    await git('checkout', '-q', '-b', 'add-nickname', 'main');
    const course = await readFile(path.join(scratch, COURSE), 'utf8');
    await writeFile(
      path.join(scratch, COURSE),
      course.replace(
        '\nproperties:\n',
        '\nproperties:\n  nickname:\n    type: string\n    description: A short name.\n',
      ),
    );
    await git('commit', '-q', '-am', 'add nickname');

    // In process (the CLI is the same function), so the base's bundle is reused.
    const { results, failed } = await checkBreaking({ cwd: scratch, base: 'HEAD~1' });
    expect(failed).toBe(false);
    const report = formatReport(results);
    expect(report).toContain('0 breaking, 4 non-breaking');
    expect(report).toContain('GET /v1/courses: response 200 body property `results[].nickname` was added');
  });

  it('defaults to the last release tag, else the merge base with main', async () => {
    await git('checkout', '-q', 'remove-labels');
    const mergeBase = await checkBreaking({ cwd: scratch });
    expect(mergeBase.results[0]?.baseLabel).toMatch(/^merge base with main \(/);
    expect(mergeBase.failed).toBe(true);

    // Released after the removal: nothing is breaking against that release.
    await git('tag', '@lms-apis/spec-skilljar@1.0.0', 'main');
    await git('tag', '@lms-apis/spec-skilljar@2.0.0', 'remove-labels');
    const released = await checkBreaking({ cwd: scratch });
    expect(released.results[0]?.baseLabel).toMatch(/^last release @lms-apis\/spec-skilljar@2\.0\.0 \(/);
    expect(released.failed).toBe(false);
    await git('tag', '-d', '@lms-apis/spec-skilljar@1.0.0', '@lms-apis/spec-skilljar@2.0.0');
  });

  it('says what is wrong when the base cannot be found', async () => {
    const unknown = await cli('--base', 'no-such-ref');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown git ref "no-such-ref"');

    await git('branch', '-m', 'main', 'trunk');
    try {
      await expect(checkBreaking({ cwd: scratch })).rejects.toThrow(
        /Neither a branch `main` nor `origin\/main`.*--base/,
      );
    } finally {
      await git('branch', '-m', 'trunk', 'main');
    }

    const usage = await cli('--bogus');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: lms-spec-diff');
  });
});
