// @ts-check
// A tiny static file server for the built portal (module scripts need http://, not file://), and,
// given the mock's URL, the same-origin way to it that the reference pages' request console uses.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { FORWARD_PREFIX, forwardToMock, parseMockUrl } from './mock-forwarder.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * @param {{ root: string, port?: number, host?: string, mock?: string }} options `mock`: the mock
 *   server's origin (loopback only) that `/mock/...` forwards to; without it, `/mock/...` answers
 *   that the mock is not running.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveStatic({ root, port = 0, host = '127.0.0.1', mock }) {
  const base = path.resolve(root);
  const mockUrl = parseMockUrl(mock);
  const server = createServer(async (req, res) => {
    if (req.url?.startsWith(FORWARD_PREFIX)) {
      forwardToMock(mockUrl, req, res);
      return;
    }
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://docs').pathname);
    const file = path.resolve(base, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
    if (!file.startsWith(base + path.sep) && file !== base) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      res.writeHead(200, {
        'content-type':
          TYPES[/** @type {keyof typeof TYPES} */ (path.extname(file))] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-cache',
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: ${pathname}`);
    }
  });
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
