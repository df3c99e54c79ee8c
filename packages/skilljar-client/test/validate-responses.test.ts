// `validateResponses`: the client checks answers against the spec. A local fake upstream departs
// from the Skilljar spec in each way the check knows; the mock's proxy, in front of the same
// upstream, must name the same departures in the same words.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from '@lms-apis/client-core';
import { startMockServer } from '@lms-apis/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createSkilljarClient } from '../src/index.js';
import { loadSkilljarSpec } from './spec-operations.js';

let upstream: Server;
let upstreamUrl: string;

function departingPurchase(): Record<string, unknown> {
  const examples = loadSkilljarSpec().components as {
    examples: Record<string, { value: Record<string, unknown> }>;
  };
  const { order_id: _required, ...purchase } = examples.examples.Purchase?.value ?? {};
  return { ...purchase, id: 'p1', purchased_at: 'yesterday' };
}

const ANSWERS: Record<string, [number, string, unknown]> = {
  // An extra property, a wrong type and null where the spec says never null.
  '/v1/courses': [
    200,
    'application/json',
    {
      count: 1,
      next: null,
      previous: null,
      results: [{ id: 'c1', title: 42, enforce_sequential_navigation: null, surprise_field: 'x' }],
    },
  ],
  // A required property left out and a date-time that is not one: the spec's own example, changed.
  '/v1/purchases/p1': [200, 'application/json', departingPurchase()],
  // A value outside the enum.
  '/v1/assets/a1': [200, 'application/json', { id: 'a1', aspect_ratio: '21:9' }],
  // An undocumented status, and an undocumented content type.
  '/v1/ping': [418, 'application/json', { detail: "I'm a teapot" }],
  '/v1/purchases/p2': [200, 'text/html', '<html></html>'],
};

type Call = (client: ReturnType<typeof createSkilljarClient>) => Promise<unknown>;
const CALLS: Call[] = [
  (c) => c.GET('/v1/courses'),
  (c) => c.GET('/v1/purchases/{purchase_id}', { params: { path: { purchase_id: 'p1' } } }),
  (c) => c.GET('/v1/assets/{asset_id}', { params: { path: { asset_id: 'a1' } } }),
  (c) => c.GET('/v1/ping'),
  // HTML is not JSON: read it as text, as a caller of this drifting upstream would have to.
  (c) => c.GET('/v1/purchases/{purchase_id}', { params: { path: { purchase_id: 'p2' } }, parseAs: 'text' }),
];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const [status, type, body] = ANSWERS[req.url ?? ''] ?? [
      404,
      'application/json',
      { detail: 'Not found.' },
    ];
    res.writeHead(status, { 'content-type': type });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));
afterEach(() => vi.restoreAllMocks());

async function warningsFrom(baseUrl: string): Promise<string[]> {
  const warnings: string[] = [];
  const client = createSkilljarClient({
    apiKey: 'k',
    baseUrl,
    retry: false,
    validateResponses: 'warn',
    logger: { debug: () => {}, warn: (line) => warnings.push(line) },
  });
  for (const call of CALLS) await call(client);
  return warnings;
}

describe('Skilljar client, validateResponses', () => {
  it("warn: names every departure through the logger, in the same words as the mock's drift report", async () => {
    const warnings = await warningsFrom(upstreamUrl);
    expect(warnings).toEqual(
      expect.arrayContaining([
        'GET /v1/courses: results[].surprise_field: returned, but the schema does not describe it',
        'GET /v1/courses: results[].title: is integer, the spec says string',
        'GET /v1/courses: results[].enforce_sequential_navigation: is null, the spec says it is never null (boolean)',
        'GET /v1/purchases/{purchase_id}: order_id: required by the spec, but left out',
        'GET /v1/purchases/{purchase_id}: purchased_at: is not a valid date-time',
        `GET /v1/assets/{asset_id}: aspect_ratio: "21:9" is not one of the spec's values ("16:9" | "4:3")`,
        'GET /v1/ping: answered 418, which the operation does not document (documented: 200, 401)',
        'GET /v1/purchases/{purchase_id}: answered text/html for 200, which the operation does not document (documented: application/json)',
      ]),
    );

    // The mock's proxy in front of the same upstream: its report lists the same findings.
    const proxy = await startMockServer({ port: 0, apis: ['skilljar'], proxy: { skilljar: upstreamUrl } });
    try {
      const plain = createSkilljarClient({
        apiKey: 'k',
        baseUrl: proxy.apis.skilljar as string,
        retry: false,
      });
      for (const call of CALLS) await call(plain);
      const reported = proxy.drift
        .toJSON()
        .apis.flatMap((api) => api.operations)
        .flatMap((op) => op.response.map((found) => `${op.operation}: ${found.message}`));
      expect(new Set(reported)).toEqual(new Set(warnings));
    } finally {
      await proxy.close();
    }
  });

  it('warn without a logger.warn goes to console.warn; the call still returns its data', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = createSkilljarClient({ apiKey: 'k', baseUrl: upstreamUrl, validateResponses: 'warn' });
    const { data } = await client.GET('/v1/courses');
    expect(data?.results[0]?.id).toBe('c1');
    expect(warn).toHaveBeenCalledWith(
      '[lms-apis] spec drift: GET /v1/courses: results[].surprise_field: returned, but the schema does not describe it',
    );
  });

  it('throw: rejects with an ApiError of kind drift that carries the findings', async () => {
    const client = createSkilljarClient({ apiKey: 'k', baseUrl: upstreamUrl, validateResponses: 'throw' });
    const error = await client.GET('/v1/courses').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    const drift = error as ApiError;
    expect(drift.kind).toBe('drift');
    expect(drift.status).toBe(200);
    expect(drift.operation).toBe('GET /v1/courses');
    expect(drift.drift.map((found) => found.location)).toEqual(
      expect.arrayContaining([
        'results[].surprise_field',
        'results[].title',
        'results[].enforce_sequential_navigation',
      ]),
    );
    expect(drift.message).toContain('departing from the spec: ');
    expect((drift.body as { count: number }).count).toBe(1);
  });

  it('off (the default): nothing is checked', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = createSkilljarClient({ apiKey: 'k', baseUrl: upstreamUrl });
    for (const call of CALLS) await call(client);
    expect(warn).not.toHaveBeenCalled();
  });

  it('finds nothing in answers that follow the spec (the stateful mock)', async () => {
    const client = createSkilljarClient({
      apiKey: 'k',
      baseUrl: inject('mockApis').skilljar as string,
      retry: false,
      validateResponses: 'throw',
      headers: { 'X-Mock-Session': 'validate-responses' },
    });
    const created = await client.POST('/v1/courses', {
      body: { title: 'Checked', short_description: 'S', enforce_sequential_navigation: false },
    });
    expect(created.response.status).toBe(201);
    const id = created.data?.id as string;
    await client.PATCH('/v1/courses/{course_id}', {
      params: { path: { course_id: id } },
      body: { title: 'Again' },
    });
    for await (const course of client.paginate('/v1/courses')) expect(course.id).toBeTypeOf('string');
    const missing = await client.PATCH('/v1/courses/{course_id}', {
      params: { path: { course_id: 'nope' } },
      body: { title: 'x' },
    });
    expect(missing.response.status).toBe(404);
    await client.GET('/v1/ping');
  });

  it('refuses an unknown mode', () => {
    expect(() =>
      createSkilljarClient({ apiKey: 'k', baseUrl: upstreamUrl, validateResponses: 'loud' as never }),
    ).toThrow(/validateResponses: 'off', 'warn' or 'throw'/);
  });
});
