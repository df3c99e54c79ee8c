// @ts-check
// A changelog per API from its git history: each release of the spec package (changesets tags
// `@lms-apis/spec-<api>@<version>`) against the one before, newest first, breaking changes first,
// and what is unreleased since the last one. Only what git records: no release is invented, and
// without git history (a tarball) the changelog says so instead of failing the build.
import path from 'node:path';
import { bundleAtCommit } from './bundles.js';
import { pendingNotes } from './changesets.js';
import { diffDocuments } from './diff.js';
import { commitOf, git, releases, repoTop } from './git.js';

/**
 * @typedef {object} ChangelogEntry
 * @property {string} title `Unreleased` or the version
 * @property {string | undefined} tag the release tag
 * @property {string | undefined} date the tagged commit's date (YYYY-MM-DD)
 * @property {string | undefined} since the release this entry is compared with
 * @property {string | undefined} note what the entry is when it has no comparison
 * @property {import('./diff.js').OperationChange[]} changes breaking first
 * @property {import('./changesets.js').PendingNote[]} [pending] Unreleased only: the pending
 *   changesets that bump the spec or its client, the next release's notes as written
 */
/**
 * @typedef {object} Changelog
 * @property {boolean} available false when git history could not be read
 * @property {string | undefined} reason why not
 * @property {ChangelogEntry[]} entries newest first, `Unreleased` on top
 */

/**
 * @param {{ specDir: string, packageName: string, head: any, clientPackage?: string }} options the
 *   spec folder, its package name, the working tree's bundle (what is unreleased is compared with
 *   it) and the API's client package (its pending changesets are listed too)
 * @returns {Promise<Changelog>}
 */
export async function buildChangelog({ specDir, packageName, head, clientPackage }) {
  let root;
  let tags;
  try {
    root = await repoTop(specDir);
    tags = await releases(packageName, root);
  } catch (error) {
    return {
      available: false,
      reason: `No git history here (${/** @type {Error} */ (error).message}), so no release can be compared.`,
      entries: [],
    };
  }
  const folder = path.relative(root, specDir);
  const packageJson = path.join(specDir, 'package.json');
  const bundleOf = async (/** @type {string} */ tag) =>
    bundleAtCommit({ root, folder, commit: await commitOf(tag, root), packageJson });

  /** @type {ChangelogEntry[]} */
  const entries = [];
  const [latest] = tags;
  const pending = await pendingNotes(root, clientPackage ? [packageName, clientPackage] : [packageName]);
  entries.push(
    latest
      ? {
          title: 'Unreleased',
          tag: undefined,
          date: undefined,
          since: latest.version,
          note: undefined,
          changes: diffDocuments(await bundleOf(latest.tag), head),
          pending,
        }
      : {
          title: 'Unreleased',
          tag: undefined,
          date: undefined,
          since: undefined,
          note: `${packageName} has no release yet (no \`${packageName}@<version>\` tag): the whole document is unreleased.`,
          changes: [],
          pending,
        },
  );
  for (const [index, release] of tags.entries()) {
    const previous = tags[index + 1];
    const date = await git(['log', '-1', '--format=%cs', release.tag], root);
    const after = await bundleOf(release.tag);
    entries.push({
      title: release.version,
      tag: release.tag,
      date,
      since: previous?.version,
      note: previous || !after ? undefined : 'The first release.',
      changes: previous && after ? diffDocuments(await bundleOf(previous.tag), after) : [],
    });
  }
  return { available: true, reason: undefined, entries };
}
