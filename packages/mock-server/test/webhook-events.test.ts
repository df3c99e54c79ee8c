// Skilljar webhook events made by the stateful mock (issue 26): every body passes the receiver's
// strict check against the spec's event schema; `POST /_webhooks/trigger` fires one from stored
// entities; a slow receiver never delays the API call.
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../src/index.js';
import { SPECS_DIR } from './requests.js';
import {
  call,
  DOMAIN,
  domainUser,
  enroll,
  type Json,
  mock,
  PUBLISHED_COURSE,
  PUBLISHED_PATH,
  parsed,
  receiver,
  register,
  settled,
  typeOf,
  useWebhookMock,
} from './webhook-harness.js';
import { eventually, type Received } from './webhook-receiver.js';

useWebhookMock();

describe('POST /_webhooks/trigger', () => {
  const session = 'wh-trigger';
  const trigger = (body: unknown) =>
    fetch(`${mock().url}/_webhooks/trigger?session=${session}`, {
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
    const lesson = await fetch(`${mock().url}/_webhooks/trigger?session=${session}`, {
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
    const release = receiver.hold('/slow');
    await register(session, { target_url: `${receiver.url}/slow`, event_type: 'DOMAIN_ENROLLMENT' });
    // The API call answers while its delivery has reached the receiver and is still unanswered.
    await domainUser(session, 'slow@example.com');
    await eventually(() => (receiver.at('/slow').length === 1 ? true : undefined));
    const pending = (await (await fetch(`${mock().url}/_webhooks?session=${session}`)).json()) as Json;
    expect((pending.deliveries as Json[])[0]).toMatchObject({ state: 'pending' });
    release();
    const [delivery] = await settled(session, 1);
    expect(delivery).toMatchObject({ state: 'delivered', attempts: [{ status: 200 }] });
  });
});

describe('the journal', () => {
  it("DELETE /_webhooks clears one session's deliveries; static mode has none to list", async () => {
    const session = 'wh-clear';
    await register(session, { target_url: `${receiver.url}/clear`, event_type: 'DOMAIN_ENROLLMENT' });
    await domainUser(session, 'clear@example.com');
    await settled(session, 1);
    expect((await fetch(`${mock().url}/_webhooks?session=${session}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    const listed = (await (await fetch(`${mock().url}/_webhooks?session=${session}`)).json()) as Json;
    expect(listed).toEqual({ session, deliveries: [] });
    const bad = await fetch(`${mock().url}/_webhooks?session=${encodeURIComponent('no spaces')}`);
    expect(bad.status).toBe(400);
    const staticMock = await startMockServer({
      port: 0,
      specsDir: SPECS_DIR,
      apis: ['skilljar'],
      mode: 'static',
    });
    try {
      expect((await fetch(`${staticMock.url}/_webhooks`)).status).toBe(409);
    } finally {
      await staticMock.close();
    }
  });
});
