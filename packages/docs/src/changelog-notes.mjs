// @ts-check
// The pending release notes (changesets) as a changelog page shows them to someone calling one
// API: only the sentences about that API (a changeset often covers several clients at once),
// dated by when the note was committed, breaking ones (a major bump) first, without file names or
// package bump lists.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * @typedef {{ summary: string, breaking: boolean, date: string | undefined }} ReaderNote
 */

/**
 * Sentences of `text` about `api`: those naming it, and those naming no API at all when no
 * sentence of the note names another (a note about one API's client need not repeat its name).
 * @param {string} text
 * @param {{ name: string, title: string }} api
 * @param {Array<{ name: string, title: string }>} all every API
 */
export function aboutApi(text, api, all) {
  const names = (/** @type {{ name: string, title: string }} */ other) =>
    new RegExp(
      `\\b(${[other.name, other.title.split(' ')[0] ?? other.name].map(escapeRegExp).join('|')})\\b`,
      'i',
    );
  const sentences = text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z`(])/);
  const mine = names(api);
  const others = all.filter((other) => other.name !== api.name).map(names);
  const namesOthers = (/** @type {string} */ sentence) => others.some((pattern) => pattern.test(sentence));
  const anyOther = sentences.some(namesOthers);
  return sentences
    .filter((sentence) => mine.test(sentence) || (!anyOther && !namesOthers(sentence)))
    .join(' ');
}

/**
 * @param {Array<{ file: string, bumps: Record<string, string>, summary: string }>} pending
 * @param {{ name: string, title: string }} api
 * @param {Array<{ name: string, title: string }>} all
 * @param {string} root the repository, for the notes' dates
 * @returns {Promise<ReaderNote[]>} breaking first, then newest first
 */
export async function readerNotes(pending, api, all, root) {
  /** @type {ReaderNote[]} */
  const notes = [];
  for (const note of pending) {
    const summary = aboutApi(note.summary, api, all);
    if (!summary) continue;
    notes.push({
      summary,
      breaking: Object.values(note.bumps).includes('major'),
      date: await committed(path.join(root, note.file), root),
    });
  }
  return notes.sort(
    (a, b) => Number(b.breaking) - Number(a.breaking) || (b.date ?? '').localeCompare(a.date ?? ''),
  );
}

/** The date (YYYY-MM-DD) the file was last committed; undefined when not committed or no git. */
async function committed(/** @type {string} */ file, /** @type {string} */ root) {
  try {
    const { stdout } = await run('git', ['log', '-1', '--format=%cs', '--', file], { cwd: root });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

function escapeRegExp(/** @type {string} */ text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
