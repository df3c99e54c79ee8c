// Skilljar's entity model (issue 22), over HTTP in one X-Mock-Session: one person is one record
// seen through every view, references and parents resolve against the store, the seed's update
// rules and named filters apply, and creates store what was sent. Every answer is checked for
// output violations too (`sl-violations`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMockServer, startMockServer } from '../src/index.js';
import { SPECS_DIR } from './requests.js';

let mock: RunningMockServer;
const SESSION = 'skilljar-entities';
const DOMAIN = 'example.com';
const PUBLISHED_COURSE = 'abcdefg123456';
type Json = Record<string, unknown>;

beforeAll(async () => {
  mock = await startMockServer({
    port: 0,
    specsDir: SPECS_DIR,
    seed: 'skilljar-entities',
    rateLimits: false,
  });
});

afterAll(async () => {
  await mock?.close();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${mock.apis.skilljar}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from('key:').toString('base64')}`,
      'x-mock-session': SESSION,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  // A stateful answer that fails the mock's own output validation is a bug (issue 22).
  expect(response.headers.get('sl-violations'), `${method} ${path}`).toBeNull();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

const results = (answer: { body: Json }) => answer.body.results as Json[];

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

  it("a fresh session lists the seed user's published course once, and a PATCH adds no copy", async () => {
    const path = '/v1/users/opqrstu345678/published-courses';
    const listed = results(await call('GET', path));
    const ids = listed.map((course) => course.id);
    expect(new Set(ids).size).toBe(ids.length);
    await call('PATCH', `${path}/${PUBLISHED_COURSE}`, { course_progress: { success_status: 'PASSED' } });
    expect(results(await call('GET', path))).toHaveLength(listed.length);
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

describe('named filters and flags', () => {
  it('access_code=null lists the domain users without a code; access_code__id ignores case', async () => {
    const all = results(await call('GET', `/v1/domains/${DOMAIN}/users`));
    const withoutCode = results(await call('GET', `/v1/domains/${DOMAIN}/users?access_code=null`));
    expect(withoutCode.length).toBeGreaterThan(0);
    expect(withoutCode.every((member) => member.access_code === null)).toBe(true);
    expect(withoutCode).toHaveLength(all.filter((member) => member.access_code === null).length);
    const byCode = results(await call('GET', `/v1/domains/${DOMAIN}/users?access_code__id=DEFGHIJ678901`));
    expect(byCode.map((member) => (member.user as Json).id)).toEqual(['cdefghi567890']);
  });

  it('signup_field_id/label/value select the users with that stored value; include_signup_field_data adds them', async () => {
    const user = (await addDomainUser('signup@example.com')).user as Json;
    const value = await call('POST', `/v1/domains/${DOMAIN}/users/${user.id}/signup-fields`, {
      signup_field: { id: '4mjoj729j1my' },
      value: 'Astronaut',
    });
    expect(value.status).toBe(201);
    const by = async (query: string) =>
      results(await call('GET', `/v1/domains/${DOMAIN}/users?${query}`)).map(
        (member) => (member.user as Json).id,
      );
    expect(await by('signup_field_value=Astronaut')).toEqual([user.id]);
    expect(await by('signup_field_value=astronaut')).toEqual([]);
    expect(await by('signup_field_id=4mjoj729j1my')).toContain(user.id);
    expect(await by('signup_field_id=nosuchfield')).toEqual([]);
    const plain = results(await call('GET', `/v1/domains/${DOMAIN}/users?user__email=signup%40example.com`));
    expect(plain[0]).not.toHaveProperty('signup_fields');
    const flagged = results(
      await call(
        'GET',
        `/v1/domains/${DOMAIN}/users?user__email=signup%40example.com&include_signup_field_data=true`,
      ),
    );
    expect((flagged[0] as Json).signup_fields).toEqual([expect.objectContaining({ value: 'Astronaut' })]);
  });

  it('offer_id lists the promo code pools the offer is attached to', async () => {
    const attached = results(await call('GET', '/v1/promo-code-pools?offer_id=bcdefgh234567'));
    expect(attached.map((pool) => pool.id)).toEqual(['9uips0sdja']);
    expect(results(await call('GET', '/v1/promo-code-pools?offer_id=nosuchoffer0'))).toEqual([]);
  });

  it('session__id selects VILT registrations by their session', async () => {
    const all = results(await call('GET', '/v1/vilt-session-registrations'));
    const sessionId = ((all[0] as Json).vilt_session as Json).id as string;
    const selected = results(await call('GET', `/v1/vilt-session-registrations?session__id=${sessionId}`));
    expect(selected.length).toBeGreaterThan(0);
    expect(selected.every((entry) => (entry.vilt_session as Json).id === sessionId)).toBe(true);
    expect(results(await call('GET', '/v1/vilt-session-registrations?session__id=nosuchsession'))).toEqual(
      [],
    );
  });

  it("session__lesson__course__id selects VILT events by their lesson's course", async () => {
    const lessons = results(await call('GET', '/v1/lessons'));
    const lesson = lessons.find((entry) => typeof entry.course_id === 'string') as Json;
    const created = await call('POST', '/v1/ilt-sessions', {
      instructor_email: 'teacher@example.com',
      timezone: 'US/Pacific',
      starts_at: '2024-05-01T17:00:00Z',
      ends_at: '2024-05-01T18:00:00Z',
      display_name: 'By course',
      lesson: lesson.id,
    });
    const selected = results(
      await call('GET', `/v1/vilt-session-events?session__lesson__course__id=${lesson.course_id}`),
    );
    expect(selected.map((event) => event.id)).toContain(created.body.id);
    expect(
      results(await call('GET', '/v1/vilt-session-events?session__lesson__course__id=nosuchcourse')),
    ).toEqual([]);
  });

  it("include_searchable_content adds the course's descriptions and lessons to a published course", async () => {
    const path = `/v1/domains/${DOMAIN}/published-courses/${PUBLISHED_COURSE}`;
    const plain = (await call('GET', path)).body;
    expect(plain).not.toHaveProperty('lesson_list');
    const flagged = (await call('GET', `${path}?include_searchable_content=True`)).body;
    const courseId = (plain.course as Json).id;
    const lessons = results(await call('GET', `/v1/lessons?course_id=${courseId}`));
    expect(flagged.lesson_list).toEqual(lessons);
  });

  it("a second group with the same name answers DRF's 400 field map", async () => {
    const first = await call('POST', '/v1/groups', { name: 'Unique Club' });
    expect(first.status).toBe(201);
    const second = await call('POST', '/v1/groups', { name: 'Unique Club' });
    expect(second.status).toBe(400);
    expect(second.body).toEqual({ name: ['group with this name already exists.'] });
    const renamed = await call('PATCH', `/v1/groups/${first.body.id}`, { name: 'Unique Club' });
    expect(renamed.status).toBe(200);
  });
});

describe('the seed rules on updates', () => {
  it('an enrollment PATCH writes only expires_at and active: a user in the body changes nothing', async () => {
    const user = (await addDomainUser('keep@example.com')).user as Json;
    const created = await enroll(user.id as string);
    const path = `/v1/domains/${DOMAIN}/published-courses/${PUBLISHED_COURSE}/enrollments/${created.body.id}`;
    const patched = await call('PATCH', path, { user: { id: 'hijack' }, active: false });
    expect(patched.status).toBe(200);
    expect(patched.body.user).toEqual(user);
    expect(patched.body.active).toBe(false);
    expect((await call('GET', path)).body.user).toEqual(user);
  });

  it('a domain user update writes only active and expires_at, and access_code only as null', async () => {
    const path = `/v1/domains/${DOMAIN}/users/cdefghi567890`;
    const before = results(
      await call('GET', `/v1/domains/${DOMAIN}/users?user__email=jane%40example.com`),
    )[0];
    const kept = await call('PATCH', path, {
      active: true,
      user: { email: 'hijack@example.com' },
      access_code: { id: 'other', code: 'other' },
    });
    expect(kept.status).toBe(200);
    expect(kept.body.active).toBe(true);
    expect(kept.body.user).toEqual((before as Json).user);
    expect(kept.body.access_code).toEqual((before as Json).access_code);
    const removed = await call('PATCH', path, { access_code: null });
    expect(removed.body.access_code).toBeNull();
  });

  it('a VILT registration update writes only attendance (seed: "Only attendance may be changed")', async () => {
    const path = '/v1/vilt-session-registrations/vr12345abcde';
    const before = (await call('GET', '/v1/vilt-session-registrations')).body.results as Json[];
    const seeded = before.find((entry) => entry.id === 'vr12345abcde') as Json;
    const patched = await call('PATCH', path, {
      attended: true,
      enrollment_id: 'hijack',
      vilt_session: { id: 'x' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ ...seeded, attended: true });
  });

  it('a promo code pool update writes only the fields its request lists', async () => {
    const pool = await call('POST', '/v1/promo-code-pools', {
      name: 'pool-rules',
      starts_at: '2024-01-01T00:00:00Z',
      discount_type: 'PERCENT_OFF',
      percent_off: 10,
    });
    const patched = await call('PATCH', `/v1/promo-code-pools/${pool.body.id}`, {
      name: 'pool-renamed',
      discount_type: 'PRICE_OVERRIDE',
      percent_off: 90,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'pool-renamed',
      discount_type: 'PERCENT_OFF',
      percent_off: 10,
    });
  });

  it('PATCH /v1/domains/{d} with an id changes neither the id nor the name', async () => {
    const before = (await call('GET', `/v1/domains/${DOMAIN}`)).body;
    const patched = await call('PATCH', `/v1/domains/${DOMAIN}`, { id: 'hijack', marketing_message: 'Hi' });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ ...before, marketing_message: 'Hi' });
  });
});

describe('creates carry nothing from the examples', () => {
  it('a course stores what was sent: no labels, no long_description_html', async () => {
    const course = await call('POST', '/v1/courses', {
      title: 'Mine',
      short_description: 'Short',
      enforce_sequential_navigation: false,
    });
    expect(course.status).toBe(201);
    expect(course.body).toEqual({
      id: course.body.id,
      title: 'Mine',
      short_description: 'Short',
      enforce_sequential_navigation: false,
    });
  });

  it('an empty access code pool counts 0 codes, and 1 once a code is added', async () => {
    const pool = await call('POST', `/v1/domains/${DOMAIN}/access-code-pools`, { name: 'empty-pool' });
    expect(pool.status).toBe(201);
    expect(pool.body.code_count).toBe(0);
    const code = await call('POST', `/v1/domains/${DOMAIN}/access-code-pools/${pool.body.id}/access-codes`, {
      code: 'opensesame2',
    });
    expect(code.status).toBe(201);
    const read = await call('GET', `/v1/domains/${DOMAIN}/access-code-pools/${pool.body.id}`);
    expect(read.body.code_count).toBe(1);
  });

  it('an asset stores the sent asset object with its stated defaults', async () => {
    const asset = await call('POST', '/v1/assets', {
      content_url: 'https://example.com/video.mp4',
      asset: { name: 'Intro video', aspect_ratio: '4:3' },
    });
    expect(asset.status).toBe(201);
    expect(asset.body).toEqual({
      id: asset.body.id,
      name: 'Intro video',
      aspect_ratio: '4:3',
      sync_completion: false,
    });
  });

  it('a quiz defaults max_attempts to 0 (seed: "By default (0)")', async () => {
    const quiz = await call('POST', '/v1/quizzes', { name: 'Quiz A' });
    expect(quiz.status).toBe(201);
    expect(quiz.body.max_attempts).toBe(0);
  });
});

describe('signup field values', () => {
  it('one value per user and field, shown with the stored field, written singly or in bulk', async () => {
    const user = (await addDomainUser('fields@example.com')).user as Json;
    const base = `/v1/domains/${DOMAIN}/users/${user.id}`;
    const unknown = await call('POST', `${base}/signup-fields`, {
      signup_field: { id: 'nosuchfield0' },
      value: 'x',
    });
    expect(unknown.status).toBe(400);
    const single = await call('POST', `${base}/signup-fields`, {
      signup_field: { id: '4mjoj729j1my' },
      value: 'Pilot',
    });
    expect(single.status).toBe(201);
    expect(single.body).toEqual({
      signup_field: { id: '4mjoj729j1my', label: expect.any(String) },
      value: 'Pilot',
    });
    const bulk = await call('POST', `${base}/signup-fields-bulk`, {
      signup_fields: [
        { id: '4mjoj729j1my', value: 'Pilot' },
        { id: '2dm0wghioq6rl', value: 'Someone' },
      ],
    });
    expect(bulk.status).toBe(201);
    // Unchanged values are not included (seed).
    expect((bulk.body.signup_fields as Json[]).map((entry) => entry.value)).toEqual(['Someone']);
    const listed = results(await call('GET', `${base}/signup-fields`));
    expect(listed.map((entry) => entry.value).sort()).toEqual(['Pilot', 'Someone']);
    const byValue = results(await call('GET', `/v1/domains/${DOMAIN}/users?signup_field_value=Someone`));
    expect(byValue.map((member) => (member.user as Json).id)).toEqual([user.id]);
  });
});
