// @ts-check
// `pnpm pack:all`: the tarball of every publishable package, as `pnpm publish` would upload it
// (workspace:* ranges resolved), in dist/packages/, so the packages can be installed with npm
// before they are on the registry. Builds first: turbo answers from its cache when nothing changed.
import { execFile, spawn } from 'node:child_process';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { manifestOf, PUBLISHABLE, repoRoot } from './publishable.mjs';

const run = promisify(execFile);
export const PACKAGES_DIR = path.join(repoRoot, 'dist/packages');

/**
 * Builds what the publishable packages ship (their `build`, a spec's bundles and Postman
 * collection), printing turbo's task lines.
 */
export function buildPublishable() {
  const filters = PUBLISHABLE.map((folder) => `--filter=./${folder}`);
  return new Promise((resolve, reject) => {
    const turbo = spawn(
      'pnpm',
      ['exec', 'turbo', 'run', 'build', 'postman', ...filters, '--output-logs=errors-only'],
      {
        cwd: repoRoot,
        stdio: 'inherit',
      },
    );
    turbo.on('error', reject);
    turbo.on('exit', (code) =>
      code === 0 ? resolve(undefined) : reject(new Error(`turbo exited with ${code}`)),
    );
  });
}

/**
 * Empties `destination` (a tarball of an older version would be installed beside the new one)
 * and packs every publishable package into it with one `pnpm pack` over the workspace (one pnpm
 * process, not one per package).
 * @param {string} destination
 * @param {string[]} folders relative to the repo
 * @returns {Promise<Array<{ folder: string, name: string, version: string, filename: string, files: number }>>}
 */
export async function packAll(destination = PACKAGES_DIR, folders = PUBLISHABLE) {
  await rm(destination, { recursive: true, force: true });
  await mkdir(destination, { recursive: true });
  const filters = folders.map((folder) => `--filter=./${folder}`);
  const { stdout } = await run(
    'pnpm',
    ['--recursive', ...filters, 'pack', '--json', '--pack-destination', destination],
    { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
  );
  /** @type {Array<{ name: string, version: string, filename: string, files: unknown[] }>} */
  const packed = JSON.parse(stdout);
  const folderOf = new Map(folders.map((folder) => [manifestOf(folder).name, folder]));
  return packed
    .map(({ name, version, filename, files }) => {
      const folder = folderOf.get(name);
      if (!folder) throw new Error(`pnpm pack packed ${name}, which is not one of ${folders.join(', ')}`);
      return { folder, name, version, filename, files: files.length };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    `pack:all: building the ${PUBLISHABLE.length} publishable packages (cached tasks are instant)...`,
  );
  await buildPublishable();
  console.log(`pack:all: packing into ${path.relative(process.cwd(), PACKAGES_DIR) || '.'}/`);
  for (const result of await packAll()) {
    const { size } = await stat(result.filename);
    console.log(
      `  ${path.basename(result.filename).padEnd(44)} ${result.files} files, ${Math.ceil(size / 1024)} kB`,
    );
  }
  const count = (await readdir(PACKAGES_DIR)).filter((file) => file.endsWith('.tgz')).length;
  console.log(
    `${count} tarballs. In your project: npm install ${PACKAGES_DIR}/*.tgz\n` +
      '(or only the ones you need, with what they depend on: every client and the mock need lms-apis-client-core).',
  );
}
