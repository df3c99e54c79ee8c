// Stateful mode's auth, rate limits and faults, at the HTTP level (what curl sees): each API's
// credential rules from its behaviour declaration, the documented rate limit read from the spec,
// seeded fault injection and latency. `--static` keeps Prism's behaviour (last block).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadApis } from '../src/core/specs.js';
import {
  ManualClock,
  type MockServerOptions,
  type RunningMockServer,
  startMockServer,
} from '../src/index.js';
import { parseJwt, signJwt, verifiesHs256 } from '../src/policies/jwt.js';
import { RateLimiter, rateLimitsOf } from '../src/policies/rate-limit.js';
import { RateWindows } from '../src/store/credentials.js';
import { SPECS_DIR, testJwt } from './requests.js';

const servers: RunningMockServer[] = [];

async function start(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const server = await startMockServer({ port: 0, specsDir: SPECS_DIR, ...options });
  servers.push(server);
  return server;
}

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
  violations: string | null;
}

async function call(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : {},
    headers: response.headers,
    violations: response.headers.get('sl-violations'),
  };
}

/**
 * The answer to a request the mock holds back by `ms` of injected latency: still held a
 * millisecond before, sent once the clock reaches it.
 */
async function heldFor<T>(clock: ManualClock, ms: number, pending: Promise<T>): Promise<T> {
  await vi.waitFor(() => expect(clock.pendingTimers).toBe(1), { interval: 5 });
  clock.advance(ms - 1);
  expect(clock.pendingTimers).toBe(1);
  clock.advance(1);
  expect(clock.pendingTimers).toBe(0);
  return pending;
}

const basic = (user: string, password = '') =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const assignment = { audienceId: '63f8c546a05716c51210ac81', contentId: '63f8c54a8cb9790c99de077a' };
const STREAM = '/training-assignments/stream?startTime=2024-01-01T00:00:00Z';

async function thriveToken(server: RunningMockServer, scope: string): Promise<string> {
  const response = await fetch(`${server.url}/thrive/oauth2/token/eu-west-2_AbcdEfghI`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basic('client', 'secret'),
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

function decodeJwt(token: string): Record<string, unknown> {
  return parseJwt(token)?.payload ?? {};
}

describe('Thrive OAuth2: tokens the mock issued, scopes as the spec maps them', () => {
  let server: RunningMockServer;
  const clock = new ManualClock();
  beforeAll(async () => {
    server = await start({ tokenTtlSeconds: 1, clock });
  });

  it('a read-scoped token reads but gets 403 on POST /assignments, in Thrive’s error shape', async () => {
    const token = await thriveToken(server, 'api/read');
    const headers = { authorization: `Bearer ${token}` };
    expect((await call(`${server.apis.thrive}/assignments`, { headers })).status).toBe(200);
    const refused = await call(`${server.apis.thrive}/assignments`, {
      method: 'POST',
      headers,
      body: assignment,
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ status: 403, error: 'Forbidden' });
    expect(refused.body.message).toMatch(/api\/write or api\/all/);
    expect(refused.violations).toBeNull();
  });

  it('write-only tokens cannot read; api/all does both', async () => {
    const write = { authorization: `Bearer ${await thriveToken(server, 'api/write')}` };
    expect((await call(`${server.apis.thrive}/assignments`, { headers: write })).status).toBe(403);
    expect(
      (await call(`${server.apis.thrive}/assignments`, { method: 'POST', headers: write, body: assignment }))
        .status,
    ).toBe(201);
    const all = { authorization: `Bearer ${await thriveToken(server, 'api/all')}` };
    expect((await call(`${server.apis.thrive}/assignments`, { headers: all })).status).toBe(200);
    expect(
      (await call(`${server.apis.thrive}/assignments`, { method: 'POST', headers: all, body: assignment }))
        .status,
    ).toBe(201);
  });

  it('an unknown token gets 401; an expired one too; Basic keeps working', async () => {
    const unknown = await call(`${server.apis.thrive}/assignments`, {
      headers: { authorization: 'Bearer made-up' },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ status: 401, error: 'Unauthorized' });
    const token = await thriveToken(server, 'api/all');
    clock.advance(1000);
    const expired = await call(`${server.apis.thrive}/assignments`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/);
    const withBasic = await call(`${server.apis.thrive}/assignments`, {
      headers: { authorization: basic('eu-west-2_AbcdEfghI', 'secret') },
    });
    expect(withBasic.status).toBe(200);
  });

  it('the token endpoint says how long its tokens live (--token-ttl)', async () => {
    const response = await fetch(`${server.url}/thrive/oauth2/token/t`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('c', 's') },
      body: 'grant_type=client_credentials',
    });
    expect(((await response.json()) as { expires_in: number }).expires_in).toBe(1);
  });
});

describe('SNworks JWTs', () => {
  let server: RunningMockServer;
  let keyed: RunningMockServer;
  beforeAll(async () => {
    server = await start();
    keyed = await start({ jwtKeys: { snworks: { publicKey: 'pub', privateKey: 'priv' } } });
  });

  it('an expired JWT gets 403, a malformed one or one without pk 401, a valid one 200 (any key)', async () => {
    const url = `${server.apis.snworks}/assignment`;
    const expired = await call(url, { headers: { authorization: `Bearer ${testJwt(-10)}` } });
    expect(expired.status).toBe(403);
    expect(expired.body).toEqual({ message: 'The token has expired.' });
    expect((await call(url, { headers: { authorization: 'Bearer your-jwt' } })).status).toBe(401);
    const noPk = signJwt({ exp: 99999999999 }, 'any-secret');
    expect((await call(url, { headers: { authorization: `Bearer ${noPk}` } })).status).toBe(401);
    const valid = await call(url, {
      headers: { authorization: `Bearer ${testJwt(600, 'any-secret', 'any-pk')}` },
    });
    expect(valid.status).toBe(200);
  });

  it('GET /token/refresh answers a fresh JWT with a later exp, and refuses an expired one', async () => {
    const old = testJwt(30);
    const refreshed = await call(`${server.apis.snworks}/token/refresh`, {
      headers: { authorization: `Bearer ${old}` },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.violations).toBeNull();
    const token = refreshed.body.token as string;
    const claims = decodeJwt(token);
    expect(claims.pk).toBe('public-key');
    expect(claims.exp as number).toBeGreaterThan(decodeJwt(old).exp as number);
    // The renewed token is accepted in turn.
    expect(
      (await call(`${server.apis.snworks}/assignment`, { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(200);
    const late = await call(`${server.apis.snworks}/token/refresh`, {
      headers: { authorization: `Bearer ${testJwt(-1)}` },
    });
    expect(late.status).toBe(403);
  });

  it('with the key pair given, only tokens signed with it and carrying its pk pass', async () => {
    const url = `${keyed.apis.snworks}/assignment`;
    expect(
      (await call(url, { headers: { authorization: `Bearer ${testJwt(600, 'priv', 'pub')}` } })).status,
    ).toBe(200);
    expect(
      (await call(url, { headers: { authorization: `Bearer ${testJwt(600, 'wrong', 'pub')}` } })).status,
    ).toBe(401);
    expect(
      (await call(url, { headers: { authorization: `Bearer ${testJwt(600, 'priv', 'other')}` } })).status,
    ).toBe(401);
    const refreshed = await call(`${keyed.apis.snworks}/token/refresh`, {
      headers: { authorization: `Bearer ${testJwt(600, 'priv', 'pub')}` },
    });
    const renewed = parseJwt(refreshed.body.token as string);
    expect(renewed && verifiesHs256(renewed, 'priv')).toBe(true);
    expect(renewed && verifiesHs256(renewed, 'another-key')).toBe(false);
  });
});

describe('API keys: any by default, only the given ones with apiKeys', () => {
  it('Skilljar (Basic username) and Samsara (Bearer) answer 401 in their shape for other keys', async () => {
    const open = await start();
    expect(
      (await call(`${open.apis.skilljar}/v1/ping`, { headers: { authorization: basic('anything') } })).status,
    ).toBe(200);
    const server = await start({ apiKeys: { skilljar: ['good-key'], samsara: ['good-token'] } });
    const skilljar = `${server.apis.skilljar}/v1/courses`;
    expect((await call(skilljar, { headers: { authorization: basic('good-key') } })).status).toBe(200);
    const refused = await call(skilljar, { headers: { authorization: basic('bad-key') } });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ detail: 'Invalid API key.' });
    const samsara = `${server.apis.samsara}/training-courses`;
    expect((await call(samsara, { headers: { authorization: 'Bearer good-token' } })).status).toBe(200);
    const samsaraRefused = await call(samsara, { headers: { authorization: 'Bearer bad-token' } });
    expect(samsaraRefused.status).toBe(401);
    expect(Object.keys(samsaraRefused.body).sort()).toEqual(['message', 'requestId']);
  });
});

describe('option checks', () => {
  it('refuses keys for an API it does not know, and a bad token lifetime', async () => {
    await expect(start({ apiKeys: { nope: ['k'] } })).rejects.toThrow(/apiKeys: unknown API nope/);
    await expect(start({ jwtKeys: { thrive2: { publicKey: 'a', privateKey: 'b' } } })).rejects.toThrow(
      /jwtKeys: unknown API thrive2/,
    );
    await expect(start({ tokenTtlSeconds: 0 })).rejects.toThrow(/tokenTtlSeconds must be a positive number/);
  });
});

describe('rate limits from the spec (x-rate-limit)', () => {
  it('reads Samsara’s stream limit from its spec, and nothing else is limited', () => {
    const samsara = loadApis(SPECS_DIR).find((api) => api.name === 'samsara');
    const limits = rateLimitsOf(samsara?.document as never);
    expect([...limits.entries()]).toEqual([
      ['getTrainingAssignmentsStream', { requests: 5, windowMs: 1000 }],
    ]);
  });

  it('a limit read from a document is enforced per credential over a rolling window', () => {
    const document = {
      paths: { '/x': { get: { operationId: 'getX', 'x-rate-limit': { requests: 2, per: 'minute' } } } },
    };
    const limiter = new RateLimiter('api', rateLimitsOf(document as never), new RateWindows());
    expect(limiter.take('getX', 'a', 0)).toBeUndefined();
    expect(limiter.take('getX', 'a', 10)).toBeUndefined();
    // The window is a minute less 50 ms of jitter allowance: the first leaves it at 59.95 s.
    expect(limiter.take('getX', 'a', 20)).toBeCloseTo(59.93, 3);
    expect(limiter.take('getX', 'b', 20)).toBeUndefined();
    expect(limiter.take('other', 'a', 20)).toBeUndefined();
    expect(limiter.take('getX', 'a', 59_950)).toBeUndefined();
    expect(limiter.take('getX', 'a', 59_951)).toBeCloseTo(0.009, 3);
  });

  it('at most 5 in any second, however they are spread; a client paced at the rate passes with jitter', () => {
    const document = {
      paths: { '/x': { get: { operationId: 'getX', 'x-rate-limit': { requests: 5, per: 'second' } } } },
    };
    const spread = new RateLimiter('api', rateLimitsOf(document as never), new RateWindows());
    const admitted = [0, 100, 200, 300, 400, 500, 600, 700, 800, 900].filter(
      (time) => spread.take('getX', 'a', time) === undefined,
    );
    expect(admitted).toEqual([0, 100, 200, 300, 400]);
    // One every 200 ms, arriving up to 40 ms early or late.
    const paced = new RateLimiter('api', rateLimitsOf(document as never), new RateWindows());
    for (const time of [0, 210, 390, 610, 790, 960, 1190, 1370, 1620, 1760, 1990])
      expect(paced.take('getX', 'a', time)).toBeUndefined();
  });

  it('12 stream calls in a second: five 200s, then 429s with a fractional Retry-After and {message, requestId}', async () => {
    // The clock stands still while the twelve calls go out: all of them fall in one second.
    const clock = new ManualClock();
    const server = await start({ clock });
    const url = `${server.apis.samsara}${STREAM}`;
    const headers = { authorization: 'Bearer rate-test' };
    const answers: Answer[] = [];
    for (let i = 0; i < 12; i += 1) answers.push(await call(url, { headers }));
    expect(answers.map((answer) => answer.status)).toEqual([...Array(5).fill(200), ...Array(7).fill(429)]);
    for (const answer of answers.slice(5)) {
      const retryAfter = Number(answer.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(1);
      expect(Object.keys(answer.body).sort()).toEqual(['message', 'requestId']);
      expect(answer.violations).toBeNull();
    }
    // Another token has its own budget; the first one's comes back after Retry-After.
    expect((await call(url, { headers: { authorization: 'Bearer other' } })).status).toBe(200);
    const wait = Number(answers[11]?.headers.get('retry-after'));
    clock.advance(wait * 1000 - 1);
    expect((await call(url, { headers })).status).toBe(429);
    clock.advance(1);
    expect((await call(url, { headers })).status).toBe(200);
  });

  it('rateLimits: false turns them off', async () => {
    const server = await start({ rateLimits: false });
    const url = `${server.apis.samsara}${STREAM}`;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1)
      statuses.push((await call(url, { headers: { authorization: 'Bearer t' } })).status);
    expect(statuses).toEqual(Array(8).fill(200));
  });
});

describe('seeded fault injection and latency', () => {
  const RETRYABLE = [429, 500, 502, 503, 504];

  async function sixtyCalls(server: RunningMockServer): Promise<Answer[]> {
    const answers: Answer[] = [];
    for (let i = 0; i < 60; i += 1)
      answers.push(
        await call(`${server.apis.samsara}/training-courses`, { headers: { authorization: 'Bearer t' } }),
      );
    return answers;
  }

  it('failRate 0.5, seed 7: about half of 60 calls fail, each retryable, in the API’s shape, the same way each run', async () => {
    const first = await sixtyCalls(await start({ failRate: 0.5, seed: '7' }));
    const failed = first.filter((answer) => answer.status !== 200);
    expect(failed.length).toBeGreaterThanOrEqual(20);
    expect(failed.length).toBeLessThanOrEqual(40);
    for (const answer of failed) {
      expect(RETRYABLE).toContain(answer.status);
      expect(Object.keys(answer.body).sort()).toEqual(['message', 'requestId']);
      // Samsara documents every retryable status on this operation: no output violation.
      expect(answer.violations).toBeNull();
      if (answer.status === 429) {
        const retryAfter = Number(answer.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(1);
      }
    }
    const again = await sixtyCalls(await start({ failRate: 0.5, seed: '7' }));
    expect(again.map((answer) => answer.status)).toEqual(first.map((answer) => answer.status));
    const other = await sixtyCalls(await start({ failRate: 0.5, seed: '8' }));
    expect(other.map((answer) => answer.status)).not.toEqual(first.map((answer) => answer.status));
  });

  it('a fault never changes state; mock routes are never faulted', async () => {
    const server = await start({ failRate: 1, seed: 'f' });
    const headers = { authorization: basic('t', 's'), 'X-Mock-Session': 'faults' };
    const created = await call(`${server.apis.thrive}/assignments`, {
      method: 'POST',
      headers,
      body: assignment,
    });
    expect(RETRYABLE).toContain(created.status);
    expect(created.body).toMatchObject({ status: created.status });
    expect((await call(`${server.url}/_health`)).status).toBe(200);
    const state = await call(`${server.url}/_state?session=faults`);
    expect(state.status).toBe(200);
    // The session was never touched: nothing was stored.
    expect(state.body.collections).toEqual({});
  });

  it('Prefer: fail= and latency= per request; Prism’s code= still works beside them', async () => {
    const clock = new ManualClock();
    const server = await start({ clock });
    const headers = { authorization: basic('key') };
    const failed = await call(`${server.apis.skilljar}/v1/courses`, {
      headers: { ...headers, prefer: 'fail=503' },
    });
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({ detail: 'Injected fault: 503.' });
    const pending = call(`${server.apis.skilljar}/v1/courses`, {
      headers: { ...headers, prefer: 'latency=200' },
    });
    const slow = await heldFor(clock, 200, pending);
    expect(slow.status).toBe(200);
    // The store still answers a request whose Prefer only has the mock's keys (a DRF list).
    expect(slow.body).toHaveProperty('results');
    const coded = call(`${server.apis.skilljar}/v1/courses`, {
      headers: { ...headers, prefer: 'code=401, latency=10' },
    });
    expect((await heldFor(clock, 10, coded)).status).toBe(401);
    const bad = await call(`${server.apis.skilljar}/v1/courses`, {
      headers: { ...headers, prefer: 'fail=abc' },
    });
    expect(bad.status).toBe(400);
  });

  it('latency delays every API answer, seeded in its range; the admin routes answer at once', async () => {
    const clock = new ManualClock();
    const server = await start({ latency: [100, 150], seed: 'l', clock });
    const answer = call(`${server.apis.skilljar}/v1/ping`, { headers: { authorization: basic('key') } });
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1), { interval: 5 });
    // Nothing is held back for the admin routes: /_health answers while the API answer waits.
    expect((await call(`${server.url}/_health`)).status).toBe(200);
    clock.advance(99);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(51);
    expect((await answer).status).toBe(200);
  });
});

describe('--static keeps Prism’s behaviour', () => {
  it('no credential checks, limits or faults', async () => {
    const server = await start({ mode: 'static' });
    const expired = await call(`${server.apis.snworks}/assignment`, {
      headers: { authorization: `Bearer ${testJwt(-10)}` },
    });
    expect(expired.status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1)
      statuses.push(
        (
          await call(`${server.apis.samsara}${STREAM}`, {
            headers: { authorization: 'Bearer t', prefer: 'fail=503' },
          })
        ).status,
      );
    expect(statuses).toEqual(Array(7).fill(200));
    expect(
      (await call(`${server.apis.thrive}/assignments`, { headers: { authorization: 'Bearer never-issued' } }))
        .status,
    ).toBe(200);
  });
});
