// A CI suite's control over one session (issue 23): settings that override the server's for
// that session only (faults, latency, token lifetime, rate limits, fault timing), an empty
// session, tokens expired on demand, and a clock the test moves instead of waiting.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock, type RunningMockServer, startMockServer } from '../src/index.js';
import { SPECS_DIR } from './requests.js';

let mock: RunningMockServer;
const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));

beforeAll(async () => {
  mock = await startMockServer({ port: 0, specsDir: SPECS_DIR, clock, seed: 'session-control' });
});

afterAll(async () => {
  await mock?.close();
});

const SKILLJAR_AUTH = `Basic ${Buffer.from('key:').toString('base64')}`;
const course = { title: 'Fault timing', short_description: 'x', enforce_sequential_navigation: false };

async function skilljar(session: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${mock.apis.skilljar}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: SKILLJAR_AUTH,
      'x-mock-session': session,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${mock.url}${path}`, {
    method,
    ...(body !== undefined
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
      : {}),
  });
  return { status: response.status, body: await response.json() };
}

async function thriveToken(session: string): Promise<string> {
  const response = await fetch(`${mock.url}/thrive/oauth2/token/eu-west-2_AbcdEfghI`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from('client:secret').toString('base64')}`,
      'x-mock-session': session,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api/read' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

function listAssignments(session: string, token: string) {
  return fetch(`${mock.apis.thrive}/assignments`, {
    headers: { authorization: `Bearer ${token}`, 'x-mock-session': session },
  });
}

describe('per-session settings', () => {
  it('fails one session with failRate 1 while another answers 200', async () => {
    const set = await admin('PUT', '/_state/settings?session=flaky', { failRate: 1 });
    expect(set.status).toBe(200);
    expect(set.body.effective).toMatchObject({ failRate: 1, faultTiming: 'before', rateLimit: true });
    const flaky = await skilljar('flaky', '/v1/courses');
    expect([429, 500, 502, 503, 504]).toContain(flaky.status);
    expect((await skilljar('steady', '/v1/courses')).status).toBe(200);
    expect((await admin('GET', '/_state/settings?session=steady')).body.effective.failRate).toBe(0);
  });

  it('delays only the session that asked for latency', async () => {
    mock.session('slow', { latencyMs: 300 });
    const slow = skilljar('slow', '/v1/courses');
    // The answer waits on the mock's clock, which only this test moves.
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1), { interval: 5 });
    expect((await skilljar('quick', '/v1/courses')).status).toBe(200);
    clock.advance(299);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(1);
    expect((await slow).status).toBe(200);
    expect(mock.session('quick').settings().latencyMs).toBe(0);
    expect(mock.session('slow').settings().latencyMs).toBe(300);
  });

  it('with faultTiming after-write, stores the course and then answers the fault', async () => {
    await admin('PUT', '/_state/settings?session=after', { failRate: 1, faultTiming: 'after-write' });
    const before = (await admin('GET', '/_state?session=after&api=skilljar')).body;
    const created = await skilljar('after', '/v1/courses', { method: 'POST', body: course });
    expect([429, 500, 502, 503, 504]).toContain(created.status);
    await admin('PUT', '/_state/settings?session=after', {});
    const list = await skilljar('after', '/v1/courses');
    expect(list.status).toBe(200);
    expect(list.body.results.map((item: { title: string }) => item.title)).toContain('Fault timing');
    expect(before).toBeDefined();
  });

  it('with the default timing, a faulted create stores nothing', async () => {
    await admin('PUT', '/_state/settings?session=before', { failRate: 1 });
    const created = await skilljar('before', '/v1/courses', { method: 'POST', body: course });
    expect([429, 500, 502, 503, 504]).toContain(created.status);
    await admin('PUT', '/_state/settings?session=before', {});
    const list = await skilljar('before', '/v1/courses');
    expect(list.body.results.map((item: { title: string }) => item.title)).not.toContain('Fault timing');
  });

  it('refuses unknown or malformed settings, naming the field', async () => {
    const unknown = await admin('PUT', '/_state/settings?session=x', { failrate: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toMatch(/^failrate: Unknown setting/);
    const bad = await admin('PUT', '/_state/settings?session=x', { faultTiming: 'later' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/^faultTiming:/);
    expect(() => mock.session('x', { failRate: 2 })).toThrow(/failRate/);
  });

  it('turns rate limits off for one session', async () => {
    mock.session('unlimited', { rateLimit: false });
    const stream = `${mock.apis.samsara}/training-assignments/stream?startTime=2024-01-01T00:00:00Z`;
    const headers = { authorization: 'Bearer token-unlimited', 'x-mock-session': 'unlimited' };
    const statuses = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await fetch(stream, { headers })).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const limited = { authorization: 'Bearer token-limited', 'x-mock-session': 'limited' };
    const limitedStatuses = [];
    for (let i = 0; i < 8; i += 1) limitedStatuses.push((await fetch(stream, { headers: limited })).status);
    // The clock stands still, so all eight fall in one window of Samsara's 5 requests per second.
    expect(limitedStatuses.filter((status) => status === 429)).toHaveLength(3);
  });
});

describe('an empty session', () => {
  it('starts without the example seed until reset without empty', async () => {
    expect((await skilljar('blank', '/v1/courses')).body.count).toBeGreaterThan(0);
    expect((await admin('POST', '/_state/reset?session=blank&empty=true')).status).toBe(200);
    expect((await skilljar('blank', '/v1/courses')).body.count).toBe(0);
    expect((await skilljar('other', '/v1/courses')).body.count).toBeGreaterThan(0);
    mock.session('blank').reset();
    expect((await skilljar('blank', '/v1/courses')).body.count).toBeGreaterThan(0);
    expect((await admin('POST', '/_state/reset?empty=true')).status).toBe(400);
  });
});

describe('tokens on demand', () => {
  it('expires a session’s Thrive tokens now, and journals the token request under the session', async () => {
    const token = await thriveToken('tokens');
    expect((await listAssignments('tokens', token)).status).toBe(200);
    const expired = await admin('POST', '/_tokens/expire?session=tokens&api=thrive');
    expect(expired.body).toEqual({ session: 'tokens', api: 'thrive', expired: 1 });
    const refused = await listAssignments('tokens', token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ message: 'The access token has expired.' });
    // A new token works again.
    expect((await listAssignments('tokens', await thriveToken('tokens'))).status).toBe(200);
    const journal = (await admin('GET', '/_requests?session=tokens&operationId=oauth2Token')).body;
    expect(journal.requests).toHaveLength(2);
  });

  it('leaves other sessions’ tokens alone', async () => {
    const mine = await thriveToken('mine');
    const theirs = await thriveToken('theirs');
    mock.expireTokens('theirs');
    expect((await listAssignments('mine', mine)).status).toBe(200);
    expect((await listAssignments('theirs', theirs)).status).toBe(401);
  });

  it('moves time with the clock: a token runs out when its lifetime has passed', async () => {
    mock.session('ttl', { tokenTtlSeconds: 60 });
    const token = await thriveToken('ttl');
    clock.advance(59_000);
    expect((await listAssignments('ttl', token)).status).toBe(200);
    clock.advance(1_000);
    expect((await listAssignments('ttl', token)).status).toBe(401);
  });
});
