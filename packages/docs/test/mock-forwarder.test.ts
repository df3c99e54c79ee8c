// The portal's forwarder to the mock (what the request console sends through), against a loopback
// upstream that echoes what it received; and the mock test credentials the console prefills.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listApis } from '@lms-apis/codegen/specs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockCredentials } from '../src/console/mock-credentials.mjs';
import { MOCK_NOT_RUNNING, parseMockUrl } from '../src/mock-forwarder.mjs';
import { serveStatic } from '../src/static-server.mjs';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

interface Echo {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let upstream: Server;
let upstreamUrl: string;
let portal: Awaited<ReturnType<typeof serveStatic>>;
let portalWithoutMock: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const echo: Echo = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const refused = req.url?.startsWith('/refused');
      res.writeHead(req.url?.startsWith('/teapot') ? 418 : refused ? 401 : 201, {
        'content-type': 'application/json',
        'x-upstream': 'mock',
        ...(refused ? { 'www-authenticate': 'Basic realm="mock"' } : {}),
      });
      res.end(JSON.stringify(echo));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  portal = await serveStatic({ root: dist, mock: upstreamUrl });
  portalWithoutMock = await serveStatic({ root: dist });
});

afterAll(async () => {
  await Promise.all([portal?.close(), portalWithoutMock?.close()]);
  await new Promise((resolve) => upstream?.close(resolve));
});

describe('the portal forwards /mock/... to the mock', () => {
  it('forwards method, path, query, headers (Authorization too) and body; returns status, headers, body', async () => {
    const response = await fetch(`${portal.url}/mock/skilljar/v1/courses?page=2&page_size=5`, {
      method: 'POST',
      headers: {
        authorization: 'Basic a2V5Og==',
        'content-type': 'application/json',
        'x-mock-session': 's1',
      },
      body: JSON.stringify({ title: 'Mine' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-upstream')).toBe('mock');
    const echo = (await response.json()) as Echo;
    expect(echo).toMatchObject({
      method: 'POST',
      url: '/skilljar/v1/courses?page=2&page_size=5',
      body: '{"title":"Mine"}',
    });
    expect(echo.headers).toMatchObject({
      authorization: 'Basic a2V5Og==',
      'content-type': 'application/json',
      'x-mock-session': 's1',
      host: new URL(upstreamUrl).host,
    });
  });

  it("passes the mock's error statuses back untouched", async () => {
    const response = await fetch(`${portal.url}/mock/teapot`, { method: 'DELETE' });
    expect(response.status).toBe(418);
  });

  it("drops a 401's WWW-Authenticate, which would hide the answer behind the browser's login prompt", async () => {
    const response = await fetch(`${portal.url}/mock/refused/v1/courses`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(response.headers.get('x-upstream')).toBe('mock');
    expect(((await response.json()) as Echo).url).toBe('/refused/v1/courses');
  });

  it('never leaves the configured mock, whatever the path says', async () => {
    for (const trick of ['//example.com/x', '/@example.com/x', '/%2F%2Fexample.com']) {
      const response = await fetch(`${portal.url}/mock${trick}`);
      expect(response.status, trick).toBe(201);
      const echo = (await response.json()) as Echo;
      expect(echo.headers.host).toBe(new URL(upstreamUrl).host);
    }
  });

  it('answers 503 with what to do when the portal has no mock', async () => {
    const response = await fetch(`${portalWithoutMock.url}/mock/skilljar/v1/courses`);
    expect(response.status).toBe(503);
    expect(response.headers.get('x-lms-portal')).toBe('mock-not-running');
    await expect(response.json()).resolves.toMatchObject({
      error: 'mock-not-running',
      message: MOCK_NOT_RUNNING,
    });
    expect(MOCK_NOT_RUNNING).toContain('pnpm start');
  });

  it('answers 502 with what to do when the mock does not answer', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const orphan = await serveStatic({ root: dist, mock: url });
    try {
      const response = await fetch(`${orphan.url}/mock/skilljar/v1/courses`, { method: 'POST', body: '{}' });
      expect(response.status).toBe(502);
      const body = (await response.json()) as { message: string; detail: string };
      expect(body.message).toBe(MOCK_NOT_RUNNING);
      expect(body.detail).toContain('ECONNREFUSED');
    } finally {
      await orphan.close();
    }
  });

  it('still serves the portal beside the forwarder', async () => {
    const response = await fetch(`${portal.url}/index.html`);
    expect(response.status).toBe(200);
    await expect(response.text()).resolves.toContain('lms-apis');
  });

  it('forwards only to a mock on loopback, given as an origin', () => {
    expect(parseMockUrl(undefined)).toBeUndefined();
    expect(parseMockUrl('http://127.0.0.1:4010')?.origin).toBe('http://127.0.0.1:4010');
    expect(parseMockUrl('http://localhost:4010')?.origin).toBe('http://localhost:4010');
    expect(() => parseMockUrl('http://example.com:4010')).toThrow(/only forwards to a mock on this machine/);
    expect(() => parseMockUrl('http://10.0.0.5:4010')).toThrow(/only forwards to a mock on this machine/);
    expect(() => parseMockUrl('https://127.0.0.1:4010')).toThrow(/only forwards to a mock on this machine/);
    expect(() => parseMockUrl('http://127.0.0.1:4010/skilljar')).toThrow(/must be an origin only/);
    expect(() => parseMockUrl('127.0.0.1:4010')).toThrow();
    expect(() => parseMockUrl('not a url')).toThrow(/is not a URL/);
  });
});

describe('mock test credentials the console prefills', () => {
  it("reads every API's curl sample auth as a scheme of its spec", async () => {
    const kinds: Record<string, string> = {};
    for (const api of listApis()) {
      const document = JSON.parse(await readFile(api.bundleJson, 'utf8'));
      const credentials = mockCredentials(api.sampleSetup.curlAuth, document, api.api);
      expect(document.components.securitySchemes[credentials.scheme]).toBeDefined();
      kinds[api.api] = credentials.kind;
    }
    expect(kinds).toEqual({ samsara: 'bearer', skilljar: 'basic', snworks: 'bearer', thrive: 'basic' });
  });

  const document = {
    components: {
      securitySchemes: {
        basicAuth: { type: 'http', scheme: 'basic' },
        jwt: { type: 'http', scheme: 'bearer' },
      },
    },
  };

  it('parses -u and -H Authorization: Bearer', () => {
    expect(mockCredentials("-u 'key:'", document, 'x')).toEqual({
      scheme: 'basicAuth',
      kind: 'basic',
      username: 'key',
      password: '',
    });
    expect(mockCredentials('-u user:secret', document, 'x')).toMatchObject({
      username: 'user',
      password: 'secret',
    });
    expect(mockCredentials("-H 'Authorization: Bearer abc.def'", document, 'x')).toEqual({
      scheme: 'jwt',
      kind: 'bearer',
      token: 'abc.def',
    });
  });

  it('says which API and what it expected when it cannot', () => {
    expect(() => mockCredentials("-H 'X-Api-Key: k'", document, 'acme')).toThrow(/acme: .*neither -u/);
    expect(() => mockCredentials("-u 'k:'", { components: {} }, 'acme')).toThrow(/no http basic scheme/);
  });
});
