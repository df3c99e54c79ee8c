// The webhook tests' mock and receiver: one stateful Skilljar mock per test file with short
// retry delays, a receiver on 127.0.0.1 in the test process, and the calls the tests make.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { receiveWebhook, type WebhookSpec } from '@lms-apis/client-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type RunningMockServer, startMockServer } from '../src/index.js';
import { SPECS_DIR } from './requests.js';
import { callSkilljar, DOMAIN, type Json, PUBLISHED_COURSE } from './skilljar-session.js';
import { eventually, type Received, Receiver } from './webhook-receiver.js';

export { DOMAIN, type Json, PUBLISHED_COURSE };
export const PUBLISHED_PATH = 'abcdefg123456';
export const MICROSECONDS_AND_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/;

let server: RunningMockServer | undefined;
export const receiver = new Receiver();

/** The running mock (started by useWebhookMock's beforeAll). */
export function mock(): RunningMockServer {
  if (!server) throw new Error('useWebhookMock() starts the mock in beforeAll');
  return server;
}

/** Starts the receiver and the mock before the file's tests, closes both after. */
export function useWebhookMock(): void {
  beforeAll(async () => {
    await receiver.start();
    server = await startMockServer({
      port: 0,
      specsDir: SPECS_DIR,
      apis: ['skilljar'],
      seed: 'webhooks',
      // Retries without waiting out the real schedule (1 s, 10 s, 60 s).
      webhookRetryDelaysMs: [10, 10, 10],
    });
  });
  afterAll(async () => {
    await server?.close();
    await receiver.close();
  });
}

export function call(session: string, method: string, path: string, body?: unknown) {
  return callSkilljar(mock().apis.skilljar ?? '', session, method, path, body);
}

export async function register(session: string, webhook: Json): Promise<Json> {
  const answer = await call(session, 'POST', '/v1/webhooks', webhook);
  expect(answer.status).toBe(201);
  return answer.body;
}

export async function domainUser(session: string, email: string): Promise<Json> {
  const answer = await call(session, 'POST', `/v1/domains/${DOMAIN}/users`, {
    user: { email, first_name: 'Ada', last_name: 'Lovelace' },
  });
  expect(answer.status).toBe(201);
  return answer.body.user as Json;
}

export async function enroll(session: string, userId: unknown) {
  const path = `/v1/domains/${DOMAIN}/published-courses/${PUBLISHED_COURSE}/enrollments`;
  const answer = await call(session, 'POST', path, { user: { id: userId } });
  expect(answer.status).toBe(201);
  return answer.body;
}

/** The session's deliveries once none is pending (every attempt made, retries included). */
export async function settled(session: string, count: number): Promise<Json[]> {
  return eventually(async () => {
    const answer = await fetch(`${mock().url}/_webhooks?session=${session}`);
    const deliveries = ((await answer.json()) as { deliveries: Json[] }).deliveries;
    return deliveries.length >= count && deliveries.every((d) => d.state !== 'pending')
      ? deliveries
      : undefined;
  });
}

/**
 * `parseWebhook` of @lms-apis/skilljar-client is client-core's `receiveWebhook` over the Skilljar
 * spec's `webhooks`, discriminated on `event_type`. That client devDepends on this package (its
 * tests run against the mock), so this test cannot import it without a build cycle: it runs the
 * same check over the same spec bundle, the one the mock serves.
 */
const SKILLJAR_SPEC = JSON.parse(readFileSync(path.join(SPECS_DIR, 'skilljar.json'), 'utf8')) as WebhookSpec;
const RECEIVER = { loadSpec: async () => SKILLJAR_SPEC, discriminator: 'event_type' };

/** The body as the client's receiver reads it: strict, so any property the spec lacks fails. */
export async function parsed(
  delivery: Received,
  basicAuth?: { username: string; password: string },
): Promise<Json> {
  const options = { strict: true, ...(basicAuth ? { basicAuth } : {}) };
  return (await receiveWebhook(
    RECEIVER,
    { headers: delivery.headers, body: delivery.text },
    options,
  )) as Json;
}

export const typeOf = (delivery: Received) => (JSON.parse(delivery.text) as Json).event_type;
