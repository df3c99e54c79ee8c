// @ts-check
// The portal's same-origin way to the mock: `/mock/<rest>` on the portal is `<mock>/<rest>` on the
// mock server, so the request console on a reference page never meets CORS. It forwards to the one
// loopback mock it was configured with and nowhere else (no open proxy), and when there is no mock
// it says so, in words a reader can act on.
import { request } from 'node:http';

/** Where the portal forwards; the console on each page sends its requests under this path. */
export const FORWARD_PREFIX = '/mock/';

export const MOCK_NOT_RUNNING =
  'The mock server is not running: start it with `pnpm start` (or `pnpm mock`), then send again.';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

// Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, not the message: never forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

// Not passed back: a `WWW-Authenticate: Basic` challenge on a 401 makes the browser hold the
// console's fetch behind its own login prompt (headless: forever), so the reader never saw the
// 401 body. The body says what is wrong; the console shows it.
const NOT_PASSED_BACK = new Set(['www-authenticate']);

/**
 * @param {string | undefined} mockUrl the mock server's origin, e.g. `http://127.0.0.1:4010`
 * @returns {URL | undefined}
 */
export function parseMockUrl(mockUrl) {
  if (mockUrl === undefined) return undefined;
  let url;
  try {
    url = new URL(mockUrl);
  } catch {
    throw new Error(`The mock URL "${mockUrl}" is not a URL (expected e.g. http://127.0.0.1:4010).`);
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname))
    throw new Error(
      `The portal only forwards to a mock on this machine (http://127.0.0.1, localhost or [::1]), not "${mockUrl}".`,
    );
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password)
    throw new Error(`The mock URL "${mockUrl}" must be an origin only, e.g. http://127.0.0.1:4010.`);
  return url;
}

/**
 * Forward one request under FORWARD_PREFIX to the mock: method, headers (Authorization too) and
 * body go as they came; status, headers (less `WWW-Authenticate`) and body come back as the mock
 * sent them.
 * @param {URL | undefined} mock from parseMockUrl
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function forwardToMock(mock, req, res) {
  if (!mock) {
    notRunning(res, 503, 'This portal was started without a mock server to forward to.');
    req.resume();
    return;
  }
  const rawPath = req.url ?? '/';
  // The target is the mock's origin plus the rest of the path, never anything the request names.
  const target = new URL(mock.origin);
  const rest = rawPath.slice(FORWARD_PREFIX.length - 1);
  const queryAt = rest.indexOf('?');
  target.pathname = queryAt === -1 ? rest : rest.slice(0, queryAt);
  target.search = queryAt === -1 ? '' : rest.slice(queryAt);
  if (target.origin !== mock.origin) {
    res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"bad-path"}');
    req.resume();
    return;
  }
  /** @type {Record<string, string | string[]>} */
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === 'host') continue;
    headers[name] = value;
  }
  headers.host = mock.host;
  const upstream = request(target, { method: req.method, headers }, (answer) => {
    /** @type {Record<string, string | string[]>} */
    const back = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name) && !NOT_PASSED_BACK.has(name)) back[name] = value;
    }
    res.writeHead(answer.statusCode ?? 502, back);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    if (res.headersSent) {
      res.destroy(error);
      return;
    }
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    notRunning(res, 502, `${mock.origin} did not answer (${code ?? error.message}).`);
  });
  req.pipe(upstream);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} detail
 */
function notRunning(res, status, detail) {
  const body = JSON.stringify({ error: 'mock-not-running', message: MOCK_NOT_RUNNING, detail });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-lms-portal': 'mock-not-running',
  });
  res.end(body);
}
