// The changelog from a scratch repository's release tags: newest first, breaking changes first,
// an Unreleased entry against the last release, and an honest page without releases or git.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFolder } from '../src/bundles.js';
import { buildChangelog } from '../src/changelog.js';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PACKAGE = '@lms-apis/spec-snworks';

let scratch: string;
let specDir: string;
const git = (...args: string[]) => run('git', args, { cwd: scratch });

/** Edits a file of the scratch spec with a replacement that must apply. */
async function edit(file: string, from: string | RegExp, to: string) {
  const full = path.join(specDir, file);
  const text = await readFile(full, 'utf8');
  const next = text.replace(from, to);
  expect(next, `${file} changed`).not.toBe(text);
  await writeFile(full, next);
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'lms-changelog-'));
  specDir = path.join(scratch, 'spec/snworks');
  await cp(path.join(repoRoot, 'spec/snworks'), specDir, {
    recursive: true,
    filter: (source) => !/\/(dist|node_modules)$/.test(source),
  });
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('per-API changelog from release tags', () => {
  it('says so when there is no git history', async () => {
    const changelog = await buildChangelog({ specDir, packageName: PACKAGE, head: {} });
    expect(changelog.available).toBe(false);
    expect(changelog.reason).toMatch(/No git history/);
  });

  it('says the document is unreleased when no release is tagged', async () => {
    await git('init', '-q', '-b', 'main');
    await git('config', 'user.email', 'test@example.com');
    await git('config', 'user.name', 'test');
    await git('add', '.');
    await git('commit', '-q', '-m', 'the spec');
    const changelog = await buildChangelog({
      specDir,
      packageName: PACKAGE,
      head: await bundleFolder(specDir),
    });
    expect(changelog.available).toBe(true);
    expect(changelog.entries).toHaveLength(1);
    expect(changelog.entries[0]?.note).toContain('has no release yet');
    expect(changelog.entries[0]?.pending).toEqual([]);
  });

  it("lists the pending changesets of the spec and its client as the next release's notes", async () => {
    await mkdir(path.join(scratch, '.changeset'), { recursive: true });
    await writeFile(
      path.join(scratch, '.changeset/locks.md'),
      `---\n"${PACKAGE}": minor\n"@lms-apis/snworks-client": patch\n"@lms-apis/mock-server": minor\n---\n\nLocks are documented.\n`,
    );
    await writeFile(
      path.join(scratch, '.changeset/other.md'),
      '---\n"@lms-apis/thrive-client": patch\n---\n\nNot this API.\n',
    );
    const changelog = await buildChangelog({
      specDir,
      packageName: PACKAGE,
      clientPackage: '@lms-apis/snworks-client',
      head: {},
    });
    expect(changelog.entries[0]?.pending).toEqual([
      {
        file: '.changeset/locks.md',
        bumps: { [PACKAGE]: 'minor', '@lms-apis/snworks-client': 'patch' },
        summary: 'Locks are documented.',
      },
    ]);
    await rm(path.join(scratch, '.changeset'), { recursive: true });
  });

  it('lists releases newest first with their changes, breaking first, and what is unreleased', async () => {
    await git('tag', `${PACKAGE}@1.0.0`);
    // 1.1.0 changes a summary only; 2.0.0 removes GET's 404; unreleased: GET gains a 418.
    const file = 'paths/assignment_{uuid}.yaml';
    await edit(file, 'summary: Get an assignment', 'summary: Get one assignment');
    await git('commit', '-q', '-am', 'a summary only');
    await git('tag', `${PACKAGE}@1.1.0`);
    await edit(
      file,
      "    '404':\n      $ref: ../components/responses/NotFound.yaml\n    '422':",
      "    '422':",
    );
    await git('commit', '-q', '-am', 'drop a 404');
    await git('tag', `${PACKAGE}@2.0.0`);
    await edit(file, "    '401':\n", "    '418':\n      description: Teapot.\n    '401':\n");

    const changelog = await buildChangelog({
      specDir,
      packageName: PACKAGE,
      head: await bundleFolder(specDir),
    });
    expect(changelog.entries.map((entry) => entry.title)).toEqual(['Unreleased', '2.0.0', '1.1.0', '1.0.0']);
    const [unreleased, major, minor, first] = changelog.entries;
    expect(unreleased?.since).toBe('2.0.0');
    expect(unreleased?.changes.map((change) => change.message)).toContain('response 418 was added');
    expect(major?.since).toBe('1.1.0');
    expect(major?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(major?.changes[0]?.kind).toBe('breaking');
    expect(major?.changes[0]?.message).toBe('response 404 was removed');
    expect(minor?.changes).toEqual([]);
    expect(first?.note).toBe('The first release.');
  });
});
