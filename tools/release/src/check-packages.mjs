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

/** Every package under packages/ that is not private: a new client is checked without a list to edit. */
export const PUBLISHABLE = readdirSync(path.join(repoRoot, 'packages'), { withFileTypes: true })
  .filter(
    (entry) => entry.isDirectory() && existsSync(path.join(repoRoot, 'packages', entry.name, 'package.json')),
  )
  .map((entry) => entry.name)
  .filter(
    (name) =>
      !JSON.parse(readFileSync(path.join(repoRoot, 'packages', name, 'package.json'), 'utf8')).private,
  )
  .sort();

// The CLIs as this package installed them (their package.json files are not exported).
const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/.bin');
const PUBLINT = path.join(bin, 'publint');
const ATTW = path.join(bin, 'attw');

/**
 * @param {string} name a folder under packages/
 * @returns {Promise<{ name: string, tarball: string, files: number, publint: string[], attw: string[], workspaceRanges: string[] }>}
 */
export async function checkPackage(name) {
  const dir = path.join(repoRoot, 'packages', name);
  const out = await mkdtemp(path.join(os.tmpdir(), `lms-pack-${name}-`));
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
    // on any problem it does not ignore.
    const attw = await run(ATTW, [tarball, '--profile', 'esm-only', '--format', 'json']).then(
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
      publint,
      attw,
      workspaceRanges,
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
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
