// @ts-check
// Bundles to compare: a spec folder at a commit, or in the working tree, both through the
// project's own bundler (`lms-codegen`'s bundleDocument), so the gate compares bundle to bundle.
import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { bundleDocument } from '@lms-apis/codegen/bundle';
import { checkoutFolder, treeOf } from './git.js';

/**
 * Bundles by the hash of their sources: the same sources (two tags, a tag and the working tree,
 * the changelog's releases) bundle once per process.
 * @type {Map<string, Promise<any>>}
 */
const cache = new Map();

/**
 * The bundle of a spec folder at a commit, or undefined if the spec did not exist there.
 * @param {{ root: string, folder: string, commit: string, packageJson: string }} where
 *   `folder` is relative to the repository's top; `packageJson` is the working tree's package.json
 *   of the spec, put in the copy: its `lms` block drives decoration only, which the comparison
 *   ignores, and an old commit's may predate fields the bundler now requires.
 * @returns {Promise<any | undefined>}
 */
export async function bundleAtCommit({ root, folder, commit, packageJson }) {
  if (!(await treeOf(commit, folder, root))) return undefined;
  const dir = await checkoutFolder(commit, folder, root);
  try {
    await copyFile(packageJson, path.join(dir, 'package.json'));
    return await bundleFolder(dir);
  } finally {
    await rm(path.dirname(path.dirname(dir)), { recursive: true, force: true });
  }
}

/**
 * The bundle of a spec folder's sources as they are on disk (the working tree: fresh, not the
 * maybe-stale dist/).
 * @param {string} specDir
 */
export async function bundleFolder(specDir) {
  const key = await sourceHash(specDir);
  let bundle = cache.get(key);
  if (!bundle) {
    bundle = bundleDocument(specDir);
    cache.set(key, bundle);
    bundle.catch(() => cache.delete(key));
  }
  return bundle;
}

/** A hash of every source file of a spec folder (build outputs and dependencies left out). */
async function sourceHash(/** @type {string} */ dir) {
  const hash = createHash('sha256');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !/^(dist|node_modules)(\/|$)/.test(file))
    .sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(dir, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}
