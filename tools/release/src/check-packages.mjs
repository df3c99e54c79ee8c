// @ts-check
// Packs each publishable package the way `pnpm publish` would (workspace:* ranges resolved) and
// checks the tarball with publint (package.json against the files) and arethetypeswrong (the types
// a consumer's TypeScript resolves).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';
import { checkPackage as checkTypes, createPackageFromTarballData } from '@arethetypeswrong/core';
import { packAll } from './pack-all.mjs';
import { PUBLISHABLE } from './publishable.mjs';

export { PUBLISHABLE };

const run = promisify(execFile);

// publint's CLI as this package installed it (its package.json is not exported).
const PUBLINT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/.bin/publint');

// publint colours its report when the parent asked for colour (FORCE_COLOR, which CI runners
// often set); its lines are parsed, so the child is asked for plain text and any colour left is
// stripped. picocolors treats FORCE_COLOR of any value as "on", so it is removed, not set to 0.
function plainOutputEnv() {
  const { FORCE_COLOR: _forceColor, ...parentEnv } = process.env;
  return { ...parentEnv, NO_COLOR: '1' };
}

/**
 * An ESM-only package is not resolved as CommonJS: the resolution kinds attw's `esm-only`
 * profile leaves out.
 */
const IGNORED_RESOLUTIONS = ['node10', 'node16-cjs'];

/**
 * Checks one packed tarball. arethetypeswrong runs in this process (its library, the same checks
 * its CLI prints), so TypeScript loads once for every package rather than once per package.
 * @param {string} folder the package folder relative to the repo, e.g. `packages/client-core`
 * @param {string} tarball the path of its packed tarball
 * @returns {Promise<{ name: string, tarball: string, files: number, listing: string[], publint: string[], attw: string[], workspaceRanges: string[] }>}
 */
export async function checkTarball(folder, tarball) {
  const { stdout: listing } = await run('tar', ['-tzf', tarball]);
  const { stdout: manifestText } = await run('tar', ['-xzOf', tarball, 'package/package.json']);
  const manifest = JSON.parse(manifestText);
  const workspaceRanges = Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })
    .filter(([, range]) => String(range).startsWith('workspace:'))
    .map(([dependency, range]) => `${dependency}@${range}`);

  const publint = await run(PUBLINT, ['run', tarball, '--strict', '--level', 'warning'], {
    env: plainOutputEnv(),
  }).then(
    ({ stdout }) => problemLines(stdout),
    (error) => problemLines(`${error.stdout}${error.stderr}`).concat(['publint failed']),
  );
  // A package of data only (a spec's bundles) has no types for attw to check.
  const attw = shipsCode(manifest) ? await typeProblems(tarball) : [];
  return {
    name: folder,
    tarball: path.basename(tarball),
    files: listing.trim().split('\n').length,
    listing: listing.trim().split('\n'),
    publint,
    attw,
    workspaceRanges,
  };
}

/**
 * Packs `folders` (every publishable package) into a temporary folder with one `pnpm pack` and
 * checks each tarball.
 * @param {string[]} folders
 */
export async function checkPackages(folders = PUBLISHABLE) {
  const out = await mkdtemp(path.join(os.tmpdir(), 'lms-pack-check-'));
  try {
    const packed = await packAll(out, folders);
    return await Promise.all(packed.map(({ folder, filename }) => checkTarball(folder, filename)));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/**
 * arethetypeswrong's problems with the tarball's types, less the resolutions an ESM-only package
 * does not offer.
 * @param {string} tarball
 */
async function typeProblems(tarball) {
  try {
    const analysis = await checkTypes(createPackageFromTarballData(new Uint8Array(await readFile(tarball))));
    if (!analysis.types) return ['attw: the package ships no types'];
    return analysis.problems
      .filter(
        (problem) => !('resolutionKind' in problem) || !IGNORED_RESOLUTIONS.includes(problem.resolutionKind),
      )
      .map(
        (problem) =>
          `attw: ${problem.kind} at ${'entrypoint' in problem ? problem.entrypoint : '.'} (${'resolutionKind' in problem ? problem.resolutionKind : 'all'})`,
      );
  } catch (error) {
    return [`attw failed: ${error instanceof Error ? error.message : error}`];
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
  return stripVTControlCharacters(output)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^\d+\.\s|warning|error/i.test(line) && !/^All good/i.test(line));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = false;
  for (const result of await checkPackages()) {
    const problems = [...result.publint, ...result.attw, ...result.workspaceRanges];
    failed ||= problems.length > 0;
    console.log(
      `${problems.length ? '✗' : '✓'} ${result.tarball} (${result.files} files)${problems.map((p) => `\n    ${p}`).join('')}`,
    );
  }
  process.exitCode = failed ? 1 : 0;
}
