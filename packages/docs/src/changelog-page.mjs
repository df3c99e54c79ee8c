// @ts-check
// The portal's changelog page per API (`<api>-changelog.html`), from the differences between the
// spec package's released versions (@lms-apis/spec-diff's buildChangelog), and the link to it
// that each Redoc reference page carries.
import { readFile, writeFile } from 'node:fs/promises';
import { escapeHtml } from './index-page.mjs';

/** @param {string} api */
export const changelogFile = (api) => `${api}-changelog.html`;

/** Escapes a change's message and shows its `backticked` names as code. @param {string} text */
function inline(text) {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** @param {import('@lms-apis/spec-diff/diff').OperationChange} change */
function item(change) {
  const where = change.operation ? `<code class="operation">${escapeHtml(change.operation)}</code> ` : '';
  return `<li>${where}${inline(change.message)}</li>`;
}

/** @param {import('@lms-apis/spec-diff/changelog').ChangelogEntry} entry */
function renderEntry(entry) {
  const breaking = entry.changes.filter((change) => change.kind === 'breaking');
  const other = entry.changes.filter((change) => change.kind !== 'breaking');
  const id = entry.tag ? `v${entry.title}` : 'unreleased';
  const meta = [entry.date ? `released ${entry.date}` : '', entry.since ? `compared with ${entry.since}` : '']
    .filter(Boolean)
    .join(', ');
  const parts = [
    `<h2>${escapeHtml(entry.title)}${meta ? ` <span class="meta">${escapeHtml(meta)}</span>` : ''}</h2>`,
  ];
  if (entry.note) parts.push(`<p class="note">${inline(entry.note)}</p>`);
  if (breaking.length) {
    parts.push(`<h3 class="breaking">Breaking changes (${breaking.length})</h3>`);
    parts.push(`<ul class="breaking">${breaking.map(item).join('')}</ul>`);
  }
  if (other.length) {
    parts.push(`<h3>Other changes (${other.length})</h3>`);
    parts.push(`<ul class="non-breaking">${other.map(item).join('')}</ul>`);
  }
  if (!entry.note && entry.changes.length === 0) parts.push('<p class="none">No change to the contract.</p>');
  return `<section class="release" id="${escapeHtml(id)}">\n      ${parts.join('\n      ')}\n    </section>`;
}

/**
 * @param {{ name: string, title: string, packageName: string }} api
 * @param {import('@lms-apis/spec-diff/changelog').Changelog} changelog
 */
export function renderChangelog(api, changelog) {
  const body = changelog.available
    ? changelog.entries.map(renderEntry).join('\n    ')
    : `<p class="note">${inline(changelog.reason ?? 'No git history.')}</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(api.title)} changelog · lms-apis</title>
  <link rel="icon" href="./assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="./assets/portal.css">
</head>
<body>
  <header>
    <p class="crumbs"><a href="./index.html">All APIs</a> · <a href="./${escapeHtml(api.name)}.html">${escapeHtml(api.title)} reference</a></p>
    <h1>${escapeHtml(api.title)} changelog</h1>
    <p>What changed in <code>${escapeHtml(api.packageName)}</code> from one released version to the next, newest first, breaking changes first: generated from the git release tags by the same rules as <code>pnpm check:breaking</code>.</p>
  </header>
  <main class="changelog">
    ${body}
  </main>
</body>
</html>
`;
}

/**
 * Puts a link to the API's changelog on its reference page, outside Redoc's root so Redoc's
 * rendering never touches it.
 * @param {string} file the reference page
 * @param {string} api
 */
export async function linkChangelog(file, api) {
  const html = await readFile(file, 'utf8');
  if (!html.includes('<body>')) throw new Error(`${file}: no <body> to add the changelog link to.`);
  const link = `<a class="portal-changelog-link" href="./${changelogFile(api)}">Changelog</a>`;
  await writeFile(file, html.replace('<body>', `<body>\n${link}`));
}
