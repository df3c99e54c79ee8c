// @ts-check
// What the gate compares against, read from git: a spec package's last release tag (changesets
// tags `<package>@<version>`), else the merge base with main, and a spec folder's files at a ref.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * @param {string[]} args
 * @param {string} cwd
 * @returns {Promise<string>} trimmed stdout
 */
export async function git(args, cwd) {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    const detail = /** @type {{ stderr?: string, message: string }} */ (error);
    throw new Error(`git ${args.join(' ')}: ${(detail.stderr || detail.message).trim()}`);
  }
}

/** @param {string} cwd @returns {Promise<string>} the repository's top folder */
export async function repoTop(cwd) {
  return git(['rev-parse', '--show-toplevel'], cwd).catch(() => {
    throw new Error(`${cwd} is not inside a git repository: the gate needs git history to find its base.`);
  });
}

/**
 * Release tags of a package reachable from HEAD, newest version first.
 * @param {string} packageName e.g. `@lms-apis/spec-skilljar`
 * @param {string} cwd
 * @returns {Promise<Array<{ tag: string, version: string }>>}
 */
export async function releases(packageName, cwd) {
  const out = await git(['tag', '--list', '--merged', 'HEAD', '--sort=-v:refname', `${packageName}@*`], cwd);
  return out
    .split('\n')
    .filter(Boolean)
    .map((tag) => ({ tag, version: tag.slice(packageName.length + 1) }))
    .filter(({ version }) => /^\d+\.\d+\.\d+/.test(version));
}

/**
 * The merge base of HEAD with main: the local branch if there is one, else the remote-tracking
 * branch a fresh clone has (`origin/main`).
 * @param {string} cwd
 */
export async function mergeBaseWithMain(cwd) {
  for (const candidate of ['main', 'origin/main']) {
    const exists = await git(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`], cwd).catch(
      () => '',
    );
    if (!exists) continue;
    return git(['merge-base', 'HEAD', candidate], cwd).catch(() => {
      throw new Error(
        `HEAD and ${candidate} have no merge base in this clone (is it shallow? run \`git fetch --unshallow\`), or pass --base <git-ref>.`,
      );
    });
  }
  throw new Error(
    'Neither a branch `main` nor `origin/main` exists here, and the package has no release tag: pass --base <git-ref> (fetch main first in a single-branch or shallow clone).',
  );
}

/** @param {string} ref @param {string} cwd @returns {Promise<string>} the full commit id */
export async function commitOf(ref, cwd) {
  return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd).catch(() => {
    throw new Error(
      `Unknown git ref "${ref}" (in a shallow clone, fetch it first: \`git fetch --depth=50 origin <ref>\`).`,
    );
  });
}

/**
 * The git tree id of a folder at a commit, or undefined if the folder does not exist there: a
 * stable key for "same spec sources".
 * @param {string} commit @param {string} folder relative to the repository's top @param {string} cwd
 */
export async function treeOf(commit, folder, cwd) {
  const id = await git(['rev-parse', '--verify', '--quiet', `${commit}:${folder}`], cwd).catch(() => '');
  return id || undefined;
}

/**
 * Writes a folder as it was at a commit into a new temporary directory.
 * @param {string} commit @param {string} folder relative to the repository's top @param {string} cwd
 * @returns {Promise<string>} the folder's copy
 */
export async function checkoutFolder(commit, folder, cwd) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'lms-spec-diff-'));
  const tarball = path.join(tmp, 'spec.tar');
  await git(['archive', '--format=tar', '-o', tarball, commit, '--', folder], cwd);
  await run('tar', ['-xf', tarball, '-C', tmp]);
  return path.join(tmp, folder);
}
