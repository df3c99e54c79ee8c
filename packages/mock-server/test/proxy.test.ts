import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftReportJson, OperationDrift } from '../src/answerers/proxy/drift-report.js';
import { type RequestLog, type RunningMockServer, startMockServer } from '../src/server.js';
import { SPECS_DIR } from './requests.js';
import { type FakeUpstream, startFakeSkilljar } from './upstream.js';

const SECRET_KEY = 'sk-live-very-secret-key';
const AUTH = `Basic ${Buffer.from(`${SECRET_KEY}:`).toString('base64')}`;

let upstream: FakeUpstream;
let mock: RunningMockServer;
const logged: RequestLog[] = [];
const reportDir = mkdtempSync(path.join(os.tmpdir(), 'lms-drift-'));
const reportFile = path.join(reportDir, 'drift.json');

beforeAll(async () => {
  upstream = await startFakeSkilljar();
  mock = await startMockServer({
    port: 0,
    specsDir: SPECS_DIR,
    proxy: { skilljar: upstream.url },
    driftReportFile: reportFile,
    onRequest: (entry) => logged.push(entry),
  });
});

afterAll(async () => {
  await upstream.close();
  rmSync(reportDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

interface CallInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** node:http, not fetch: fetch decompresses a gzip body, hiding whether the proxy passed it unchanged. */
function call(base: string, pathAndQuery: string, init: CallInit = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${base}${pathAndQuery}`,
      { method: init.method ?? 'GET', headers: { authorization: AUTH, ...init.headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const headers = new Headers();
          for (let i = 0; i < response.rawHeaders.length; i += 2)
            headers.append(response.rawHeaders[i] as string, response.rawHeaders[i + 1] as string);
          resolve({ status: response.statusCode ?? 0, headers, bytes: Buffer.concat(chunks) });
        });
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}

const viaMock = (pathAndQuery: string, init?: CallInit) => call(`${mock.url}/skilljar`, pathAndQuery, init);
const direct = (pathAndQuery: string, init?: CallInit) => call(upstream.url, pathAndQuery, init);

async function drift(): Promise<DriftReportJson> {
  return (await fetch(`${mock.url}/_drift`)).json() as Promise<DriftReportJson>;
}

function operation(report: DriftReportJson, name: string): OperationDrift {
  const found = report.apis
    .find((api) => api.api === 'skilljar')
    ?.operations.find((op) => op.operation === name);
  if (!found) throw new Error(`${name} not in the report: ${JSON.stringify(report)}`);
  return found;
}

describe('proxy mode: --proxy skilljar=<upstream>', () => {
  it('passes answers through unchanged: status, headers (repeated ones too) and body bytes', async () => {
    for (const target of [
      '/v1/courses',
      '/v1/ping',
      '/v1/purchases/p2',
      '/v1/users/u1/groups',
      '/v1/nothing',
    ]) {
      const [proxied, original] = [await viaMock(target), await direct(target)];
      expect(proxied.status, target).toBe(original.status);
      expect(proxied.bytes.equals(original.bytes), target).toBe(true);
      for (const header of ['content-type', 'content-encoding', 'x-upstream'])
        expect(proxied.headers.get(header), `${target} ${header}`).toBe(original.headers.get(header));
      expect(proxied.headers.getSetCookie()).toEqual(original.headers.getSetCookie());
    }
    const gzipped = await viaMock('/v1/users/u1/groups');
    expect(JSON.parse(gunzipSync(gzipped.bytes).toString('utf8')).results[0].extra_flag).toBe(true);
  });

  it('forwards requests unchanged, credentials included, without the mock session header', async () => {
    upstream.received.length = 0;
    const body = JSON.stringify({ title: 5, bogus: true });
    const answer = await viaMock('/v1/courses?dir=asc', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-custom': 'kept', 'x-mock-session': 'mine' },
      body,
    });
    expect(answer.status).toBe(201);
    const [seen] = upstream.received;
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/v1/courses?dir=asc');
    expect(seen?.body).toBe(body);
    expect(seen?.headers.authorization).toBe(AUTH);
    expect(seen?.headers['x-custom']).toBe('kept');
    expect(seen?.headers['x-mock-session']).toBeUndefined();
    expect(seen?.headers.host).toBe(new URL(upstream.url).host);
  });

  it('names each departure in GET /_drift, with counts and redacted samples', async () => {
    await fetch(`${mock.url}/_drift`, { method: 'DELETE' });
    for (let i = 0; i < 3; i += 1) await viaMock('/v1/courses');
    await viaMock('/v1/ping');
    await viaMock('/v1/purchases/p1');
    await viaMock('/v1/purchases/p2');
    await viaMock('/v1/assets/a1');
    await viaMock('/v1/users/u1/groups');
    await viaMock('/v1/courses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 5, bogus: true }),
    });
    await viaMock('/v1/nothing-here');
    const report = await drift();

    const courses = operation(report, 'GET /v1/courses');
    expect(courses.requests).toBe(3);
    expect(courses.statuses).toEqual({ '200': 3 });
    const byKind = (op: OperationDrift, kind: string) => op.response.filter((found) => found.kind === kind);
    expect(byKind(courses, 'undocumented-property')).toEqual([
      expect.objectContaining({
        location: 'results[].surprise_field',
        count: 3,
        sample: 'xxxxx xxxxx',
        message: 'results[].surprise_field: returned, but the schema does not describe it',
      }),
    ]);
    expect(byKind(courses, 'type')).toEqual([
      expect.objectContaining({
        location: 'results[].title',
        expected: 'string',
        actual: 'integer',
        sample: 42,
      }),
    ]);
    expect(byKind(courses, 'null')).toEqual([
      expect.objectContaining({ location: 'results[].enforce_sequential_navigation', expected: 'boolean' }),
    ]);

    expect(operation(report, 'GET /v1/ping').response).toEqual([
      expect.objectContaining({
        kind: 'undocumented-status',
        status: 418,
        message: 'answered 418, which the operation does not document (documented: 200, 401)',
      }),
    ]);
    const purchase = operation(report, 'GET /v1/purchases/{purchase_id}');
    expect(purchase.response.map((found) => [found.kind, found.location])).toEqual(
      expect.arrayContaining([
        ['missing-required', 'order_id'],
        ['format', 'purchased_at'],
      ]),
    );
    expect(purchase.response).toContainEqual(
      expect.objectContaining({
        kind: 'undocumented-content-type',
        actual: 'text/html',
        expected: 'application/json',
        count: 1,
      }),
    );
    expect(byKind(operation(report, 'GET /v1/assets/{asset_id}'), 'enum')).toEqual([
      expect.objectContaining({ location: 'aspect_ratio', actual: '"21:9"', expected: '"16:9" | "4:3"' }),
    ]);
    // A compressed answer is checked after decompressing it.
    expect(
      byKind(operation(report, 'GET /v1/users/{user_id}/groups'), 'undocumented-property').map(
        (f) => f.location,
      ),
    ).toContain('results[].extra_flag');

    // What the client sent, listed apart from what the API did.
    const create = operation(report, 'POST /v1/courses');
    expect(create.response).toEqual([]);
    expect(create.request.map((found) => [found.kind, found.location])).toEqual(
      expect.arrayContaining([
        ['type', 'title'],
        ['undocumented-property', 'bogus'],
      ]),
    );
    expect(create.request.find((found) => found.kind === 'undocumented-property')?.message).toBe(
      'request bogus: sent, but the schema does not describe it',
    );
    expect(operation(report, 'GET /v1/nothing-here').request).toEqual([
      expect.objectContaining({ kind: 'undocumented-operation' }),
    ]);
  });

  it('never journals, logs or reports the credentials it forwards', async () => {
    await viaMock('/v1/courses?api_key=query-secret-123&page=1');
    const journal = await (await fetch(`${mock.url}/_requests?api=skilljar`)).text();
    const report = JSON.stringify(await drift());
    const markdown = await (await fetch(`${mock.url}/_drift?format=markdown`)).text();
    for (const text of [journal, report, markdown, JSON.stringify(logged)]) {
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toContain(Buffer.from(`${SECRET_KEY}:`).toString('base64'));
      expect(text).not.toContain('query-secret-123');
    }
    expect(journal).toContain('api_key=[redacted]&page=1');
    // The redacted samples keep shapes, not personal data.
    expect(report).not.toContain('hello world');
  });

  it('keeps the other APIs mocked in the same process', async () => {
    const before = upstream.received.length;
    const answer = await fetch(
      `${mock.url}/samsara/training-assignments/stream?startTime=2024-01-01T00:00:00Z`,
      {
        headers: { authorization: 'Bearer any' },
      },
    );
    expect(answer.status).toBe(200);
    expect(Array.isArray(((await answer.json()) as { data: unknown[] }).data)).toBe(true);
    expect(upstream.received.length).toBe(before);
    expect((await drift()).apis.map((api) => api.api)).toEqual(['skilljar']);
  });

  it('answers 502 in problem+json when the upstream is unreachable', async () => {
    const down = await startMockServer({
      port: 0,
      specsDir: SPECS_DIR,
      proxy: { skilljar: 'http://127.0.0.1:1' },
    });
    try {
      const answer = await fetch(`${down.url}/skilljar/v1/courses`, { headers: { authorization: AUTH } });
      expect(answer.status).toBe(502);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(await answer.json()).toMatchObject({ title: 'Upstream unreachable' });
      expect(down.drift.toJSON().apis[0]?.unanswered).toBe(1);
    } finally {
      await down.close();
    }
  });

  it('refuses proxy targets it cannot use', async () => {
    await expect(
      startMockServer({ port: 0, specsDir: SPECS_DIR, proxy: { nope: 'http://x' } }),
    ).rejects.toThrow(/nope is not a served API/);
    await expect(
      startMockServer({ port: 0, specsDir: SPECS_DIR, proxy: { skilljar: 'ftp://example.com' } }),
    ).rejects.toThrow(/must be http or https/);
    await expect(
      startMockServer({ port: 0, specsDir: SPECS_DIR, proxy: { skilljar: 'https://key:pw@example.com' } }),
    ).rejects.toThrow(/no credentials/);
    // SNworks' server is per publication: its default subdomain is someone else's newsroom.
    await expect(
      startMockServer({ port: 0, specsDir: SPECS_DIR, proxy: { snworks: 'production' } }),
    ).rejects.toThrow(/one per customer: give your instance's URL/);
  });

  it('maps production to the spec server and writes the report (JSON and Markdown) on close', async () => {
    expect(mock.drift.toJSON().apis[0]?.upstream).toBe(upstream.url);
    const production = await startMockServer({
      port: 0,
      specsDir: SPECS_DIR,
      apis: ['thrive'],
      proxy: { thrive: 'production' },
    });
    expect(production.drift.toJSON().apis[0]?.upstream).toBe('https://public.api.learn.link/rest/v1');
    await production.close();

    await mock.close();
    const written = JSON.parse(readFileSync(reportFile, 'utf8')) as DriftReportJson;
    expect(operation(written, 'GET /v1/ping').response[0]?.kind).toBe('undocumented-status');
    const markdown = readFileSync(path.join(reportDir, 'drift.md'), 'utf8');
    expect(markdown).toContain('## skilljar');
    expect(markdown).toContain('### What the API did that the spec does not describe');
    expect(markdown).toContain('### What the client sent that the spec forbids');
    expect(markdown).toContain('answered 418, which the operation does not document');
  });
});
