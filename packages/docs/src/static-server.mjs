// @ts-check
// The portal's server: the built portal as a real site (sirv: ETags, ranges, the build's
// precompressed `.br`/`.gz` copies to clients that accept them, a year's immutable caching for
// content-hashed files, revalidation for the rest), and, given the mock's URL, the same-origin
// way to it that the reference pages' request console uses. A malformed URL is answered 400.
import { createServer } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { FORWARD_PREFIX, forwardToMock, parseMockUrl } from './mock-forwarder.mjs';

/** A content hash in the file name (`redoc.standalone.1a2b3c4d5e.js`): it never changes. */
const HASHED = /\.[0-9a-f]{10}\.[a-z0-9]+$/;

/** The runtime settings the pages read (the mock the forwarder sends to). */
export const PORTAL_ENV = '/portal-env.json';

/**
 * @param {{ root: string, port?: number, host?: string, mock?: string }} options `mock`: the mock
 *   server's origin (loopback only) that `/mock/...` forwards to; without it, `/mock/...` answers
 *   that the mock is not running.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveStatic({ root, port = 0, host = '127.0.0.1', mock }) {
  const mockUrl = parseMockUrl(mock);
  const files = sirv(path.resolve(root), {
    etag: true,
    gzip: true,
    brotli: true,
    dotfiles: false,
    setHeaders: (res, pathname) => {
      res.setHeader(
        'cache-control',
        HASHED.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
    onNoMatch: (req, res) => {
      const pathname = new URL(req.url ?? '/', 'http://docs').pathname;
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${pathname}`);
    },
  });
  const server = createServer((req, res) => {
    if (!wellFormed(req.url ?? '/')) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request: malformed URL');
      req.resume();
      return;
    }
    if (req.url?.startsWith(FORWARD_PREFIX)) {
      forwardToMock(mockUrl, req, res);
      return;
    }
    if (req.url === PORTAL_ENV) {
      const body = JSON.stringify({ mockUrl: mockUrl?.origin ?? null });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
      return;
    }
    files(req, res);
  });
  server.on('clientError', (_error, socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Whether every percent-escape of the URL decodes (`/%E0%A4%A` does not). */
function wellFormed(/** @type {string} */ url) {
  try {
    decodeURIComponent(url);
    return true;
  } catch {
    return false;
  }
}
