// Hard to break: whatever a client sends, the mock answers with a 4xx and a clear body, never a
// 5xx, a hang or a dropped connection.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMockServer, startMockServer } from '../dist/index.js';
import { APIS, SPECS_DIR } from './requests.js';

let mock: RunningMockServer;
const basic = { authorization: `Basic ${Buffer.from('key:').toString('base64')}` };
const bearer = { authorization: 'Bearer t' };

beforeAll(async () => {
  mock = await startMockServer({ port: 0, specsDir: SPECS_DIR });
});

afterAll(async () => {
  await mock.close();
});

interface Raw {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** A raw HTTP request (fetch would normalise odd paths away), with a hard deadline. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
): Promise<Raw> {
  const { port } = new URL(mock.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within 10 s`)));
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** The answer has the status and a body that says what is wrong (problem+json: its detail). */
function expectClear4xx(answer: Raw, status: number, mentions: string | RegExp) {
  expect(answer.status).toBe(status);
  let text = answer.body;
  try {
    const parsed = JSON.parse(answer.body) as { detail?: unknown };
    if (typeof parsed.detail === 'string') text = parsed.detail;
  } catch {
    // not JSON: match the text itself
  }
  expect(text).toMatch(mentions);
}

describe('bad bodies', () => {
  it('malformed JSON: 400 with the parse error', async () => {
    const answer = await raw(
      'POST',
      '/skilljar/v1/courses',
      { ...basic, 'content-type': 'application/json' },
      '{"title": "x",',
    );
    expectClear4xx(answer, 400, /not valid JSON/);
    expect(answer.contentType).toBe('application/problem+json');
  });

  it('wrong types: 422 naming the property', async () => {
    const answer = await raw(
      'POST',
      '/skilljar/v1/courses',
      { ...basic, 'content-type': 'application/json' },
      JSON.stringify({ title: 42, short_description: 'x', enforce_sequential_navigation: 'yes' }),
    );
    expectClear4xx(answer, 422, /not valid/);
    const { validation } = JSON.parse(answer.body) as {
      validation: Array<{ location: string[]; message: string }>;
    };
    expect(validation.map((v) => v.location.join('.'))).toEqual(
      expect.arrayContaining(['body.title', 'body.enforce_sequential_navigation']),
    );
  });

  it('wrong content type: 415 listing the supported one', async () => {
    const answer = await raw(
      'POST',
      '/skilljar/v1/courses',
      { ...basic, 'content-type': 'text/csv' },
      'a,b,c',
    );
    expectClear4xx(answer, 415, /application\/json/);
  });

  it('a 2 MB body: 413, and the connection still answers', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 'a');
    const answer = await raw(
      'POST',
      '/skilljar/v1/courses',
      { ...basic, 'content-type': 'application/json' },
      big,
    );
    expectClear4xx(answer, 413, /bodies up to 1048576 bytes/);
    expect((await raw('GET', '/_health')).status).toBe(200);
  });
});

describe('odd paths', () => {
  it.each([
    ['/skilljar/v1/%00', /NUL byte/],
    ['/skilljar/v1/../v1/courses', /"\." or "\.\." segments/],
    ['/skilljar/v1/%2e%2e/courses', /"\." or "\.\." segments/],
    ['/skilljar/v1/%E0%A4%A', /invalid percent-encoding/],
  ])('%s: 400', async (path, mentions) => {
    expectClear4xx(await raw('GET', path, basic), 400, mentions);
  });

  it('an unknown API: 404 naming the served ones', async () => {
    const served = APIS.map((api) => `/${api}`).join(', ');
    expectClear4xx(await raw('GET', '/moodle/v1/courses', basic), 404, `Served: ${served}.`);
  });

  it('an unknown path of a known API: 404 from Prism', async () => {
    expectClear4xx(await raw('GET', '/skilljar/v1/nothing-here', basic), 404, /hasn't been found/);
  });

  it('a path outside the base path: 404 saying where paths start', async () => {
    expectClear4xx(await raw('GET', '/snworks/assignment', bearer), 404, /paths start with \/v3/);
  });

  it('a known path with an unknown method: 405', async () => {
    expectClear4xx(await raw('PATCH', '/skilljar/v1/ping', basic), 405, /does not have "patch" method/);
  });

  it('an unknown mock route: 404', async () => {
    expectClear4xx(await raw('GET', '/_nope'), 404, /Mock routes: \/_health, \/_requests/);
  });

  it('a bad journal filter: 400', async () => {
    expectClear4xx(await raw('GET', '/_requests?limit=-3'), 400, /limit must be a non-negative integer/);
  });
});

describe('never a 5xx', () => {
  it('for a burst of hostile requests in parallel', async () => {
    const hostile = [
      raw('POST', '/thrive/rest/v1/assignments', { ...basic, 'content-type': 'application/json' }, 'null'),
      raw(
        'POST',
        '/thrive/rest/v1/assignments',
        { ...basic, 'content-type': 'application/json' },
        '"just a string"',
      ),
      raw(
        'POST',
        '/snworks/v3/assignment',
        { ...bearer, 'content-type': 'application/json' },
        '{"children": {"$ref": "#"}}',
      ),
      raw('GET', `/samsara/training-assignments/stream?startTime=${'9'.repeat(5000)}`, bearer),
      raw('GET', '/samsara/training-assignments/stream?startTime=2019-06-13T19:08:25Z&learnerIds=', bearer),
      raw('GET', '/skilljar/v1/courses?page=-1&page_size=1e309', basic),
      raw('GET', '/skilljar/v1/courses', { authorization: 'Basic !!!not-base64' }),
      raw('GET', '/skilljar/v1/courses', { authorization: 'Bearer x' }),
      raw('DELETE', '/skilljar/v1/promo-code-pools/%F0%9F%92%A9', basic),
      raw('GET', '/thrive/rest/v1/assignments', { ...basic, prefer: 'code=abc' }),
      raw('GET', '/thrive/rest/v1/assignments', { ...basic, prefer: 'dynamic=maybe' }),
      raw('GET', '/', {}),
      raw('GET', '//', {}),
    ];
    const answers = await Promise.all(hostile);
    for (const answer of answers) {
      expect(answer.status, answer.body).toBeGreaterThanOrEqual(200);
      expect(answer.status, answer.body).toBeLessThan(500);
    }
  });
});
