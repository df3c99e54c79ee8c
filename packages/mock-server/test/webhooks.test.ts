// Skilljar webhooks delivered by the stateful mock (issue 26): a receiver on 127.0.0.1 in this
// process gets exactly the deliveries expected, with the documented headers and bodies that the
// client's own receiver check (what `parseWebhook` runs, strict) accepts against the spec's event
// schemas. Event bodies and the trigger route: webhook-events.test.ts.
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../src/index.js';
import { SPECS_DIR } from './requests.js';
import {
  call,
  DOMAIN,
  domainUser,
  enroll,
  type Json,
  MICROSECONDS_AND_OFFSET,
  PUBLISHED_COURSE,
  PUBLISHED_PATH,
  parsed,
  receiver,
  register,
  settled,
  typeOf,
  useWebhookMock,
} from './webhook-harness.js';
import type { Received } from './webhook-receiver.js';

useWebhookMock();

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
    // The credential is kept beside the store: the webhook objects do not show it.
    const webhooks = (await call(session, 'GET', '/v1/webhooks')).body.results as Json[];
    for (const webhook of webhooks) expect(Object.keys(webhook)).not.toContain('basic_auth_password');

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
