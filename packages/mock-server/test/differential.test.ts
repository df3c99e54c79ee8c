// The mock must answer what Prism answers. For every operation of every API, the same requests
// (valid, invalid, unauthenticated, with Prefer headers and __ query forms) go to this server and
// to Prism's own CLI on the same bundle; status codes, content types and bodies must be equal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMockServer, startMockServer } from '../src/index.js';
import { type PrismCli, startPrismCli } from './prism-cli.js';
import { APIS, SPECS_DIR, type SpecOperation, specOperations } from './requests.js';

interface Variant {
  name: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string | undefined;
}

function variants(op: SpecOperation): Variant[] {
  const list: Variant[] = [{ name: 'valid', query: op.query, headers: op.headers, body: op.body }];
  const { authorization: _dropped, ...anonymous } = op.headers;
  list.push({ name: 'unauthenticated', query: op.query, headers: anonymous, body: op.body });
  if (op.body !== undefined) {
    list.push({ name: 'invalid body', query: op.query, headers: op.headers, body: '[1, "not an object"]' });
    list.push({
      name: 'wrong content type',
      query: op.query,
      headers: { ...op.headers, 'content-type': 'text/csv' },
      body: 'a,b',
    });
  }
  const required = [...op.query.keys()];
  if (required.length > 0) {
    const missing = new URLSearchParams(op.query);
    missing.delete(required[0] as string);
    list.push({ name: `missing ${required[0]}`, query: missing, headers: op.headers, body: op.body });
  }
  const typed = (op.operation.parameters ?? []).find(
    (p) => p.in === 'query' && ['integer', 'number', 'boolean'].includes(String(p.schema?.type)),
  );
  if (typed) {
    const wrong = new URLSearchParams(op.query);
    wrong.set(typed.name, 'not-a-number');
    list.push({ name: `wrong type ${typed.name}`, query: wrong, headers: op.headers, body: op.body });
  }
  for (const code of Object.keys(op.operation.responses)) {
    if (code === 'default') continue;
    list.push({
      name: `Prefer code=${code}`,
      query: op.query,
      headers: { ...op.headers, prefer: `code=${code}` },
      body: op.body,
    });
  }
  for (const [code, response] of Object.entries(op.operation.responses)) {
    for (const key of Object.keys(response.content?.['application/json']?.examples ?? {})) {
      list.push({
        name: `Prefer code=${code}, example=${key}`,
        query: op.query,
        headers: { ...op.headers, prefer: `code=${code}, example=${key}` },
        body: op.body,
      });
    }
  }
  list.push({
    name: 'Prefer dynamic=true, seed=7',
    query: op.query,
    headers: { ...op.headers, prefer: 'dynamic=true, seed=7' },
    body: op.body,
  });
  list.push({
    name: 'Prefer code=599 (undefined)',
    query: op.query,
    headers: { ...op.headers, prefer: 'code=599' },
    body: op.body,
  });
  list.push({
    name: 'Prefer code=abc (malformed)',
    query: op.query,
    headers: { ...op.headers, prefer: 'code=abc' },
    body: op.body,
  });
  list.push({
    name: 'Prefer example=nope',
    query: op.query,
    headers: { ...op.headers, prefer: 'example=nope' },
    body: op.body,
  });
  const underscore = new URLSearchParams(op.query);
  underscore.set('__code', Object.keys(op.operation.responses).find((code) => code.startsWith('4')) ?? '200');
  list.push({
    name: `__code=${underscore.get('__code')}`,
    query: underscore,
    headers: op.headers,
    body: op.body,
  });
  return list;
}

interface Answer {
  status: number;
  contentType: string | null;
  body: unknown;
}

async function call(url: string, method: string, variant: Variant): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: variant.headers,
    ...(variant.body !== undefined ? { body: variant.body } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : text;
  } catch {
    // compare as text
  }
  return { status: response.status, contentType: response.headers.get('content-type'), body };
}

let mock: RunningMockServer;
const prism = new Map<string, PrismCli>();

beforeAll(async () => {
  mock = await startMockServer({ port: 0, specsDir: SPECS_DIR, mode: 'static' });
  // Prism's CLI is slow to start; start all four at once.
  const started = await Promise.all(APIS.map(async (api) => [api, await startPrismCli(api)] as const));
  for (const [api, cli] of started) prism.set(api, cli);
});

afterAll(async () => {
  await Promise.all([...prism.values()].map((cli) => cli.stop()));
  await mock?.close();
});

describe.each(APIS)('%s: same answers as `prism mock`', (api) => {
  it('for every operation and request variant', async () => {
    const cli = prism.get(api) as PrismCli;
    const mismatches: string[] = [];
    let compared = 0;
    for (const op of specOperations(api)) {
      for (const variant of variants(op)) {
        const query = variant.query.size > 0 ? `?${variant.query}` : '';
        const [ours, theirs] = await Promise.all([
          call(`${mock.apis[api]}${op.path}${query}`, op.method, variant),
          call(`${cli.url}${op.path}${query}`, op.method, variant),
        ]);
        compared += 1;
        try {
          expect(ours).toEqual(theirs);
        } catch {
          mismatches.push(
            `${op.method} ${op.template} [${variant.name}]: ours ${ours.status} ${JSON.stringify(ours.body).slice(0, 160)} | prism ${theirs.status} ${JSON.stringify(theirs.body).slice(0, 160)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(specOperations(api).length * 5);
  });
});
