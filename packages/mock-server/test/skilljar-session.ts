// One X-Mock-Session on a Skilljar mock server of its own, for the entity tests (issue 22). Each
// call also checks that the answer passed the mock's own output validation: a stateful answer
// that fails it is a bug, not a header to set.
import { afterAll, beforeAll, expect } from 'vitest';
import { type RunningMockServer, startMockServer } from '../src/index.js';
import { SPECS_DIR } from './requests.js';

export type Json = Record<string, unknown>;
export const DOMAIN = 'example.com';
export const PUBLISHED_COURSE = 'abcdefg123456';

export const results = (answer: { body: Json }) => answer.body.results as Json[];

/**
 * One call to the Skilljar API at `baseUrl` in `session`, with a Basic key; fails the test when the
 * answer did not pass the mock's own output validation.
 */
export async function callSkilljar(
  baseUrl: string,
  session: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from('key:').toString('base64')}`,
      'x-mock-session': session,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  expect(response.headers.get('sl-violations'), `${method} ${path}`).toBeNull();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

/** Starts the mock for the calling test file and answers calls in the one named session. */
export function skilljarSession(session: string) {
  let mock: RunningMockServer;
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, specsDir: SPECS_DIR, seed: session, rateLimits: false });
  });
  afterAll(async () => {
    await mock?.close();
  });

  const call = (method: string, path: string, body?: unknown) =>
    callSkilljar(mock.apis.skilljar ?? '', session, method, path, body);

  async function addDomainUser(email: string, extra: Json = {}): Promise<Json> {
    const answer = await call('POST', `/v1/domains/${DOMAIN}/users`, { user: { email, ...extra } });
    expect(answer.status).toBe(201);
    return answer.body;
  }

  async function enroll(userId: string, extra: Json = {}) {
    return call('POST', `/v1/domains/${DOMAIN}/published-courses/${PUBLISHED_COURSE}/enrollments`, {
      user: { id: userId },
      ...extra,
    });
  }

  return { call, addDomainUser, enroll };
}
