// @ts-check
// The portal's front page: one card per API with what a reader needs before diving in.
import { mockBaseUrl } from '@lms-apis/codegen/example-request';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * @param {import('@lms-apis/codegen/specs').ApiInfo} api
 * @param {any} document the bundled OpenAPI document
 */
export function summarizeApi(api, document) {
  let operations = 0;
  let observed = 0;
  for (const item of Object.values(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operations += 1;
      if (operation['x-provenance']?.source === 'public-integrations') observed += 1;
    }
  }
  const schemes = document.components?.securitySchemes ?? {};
  return {
    name: api.api,
    title: document.info.title,
    version: document.info.version,
    summary: document.info.summary ?? '',
    operations,
    observed,
    servers: (document.servers ?? []).map((/** @type {any} */ server) => ({
      url: server.url,
      description: server.description ?? '',
    })),
    auth: Object.values(schemes).map(describeScheme),
    clientPackage: api.clientPackage,
    clientFactory: api.clientFactory,
    mockUrl: mockBaseUrl(document, api.api),
  };
}

/**
 * One entry per operation for the index's search across APIs, linking to Redoc's deep link
 * (`<api>.html#/<tag slug>/<operationid>`).
 * @param {import('@lms-apis/codegen/specs').ApiInfo} api
 * @param {any} document the bundled OpenAPI document
 */
export function searchEntries(api, document) {
  const entries = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation?.operationId) continue;
      const tag = operation.tags?.[0] ?? '';
      entries.push({
        api: api.api,
        apiTitle: document.info.title,
        operationId: operation.operationId,
        method,
        path,
        summary: operation.summary ?? operation.operationId,
        tag,
        href: `./${api.api}.html#/${tagSlug(tag)}/${operation.operationId.toLowerCase()}`,
      });
    }
  }
  return entries;
}

/**
 * Redoc 3's slug of a tag in its deep links (`Training Courses` → `training-courses`). It spells
 * symbols out as the `slugify` package does (`domains > users` → `domains-greater-users`); checked
 * against every link of the four pages' navigation.
 * @param {string} tag
 */
export function tagSlug(tag) {
  const words = /** @type {Record<string, string>} */ ({
    '>': ' greater ',
    '<': ' less ',
    '&': ' and ',
    '|': ' or ',
  });
  return tag
    .replace(/[<>&|]/g, (symbol) => words[symbol] ?? symbol)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** `v1` stays `v1`; `3` and `0.1.0` read `v3` and `v0.1.0`. @param {string} version */
function displayVersion(version) {
  return /^v/i.test(version) ? version : `v${version}`;
}

/** @param {any} scheme */
function describeScheme(scheme) {
  if (scheme.type === 'http')
    return scheme.scheme === 'basic'
      ? 'HTTP Basic'
      : `HTTP ${scheme.scheme}${scheme.bearerFormat ? ` (${scheme.bearerFormat})` : ''}`;
  if (scheme.type === 'oauth2') return `OAuth 2.0 (${Object.keys(scheme.flows ?? {}).join(', ')})`;
  if (scheme.type === 'apiKey') return `API key in ${scheme.in}`;
  return scheme.type;
}

/** @param {string} text */
export function escapeHtml(text) {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/**
 * The start of every portal page of our own (index, guide, changelogs): doctype, head with the
 * portal's icon and styles, and the opening body tag.
 * @param {{ title: string, bodyClass?: string, comment?: string }} page
 */
export function pageStart({ title, bodyClass, comment }) {
  return `<!DOCTYPE html>${comment ? `\n<!-- ${comment} -->` : ''}
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="icon" href="./assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="./assets/portal.css">
</head>
<body${bodyClass ? ` class="${escapeHtml(bodyClass)}"` : ''}>`;
}

/** @param {ReturnType<typeof summarizeApi>[]} apis */
export function renderIndex(apis) {
  const cards = apis
    .map(
      (api) => `
    <article class="api" id="${escapeHtml(api.name)}">
      <h2><a href="./${escapeHtml(api.name)}.html">${escapeHtml(api.title)}</a> <span class="version">${escapeHtml(displayVersion(api.version))}</span></h2>
      <p>${escapeHtml(api.summary)}</p>
      <dl>
        <dt>Operations</dt><dd><span class="count">${api.operations}</span>${api.observed ? ` (${api.observed} observed in integrations, not on a vendor page)` : ''}</dd>
        <dt>Servers</dt><dd><ul class="servers">${api.servers.map((/** @type {{ url: string, description: string }} */ s) => `<li><code>${escapeHtml(s.url)}</code>${s.description ? ` ${escapeHtml(s.description)}` : ''}</li>`).join('')}</ul></dd>
        <dt>Auth</dt><dd class="auth">${api.auth.map(escapeHtml).join(' or ')}</dd>
        <dt>Client</dt><dd><code class="client-install">npm install ${escapeHtml(api.clientPackage)}</code><br>then <code>${escapeHtml(api.clientFactory)}(…)</code></dd>
        <dt>Mock</dt><dd><code class="mock-url">${escapeHtml(api.mockUrl)}</code><br>stands in for the first server once <code>pnpm start</code> runs</dd>
        <dt>Changes</dt><dd><a class="changelog-link" href="./${escapeHtml(api.name)}-changelog.html">Changelog</a>, breaking changes first</dd>
        <dt>Download</dt><dd class="downloads"><a href="./specs/${escapeHtml(api.name)}.yaml" download>openapi.yaml</a> · <a href="./specs/${escapeHtml(api.name)}.json" download>openapi.json</a> · <a class="postman" href="./specs/${escapeHtml(api.name)}.postman.json" download>Postman collection</a></dd>
      </dl>
      <p><a class="button" href="./${escapeHtml(api.name)}.html">Open the ${escapeHtml(api.title)} reference →</a></p>
    </article>`,
    )
    .join('\n');
  return `${pageStart({ title: 'lms-apis · API reference portal' })}
  <header>
    <h1>lms-apis</h1>
    <p>Hand-written OpenAPI 3.1 descriptions of four learning and assignment APIs, with typed clients and a mock server. Every operation in a reference has a TypeScript sample that uses the API's client package and a curl sample against the mock. Everything here works offline.</p>
    <p>Have real credentials? <a href="./check-a-spec.html">Check a spec against your account</a> and tell us where it is wrong.</p>
    <p>Each API's Postman collection (v2.1) has a folder per tag and a request per operation, filled in from the spec's examples, with a test that the status is one the spec documents. Import it into Postman or run it with <code>newman</code>; set <code>baseUrl</code> (the mock's URL below, or the API's server) and the credential variables.</p>
  </header>
  <main>
    <section class="search" aria-labelledby="search-heading">
      <h2 id="search-heading">Search every API</h2>
      <form id="search" role="search">
        <label for="search-input">Operation name, operationId or path</label>
        <input id="search-input" type="search" autocomplete="off" placeholder="e.g. createCourse, /v1/domains, list enrolments">
      </form>
      <p id="search-count" role="status"></p>
      <ul id="search-results"></ul>
    </section>
${cards}
  </main>
  <footer><p>Built from the specs in this repository. Each operation says where it was modelled from (<code>x-provenance</code>).</p></footer>
  <script type="module" src="./assets/portal-env.js"></script>
  <script type="module" src="./assets/index-search.js"></script>
</body>
</html>
`;
}
