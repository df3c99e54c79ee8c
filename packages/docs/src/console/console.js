// @ts-check
// The request console of a reference page (a module run in the browser; no build step). Each
// operation Redoc renders gets a "Try it" button; it opens a side panel with Swagger UI's "Try it
// out" for that operation (any other from the picker). Every request goes to this portal's
// same-origin forwarder (`/mock/<api>/...`), which hands it to the mock server on this machine;
// anything else is refused before it is sent. Swagger UI and its styles load only when the console
// first opens, and nothing is written to storage.
import { element, fixNames, labelControls, script, stylesheet, withCode } from './dom.js';
import { operationSpec } from './operation-spec.js';
import { consoleSchemes } from './schemes.js';

const configElement = document.getElementById('lms-console-config');
/** @type {any} */
const config = JSON.parse(configElement?.textContent || '{}');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const forwardRoot = `${location.origin}${config.forwardPrefix}`;
const mockRoot = `${forwardRoot}${config.mockPrefix.slice(1)}`;
const sendBase = `${mockRoot}${config.basePath}`;
const assets = new URL('./assets/console/', location.href).href;

/** @type {{ document: any, operations: Map<string, { path: string, method: string, operation: any }> } | undefined} */
let spec;
/** @type {any} */
let ui;
/** @type {HTMLElement | undefined} */
let opener;

const close = element('button', { class: 'lms-console-close', type: 'button' }, '×');
close.setAttribute('aria-label', 'Close the request console');
const heading = element('h2', { tabindex: '-1' }, `Try ${config.title} against the local mock`);
const status = element('p', { class: 'lms-console-status', role: 'status' }, 'Checking the mock server…');
const picker = element('select', { class: 'lms-console-operation', id: 'lms-console-operation' });
const mount = element('div', { class: 'lms-console-ui' });
const panel = element(
  'aside',
  { id: 'lms-console', class: 'lms-console', hidden: '', 'aria-label': 'Request console' },
  element('header', {}, heading, close),
  status,
  credentialsNote(),
  element(
    'p',
    { class: 'lms-console-privacy' },
    'Requests go only to this portal (',
    element('code', {}, `${config.forwardPrefix}${config.mockPrefix.slice(1)}`),
    '), which forwards them to the mock server on this machine: nothing you type leaves it, and nothing is stored beyond this page.',
  ),
  element('label', { class: 'lms-console-picker', for: 'lms-console-operation' }, 'Operation'),
  picker,
  mount,
);
document.body.append(panel);
close.addEventListener('click', hide);
picker.addEventListener('change', () => show(picker.value));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !panel.hidden) hide();
});
addTryButtons();
fixNames(document.body);
new MutationObserver(() => {
  addTryButtons();
  labelControls(document.body);
  fixNames(document.body);
}).observe(document.body, { childList: true, subtree: true });

/**
 * A "Try it" button beside each operation's heading in Redoc (operation sections are the
 * `div#<tag>/<operationid>` whose heading links to themselves); Redoc renders lazily, hence the
 * observer.
 */
function addTryButtons() {
  for (const anchor of document.querySelectorAll('h2 a[href^="#/"]')) {
    const h2 = /** @type {HTMLElement} */ (anchor.closest('h2'));
    if (h2.dataset.lmsTry) continue;
    const id =
      decodeURIComponent(anchor.getAttribute('href') ?? '')
        .split('/')
        .pop()
        ?.toLowerCase() ?? '';
    const section = document.getElementById(decodeURIComponent(anchor.getAttribute('href') ?? '').slice(2));
    if (!id || !section?.querySelector('[id$="/request"], [id$="/responses"]')) continue;
    h2.dataset.lmsTry = id;
    const name = anchor.getAttribute('aria-label')?.replace(/^link to /, '') ?? id;
    const button = element('button', { class: 'lms-try', type: 'button', 'data-operation': id }, 'Try it');
    // The accessible name starts with the visible text (WCAG 2.5.3), then says which operation.
    button.setAttribute('aria-label', `Try it: ${name}, against the mock`);
    button.setAttribute('aria-controls', 'lms-console');
    button.addEventListener('click', () => open(id, button));
    h2.after(button);
  }
}

/** Open the panel on one operation (by lower-cased operationId). */
async function open(/** @type {string} */ id, /** @type {HTMLElement} */ from) {
  opener = from;
  panel.hidden = false;
  document.body.classList.add('lms-console-open');
  heading.focus();
  checkMock();
  try {
    await load();
    show(id);
  } catch (error) {
    say('error', `The console could not load: ${error instanceof Error ? error.message : error}`);
  }
}

function hide() {
  panel.hidden = true;
  document.body.classList.remove('lms-console-open');
  opener?.focus();
}

/** Swagger UI's bundle and styles, and this API's bundled spec; once. */
async function load() {
  if (spec) return;
  const [document_] = await Promise.all([
    fetch(config.spec).then((response) => {
      if (!response.ok) throw new Error(`${config.spec} answered ${response.status}`);
      return response.json();
    }),
    script(`${assets}${config.swaggerUi.bundle}`),
    stylesheet(`${assets}${config.swaggerUi.styles}`),
  ]);
  const operations = new Map();
  /** @type {Map<string, HTMLOptGroupElement>} */
  const groups = new Map();
  for (const [path, item] of Object.entries(document_.paths ?? {})) {
    for (const method of METHODS) {
      const operation = /** @type {any} */ (item)[method];
      if (!operation?.operationId) continue;
      const id = operation.operationId.toLowerCase();
      operations.set(id, { path, method, operation });
      const tag = operation.tags?.[0] ?? 'Other';
      if (!groups.has(tag)) groups.set(tag, picker.appendChild(element('optgroup', { label: tag })));
      const label = `${operation.summary ?? operation.operationId} (${method.toUpperCase()} ${path})`;
      groups.get(tag)?.append(element('option', { value: id }, label));
    }
  }
  spec = { document: document_, operations };
}

/** Show one operation in Swagger UI, its request prefilled from the spec's examples. */
function show(/** @type {string} */ id) {
  const entry = spec?.operations.get(id);
  if (!spec || !entry) return;
  picker.value = id;
  const single = operationSpec(spec.document, entry, {
    sendBase,
    title: config.title,
    securitySchemes: consoleSchemes(spec.document.components?.securitySchemes, { ...config, mockRoot }),
  });
  if (ui) {
    ui.specActions.updateSpec(JSON.stringify(single));
    return;
  }
  const SwaggerUIBundle = /** @type {any} */ (window).SwaggerUIBundle;
  ui = SwaggerUIBundle({
    domNode: mount,
    spec: single,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    deepLinking: false,
    queryConfigEnabled: false,
    tryItOutEnabled: true,
    docExpansion: 'full',
    defaultModelsExpandDepth: -1,
    displayRequestDuration: true,
    showMutatedRequest: true,
    // No remote validator badge, no remembered credentials: nothing leaves, nothing is stored.
    validatorUrl: null,
    persistAuthorization: false,
    requestInterceptor: onlyToTheMock,
    responseInterceptor: watchAnswer,
    onComplete: prefillCredentials,
  });
}

/** Refuse, before sending, anything not for this portal's forwarder. */
function onlyToTheMock(/** @type {any} */ request) {
  const url = new URL(request.url, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(config.forwardPrefix))
    throw new Error(`The console sends only to the local mock (${forwardRoot}), not to ${url.origin}.`);
  return request;
}

/** An answer the mock did not make (no forwarder, no mock) turns the status line into advice. */
function watchAnswer(/** @type {any} */ response) {
  if (response.headers?.['x-lms-portal'] === 'mock-not-running' || response.status >= 404) checkMock();
  return response;
}

function prefillCredentials() {
  const credentials = config.credentials;
  if (credentials.kind === 'basic')
    ui.preauthorizeBasic(credentials.scheme, credentials.username, credentials.password);
  else ui.preauthorizeApiKey(credentials.scheme, credentials.token);
}

/** Ask the mock (through the forwarder) whether it runs, and say so plainly. */
async function checkMock() {
  try {
    const response = await fetch(`${forwardRoot}_health`, { headers: { accept: 'application/json' } });
    const body = await response.json().catch(() => undefined);
    if (response.ok && body?.status === 'ok') {
      say(
        'running',
        `The ${config.title} mock is running: requests are answered by the mock server on this machine.`,
      );
    } else if (body?.error === 'mock-not-running') {
      say('error', body.message);
    } else if (response.ok || response.status === 503) {
      say('error', `The mock server is starting (${response.status}): send again in a moment.`);
    } else {
      say(
        'error',
        `${config.notRunning} This page is served without the portal's forwarder to the mock: open the portal at the URL \`pnpm start\` prints.`,
      );
    }
  } catch {
    say('error', config.notRunning);
  }
}

function say(/** @type {'running' | 'error'} */ kind, /** @type {string} */ text) {
  status.dataset.state = kind;
  status.replaceChildren(...withCode(text));
}

function credentialsNote() {
  const credentials = config.credentials;
  const value =
    credentials.kind === 'basic'
      ? `${credentials.username}:${credentials.password}`
      : `${credentials.token.length > 24 ? `${credentials.token.slice(0, 24)}…` : credentials.token}`;
  return element(
    'p',
    { class: 'lms-console-credentials' },
    element('strong', {}, 'Mock test credentials'),
    ` prefilled (HTTP ${credentials.kind === 'basic' ? 'Basic' : 'Bearer'} `,
    element('code', {}, value),
    '). ',
    ...withCode(config.authNote),
    ' Change or remove them with Authorize.',
  );
}
