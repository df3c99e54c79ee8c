// Skilljar's entity model (issue 22), over HTTP in one X-Mock-Session: one person is one record
// seen through every view (users, domain users, enrollments, group users, plan and path
// enrollments, course progress), embedded objects are the stored ones, and references and
// parents resolve against the store. The seed's rules on writes: skilljar-rules.test.ts.
import { describe, expect, it } from 'vitest';
import { DOMAIN, type Json, PUBLISHED_COURSE, results, skilljarSession } from './skilljar-session.js';

const { call, addDomainUser, enroll } = skilljarSession('skilljar-entities');

describe('one person, one record', () => {
  it('a domain user POSTed twice with one email is one user, listed by GET /v1/users?email=', async () => {
    const first = await addDomainUser('ada@example.com', { first_name: 'Ada', last_name: 'Lovelace' });
    const second = await addDomainUser('ada@example.com', { first_name: 'Other' });
    const user = first.user as Json;
    expect(second.user).toEqual(user);
    expect(user).toEqual({ id: user.id, email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' });
    expect(first).toMatchObject({ active: true, marketing_optin: null, expires_at: null, access_code: null });
    const listed = await call('GET', '/v1/users?email=ada%40example.com');
    expect(results(listed)).toEqual([user]);
    const members = await call('GET', `/v1/domains/${DOMAIN}/users?user__email=ada%40example.com`);
    expect(results(members)).toHaveLength(1);
  });

  it('an existing user POSTed to the domain keeps the existing details', async () => {
    const seeded = results(await call('GET', '/v1/users?email=joe%40example.com'))[0] as Json;
    const again = await addDomainUser('joe@example.com', { first_name: 'Changed' });
    expect(again.user).toEqual(seeded);
  });

  it('a user PATCHed through /v1/users/{id} shows the change in the domain users and enrollments', async () => {
    const user = (await addDomainUser('grace@example.com', { first_name: 'Grace' })).user as Json;
    const enrollment = await enroll(user.id as string);
    expect(enrollment.status).toBe(201);
    const patched = await call('PATCH', `/v1/users/${user.id}`, { last_name: 'Hopper' });
    expect(patched.status).toBe(200);
    const members = results(await call('GET', `/v1/domains/${DOMAIN}/users?user__email=grace%40example.com`));
    expect(((members[0] as Json).user as Json).last_name).toBe('Hopper');
    const read = await call(
      'GET',
      `/v1/domains/${DOMAIN}/published-courses/${PUBLISHED_COURSE}/enrollments/${enrollment.body.id}`,
    );
    expect((read.body.user as Json).last_name).toBe('Hopper');
  });

  it('an email another user has cannot be taken (seed: "Users must have unique email addresses")', async () => {
    const user = (await addDomainUser('unique@example.com')).user as Json;
    const taken = await call('PATCH', `/v1/users/${user.id}`, { email: 'joe@example.com' });
    expect(taken.status).toBe(400);
    expect(taken.body.email).toEqual([expect.any(String)]);
  });

  it('an enrollment embeds the enrolled user and no purchase, and starts the course progress', async () => {
    const user = (await addDomainUser('alan@example.com', { first_name: 'Alan' })).user as Json;
    const enrollment = await enroll(user.id as string);
    expect(enrollment.status).toBe(201);
    expect(enrollment.body.user).toEqual(user);
    expect(enrollment.body).not.toHaveProperty('purchase');
    expect(enrollment.body.expires_at).toBeNull();
    const progress = results(await call('GET', `/v1/users/${user.id}/published-courses`));
    expect(progress.map((course) => course.id)).toEqual([PUBLISHED_COURSE]);
    const completedAt = '2024-06-03T01:02:03.012345Z';
    const patched = await call('PATCH', `/v1/users/${user.id}/published-courses/${PUBLISHED_COURSE}`, {
      course_progress: { completed_at: completedAt },
    });
    expect(patched.status).toBe(200);
    const after = results(await call('GET', `/v1/users/${user.id}/published-courses`));
    expect(after).toHaveLength(1);
    expect(((after[0] as Json).course_progress as Json).completed_at).toBe(completedAt);
    // A second enrollment in the same course keeps the one progress.
    await enroll(user.id as string, { enrolled_at: '2024-01-01T00:00:00Z' });
    expect(results(await call('GET', `/v1/users/${user.id}/published-courses`))).toHaveLength(1);
  });

  it('plan and path enrollments are views of the user', async () => {
    const user = (await addDomainUser('plan@example.com')).user as Json;
    const plan = await call('POST', `/v1/domains/${DOMAIN}/plan/abcdefg123456/plan-enrollments`, {
      user: { id: user.id },
    });
    expect(plan.status).toBe(201);
    const path = await call(
      'POST',
      `/v1/domains/${DOMAIN}/published-paths/abcdefg123456/published-path-enrollments`,
      { user: { id: user.id } },
    );
    expect(path.status).toBe(201);
    expect(results(await call('GET', `/v1/users/${user.id}/plan-enrollments`))).toEqual([plan.body]);
    expect(results(await call('GET', `/v1/users/${user.id}/published-path-enrollments`))).toEqual([
      path.body,
    ]);
    expect((await call('GET', '/v1/users/nosuchuser00/plan-enrollments')).status).toBe(404);
  });

  it('a group membership shows in /v1/groups/{id}/users and /v1/users/{id}/groups', async () => {
    const user = (await addDomainUser('member@example.com', { first_name: 'Mem' })).user as Json;
    const group = await call('POST', '/v1/groups', { name: 'Members' });
    expect(group.status).toBe(201);
    const added = await call('POST', `/v1/groups/${group.body.id}/users`, { user: { id: user.id } });
    expect(added.status).toBe(201);
    expect(added.body.user).toEqual(user);
    const groups = results(await call('GET', `/v1/users/${user.id}/groups`));
    expect(groups.map((entry) => entry.id)).toEqual([group.body.id]);
    const unknown = await call('POST', `/v1/groups/${group.body.id}/users`, { user: { id: 'nosuchuser00' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toHaveProperty('user');
  });

  it("a fresh session lists the seed user's published course and lesson progress once, and a PATCH adds no copy", async () => {
    const path = '/v1/users/opqrstu345678/published-courses';
    const listed = results(await call('GET', path));
    const ids = listed.map((course) => course.id);
    expect(new Set(ids).size).toBe(ids.length);
    await call('PATCH', `${path}/${PUBLISHED_COURSE}`, { course_progress: { success_status: 'PASSED' } });
    expect(results(await call('GET', path))).toHaveLength(listed.length);
    const lessons = results(await call('GET', `${path}/${PUBLISHED_COURSE}/lessons`));
    expect(new Set(lessons.map((lesson) => JSON.stringify(lesson))).size).toBe(lessons.length);
  });

  it("an access code's pool is the stored pool: renaming it shows in the domain users", async () => {
    const jane = async () =>
      results(await call('GET', `/v1/domains/${DOMAIN}/users?user__email=jane%40example.com`))[0] as Json;
    const code = (await jane()).access_code as Json;
    const pool = code.pool as Json;
    const stored = await call('GET', `/v1/domains/${DOMAIN}/access-code-pools/${pool.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject(pool);
    await call('PATCH', `/v1/domains/${DOMAIN}/access-code-pools/${pool.id}`, { name: 'Genie Codes 2' });
    const after = (await jane()).access_code as Json;
    expect((after.pool as Json).name).toBe('Genie Codes 2');
  });

  it("a published course's course is the stored course: a new title shows in the published course", async () => {
    const path = `/v1/domains/${DOMAIN}/published-courses/${PUBLISHED_COURSE}`;
    const course = (await call('GET', path)).body.course as Json;
    const listed = results(await call('GET', '/v1/courses'));
    expect(listed).toContainEqual(expect.objectContaining(course));
    const patched = await call('PATCH', `/v1/courses/${course.id}`, { title: 'Renamed Course' });
    expect(patched.status).toBe(200);
    expect(((await call('GET', path)).body.course as Json).title).toBe('Renamed Course');
  });

  it('every user an example embeds is a /v1/users record', async () => {
    const enrollments = results(
      await call('GET', `/v1/domains/${DOMAIN}/published-courses/${PUBLISHED_COURSE}/enrollments`),
    );
    const users = results(await call('GET', '/v1/users'));
    for (const enrollment of enrollments) expect(users).toContainEqual(enrollment.user);
  });
});

describe('references and parents', () => {
  it('a user added to a domain that does not exist answers 404', async () => {
    const answer = await call('POST', '/v1/domains/no-such-domain/users', {
      user: { email: 'x@example.com' },
    });
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ detail: 'Not found.' });
  });

  it("enrolling an unknown user answers DRF's 400 field map", async () => {
    const answer = await enroll('nosuchuser00');
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ user: ['Invalid pk "nosuchuser00" - object does not exist.'] });
  });

  it('a promo code in a pool that does not exist is refused (seed: "A PromoCodePool must exist")', async () => {
    const answer = await call('POST', '/v1/promo-codes', {
      code: 'NOPE-1',
      max_uses: 3,
      promo_code_pool_id: 'nosuchpool00',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toHaveProperty('promo_code_pool_id');
    const pool = await call('POST', '/v1/promo-code-pools', {
      name: 'pool-ok',
      starts_at: '2024-01-01T00:00:00Z',
      discount_type: 'PERCENT_OFF',
      percent_off: 10,
    });
    const ok = await call('POST', '/v1/promo-codes', {
      code: 'OK-1',
      max_uses: 3,
      promo_code_pool_id: pool.body.id,
    });
    expect(ok.status).toBe(201);
  });

  it('an invite needs the user in the domain (seed: "User must have already been added to the domain")', async () => {
    const outsider = await call('POST', `/v1/domains/${DOMAIN}/users/nosuchuser00/invites`, {
      send_email: false,
    });
    expect(outsider.status).toBe(404);
    const user = (await addDomainUser('invitee@example.com')).user as Json;
    const invite = await call('POST', `/v1/domains/${DOMAIN}/users/${user.id}/invites`, {});
    expect(invite.status).toBe(201);
    expect(invite.body.send_email).toBe(true);
    expect(results(await call('GET', `/v1/domains/${DOMAIN}/users/${user.id}/invites`))).toHaveLength(1);
  });

  it('an ILT session needs a lesson or a multi-session event', async () => {
    const session = {
      instructor_email: 'teacher@example.com',
      timezone: 'US/Pacific',
      starts_at: '2024-05-01T17:00:00Z',
      ends_at: '2024-05-01T18:00:00Z',
      display_name: 'Session',
    };
    const neither = await call('POST', '/v1/ilt-sessions', session);
    expect(neither.status).toBe(400);
    expect(neither.body).toHaveProperty('non_field_errors');
    expect((await call('POST', '/v1/ilt-sessions', { ...session, lesson: 'nosuchlesson' })).status).toBe(400);
    const created = await call('POST', '/v1/ilt-sessions', { ...session, lesson: 'abcdefg123456' });
    expect(created.status).toBe(201);
    expect(created.body.provider).toBe('calendar');
    const listed = results(await call('GET', '/v1/vilt-session-events?session__lesson__id=abcdefg123456'));
    expect(listed.map((event) => event.id)).toContain(created.body.id);
  });

  it('a quiz question needs a quiz or a question bank', async () => {
    const question = { html: '<p>Q?</p>', type: 'FREEFORM' };
    expect((await call('POST', '/v1/quiz-questions', question)).status).toBe(400);
    expect((await call('POST', '/v1/quiz-questions', { ...question, quiz: 'nosuchquiz' })).status).toBe(400);
    const created = await call('POST', '/v1/quiz-questions', { ...question, quiz: 'xxxxxxxxxx' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ quiz: 'xxxxxxxxxx', html: '<p>Q?</p>' });
  });
});
