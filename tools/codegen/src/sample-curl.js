// @ts-check
// The curl usage sample of an operation: the spec's example request sent to the mock server, so a
// reader can paste it into a shell next to `pnpm start` and get an answer.

/**
 * @typedef {object} CurlSampleInput
 * @property {string} baseUrl  the mock server's URL for this API, base path included
 * @property {string} path     the path template
 * @property {string} method   lower case
 * @property {import('./example-request.js').ExampleRequest} request
 * @property {string | undefined} auth curl arguments that authenticate (`-u 'key:'`), if any
 */

/** @param {CurlSampleInput} input @returns {string} */
export function curlSample({ baseUrl, path, method, request, auth }) {
  let url = baseUrl + path;
  /** @type {string[]} */
  const query = [];
  /** @type {string[]} */
  const args = [];
  for (const parameter of request.parameters) {
    if (parameter.in === 'path') {
      url = url.replace(`{${parameter.name}}`, serializeSimple(parameter.value));
    } else if (parameter.in === 'query') {
      query.push(...serializeForm(parameter.name, parameter.value, parameter.explode));
    } else if (parameter.in === 'header') {
      args.push(`-H ${shellQuote(`${parameter.name}: ${serializeSimple(parameter.value, false)}`)}`);
    } else if (parameter.in === 'cookie') {
      args.push(`-b ${shellQuote(`${parameter.name}=${serializeSimple(parameter.value)}`)}`);
    }
  }
  if (query.length > 0) url += `?${query.join('&')}`;
  const first =
    method === 'get' ? `curl ${shellQuote(url)}` : `curl -X ${method.toUpperCase()} ${shellQuote(url)}`;
  if (auth) args.unshift(auth);
  if (request.body) {
    args.push(`-H ${shellQuote(`Content-Type: ${request.body.mediaType}`)}`);
    args.push(`-d ${shellQuote(JSON.stringify(request.body.value, null, 2))}`);
  }
  return `${[first, ...args].join(' \\\n  ')}\n`;
}

/** Single-quotes a word for POSIX shells. @param {string} text */
export function shellQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A path (or header) value in OpenAPI's `simple` style: arrays and objects comma-separated.
 * @param {unknown} value
 * @param {boolean} [encode] percent-encode (for URLs)
 */
function serializeSimple(value, encode = true) {
  const text = (/** @type {unknown} */ part) => (encode ? encodeURIComponent(String(part)) : String(part));
  if (Array.isArray(value)) return value.map(text).join(',');
  if (value && typeof value === 'object') return Object.entries(value).flat().map(text).join(',');
  return text(value);
}

/**
 * A query parameter in OpenAPI's `form` style: exploded arrays repeat the key, unexploded ones
 * are comma-separated (the delimiter itself stays unencoded).
 * @param {string} name
 * @param {unknown} value
 * @param {boolean} explode
 * @returns {string[]} `key=value` pairs
 */
function serializeForm(name, value, explode) {
  const key = encodeURIComponent(name);
  const text = (/** @type {unknown} */ part) => encodeURIComponent(String(part));
  if (Array.isArray(value)) {
    return explode ? value.map((item) => `${key}=${text(item)}`) : [`${key}=${value.map(text).join(',')}`];
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return explode
      ? entries.map(([k, v]) => `${encodeURIComponent(k)}=${text(v)}`)
      : [`${key}=${entries.flat().map(text).join(',')}`];
  }
  return [`${key}=${text(value)}`];
}
