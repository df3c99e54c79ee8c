// @ts-check
// Packs each publishable package the way `pnpm publish` would (workspace:* ranges resolved) and
// checks the tarball with publint (package.json against the files) and arethetypeswrong (the types
// a consumer's TypeScript resolves).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Every package under packages/ and spec/ that is not private, as a folder relative to the repo:
 * a new client or spec is checked without a list to edit.
 */
export const PUBLISHABLE = ['packages', 'spec']
  .flatMap((parent) =>
    readdirSync(path.join(repoRoot, parent), { withFileTypes: true })
      .filter(
        (entry) => entry.isDirectory() && existsSync(path.join(repoRoot, parent, entry.name, 'package.json')),
      )
      .map((entry) => `${parent}/${entry.name}`),
  )
  .filter((folder) => !JSON.parse(readFileSync(path.join(repoRoot, folder, 'package.json'), 'utf8')).private)
  .sort();

// The CLIs as this package installed them (their package.json files are not exported).
const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/.bin');
const PUBLINT = path.join(bin, 'publint');
const ATTW = path.join(bin, 'attw');

/**
 * @param {string} name a package folder relative to the repo, e.g. `packages/client-core`, `spec/skilljar`
 * @returns {Promise<{ name: string, tarball: string, files: number, listing: string[], publint: string[], attw: string[], workspaceRanges: string[] }>}
 */
export async function checkPackage(name) {
  const dir = path.join(repoRoot, name);
  const out = await mkdtemp(path.join(os.tmpdir(), `lms-pack-${path.basename(name)}-`));
  try {
    await run('pnpm', ['pack', '--pack-destination', out], { cwd: dir });
    const tarball = path.join(out, (await readdir(out)).find((file) => file.endsWith('.tgz')) ?? '');
    const { stdout: listing } = await run('tar', ['-tzf', tarball]);
    const { stdout: manifest } = await run('tar', ['-xzOf', tarball, 'package/package.json']);
    const workspaceRanges = Object.entries({
      ...JSON.parse(manifest).dependencies,
      ...JSON.parse(manifest).peerDependencies,
    })
      .filter(([, range]) => String(range).startsWith('workspace:'))
      .map(([dependency, range]) => `${dependency}@${range}`);

    const publint = await run(PUBLINT, ['run', tarball, '--strict', '--level', 'warning']).then(
      ({ stdout }) => problemLines(stdout),
      (error) => problemLines(`${error.stdout}${error.stderr}`).concat(['publint failed']),
    );
    // ESM-only packages: the esm-only profile leaves out CommonJS resolution; attw exits non-zero
    // on any problem it does not ignore. A package of data only (a spec's bundles) has no types
    // for attw to check.
    const attw = !shipsCode(JSON.parse(manifest))
      ? []
      : await run(ATTW, [tarball, '--profile', 'esm-only', '--format', 'json']).then(
          () => [],
          (error) =>
            attwProblems(error.stdout, ['node10', 'node16-cjs']).concat(
              error.stdout ? [] : [`attw failed: ${error.stderr}`],
            ),
        );
    return {
      name,
      tarball: path.basename(tarball),
      files: listing.trim().split('\n').length,
      listing: listing.trim().split('\n'),
      publint,
      attw,
      workspaceRanges,
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/**
 * Does the package have a JavaScript entry point (and so types to check)?
 * @param {{ main?: string, types?: string, exports?: unknown }} manifest
 */
function shipsCode(manifest) {
  return Boolean(
    manifest.main || manifest.types || /\.[cm]?[jt]s"/.test(JSON.stringify(manifest.exports ?? {})),
  );
}

/** @param {string} output */
function problemLines(output) {
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^\d+\.\s|warning|error/i.test(line) && !/^All good/i.test(line));
}

/**
 * @param {string} json attw's --format json report
 * @param {string[]} ignoredResolutions resolution kinds the profile leaves out
 */
function attwProblems(json, ignoredResolutions) {
  try {
    /** @type {{ analysis: { problems: Array<{ kind: string, entrypoint?: string, resolutionKind?: string }> } }} */
    const report = JSON.parse(json);
    return report.analysis.problems
      .filter((problem) => !ignoredResolutions.includes(problem.resolutionKind ?? ''))
      .map(
        (problem) =>
          `attw: ${problem.kind} at ${problem.entrypoint ?? '.'} (${problem.resolutionKind ?? 'all'})`,
      );
  } catch {
    return [`attw: unreadable output: ${json.slice(0, 200)}`];
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = false;
  for (const name of PUBLISHABLE) {
    const result = await checkPackage(name);
    const problems = [...result.publint, ...result.attw, ...result.workspaceRanges];
    failed ||= problems.length > 0;
    console.log(
      `${problems.length ? '✗' : '✓'} ${result.tarball} (${result.files} files)${problems.map((p) => `\n    ${p}`).join('')}`,
    );
  }
  process.exitCode = failed ? 1 : 0;
}
