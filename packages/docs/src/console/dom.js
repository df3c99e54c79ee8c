// @ts-check
// Small DOM helpers of the request console (browser only).

/**
 * @param {string} tag
 * @param {Record<string, string>} attributes
 * @param {...(Node | string)} children
 * @returns {any}
 */
export function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** Plain text with `code` spans as <code>. */
export function withCode(/** @type {string} */ text) {
  return text.split(/`([^`]+)`/).map((part, index) => (index % 2 ? element('code', {}, part) : part));
}

/** Load a classic script once. */
export function script(/** @type {string} */ src) {
  return new Promise((resolve, reject) => {
    const tag = element('script', { src });
    tag.addEventListener('load', resolve);
    tag.addEventListener('error', () => reject(new Error(`${src} did not load`)));
    document.head.append(tag);
  });
}

/** Load a stylesheet once. */
export function stylesheet(/** @type {string} */ href) {
  return new Promise((resolve, reject) => {
    const tag = element('link', { rel: 'stylesheet', href });
    tag.addEventListener('load', resolve);
    tag.addEventListener('error', () => reject(new Error(`${href} did not load`)));
    document.head.append(tag);
  });
}

/**
 * Give Swagger UI's unlabelled form controls an accessible name (axe-core's critical
 * `select-name` and `label`): the parameter they hold, or what the control is for.
 * @param {ParentNode} root
 */
export function labelControls(root) {
  for (const control of root.querySelectorAll('select, input, textarea')) {
    if (control.hasAttribute('aria-label') || control.hasAttribute('aria-labelledby')) continue;
    if (hasLabelText(/** @type {HTMLInputElement} */ (control))) continue;
    const row = control.closest('tr[data-param-name]');
    const name = row
      ? `${row.getAttribute('data-param-name')} (${row.getAttribute('data-param-in')})`
      : control.id === 'servers'
        ? 'Server'
        : control.classList.contains('examples-select-element')
          ? 'Example'
          : control.classList.contains('body-param__text')
            ? 'Request body'
            : (control.getAttribute('placeholder') ?? control.getAttribute('name') ?? control.className);
    control.setAttribute('aria-label', name);
  }
}

/** Whether a control's <label>s say something besides the control itself (Swagger UI wraps its
 * server <select> in an empty one). */
function hasLabelText(/** @type {HTMLInputElement} */ control) {
  return [...(control.labels ?? [])].some((label) => {
    const copy = /** @type {HTMLElement} */ (label.cloneNode(true));
    for (const inner of copy.querySelectorAll('select, input, textarea')) inner.remove();
    return (copy.textContent ?? '').trim() !== '';
  });
}

/**
 * Keyboard access to scrolling answer bodies (axe-core `scrollable-region-focusable`), and
 * Redoc's example pickers named by what they show (their `aria-label="Example"` left out the
 * visible example name: `label-content-name-mismatch`).
 * @param {ParentNode} root
 */
export function fixNames(root) {
  for (const pre of root.querySelectorAll('.swagger-ui pre:not([tabindex])'))
    pre.setAttribute('tabindex', '0');
  for (const button of root.querySelectorAll('button[aria-haspopup="menu"][aria-label^="Example"]')) {
    const name = `Example: ${(button.textContent ?? '').trim()}`;
    if (button.getAttribute('aria-label') !== name) button.setAttribute('aria-label', name);
  }
}
