// The portal's server as a site: compressed answers, caching by file kind, and a malformed URL
// answered 400 without harming the server.
import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../src/static-server.mjs';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
let portal: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  portal = await serveStatic({ root: dist, mock: 'http://127.0.0.1:4010' });
});
afterAll(() => portal?.close());

/** A raw GET (fetch would normalise the path and decode the body). */
function get(pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; size: number }>(
    (resolve, reject) => {
      const req = request(`${portal.url}${pathname}`, { headers }, (res) => {
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, size }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('the portal server', () => {
  it('answers a malformed URL 400 and keeps answering', async () => {
    for (const bad of ['/%E0%A4%A', '/thrive.html%', '/mock/thrive/%E0%A4%A']) {
      expect((await get(bad)).status, bad).toBe(400);
    }
    expect((await get('/index.html')).status).toBe(200);
  });

  it('sends the brotli or gzip copy to a browser that accepts it, the plain file otherwise', async () => {
    const plain = await get('/skilljar.html');
    const br = await get('/skilljar.html', { 'accept-encoding': 'gzip, deflate, br' });
    const gz = await get('/skilljar.html', { 'accept-encoding': 'gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(br.headers['content-type']).toMatch(/^text\/html/);
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.size).toBeLessThan(plain.size / 4);
  });

  it('caches content-hashed files for a year and revalidates the rest by ETag', async () => {
    const assets = await readdir(path.join(dist, 'assets'));
    const redoc = assets.find((name) => /^redoc\.standalone\.[0-9a-f]{10}\.js$/.test(name));
    expect(redoc, 'the Redoc bundle has a hashed name').toBeDefined();
    const hashed = await get(`/assets/${redoc}`);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get('/thrive.html');
    expect(page.headers['cache-control']).toBe('no-cache');
    const again = await get('/thrive.html', { 'if-none-match': String(page.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('serves nothing outside the portal and says what was not found', async () => {
    expect((await get('/../package.json')).status).toBe(404);
    expect((await get('/%2e%2e/package.json')).status).toBe(404);
    expect((await get('/nope.html')).status).toBe(404);
  });

  it('tells the pages which mock it forwards to', async () => {
    const response = await fetch(`${portal.url}/portal-env.json`);
    expect(await response.json()).toEqual({ mockUrl: 'http://127.0.0.1:4010' });
  });
});
