// @ts-check
// Build steps that make dist/ a site to serve like a real one: content-hashed names for the big
// bundles (cached for a year, immutable, by the portal's server) and precompressed `.br` and `.gz`
// copies of every text file, which the server sends to browsers that accept them.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const TEXT = new Set(['.html', '.js', '.css', '.json', '.yaml', '.svg']);
// Smaller files gain less than the header round trip costs.
const MIN_BYTES = 1024;

/**
 * `name.js` → `name.<10 hex of sha256>.js`.
 * @param {string} name
 * @param {string | Buffer} content
 */
export function hashedName(name, content) {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
  const extension = path.extname(name);
  return `${name.slice(0, -extension.length)}.${hash}${extension}`;
}

/** Write `.br` (quality 9: close to 11's size at a fraction of its time) and `.gz` beside each text file. */
export async function precompress(/** @type {string} */ dir) {
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, entry);
    if (!TEXT.has(path.extname(file)) || !(await stat(file)).isFile()) continue;
    const content = await readFile(file);
    if (content.length < MIN_BYTES) continue;
    const [br, gz] = await Promise.all([
      brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
      gzipAsync(content, { level: 9 }),
    ]);
    await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
    files += 1;
  }
  return files;
}
