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
