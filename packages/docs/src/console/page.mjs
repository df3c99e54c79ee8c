// @ts-check
// Adds the request console to a built reference page: Swagger UI's "Try it out" (a well-kept
// console, served from the swagger-ui-dist package's own bundle, loaded only when a reader opens
// the console) in a drawer beside Redoc, sending to the portal's same-origin forwarder (`/mock/`).
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mockBaseUrl } from '@lms-apis/codegen/example-request';
import { FORWARD_PREFIX, MOCK_NOT_RUNNING } from '../mock-forwarder.mjs';
import { hashedName } from '../site-files.mjs';
import { mockAuthNote } from './mock-auth.mjs';
import { mockCredentials } from './mock-credentials.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const swaggerUi = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS = 'assets/console';

/**
 * Copy the console's script and styles, and Swagger UI's bundle (no source maps) and styles under
 * content-hashed names, into dist.
 * @returns {Promise<{ bundle: string, styles: string }>} the hashed names
 */
export async function copyConsoleAssets(/** @type {string} */ dist) {
  await mkdir(path.join(dist, ASSETS), { recursive: true });
  /** @type {Array<[string, string]>} */
  const files = [
    ...['console.js', 'dom.js', 'operation-spec.js', 'schemes.js'].map(
      (name) => /** @type {[string, string]} */ ([path.join(here, name), name]),
    ),
    [path.join(here, 'console.css'), 'console.css'],
    [path.join(swaggerUi, 'LICENSE'), 'swagger-ui-LICENSE'],
  ];
  for (const [from, to] of files) await copyFile(from, path.join(dist, ASSETS, to));
  // The bundle names a source map we do not ship; drop the comment so devtools does not ask for it.
  const source = (await readFile(path.join(swaggerUi, 'swagger-ui-bundle.js'), 'utf8')).replace(
    /\n\/\/# sourceMappingURL=\S+\s*$/,
    '\n',
  );
  const styles = await readFile(path.join(swaggerUi, 'swagger-ui.css'));
  const names = {
    bundle: hashedName('swagger-ui-bundle.js', source),
    styles: hashedName('swagger-ui.css', styles),
  };
  await writeFile(path.join(dist, ASSETS, names.bundle), source);
  await writeFile(path.join(dist, ASSETS, names.styles), styles);
  return names;
}

/**
 * What the console on one API's page needs: where the spec is, where to send (the forwarder
 * under this API's mock prefix and base path), which origin the spec's own URLs (e.g. an OAuth2
 * token URL) stand for, and the mock test credentials.
 * @param {import('@lms-apis/codegen/specs').ApiInfo} api
 * @param {any} document the bundled OpenAPI document
 * @param {{ bundle: string, styles: string }} assets Swagger UI's hashed file names
 */
export function consoleConfig(api, document, assets) {
  const mockPath = mockBaseUrl(document, api.api, '');
  const first = document.servers?.[0];
  const serverUrl = first
    ? first.url.replace(
        /\{([^}]+)\}/g,
        (/** @type {string} */ _, /** @type {string} */ name) => first.variables?.[name]?.default ?? name,
      )
    : undefined;
  return {
    api: api.api,
    title: api.title,
    spec: `./specs/${api.api}.json`,
    forwardPrefix: FORWARD_PREFIX,
    mockPrefix: `/${api.api}`,
    basePath: mockPath.slice(`/${api.api}`.length),
    standsFor: serverUrl ? new URL(serverUrl).origin : undefined,
    credentials: mockCredentials(api.sampleSetup.curlAuth, document, api.api),
    authNote: mockAuthNote(api.api),
    notRunning: MOCK_NOT_RUNNING,
    swaggerUi: assets,
  };
}

/**
 * Link the console into a built page (its config as inert JSON, read by console.js).
 * @param {string} file the page
 * @param {ReturnType<typeof consoleConfig>} config
 */
export async function addConsole(file, config) {
  const html = await readFile(file, 'utf8');
  if (!html.includes('</body>')) throw new Error(`${file}: no </body> to add the request console to.`);
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const tags = [
    `<link rel="stylesheet" href="./${ASSETS}/console.css">`,
    `<script type="application/json" id="lms-console-config">${json}</script>`,
    `<script type="module" src="./${ASSETS}/console.js"></script>`,
    '<script type="module" src="./assets/portal-env.js"></script>',
  ].join('\n');
  await writeFile(file, html.replace('</body>', `${tags}\n</body>`));
}
