// @ts-check
// The publishable packages: every package under packages/ and spec/ that is not private, as a
// folder relative to the repo, so a new client or spec is packed and checked without a list to edit.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** @param {string} folder relative to the repo */
export function manifestOf(folder) {
  return JSON.parse(readFileSync(path.join(repoRoot, folder, 'package.json'), 'utf8'));
}

export const PUBLISHABLE = ['packages', 'spec']
  .flatMap((parent) =>
    readdirSync(path.join(repoRoot, parent), { withFileTypes: true })
      .filter(
        (entry) => entry.isDirectory() && existsSync(path.join(repoRoot, parent, entry.name, 'package.json')),
      )
      .map((entry) => `${parent}/${entry.name}`),
  )
  .filter((folder) => !manifestOf(folder).private)
  .sort();
