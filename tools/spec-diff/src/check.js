// @ts-check
// `pnpm check:breaking [--base <git-ref>]`: each spec's bundle at its base against the working
// tree. Exits 1 on a breaking change unless a pending changeset bumps that spec package major.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readApi } from '@lms-apis/codegen/specs';
import { bundleAtCommit, bundleFolder } from './bundles.js';
import { pendingBumps } from './changesets.js';
import { diffDocuments } from './diff.js';
import { commitOf, mergeBaseWithMain, releases, repoTop } from './git.js';

/**
 * @typedef {object} ApiResult
 * @property {string} api
 * @property {string} packageName
 * @property {string} baseLabel what the base is, in words
 * @property {boolean} newApi the spec did not exist at the base
 * @property {import('./diff.js').OperationChange[]} changes
 * @property {{ bump: string, file: string } | undefined} declared a major changeset for the spec package
 * @property {number} seconds
 */

/**
 * @param {{ cwd: string, base?: string, apis?: string[] }} options
 * @returns {Promise<{ results: ApiResult[], failed: boolean }>}
 */
export async function checkBreaking({ cwd, base, apis }) {
  const root = await repoTop(cwd);
  const specRoot = path.join(root, 'spec');
  const infos = readdirSync(specRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(specRoot, entry.name, 'package.json')))
    .map((entry) => readApi(path.join(specRoot, entry.name)))
    .filter((info) => !apis || apis.includes(info.api))
    .sort((a, b) => a.api.localeCompare(b.api));
  if (apis) {
    const unknown = apis.filter((name) => !infos.some((info) => info.api === name));
    if (unknown.length) throw new Error(`Unknown API: ${unknown.join(', ')}.`);
  }
  const bumps = await pendingBumps(root);
  const explicit = base === undefined ? undefined : { commit: await commitOf(base, root), label: base };
  /** @type {ApiResult[]} */
  const results = [];
  for (const info of infos) {
    const started = performance.now();
    const against = explicit ?? (await defaultBase(info.packageName, root));
    const folder = path.relative(root, info.dir);
    const [before, after] = await Promise.all([
      bundleAtCommit({
        root,
        folder,
        commit: against.commit,
        packageJson: path.join(info.dir, 'package.json'),
      }),
      bundleFolder(info.dir),
    ]);
    const changes = before ? diffDocuments(before, after) : [];
    const bump = bumps.get(info.packageName);
    results.push({
      api: info.api,
      packageName: info.packageName,
      baseLabel: `${against.label} (${against.commit.slice(0, 10)})`,
      newApi: !before,
      changes,
      declared: bump?.bump === 'major' ? bump : undefined,
      seconds: (performance.now() - started) / 1000,
    });
  }
  const failed = results.some(
    (result) => !result.declared && result.changes.some((change) => change.kind === 'breaking'),
  );
  return { results, failed };
}

/**
 * The last release of the package reachable from HEAD, else the merge base with main.
 * @param {string} packageName @param {string} root
 */
async function defaultBase(packageName, root) {
  const [last] = await releases(packageName, root);
  if (last) return { commit: await commitOf(last.tag, root), label: `last release ${last.tag}` };
  return { commit: await mergeBaseWithMain(root), label: 'merge base with main' };
}

/** @param {ApiResult[]} results @returns {string} the report, breaking changes first per API */
export function formatReport(results) {
  const lines = [];
  for (const result of results) {
    const breaking = result.changes.filter((change) => change.kind === 'breaking');
    const other = result.changes.filter((change) => change.kind !== 'breaking');
    const head = `${result.api} (${result.packageName}) against ${result.baseLabel}`;
    if (result.newApi) {
      lines.push(`✓ ${head}: new API, nothing to compare [${result.seconds.toFixed(1)} s]`);
      continue;
    }
    const mark = breaking.length === 0 ? '✓' : result.declared ? '!' : '✗';
    lines.push(
      `${mark} ${head}: ${breaking.length} breaking, ${other.length} non-breaking [${result.seconds.toFixed(1)} s]`,
    );
    if (breaking.length) {
      lines.push('  Breaking:');
      for (const change of breaking) lines.push(`    ✗ ${describe(change)}`);
    }
    if (other.length) {
      lines.push('  Non-breaking:');
      for (const change of other) lines.push(`    · ${describe(change)}`);
    }
    if (breaking.length && result.declared) {
      lines.push(
        `  Declared: ${result.declared.file} bumps ${result.packageName} major, so these are allowed.`,
      );
    } else if (breaking.length) {
      lines.push(
        `  Not declared: add a changeset (\`pnpm changeset\`) bumping ${result.packageName} (and its client) major, or undo the change.`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** @param {import('./diff.js').OperationChange} change */
function describe(change) {
  return change.operation ? `${change.operation}: ${change.message}` : change.message;
}
