// Builds the docs portal into dist/: one Redoc reference page per API (`redocly build-docs`),
// an index, the bundles and Postman collections for download, and a local copy of Redoc so nothing loads from a CDN.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postmanCollectionFile } from '@lms-apis/codegen/postman';
import { runRedocly } from '@lms-apis/codegen/redocly';
import { listApis } from '@lms-apis/codegen/specs';
import { buildChangelog } from '@lms-apis/spec-diff/changelog';
import { readerNotes } from '../src/changelog-notes.mjs';
import { changelogFile, linkChangelog, renderChangelog } from '../src/changelog-page.mjs';
import { renderCheckSpecPage } from '../src/check-a-spec-page.mjs';
import { addConsole, consoleConfig, copyConsoleAssets } from '../src/console/page.mjs';
import { renderIndex, searchEntries, summarizeApi } from '../src/index-page.mjs';
import { hashedName, precompress } from '../src/site-files.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist');
const repoRoot = path.resolve(here, '../../..');
const require = createRequire(import.meta.url);
const redoclyLib = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'lib');
const REDOC_SOURCE = path.join(redoclyLib, 'chunks/redoc.standalone.js');
// Redoc 3 has no `theme` option; the theme is CSS (custom properties), linked after Redoc's styles.
const THEME_LINKS = [
  '<link rel="icon" href="./assets/favicon.svg" type="image/svg+xml">',
  '<link rel="stylesheet" href="./assets/redoc-theme.css">',
].join('\n');
const CDN_SCRIPT = /https:\/\/cdn\.redocly\.com\/redoc\/v[\d.]+\/bundles\/redoc\.standalone\.js/g;

await rm(dist, { recursive: true, force: true });
await mkdir(path.join(dist, 'assets'), { recursive: true });
await mkdir(path.join(dist, 'specs'), { recursive: true });
const redoc = await localRedoc();
const REDOC_LOCAL = `assets/${hashedName('redoc.standalone.js', redoc.source)}`;
await writeFile(path.join(dist, REDOC_LOCAL), redoc.source);
for (const asset of [
  'redocly-logo.svg',
  'portal.css',
  'redoc-theme.css',
  'favicon.svg',
  'portal-logo.svg',
  'portal-env.js',
  'index-search.js',
]) {
  await copyFile(path.join(here, '../src', asset), path.join(dist, 'assets', asset));
}
const consoleAssets = await copyConsoleAssets(dist);

const allApis = listApis().map((info) => ({ name: info.api, title: info.title }));
const summaries = [];
const search = [];
for (const api of listApis()) {
  const document = JSON.parse(await readFile(api.bundleJson, 'utf8'));
  await copyFile(api.bundleJson, path.join(dist, `specs/${api.api}.json`));
  await copyFile(api.bundleYaml, path.join(dist, `specs/${api.api}.yaml`));
  await copyFile(postmanCollectionFile(api), path.join(dist, `specs/${api.api}.postman.json`)).catch(
    (error) => {
      throw new Error(`${api.api}: no Postman collection (turbo's postman task makes it): ${error.message}`);
    },
  );
  const page = path.join(dist, `${api.api}.html`);
  const result = await runRedocly(
    [
      'build-docs',
      api.bundleJson,
      '--output',
      page,
      '--title',
      `${api.title} API reference · lms-apis`,
      '--openapi',
      path.join(here, '../src/redoc-options.json'),
    ],
    { quiet: true },
  );
  if (result.code !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`redocly build-docs failed for ${api.api}`);
  }
  await useLocalRedoc(page);
  await linkChangelog(page, api.api);
  await addConsole(page, consoleConfig(api, document, consoleAssets));
  summaries.push(summarizeApi(api, document));
  search.push(...searchEntries(api, document));
  const changelog = await buildChangelog({
    specDir: api.dir,
    packageName: api.packageName,
    clientPackage: api.clientPackage,
    head: document,
  });
  const entries = await Promise.all(
    changelog.entries.map(async ({ pending, ...entry }) => ({
      ...entry,
      notes: await readerNotes(pending ?? [], { name: api.api, title: api.title }, allApis, repoRoot),
    })),
  );
  await writeFile(
    path.join(dist, changelogFile(api.api)),
    renderChangelog(
      { name: api.api, title: api.title, packageName: api.packageName },
      { ...changelog, entries },
    ),
  );
  process.stdout.write(`docs: ${api.api}.html, ${changelogFile(api.api)}\n`);
}
await writeFile(path.join(dist, 'index.html'), renderIndex(summaries));
await writeFile(path.join(dist, 'specs/search.json'), `${JSON.stringify(search)}\n`);
await writeFile(path.join(dist, 'check-a-spec.html'), renderCheckSpecPage(summaries));
await writeFile(
  path.join(dist, 'specs/index.json'),
  `${JSON.stringify(summaries.map((summary) => summary.name))}\n`,
);
const compressed = await precompress(dist);
process.stdout.write(
  `docs: index.html (${summaries.length} APIs), ${compressed} files precompressed -> ${path.relative(process.cwd(), dist)}\n`,
);

/**
 * Our copy of the Redoc bundle. Its "API docs by Redocly" badge loads a logo from Redocly's CDN,
 * so that URL is pointed at a local file; the page's subresource integrity hash is recomputed.
 */
async function localRedoc() {
  let source = await readFile(REDOC_SOURCE, 'utf8');
  const logos = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
  if (!logos.test(source))
    throw new Error('The Redoc bundle no longer references its CDN logo; review useLocalRedoc().');
  source = source.replace(logos, './assets/redocly-logo.svg');
  const integrity = `sha384-${createHash('sha384').update(source).digest('base64')}`;
  return { source, integrity };
}

/**
 * Point the page at the local Redoc bundle instead of Redocly's CDN, add the portal's theme and
 * icon, and prove nothing else is remote.
 * @param {string} file
 */
async function useLocalRedoc(file) {
  const html = await readFile(file, 'utf8');
  const matches = html.match(CDN_SCRIPT) ?? [];
  if (matches.length === 0)
    throw new Error(`${file}: Redoc's CDN script reference was not found; has build-docs changed?`);
  if (!html.includes('</head>')) throw new Error(`${file}: no </head> to add the theme to.`);
  const local = html
    .replace(CDN_SCRIPT, `./${REDOC_LOCAL}`)
    .replace(/integrity="sha384-[^"]+"/g, `integrity="${redoc.integrity}"`)
    .replace('</head>', `${THEME_LINKS}\n</head>`);
  const remote = local.match(/<(?:script|link)[^>]+(?:src|href)="https?:\/\/[^"]+"/g);
  if (remote) throw new Error(`${file}: still loads remote resources: ${remote.join(', ')}`);
  if (!/"disableTelemetry":true/.test(local)) throw new Error(`${file}: Redoc telemetry is not disabled.`);
  await writeFile(file, local);
}
