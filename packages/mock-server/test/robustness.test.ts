// Hard to break: whatever a client sends, the mock answers with a 4xx and a clear body, never a
// 5xx, a hang or a dropped connection.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMockServer, startMockServer } from '../src/index.js';
import { APIS, SPECS_DIR, testJwt } from './requests.js';

let mock: RunningMockServer;
let stateful: RunningMockServer;
const basic = { authorization: `Basic ${Buffer.from('key:').toString('base64')}` };
const bearer = { authorization: 'Bearer t' };

beforeAll(async () => {
  // Prism's own answers to bad requests: the static mode (the stateful one answers in each API's
  // own error shape, tested below).
  mock = await startMockServer({ port: 0, specsDir: SPECS_DIR, mode: 'static' });
  stateful = await startMockServer({ port: 0, specsDir: SPECS_DIR });
});

afterAll(async () => {
  await mock.close();
  await stateful.close();
});

interface Raw {
  status: number;
  contentType: string | undefined;
  body: string;
  violations: string | undefined;
  allow: string | undefined;
}

/** A raw HTTP request (fetch would normalise odd paths away), with a hard deadline. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
  server: RunningMockServer = mock,
): Promise<Raw> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
          violations: res.headers['sl-violations'] as string | undefined,
          allow: res.headers.allow,
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
      '/thrive/rest/v1/assignments',
      { ...basic, 'content-type': 'application/json' },
      JSON.stringify({ audienceId: 42, contentId: 'x', completionPeriod: 'soon' }),
    );
    // Thrive documents 422: Prism answers with its example, naming the violations in the header.
    expect(answer.status).toBe(422);
    const violations = answer.violations ?? '';
    expect(violations).toContain('audienceId');
    expect(violations).toContain('completionPeriod');
  });

  it('wrong content type: 415 (Prism answers the documented error with that status)', async () => {
    const answer = await raw(
      'POST',
      '/samsara/training-assignments?courseId=c&learnerIds=a',
      { ...bearer, 'content-type': 'text/csv' },
      'a,b,c',
    );
    expect(answer.status).toBe(415);
    expect(answer.violations).toMatch(/"code":415/);
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

  it('an unknown path of a known API: 404 from Prism (static mode)', async () => {
    expectClear4xx(await raw('GET', '/skilljar/v1/nothing-here', basic), 404, /hasn't been found/);
  });

  it('a path outside the base path: 404 saying where paths start', async () => {
    expectClear4xx(await raw('GET', '/snworks/assignment', bearer), 404, /paths start with \/v3/);
  });

  it('a known path with an unknown method: 405 with Allow (RFC 9110)', async () => {
    const answer = await raw('PATCH', '/skilljar/v1/ping', basic);
    expectClear4xx(answer, 405, /does not have "patch" method/);
    expect(answer.allow).toBe('GET');
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

describe('bad requests in each API’s own error shape (stateful mode)', () => {
  const thriveAuth = { authorization: `Basic ${Buffer.from('t:s').toString('base64')}` };
  const json = { 'content-type': 'application/json' };
  const send = (method: string, path: string, headers: Record<string, string>, body?: string | Buffer) =>
    raw(method, path, headers, body, stateful);

  it('Skilljar (DRF): 400 with a map of fields to messages, built from the actual violations', async () => {
    const empty = await send('POST', '/skilljar/v1/courses', { ...basic, ...json }, '{}');
    expect(empty.status).toBe(400);
    // CourseInput's required fields, each with DRF's message.
    expect(JSON.parse(empty.body)).toEqual({
      title: ['This field is required.'],
      short_description: ['This field is required.'],
      enforce_sequential_navigation: ['This field is required.'],
    });
    const wrong = await send(
      'POST',
      '/skilljar/v1/courses',
      { ...basic, ...json },
      JSON.stringify({ title: 42, labels: 'x' }),
    );
    expect(JSON.parse(wrong.body)).toMatchObject({
      title: ['Not a valid string.'],
      labels: ['Expected a list of items.'],
    });
    const list = await send('POST', '/skilljar/v1/courses', { ...basic, ...json }, '[1]');
    expect(JSON.parse(list.body)).toHaveProperty('non_field_errors');
    // The answer is the spec's documented 400: the request's violations are reported, none of the response.
    expect(empty.violations).toContain('"request"');
    expect(empty.violations).not.toContain('"response"');
  });

  it('Skilljar: a partial PUT is accepted (PUT is a partial update)', async () => {
    const answer = await send(
      'PUT',
      '/skilljar/v1/courses/376culderht1r',
      { ...basic, ...json },
      JSON.stringify({ title: 'Only a title' }),
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ id: '376culderht1r', title: 'Only a title' });
  });

  it.each([
    [
      'skilljar',
      '/skilljar/v1/courses',
      basic,
      400,
      // The spec's 400 is DRF's field map: a body that does not parse is no field's error.
      (body: Record<string, unknown>) =>
        expect(body).toEqual({ non_field_errors: [expect.stringMatching(/^JSON parse error - /)] }),
    ],
    [
      'thrive',
      '/thrive/rest/v1/assignments',
      thriveAuth,
      400,
      (body: Record<string, unknown>) => expect(body).toMatchObject({ status: 400, error: 'Bad Request' }),
    ],
    [
      'samsara',
      '/samsara/training-assignments?courseId=c&learnerIds=a',
      bearer,
      400,
      (body: Record<string, unknown>) => expect(body).toHaveProperty('requestId'),
    ],
    [
      'snworks',
      '/snworks/v3/assignment',
      bearer,
      // SNworks documents no 400: invalid input is its 422.
      422,
      (body: Record<string, unknown>) => expect(body.message).toMatch(/not valid JSON/),
    ],
  ])(
    '%s: malformed JSON answers a status its spec documents, in the API’s shape',
    async (_api, path, auth, status, check) => {
      const answer = await send('POST', path, { ...auth, ...json }, '{"title": ');
      expect(answer.status).toBe(status);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect(answer.violations).toBeUndefined();
      check(JSON.parse(answer.body));
    },
  );

  it('wrong content type and oversized bodies in the API’s shape', async () => {
    const csv = await send(
      'POST',
      '/thrive/rest/v1/assignments',
      { ...thriveAuth, 'content-type': 'text/csv' },
      'a,b',
    );
    expect(csv.status).toBe(415);
    expect(JSON.parse(csv.body)).toMatchObject({ status: 415, error: 'Unsupported Media Type' });
    const drf = await send('POST', '/skilljar/v1/courses', { ...basic, 'content-type': 'text/csv' }, 'a,b');
    expect(JSON.parse(drf.body)).toEqual({ detail: 'Unsupported media type "text/csv" in request.' });
    const big = await send(
      'POST',
      '/snworks/v3/assignment',
      { ...bearer, ...json },
      Buffer.alloc(2 * 1024 * 1024, 'a'),
    );
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toEqual({ message: expect.stringMatching(/too large/) });
  });

  it.each([
    ['skilljar', '/skilljar/v1/nothing-here', basic, { detail: expect.stringContaining('/v1/nothing-here') }],
    [
      'thrive',
      '/thrive/rest/v1/nothing-here',
      { authorization: `Basic ${Buffer.from('t:s').toString('base64')}` },
      { status: 404, error: 'Not Found', message: expect.stringContaining('/nothing-here') },
    ],
    [
      'samsara',
      '/samsara/nothing-here',
      bearer,
      { message: expect.stringContaining('/nothing-here'), requestId: expect.any(String) },
    ],
    [
      'snworks',
      '/snworks/v3/nothing-here',
      { authorization: `Bearer ${testJwt()}` },
      { message: expect.stringContaining('/nothing-here') },
    ],
  ])(
    '%s: a path no operation has answers 404 in the API’s shape, not Prism’s',
    async (_api, path, auth, body) => {
      const answer = await send('GET', path, auth);
      expect(answer.status).toBe(404);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect(answer.violations).toBeUndefined();
      expect(JSON.parse(answer.body)).toEqual(body);
      // With a Prefer header the request asks for Prism's behaviour, and gets Prism's problem.
      const prism = await send('GET', path, { ...auth, prefer: 'code=200' });
      expect(prism.status).toBe(404);
      expect(JSON.parse(prism.body).type).toMatch(/#NO_PATH_MATCHED_ERROR$/);
    },
  );

  it('405 carries Allow, in the API’s shape (Samsara documents 405)', async () => {
    const answer = await send('TRACE', '/samsara/training-assignments', bearer);
    expect(answer.status).toBe(405);
    expect(answer.allow).toBe('DELETE, PATCH, POST');
    expect(JSON.parse(answer.body)).toMatchObject({
      message: expect.stringMatching(/TRACE/),
      requestId: expect.any(String),
    });
  });

  it('empty query values are validated like any other value', async () => {
    const answer = await send('GET', '/snworks/v3/assignment?dir=', { authorization: `Bearer ${testJwt()}` });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(answer.body).message).toMatch(/dir must not be empty/);
    const user = await send('GET', '/thrive/rest/v1/learning/completions?userId=', {
      authorization: `Basic ${Buffer.from('t:s').toString('base64')}`,
    });
    expect(user.status).toBe(422);
  });

  it('a blank query value the parameter’s schema allows is accepted and filters nothing', async () => {
    const all = await send('GET', '/skilljar/v1/domains/example.com/users', basic);
    const blank = await send('GET', '/skilljar/v1/domains/example.com/users?user__email=', basic);
    expect(blank.status).toBe(200);
    expect(blank.violations).toBeUndefined();
    expect(JSON.parse(blank.body).count).toBe(JSON.parse(all.body).count);
  });
});
