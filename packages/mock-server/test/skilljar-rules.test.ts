// Skilljar's seed rules (issue 22), over HTTP in one X-Mock-Session: the named filters and
// `include_*` flags, the rules on updates, creates that store only what was sent, and a user's
// signup field values. One person behind every view: skilljar-entities.test.ts.
import { describe, expect, it } from 'vitest';
import { DOMAIN, type Json, PUBLISHED_COURSE, results, skilljarSession } from './skilljar-session.js';

const { call, addDomainUser, enroll } = skilljarSession('skilljar-rules');

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

  it("include_searchable_content adds the path's items and title to a published path", async () => {
    const path = `/v1/domains/${DOMAIN}/published-paths/abcdefg123456`;
    const plain = (await call('GET', path)).body;
    expect(plain).not.toHaveProperty('path_item_list');
    const flagged = (await call('GET', `${path}?include_searchable_content=True`)).body;
    const pathId = (plain.path as Json).id;
    expect(flagged.path_item_list).toEqual(results(await call('GET', `/v1/paths/${pathId}/path-items`)));
    expect(flagged.title).toBe((plain.path as Json).title);
    const listed = results(
      await call('GET', `/v1/domains/${DOMAIN}/published-paths?include_searchable_content=true`),
    );
    expect(listed[0]).toHaveProperty('path_item_list');
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
