import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { loadDocument } from './requests.js';

/** What the fake upstream received: the proxy must forward it unchanged. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeUpstream {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/**
 * The spec's own purchase example with two departures: `purchased_at` not a date-time, and the
 * required `order_id` left out.
 */
function departingPurchase(): Record<string, unknown> {
  const document = loadDocument('skilljar') as unknown as {
    components: { examples: Record<string, { value: Record<string, unknown> }> };
  };
  const { order_id: _required, ...purchase } = document.components.examples.Purchase?.value ?? {};
  return { ...purchase, id: 'p1', purchased_at: 'yesterday' };
}

/**
 * A Skilljar stand-in that departs from the spec in every way the drift report knows: an extra
 * property, a wrong type, null where the spec says never null, a bad date-time, a required
 * property left out, a value outside an enum, an undocumented status and an undocumented content
 * type (and one gzip-compressed answer, which must pass through byte for byte).
 */
export async function startFakeSkilljar(): Promise<FakeUpstream> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = (req.url ?? '').split('?')[0];
      const json = (status: number, value: unknown, extra: Record<string, string | string[]> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...extra });
        res.end(JSON.stringify(value));
      };
      if (req.method === 'GET' && path === '/v1/courses')
        return json(
          200,
          {
            count: 1,
            next: null,
            previous: null,
            results: [
              {
                id: 'c1',
                title: 42,
                short_description: 'A course',
                enforce_sequential_navigation: null,
                surprise_field: 'hello world',
              },
            ],
          },
          { 'X-Upstream': 'fake', 'Set-Cookie': ['a=1; Path=/', 'b=2; Path=/'] },
        );
      if (req.method === 'POST' && path === '/v1/courses') return json(201, { id: 'c2', title: 'New' });
      if (req.method === 'GET' && path === '/v1/ping') return json(418, { detail: "I'm a teapot" });
      if (req.method === 'GET' && path === '/v1/purchases/p1') return json(200, departingPurchase());
      if (req.method === 'GET' && path === '/v1/purchases/p2') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end('<html><body>Purchase</body></html>');
      }
      if (req.method === 'GET' && path === '/v1/assets/a1')
        return json(200, { id: 'a1', name: 'Asset', aspect_ratio: '21:9' });
      if (req.method === 'GET' && path === '/v1/users/u1/groups') {
        const page = {
          count: 1,
          next: null,
          previous: null,
          results: [{ id: 'g1', name: 'G', extra_flag: true }],
        };
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
        return res.end(gzipSync(JSON.stringify(page)));
      }
      return json(404, { detail: 'Not found.' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
