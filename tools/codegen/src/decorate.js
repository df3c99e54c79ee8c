// @ts-check
// Post-bundle decoration. Filled in as the docs portal grows (usage samples, provenance notes);
// kept as one function so the bundle stays the single place docs and mocks read from.

/**
 * @param {any} document the bundled OpenAPI document
 * @param {import('./specs.js').ApiInfo} _info
 */
export function decorateBundle(document, _info) {
  return document;
}
