// Skilljar webhooks delivered by the stateful mock (issue 26): a receiver on 127.0.0.1 in this
// process gets exactly the deliveries expected, with the documented headers and bodies that the
// client's own receiver check (what `parseWebhook` runs, strict) accepts against the spec's event
// schemas.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { receiveWebhook, type WebhookSpec } from '@lms-apis/client-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMockServer, startMockServer } from '../src/index.js';
import { SPECS_DIR } from './requests.js';
import { eventually, type Received, Receiver } from './webhook-receiver.js';

type Json = Record<string, unknown>;
const DOMAIN = 'example.com';
const PUBLISHED_COURSE = 'abcdefg123456';
const PUBLISHED_PATH = 'abcdefg123456';
const MICROSECONDS_AND_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/;

let mock: RunningMockServer;
const receiver = new Receiver();

beforeAll(async () => {
  await receiver.start();
  mock = await startMockServer({
    port: 0,
    specsDir: SPECS_DIR,
    apis: ['skilljar'],
    seed: 'webhooks',
    // Retries without waiting out the real schedule (1 s, 10 s, 60 s).
    webhookRetryDelaysMs: [10, 10, 10],
  });
});

afterAll(async () => {
  await mock?.close();
  await receiver.close();
});

async function call(session: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${mock.apis.skilljar}${path}`, {
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
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
}

async function register(session: string, webhook: Json): Promise<Json> {
  const answer = await call(session, 'POST', '/v1/webhooks', webhook);
  expect(answer.status).toBe(201);
  return answer.body;
}

async function domainUser(session: string, email: string): Promise<Json> {
  const answer = await call(session, 'POST', `/v1/domains/${DOMAIN}/users`, {
    user: { email, first_name: 'Ada', last_name: 'Lovelace' },
  });
  expect(answer.status).toBe(201);
  return answer.body.user as Json;
}

async function enroll(session: string, userId: unknown) {
  const path = `/v1/domains/${DOMAIN}/published-courses/${PUBLISHED_COURSE}/enrollments`;
  const answer = await call(session, 'POST', path, { user: { id: userId } });
  expect(answer.status).toBe(201);
  return answer.body;
}

/** The session's deliveries once none is pending (every attempt made, retries included). */
async function settled(session: string, count: number): Promise<Json[]> {
  return eventually(async () => {
    const answer = await fetch(`${mock.url}/_webhooks?session=${session}`);
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
async function parsed(delivery: Received, basicAuth?: { username: string; password: string }): Promise<Json> {
  const options = { strict: true, ...(basicAuth ? { basicAuth } : {}) };
  return (await receiveWebhook(
    RECEIVER,
    { headers: delivery.headers, body: delivery.text },
    options,
  )) as Json;
}

const typeOf = (delivery: Received) => (JSON.parse(delivery.text) as Json).event_type;

describe('the acceptance scenario (issue 26)', () => {
  const session = 'wh-acceptance';
  const credential = { username: 'hook-user', password: 's3cret' };

  it('delivers one COURSE_ENROLLMENT to the shared URL, with the Basic credential, and none elsewhere', async () => {
    const one = `${receiver.url}/accept/one`;
    await register(session, {
      target_url: one,
      event_type: 'COURSE_ENROLLMENT',
      basic_auth_username: credential.username,
      basic_auth_password: credential.password,
    });
    await register(session, { target_url: one });
    await register(session, { target_url: `${receiver.url}/accept/two`, event_type: 'COURSE_COMPLETION' });
    await register(session, { target_url: `${receiver.url}/accept/three`, active: false });
    const user = await domainUser(session, 'ada@example.com');
    await enroll(session, user.id);
    const deliveries = await settled(session, 2);

    const enrollments = receiver.at('/accept/one').filter((d) => typeOf(d) === 'COURSE_ENROLLMENT');
    expect(enrollments).toHaveLength(1);
    const [delivery] = enrollments as [Received];
    expect(delivery.headers['user-agent']).toBe('skilljar');
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers.authorization).toBe(
      `Basic ${Buffer.from('hook-user:s3cret').toString('base64')}`,
    );
    const event = await parsed(delivery, credential);
    expect(event.event_type).toBe('COURSE_ENROLLMENT');
    expect(event.user).toEqual({
      id: user.id,
      email: 'ada@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
    });
    expect(event.course).toMatchObject({
      id: 'cdefghi345678',
      published_course_id: PUBLISHED_COURSE,
      title: 'Example Title',
    });
    expect(event.domain).toEqual({ id: 'abcdefg123456', name: DOMAIN });
    expect(event.timestamp).toMatch(MICROSECONDS_AND_OFFSET);
    // A free enrollment (facts file: `payment_processor` NONE), in the offer's currency.
    expect(event.purchase).toEqual({
      original_price: '0.00',
      purchase_price: '0.00',
      currency_code: 'USD',
      payment_processor: 'NONE',
    });
    expect(receiver.at('/accept/two')).toEqual([]);
    expect(receiver.at('/accept/three')).toEqual([]);

    const listed = deliveries.find((d) => d.event_type === 'COURSE_ENROLLMENT') as Json;
    expect(listed).toMatchObject({ target_url: one, state: 'delivered', attempts: [{ status: 200 }] });
    expect((listed.webhook_ids as string[]).length).toBe(2);
    expect((listed.attempts as Json[])[0]?.at).toEqual(expect.any(String));
  });

  it("the catch-all webhook gets the DOMAIN_ENROLLMENT, without the other webhook's credential", async () => {
    const [delivery] = receiver.at('/accept/one').filter((d) => typeOf(d) === 'DOMAIN_ENROLLMENT');
    expect(delivery).toBeDefined();
    expect(delivery?.headers.authorization).toBeUndefined();
    const event = await parsed(delivery as Received);
    expect(event).toMatchObject({
      event_type: 'DOMAIN_ENROLLMENT',
      user: { email: 'ada@example.com' },
      domain: { name: DOMAIN },
    });
  });

  it('completing the course delivers COURSE_COMPLETION to its webhook and the catch-all one, not the inactive one', async () => {
    const user = (await call(session, 'GET', '/v1/users?email=ada%40example.com')).body.results as Json[];
    const id = user[0]?.id as string;
    const patch = await call(session, 'PATCH', `/v1/users/${id}/published-courses/${PUBLISHED_COURSE}`, {
      course_progress: { completed_at: '2026-12-04T12:00:00Z' },
    });
    expect(patch.status).toBe(200);
    await settled(session, 4);
    const [two] = receiver.at('/accept/two');
    expect(await parsed(two as Received)).toMatchObject({
      event_type: 'COURSE_COMPLETION',
      user: { id },
      course: { published_course_id: PUBLISHED_COURSE },
      domain: { name: DOMAIN },
    });
    expect(receiver.at('/accept/one').filter((d) => typeOf(d) === 'COURSE_COMPLETION')).toHaveLength(1);
    expect(receiver.at('/accept/three')).toEqual([]);
  });
});

describe('not an open relay', () => {
  it('refuses a target outside loopback at registration with the 400 field map, and never calls it', async () => {
    const session = 'wh-relay';
    const refused = await call(session, 'POST', '/v1/webhooks', { target_url: 'http://10.1.2.3/hook' });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ target_url: [expect.stringContaining('10.1.2.3')] });
    const listed = (await call(session, 'GET', '/v1/webhooks')).body.results as Json[];
    expect(listed.map((webhook) => webhook.target_url)).not.toContain('http://10.1.2.3/hook');
    // The seed's webhook (example.com, every event) is not delivered to either.
    await register(session, { target_url: `${receiver.url}/relay` });
    await domainUser(session, 'relay@example.com');
    const deliveries = await settled(session, 1);
    expect(deliveries.map((d) => d.target_url)).toEqual([`${receiver.url}/relay`]);
  });

  it('accepts a host allowed with webhookAllow', async () => {
    const allowed = await startMockServer({
      port: 0,
      specsDir: SPECS_DIR,
      apis: ['skilljar'],
      webhookAllow: ['hooks.example.net'],
    });
    try {
      const response = await fetch(`${allowed.apis.skilljar}/v1/webhooks`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('key:').toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ target_url: 'https://hooks.example.net/skilljar', active: false }),
      });
      expect(response.status).toBe(201);
    } finally {
      await allowed.close();
    }
  });
});

describe('which webhooks an event goes to', () => {
  it('only to webhooks of its event_type (or none): PATH_ENROLLMENT to its webhook, not to the domain one', async () => {
    const session = 'wh-filter';
    await register(session, { target_url: `${receiver.url}/filter/domain`, event_type: 'DOMAIN_ENROLLMENT' });
    await register(session, { target_url: `${receiver.url}/filter/path`, event_type: 'PATH_ENROLLMENT' });
    await register(session, {
      target_url: `${receiver.url}/filter/off`,
      event_type: 'PATH_ENROLLMENT',
      active: false,
    });
    const user = await domainUser(session, 'grace@example.com');
    const path = `/v1/domains/${DOMAIN}/published-paths/${PUBLISHED_PATH}/published-path-enrollments`;
    expect((await call(session, 'POST', path, { user: { id: user.id } })).status).toBe(201);
    await settled(session, 2);
    expect(receiver.at('/filter/domain').map(typeOf)).toEqual(['DOMAIN_ENROLLMENT']);
    expect(receiver.at('/filter/path').map(typeOf)).toEqual(['PATH_ENROLLMENT']);
    expect(receiver.at('/filter/off')).toEqual([]);
    const event = await parsed(receiver.at('/filter/path')[0] as Received);
    expect(event).toMatchObject({
      user: { id: user.id },
      path: { published_path_id: PUBLISHED_PATH, title: 'Example Path Title' },
      domain: { name: DOMAIN },
    });
  });
});

describe('retries', () => {
  it('retries after a 500 until the receiver answers 2xx, every attempt in the journal', async () => {
    const session = 'wh-retry';
    receiver.answer('/retry/flaky', 500, 503);
    await register(session, { target_url: `${receiver.url}/retry/flaky`, event_type: 'DOMAIN_ENROLLMENT' });
    await domainUser(session, 'retry@example.com');
    const [delivery] = await settled(session, 1);
    expect(delivery).toMatchObject({
      state: 'delivered',
      attempts: [{ status: 500 }, { status: 503 }, { status: 200 }],
    });
    expect(receiver.at('/retry/flaky')).toHaveLength(3);
  });

  it('gives up after the last retry: a receiver that always fails, and one that is not there', async () => {
    const session = 'wh-give-up';
    receiver.answer('/retry/down', 500, 500, 500, 500, 500);
    await register(session, { target_url: `${receiver.url}/retry/down`, event_type: 'DOMAIN_ENROLLMENT' });
    // Port 9 (discard) on loopback: nothing listens there in a test environment.
    await register(session, { target_url: 'http://127.0.0.1:9/gone', event_type: 'DOMAIN_ENROLLMENT' });
    await domainUser(session, 'down@example.com');
    const deliveries = await settled(session, 2);
    const down = deliveries.find((d) => d.target_url === `${receiver.url}/retry/down`) as Json;
    expect(down.state).toBe('failed');
    expect((down.attempts as Json[]).map((attempt) => attempt.status)).toEqual([500, 500, 500, 500]);
    const gone = deliveries.find((d) => d.target_url === 'http://127.0.0.1:9/gone') as Json;
    expect(gone.state).toBe('failed');
    expect(gone.attempts).toHaveLength(4);
    expect((gone.attempts as Json[])[0]).toMatchObject({ error: 'ECONNREFUSED' });
  });
});

describe('POST /_webhooks/trigger', () => {
  const session = 'wh-trigger';
  const trigger = (body: unknown) =>
    fetch(`${mock.url}/_webhooks/trigger?session=${session}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as Json }));

  it("fires an event from stored entities to the session's webhooks", async () => {
    await register(session, { target_url: `${receiver.url}/trigger`, event_type: 'COURSE_ENROLLMENT' });
    const user = await domainUser(session, 'trigger@example.com');
    await settled(session, 0);
    await enroll(session, user.id);
    await settled(session, 1);
    const fired = await trigger({
      event_type: 'COURSE_ENROLLMENT',
      domain_name: DOMAIN,
      published_course_id: PUBLISHED_COURSE,
      user_id: user.id,
    });
    expect(fired.status).toBe(202);
    expect(fired.body).toMatchObject({
      event_type: 'COURSE_ENROLLMENT',
      targets: [`${receiver.url}/trigger`],
    });
    await settled(session, 2);
    const deliveries = receiver.at('/trigger');
    expect(deliveries).toHaveLength(2);
    expect(await parsed(deliveries[1] as Received)).toMatchObject({
      user: { id: user.id, email: 'trigger@example.com' },
    });
  });

  it('answers 400 naming the unknown event type, the missing id or the entity not stored', async () => {
    const unknown = await trigger({ event_type: 'COURSE_ENROLMENT' });
    expect(unknown).toMatchObject({ status: 400, body: { field: 'event_type' } });
    const missing = await trigger({
      event_type: 'COURSE_ENROLLMENT',
      domain_name: DOMAIN,
      published_course_id: PUBLISHED_COURSE,
    });
    expect(missing).toMatchObject({ status: 400, body: { field: 'user_id' } });
    const notStored = await trigger({
      event_type: 'DOMAIN_ENROLLMENT',
      domain_name: 'nowhere.example.com',
      user_id: 'abcde12345',
    });
    expect(notStored).toMatchObject({ status: 400, body: { field: 'domain_name' } });
    const notEnrolled = await trigger({
      event_type: 'COURSE_COMPLETION',
      user_id: 'abcde12345',
      published_course_id: PUBLISHED_COURSE,
    });
    expect(notEnrolled).toMatchObject({ status: 400, body: { field: 'published_course_id' } });
  });
});

describe('bodies and timing', () => {
  it("every event the mock makes passes the client's strict check against the spec's event schema", async () => {
    const session = 'wh-bodies';
    await register(session, { target_url: `${receiver.url}/bodies` });
    const user = await domainUser(session, 'bodies@example.com');
    const enrollment = await enroll(session, user.id);
    const registration = { vilt_session: { id: 'jaso89ajs' }, enrollment_id: enrollment.id };
    expect((await call(session, 'POST', '/v1/vilt-session-registrations', registration)).status).toBe(201);
    const path = `/v1/domains/${DOMAIN}/published-paths/${PUBLISHED_PATH}/published-path-enrollments`;
    expect((await call(session, 'POST', path, { user: { id: user.id } })).status).toBe(201);
    const progress = `/v1/users/${user.id}/published-courses/${PUBLISHED_COURSE}`;
    await call(session, 'PATCH', progress, { course_progress: { completed_at: '2026-12-04T12:00:00Z' } });
    // The seeded purchase, fulfilled.
    expect(
      (await call(session, 'POST', '/v1/purchases/xxxxxxxxxxxx/fulfill', { state: 'SUCCESS' })).status,
    ).toBe(200);
    // No operation stores lesson progress: the trigger fires a lesson's completion from the stored lesson.
    const lesson = await fetch(`${mock.url}/_webhooks/trigger?session=${session}`, {
      method: 'POST',
      body: JSON.stringify({
        event_type: 'LESSON_COMPLETION',
        user_id: user.id,
        published_course_id: PUBLISHED_COURSE,
        lesson_id: 'abcdefg123456',
      }),
    });
    expect(lesson.status).toBe(202);
    await settled(session, 7);
    const received = receiver.at('/bodies');
    expect(received.map(typeOf).sort()).toEqual(
      [
        'COURSE_COMPLETION',
        'COURSE_ENROLLMENT',
        'DOMAIN_ENROLLMENT',
        'LESSON_COMPLETION',
        'PATH_ENROLLMENT',
        'PURCHASE_FULFILLMENT',
        'VILT_EVENT_REGISTRATION',
      ].sort(),
    );
    for (const delivery of received) await expect(parsed(delivery)).resolves.toBeDefined();
    const purchase = await parsed(received.find((d) => typeOf(d) === 'PURCHASE_FULFILLMENT') as Received);
    expect(purchase).toMatchObject({
      user: { id: 'bcdefga123456' },
      purchase: { payment_processor: expect.any(String) },
    });
    const vilt = await parsed(received.find((d) => typeOf(d) === 'VILT_EVENT_REGISTRATION') as Received);
    expect(vilt).toMatchObject({
      user: { id: user.id },
      vilt_session: { id: 'jaso89ajs' },
      course: { published_course_id: PUBLISHED_COURSE },
      domain: { name: DOMAIN },
    });
    const completed = await parsed(received.find((d) => typeOf(d) === 'LESSON_COMPLETION') as Received);
    expect(completed).toMatchObject({
      lesson: { id: 'abcdefg123456', title: 'Example Lesson' },
      course: { published_course_id: PUBLISHED_COURSE },
    });
  });

  it('a slow receiver never delays the API call that made the event', async () => {
    const session = 'wh-slow';
    receiver.hold('/slow', 1500);
    await register(session, { target_url: `${receiver.url}/slow`, event_type: 'DOMAIN_ENROLLMENT' });
    const started = Date.now();
    await domainUser(session, 'slow@example.com');
    expect(Date.now() - started).toBeLessThan(1000);
    const [delivery] = await settled(session, 1);
    expect(delivery).toMatchObject({ state: 'delivered', attempts: [{ status: 200 }] });
    const [attempt] = (delivery as Json).attempts as Json[];
    expect(attempt?.duration_ms).toBeGreaterThanOrEqual(1400);
  });
});
