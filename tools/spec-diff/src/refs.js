// @ts-check
// Local `$ref` resolution for bundled documents. Bundles keep `$ref`s to `#/components/...`, and
// schemas may be recursive, so callers get the ref's name back to detect cycles.

/**
 * Follows a chain of local `$ref`s.
 * @param {any} document the bundled OpenAPI document the node belongs to
 * @param {any} node a schema, parameter, response... or a `{ $ref }` to one
 * @returns {{ node: any, ref: string | undefined }} the target and the last `$ref` followed
 */
export function resolve(document, node) {
  let ref;
  const seen = new Set();
  let current = node;
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    ref = current.$ref;
    if (seen.has(ref)) throw new Error(`$ref cycle without a schema in between: ${ref}`);
    seen.add(ref);
    current = pointer(document, ref);
  }
  return { node: current, ref };
}

/** @param {any} document @param {string} ref */
function pointer(document, ref) {
  if (!ref.startsWith('#/')) {
    throw new Error(`Only local $refs can be compared (a bundle has no others): ${ref}`);
  }
  let value = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    value = value?.[key];
    if (value === undefined) throw new Error(`Unresolvable $ref: ${ref}`);
  }
  return value;
}

/** The component name a `$ref` points at, for messages: `#/components/schemas/Course` -> `Course`. */
export function refName(/** @type {string | undefined} */ ref) {
  return ref ? (ref.split('/').pop() ?? ref) : undefined;
}
