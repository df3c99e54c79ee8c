// @ts-check
// Reading a bundled OpenAPI document for usage samples: walk its operations, follow its local
// $refs, and assemble each operation's example request from the spec's own examples.

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * @typedef {object} OperationEntry
 * @property {string} path      the path template, e.g. `/v1/courses/{course_id}`
 * @property {string} method    lower case, e.g. `get`
 * @property {any} pathItem
 * @property {any} operation
 */

/**
 * Every operation of the document, in document order.
 * @param {any} document
 * @returns {Generator<OperationEntry>}
 */
export function* eachOperation(document) {
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (pathItem?.[method]) yield { path, method, pathItem, operation: pathItem[method] };
    }
  }
}

/**
 * Every webhook operation of the document (OpenAPI 3.1 `webhooks`), in document order: requests
 * the API sends to a receiver, so they get provenance but no usage samples.
 * @param {any} document
 * @returns {Generator<{ name: string, method: string, operation: any }>}
 */
export function* eachWebhook(document) {
  for (const [name, pathItem] of Object.entries(document.webhooks ?? {})) {
    for (const method of HTTP_METHODS) {
      if (pathItem?.[method]) yield { name, method, operation: pathItem[method] };
    }
  }
}

/**
 * Follows local references (`#/components/...`) until a node without `$ref`.
 * @param {any} document
 * @param {any} node
 * @returns {any}
 */
export function resolveRef(document, node) {
  const seen = new Set();
  let current = node;
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs can be resolved, got ${ref}.`);
    if (seen.has(ref)) throw new Error(`Circular $ref: ${ref}.`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split('/')
      .map((/** @type {string} */ segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((/** @type {any} */ parent, /** @type {string} */ key) => parent?.[key], document);
    if (current === undefined) throw new Error(`Unresolvable $ref: ${ref}.`);
  }
  return current;
}

/**
 * @typedef {object} ExampleParameter
 * @property {string} name
 * @property {'path' | 'query' | 'header' | 'cookie'} in
 * @property {unknown} value
 * @property {string} style    as OpenAPI defaults it (`simple` for path/header, `form` for query)
 * @property {boolean} explode
 */

/**
 * @typedef {object} ExampleRequest
 * @property {ExampleParameter[]} parameters the required parameters, with their example values
 * @property {{ mediaType: string, value: unknown } | undefined} body the first named example of
 *   the request body, if the operation takes one
 * @property {boolean} noContent true when no success response has a body (e.g. a `204`)
 */

/**
 * The request a usage sample sends: every required parameter (path, query, header, cookie) with
 * its example, and the request body's first named example. A required value without an example
 * is an error, so a spec can't silently produce a sample that doesn't run.
 * @param {any} document
 * @param {OperationEntry} entry
 * @returns {ExampleRequest}
 */
export function exampleRequest(document, { path, method, pathItem, operation }) {
  const where = `${method.toUpperCase()} ${path}`;
  /** @type {Map<string, any>} */
  const byKey = new Map();
  // Operation-level parameters override path-level ones with the same name and location.
  for (const raw of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const parameter = resolveRef(document, raw);
    byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  /** @type {ExampleParameter[]} */
  const parameters = [];
  for (const parameter of byKey.values()) {
    if (!parameter.required && parameter.in !== 'path') continue;
    const value = parameterExample(document, parameter);
    if (value === undefined) {
      throw new Error(`${where}: the required ${parameter.in} parameter "${parameter.name}" has no example.`);
    }
    const style =
      parameter.style ?? (parameter.in === 'query' || parameter.in === 'cookie' ? 'form' : 'simple');
    parameters.push({
      name: parameter.name,
      in: parameter.in,
      value,
      style,
      explode: parameter.explode ?? style === 'form',
    });
  }
  return {
    parameters,
    body: requestBodyExample(document, operation, where),
    noContent: !hasSuccessBody(document, operation),
  };
}

/** @param {any} document @param {any} parameter */
function parameterExample(document, parameter) {
  if (parameter.example !== undefined) return parameter.example;
  const named = Object.values(parameter.examples ?? {})[0];
  if (named !== undefined) return resolveRef(document, named).value;
  const schema = resolveRef(document, parameter.schema);
  if (schema?.examples?.length) return schema.examples[0];
  if (schema?.example !== undefined) return schema.example;
  if (schema?.default !== undefined) return schema.default;
  if (schema?.enum?.length) return schema.enum[0];
  return undefined;
}

/**
 * @param {any} document
 * @param {any} operation
 * @param {string} where
 * @returns {{ mediaType: string, value: unknown } | undefined}
 */
function requestBodyExample(document, operation, where) {
  if (!operation.requestBody) return undefined;
  const requestBody = resolveRef(document, operation.requestBody);
  const mediaTypes = Object.keys(requestBody.content ?? {});
  const mediaType = mediaTypes.find(isJson) ?? mediaTypes[0];
  if (!mediaType) return undefined;
  if (!isJson(mediaType)) {
    throw new Error(`${where}: usage samples know JSON request bodies only, not ${mediaType}.`);
  }
  const content = requestBody.content[mediaType];
  const named = Object.values(content.examples ?? {})[0];
  const value = named !== undefined ? resolveRef(document, named).value : content.example;
  if (value === undefined) {
    if (requestBody.required) throw new Error(`${where}: the request body has no example.`);
    return undefined;
  }
  return { mediaType, value };
}

/** @param {string} mediaType */
function isJson(mediaType) {
  return /^application\/(?:[\w.+-]+\+)?json\b/.test(mediaType);
}

/** @param {any} document @param {any} operation */
function hasSuccessBody(document, operation) {
  return Object.entries(operation.responses ?? {}).some(([status, response]) => {
    if (!/^2(?:\d\d|XX)$/.test(status)) return false;
    return Object.keys(resolveRef(document, response).content ?? {}).length > 0;
  });
}

/**
 * The mock server's URL for the document's first server: `http://127.0.0.1:4010/<api>` followed
 * by that server's base path (variables at their defaults), as the mock serves it.
 * @param {any} document
 * @param {string} api
 * @param {string} [mockOrigin]
 */
export function mockBaseUrl(document, api, mockOrigin = 'http://127.0.0.1:4010') {
  const server = document.servers?.[0];
  if (!server) return `${mockOrigin}/${api}`;
  const url = server.url.replace(
    /\{([^}]+)\}/g,
    (/** @type {string} */ _, /** @type {string} */ name) => server.variables?.[name]?.default ?? name,
  );
  const basePath = new URL(url).pathname.replace(/\/$/, '');
  return `${mockOrigin}/${api}${basePath}`;
}
