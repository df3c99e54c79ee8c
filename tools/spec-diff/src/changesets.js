// @ts-check
// Pending changesets (`.changeset/*.md`): which packages they bump, and by how much. A major bump
// of a spec package is how a breaking change is declared.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * @param {string} root the repository's top folder
 * @returns {Promise<Map<string, { bump: string, file: string }>>} the largest bump per package
 */
export async function pendingBumps(root) {
  const dir = path.join(root, '.changeset');
  const files = await readdir(dir).catch(() => /** @type {string[]} */ ([]));
  const order = ['patch', 'minor', 'major'];
  /** @type {Map<string, { bump: string, file: string }>} */
  const bumps = new Map();
  for (const file of files.filter((name) => name.endsWith('.md') && name !== 'README.md').sort()) {
    const text = await readFile(path.join(dir, file), 'utf8');
    const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (!match) continue;
    let front;
    try {
      front = parse(match[1] ?? '') ?? {};
    } catch (error) {
      throw new Error(
        `.changeset/${file}: unreadable front matter (${/** @type {Error} */ (error).message}).`,
      );
    }
    for (const [name, bump] of Object.entries(front)) {
      const current = bumps.get(name);
      if (!current || order.indexOf(String(bump)) > order.indexOf(current.bump)) {
        bumps.set(name, { bump: String(bump), file: `.changeset/${file}` });
      }
    }
  }
  return bumps;
}

/**
 * @typedef {object} PendingNote
 * @property {string} file `.changeset/<name>.md`
 * @property {Record<string, string>} bumps the packages it bumps (of those asked for) and by how much
 * @property {string} summary its text, as its author wrote it for the release notes
 */

/**
 * Pending changesets that bump any of `packages`: the next release's notes, in their authors' words.
 * @param {string} root the repository's top folder
 * @param {string[]} packages
 * @returns {Promise<PendingNote[]>}
 */
export async function pendingNotes(root, packages) {
  const dir = path.join(root, '.changeset');
  const files = await readdir(dir).catch(() => /** @type {string[]} */ ([]));
  /** @type {PendingNote[]} */
  const notes = [];
  for (const file of files.filter((name) => name.endsWith('.md') && name !== 'README.md').sort()) {
    const text = await readFile(path.join(dir, file), 'utf8');
    const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
    if (!match) continue;
    const front = parse(match[1] ?? '') ?? {};
    const bumps = Object.fromEntries(
      Object.entries(front)
        .filter(([name]) => packages.includes(name))
        .map(([name, bump]) => [name, String(bump)]),
    );
    if (Object.keys(bumps).length > 0)
      notes.push({ file: `.changeset/${file}`, bumps, summary: (match[2] ?? '').trim() });
  }
  return notes;
}
