// The request console of a reference page (runs in the browser; no build step). A "Try it" button
// opens a drawer beside Redoc with Swagger UI's "Try it out" for one operation at a time: the
// operation in view (from Redoc's `#/<tag>/<operationid>` link) or any other from the picker.
// Every request goes to this portal's same-origin forwarder (`/mock/<api>/...`), which hands it to
// the mock server on this machine; anything else is refused before it is sent. Swagger UI and its
// styles load only when the console first opens, and nothing is written to storage.
(() => {
  const configElement = document.getElementById('lms-console-config');
  if (!configElement) return;
  /** @type {any} */
  const config = JSON.parse(configElement.textContent || '{}');
  const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  const forwardRoot = `${location.origin}${config.forwardPrefix}`;
  const sendBase = `${forwardRoot}${config.mockPrefix.slice(1)}${config.basePath}`;
  const assets = new URL('./assets/console/', location.href).href;

  /** @type {{ document: any, operations: Map<string, { path: string, method: string, operation: any }> } | undefined} */
  let spec;
  /** @type {any} */
  let ui;
  let current = '';

  const toggle = element(
    'button',
    { class: 'lms-console-toggle', type: 'button' },
    'Try it against the mock',
  );
  toggle.setAttribute('aria-controls', 'lms-console');
  toggle.setAttribute('aria-expanded', 'false');
  const close = element('button', { class: 'lms-console-close', type: 'button' }, '×');
  close.setAttribute('aria-label', 'Close the request console');
  const status = element('p', { class: 'lms-console-status', role: 'status' }, 'Checking the mock server…');
  const picker = element('select', { class: 'lms-console-operation' });
  const mount = element('div', { class: 'lms-console-ui' });
  // Redoc moves its deep link as a reader navigates, without a hashchange event; rather than swap
  // the operation (and lose an edited request) under the reader, offer the one now in view.
  const follow = element('button', { class: 'lms-console-follow', type: 'button', hidden: '' });
  follow.addEventListener('click', () => {
    const id = operationInView();
    if (id) show(id);
  });
  const panel = element(
    'aside',
    { id: 'lms-console', class: 'lms-console', hidden: '' },
    element('header', {}, element('h2', {}, `Try ${config.title} against the local mock`), close),
    status,
    credentialsNote(),
    element(
      'p',
      { class: 'lms-console-privacy' },
      'Requests go only to this portal (',
      element('code', {}, `${config.forwardPrefix}${config.mockPrefix.slice(1)}`),
      '), which forwards them to the mock server on this machine: nothing you type leaves it, and nothing is stored beyond this page.',
    ),
    element('label', { class: 'lms-console-picker' }, 'Operation ', picker),
    follow,
    mount,
  );
  panel.setAttribute('aria-label', 'Request console');
  document.body.append(toggle, panel);

  toggle.addEventListener('click', () => (panel.hidden ? open() : hide()));
  close.addEventListener('click', hide);
  picker.addEventListener('change', () => show(picker.value));
  setInterval(() => {
    if (panel.hidden || !spec) return;
    const id = operationInView();
    const other = id && id !== current ? spec.operations.get(id) : undefined;
    follow.hidden = !other;
    if (other)
      follow.textContent = `Show “${other.operation.summary ?? other.operation.operationId}”, the operation in view`;
  }, 500);

  async function open() {
    panel.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    document.body.classList.add('lms-console-open');
    checkMock();
    try {
      await load();
      show(operationInView() ?? picker.value);
    } catch (error) {
      say('error', `The console could not load: ${error instanceof Error ? error.message : error}`);
    }
  }

  function hide() {
    panel.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    document.body.classList.remove('lms-console-open');
  }

  /** The operation of the deep link in the address bar, if it is one of this API's. */
  function operationInView() {
    const id = decodeURIComponent(location.hash).split('/').pop()?.toLowerCase() ?? '';
    return spec?.operations.has(id) ? id : undefined;
  }

  /** Swagger UI's bundle and styles, and this API's bundled spec; once. */
  async function load() {
    if (spec) return;
    const [document_] = await Promise.all([
      fetch(config.spec).then((response) => {
        if (!response.ok) throw new Error(`${config.spec} answered ${response.status}`);
        return response.json();
      }),
      script(`${assets}swagger-ui-bundle.js`),
      stylesheet(`${assets}swagger-ui.css`),
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
        const group = groups.get(tag) ?? element('optgroup', { label: tag });
        if (!groups.has(tag)) {
          groups.set(tag, group);
          picker.append(group);
        }
        group.append(
          element(
            'option',
            { value: id },
            `${operation.summary ?? operation.operationId} (${method.toUpperCase()} ${path})`,
          ),
        );
      }
    }
    spec = { document: document_, operations };
  }

  /** Show one operation in Swagger UI, its request prefilled from the spec's examples. */
  function show(/** @type {string} */ id) {
    const entry = spec?.operations.get(id);
    if (!spec || !entry) return;
    current = id;
    picker.value = id;
    follow.hidden = true;
    const single = singleOperation(spec.document, entry);
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

  /**
   * The bundled spec cut down to one operation, sent to the forwarder: its servers become the
   * local mock, and a security scheme's URLs on the API's own origin (Thrive's OAuth2 token URL)
   * go to the mock too; any other such URL is dropped rather than called.
   */
  function singleOperation(/** @type {any} */ document_, /** @type {any} */ entry) {
    const {
      'x-codeSamples': _samples,
      description: _description,
      servers: _servers,
      ...operation
    } = entry.operation;
    const { parameters } = document_.paths[entry.path];
    return {
      openapi: document_.openapi,
      info: { title: document_.info.title, version: document_.info.version },
      servers: [{ url: sendBase, description: `The ${config.title} mock on this machine, via this portal` }],
      ...(document_.security ? { security: document_.security } : {}),
      components: { ...document_.components, securitySchemes: localSchemes(document_.components) },
      paths: { [entry.path]: { ...(parameters ? { parameters } : {}), [entry.method]: operation } },
    };
  }

  function localSchemes(/** @type {any} */ components) {
    /** @type {Record<string, any>} */
    const schemes = {};
    for (const [name, scheme] of Object.entries(components?.securitySchemes ?? {})) {
      if (/** @type {any} */ (scheme).type !== 'oauth2') {
        schemes[name] = scheme;
        continue;
      }
      /** @type {Record<string, any>} */
      const flows = {};
      for (const [flowName, flow] of Object.entries(/** @type {any} */ (scheme).flows ?? {})) {
        const local = { ...flow };
        let usable = true;
        for (const key of ['tokenUrl', 'authorizationUrl', 'refreshUrl']) {
          if (!local[key]) continue;
          const url = new URL(local[key]);
          if (url.origin === config.standsFor)
            local[key] = `${forwardRoot}${config.mockPrefix.slice(1)}${url.pathname}`;
          else usable = false;
        }
        if (usable) flows[flowName] = local;
      }
      if (Object.keys(flows).length > 0) schemes[name] = { .../** @type {any} */ (scheme), flows };
    }
    return schemes;
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
      '): values the mock accepts, not real ones. Change or remove them with Authorize.',
    );
  }

  /** Plain text with `code` spans as <code>. */
  function withCode(/** @type {string} */ text) {
    return text.split(/`([^`]+)`/).map((part, index) => (index % 2 ? element('code', {}, part) : part));
  }

  /**
   * @param {string} tag
   * @param {Record<string, string>} attributes
   * @param {...(Node | string)} children
   */
  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return /** @type {any} */ (node);
  }

  function script(/** @type {string} */ src) {
    return new Promise((resolve, reject) => {
      const tag = element('script', { src });
      tag.addEventListener('load', resolve);
      tag.addEventListener('error', () => reject(new Error(`${src} did not load`)));
      document.head.append(tag);
    });
  }

  function stylesheet(/** @type {string} */ href) {
    return new Promise((resolve, reject) => {
      const tag = element('link', { rel: 'stylesheet', href });
      tag.addEventListener('load', resolve);
      tag.addEventListener('error', () => reject(new Error(`${href} did not load`)));
      document.head.append(tag);
    });
  }
})();
