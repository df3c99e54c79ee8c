// @ts-check
// The portal's front page: one card per API with what a reader needs before diving in.

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
  };
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

/** @param {ReturnType<typeof summarizeApi>[]} apis */
export function renderIndex(apis) {
  const cards = apis
    .map(
      (api) => `
    <article class="api" id="${escapeHtml(api.name)}">
      <h2><a href="./${escapeHtml(api.name)}.html">${escapeHtml(api.title)}</a> <span class="version">v${escapeHtml(api.version)}</span></h2>
      <p>${escapeHtml(api.summary)}</p>
      <dl>
        <dt>Operations</dt><dd><span class="count">${api.operations}</span>${api.observed ? ` (${api.observed} observed in integrations, not on a vendor page)` : ''}</dd>
        <dt>Servers</dt><dd><ul>${api.servers.map((/** @type {{ url: string, description: string }} */ s) => `<li><code>${escapeHtml(s.url)}</code>${s.description ? ` ${escapeHtml(s.description)}` : ''}</li>`).join('')}</ul></dd>
        <dt>Auth</dt><dd>${api.auth.map(escapeHtml).join(' or ')}</dd>
        <dt>Client</dt><dd><code>npm install ${escapeHtml(api.clientPackage)}</code> then <code>${escapeHtml(api.clientFactory)}(…)</code></dd>
        <dt>Mock</dt><dd><code>http://127.0.0.1:4010/${escapeHtml(api.name)}</code> stands for the first server's origin</dd>
        <dt>Download</dt><dd><a href="./specs/${escapeHtml(api.name)}.yaml" download>openapi.yaml</a> · <a href="./specs/${escapeHtml(api.name)}.json" download>openapi.json</a></dd>
      </dl>
      <p><a class="button" href="./${escapeHtml(api.name)}.html">Open the ${escapeHtml(api.title)} reference →</a></p>
    </article>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>lms-apis · API reference portal</title>
  <link rel="stylesheet" href="./assets/portal.css">
</head>
<body>
  <header>
    <h1>lms-apis</h1>
    <p>Hand-written OpenAPI 3.1 descriptions of four learning and assignment APIs, with typed clients and a mock server. Everything here works offline.</p>
  </header>
  <main>
${cards}
  </main>
  <footer><p>Built from the specs in this repository. Each operation says where it was modelled from (<code>x-provenance</code>).</p></footer>
</body>
</html>
`;
}
