// Fixtures (issue 23): a test's data in one call, stored through the same rules as creates, in
// one session only; an invalid item is refused by name and field, and then nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureError, type RunningMockServer, startMockServer } from '../src/index.js';
import { SPECS_DIR } from './requests.js';

let mock: RunningMockServer;
const AUTH = `Basic ${Buffer.from('key:').toString('base64')}`;
const course = (title: string) => ({
  title,
  short_description: 'From a fixture',
  enforce_sequential_navigation: false,
});

beforeAll(async () => {
  mock = await startMockServer({
    port: 0,
    specsDir: SPECS_DIR,
    fixtures: [{ skilljar: { '/v1/courses': [course('Seeded for everyone')] } }],
  });
});

afterAll(async () => {
  await mock?.close();
});

async function titles(session: string): Promise<string[]> {
  const response = await fetch(`${mock.apis.skilljar}/v1/courses?page_size=100`, {
    headers: { authorization: AUTH, 'x-mock-session': session },
  });
  const body = (await response.json()) as { results: Array<{ title: string }> };
  return body.results.map((item) => item.title);
}

function load(session: string, fixture: unknown) {
  return fetch(`${mock.url}/_state/load?session=${session}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fixture),
  });
}

describe('POST /_state/load', () => {
  it('stores the items in that session only, with server-made ids', async () => {
    const response = await load('fix-a', { skilljar: { '/v1/courses': [course('Alpha'), course('Beta')] } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ session: 'fix-a', loaded: { skilljar: { '/v1/courses': 2 } } });
    expect(await titles('fix-a')).toEqual(expect.arrayContaining(['Alpha', 'Beta']));
    expect(await titles('fix-b')).not.toContain('Alpha');
  });

  it('refuses an invalid item naming the item and the field, and stores none of the fixture', async () => {
    const response = await load('fix-c', {
      skilljar: {
        '/v1/courses': [
          course('Kept out'),
          { title: 'No description', enforce_sequential_navigation: false },
        ],
      },
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { detail: string; item: Record<string, unknown> };
    expect(problem.item).toMatchObject({
      api: 'skilljar',
      path: '/v1/courses',
      index: 1,
      field: 'short_description',
    });
    expect(problem.detail).toMatch(/^skilljar \/v1\/courses\[1\], field short_description: refused with 400/);
    expect(await titles('fix-c')).not.toContain('Kept out');
  });

  it('refuses unknown APIs, paths without a create, and bodies that are not fixtures', async () => {
    expect((await load('fix-d', { nope: {} })).status).toBe(400);
    const noCreate = await load('fix-d', { skilljar: { '/v1/ping': [{}] } });
    expect(noCreate.status).toBe(400);
    expect(((await noCreate.json()) as { detail: string }).detail).toMatch(/no create operation/);
    expect((await load('fix-d', [1, 2])).status).toBe(400);
  });
});

describe('programmatic and start-up fixtures', () => {
  it('loads through mock.session(name).load and throws a FixtureError on a bad item', async () => {
    const session = mock.session('fix-e');
    expect(session.load({ skilljar: { '/v1/courses': [course('Gamma')] } }).loaded).toEqual({
      skilljar: { '/v1/courses': 1 },
    });
    expect(await titles('fix-e')).toContain('Gamma');
    expect(() => session.load({ skilljar: { '/v1/courses': [{ title: 3 }] } })).toThrow(FixtureError);
  });

  it('gives every session the start-up fixtures, and an empty session none', async () => {
    expect(await titles('fix-f')).toContain('Seeded for everyone');
    mock.session('fix-g').reset({ empty: true });
    expect(await titles('fix-g')).toEqual([]);
  });
});
