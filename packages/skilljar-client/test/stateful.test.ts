// The Skilljar client against the stateful mock: what it writes, it reads back. Each test uses
// its own X-Mock-Session, so test files running in parallel never see each other's data.
import { isApiError } from '@lms-apis/client-core';
import { describe, expect, inject, it } from 'vitest';
import { createSkilljarClient } from '../src/index.js';

const baseUrl = inject('mockApis').skilljar as string;
const mockUrl = inject('mockUrl');

function client(session: string) {
  return createSkilljarClient({
    baseUrl,
    apiKey: 'sk-test',
    retry: false,
    headers: { 'X-Mock-Session': session },
  });
}

const newCourse = { title: 'My Course', enforce_sequential_navigation: false, short_description: 'Mine' };

describe('Skilljar client, stateful mock', () => {
  it('creates a course, lists it, patches it, and the list shows the change', async () => {
    const skilljar = client('skilljar-crud');
    const before = await skilljar.GET('/v1/courses');
    const created = await skilljar.POST('/v1/courses', { body: newCourse });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject(newCourse);
    const id = created.data?.id as string;
    expect(id).toMatch(/^[0-9a-z]{13}$/);

    const after = await skilljar.GET('/v1/courses');
    expect(after.data?.count).toBe((before.data?.count ?? 0) + 1);
    expect(after.data?.results.find((course) => course.id === id)?.title).toBe('My Course');

    const patched = await skilljar.PATCH('/v1/courses/{course_id}', {
      params: { path: { course_id: id } },
      body: { title: 'Renamed' },
    });
    expect(patched.data).toMatchObject({ id, title: 'Renamed', short_description: 'Mine' });
    const listed = await skilljar.GET('/v1/courses');
    expect(listed.data?.results.find((course) => course.id === id)?.title).toBe('Renamed');
  });

  it('deletes a promo code pool; reads and writes of it then answer the API’s 404', async () => {
    const skilljar = client('skilljar-delete');
    const pools = await skilljar.GET('/v1/promo-code-pools');
    const pool = pools.data?.results[0];
    expect(pool).toBeDefined();
    const id = pool?.id as string;
    const removed = await skilljar.DELETE('/v1/promo-code-pools/{promo_code_pool_id}', {
      params: { path: { promo_code_pool_id: id } },
    });
    expect(removed.response.ok).toBe(true);
    const again = await skilljar.DELETE('/v1/promo-code-pools/{promo_code_pool_id}', {
      params: { path: { promo_code_pool_id: id } },
    });
    expect(again.response.status).toBe(404);
    expect(again.error).toEqual({ detail: 'Not found.' });
    const after = await skilljar.GET('/v1/promo-code-pools');
    expect(after.data?.results.some((candidate) => candidate.id === id)).toBe(false);
  });

  it('paginate() follows the mock’s next links over several pages', async () => {
    const skilljar = client('skilljar-pages');
    for (let i = 0; i < 7; i += 1)
      await skilljar.POST('/v1/courses', { body: { ...newCourse, title: `Course ${i}` } });
    const titles: string[] = [];
    let pages = 0;
    const counting = createSkilljarClient({
      baseUrl,
      apiKey: 'sk-test',
      retry: false,
      headers: { 'X-Mock-Session': 'skilljar-pages' },
      fetch: (request: Request) => {
        pages += 1;
        return fetch(request);
      },
    });
    for await (const course of counting.paginate('/v1/courses', { params: { query: { page_size: 3 } } }))
      titles.push(course.title ?? '');
    expect(titles.filter((title) => title.startsWith('Course '))).toHaveLength(7);
    expect(pages).toBe(Math.ceil(titles.length / 3));
    expect(pages).toBeGreaterThan(1);
  });

  it('keeps sessions apart, and a reset restores the seed', async () => {
    const a = client('skilljar-a');
    const b = client('skilljar-b');
    const seeded = (await b.GET('/v1/courses')).data?.count ?? 0;
    await a.POST('/v1/courses', { body: newCourse });
    expect((await a.GET('/v1/courses')).data?.count).toBe(seeded + 1);
    expect((await b.GET('/v1/courses')).data?.count).toBe(seeded);
    await fetch(`${mockUrl}/_state/reset`, { method: 'POST', headers: { 'X-Mock-Session': 'skilljar-a' } });
    expect((await a.GET('/v1/courses')).data?.count).toBe(seeded);
  });

  it('throws the API’s own error for an unknown id', async () => {
    const skilljar = createSkilljarClient({
      baseUrl,
      apiKey: 'sk-test',
      retry: false,
      throwOnError: true,
      headers: { 'X-Mock-Session': 'skilljar-errors' },
    });
    const failure = await skilljar
      .GET('/v1/web-packages/{web_package_id}', { params: { path: { web_package_id: 'no-such-package' } } })
      .catch((error: unknown) => error);
    expect(isApiError(failure) && failure.status).toBe(404);
  });
});
