import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ApiError,
  createApiClient,
  cursorStrategy,
  manualClock,
  nextUrlStrategy,
  pageNumberStrategy,
  shortPageStrategy,
} from '../src/index.js';
import { fakeFetch, json, untilSleeping } from './fake-fetch.js';

const baseUrl = 'https://api.example.test';

type ListOp<Query, Page> = {
  parameters: { query?: Query; header?: never; path?: never; cookie?: never };
  requestBody?: never;
  responses: { 200: { headers: { [name: string]: unknown }; content: { 'application/json': Page } } };
};
type PathItem<Get> = {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  get: Get;
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
};
type Course = { id: string; title: string };

type SkilljarLike = {
  '/v1/courses': PathItem<
    ListOp<
      { page?: number; page_size?: number },
      { count: number; next: string | null; previous: string | null; results: Course[] }
    >
  >;
  '/v1/ping': PathItem<ListOp<never, { ok: boolean }>>;
};
type SamsaraLike = {
  '/training-assignments/stream': PathItem<
    ListOp<
      { startTime: string; endTime?: string; after?: string },
      { data: { id: string }[]; pagination: { endCursor: string; hasNextPage: boolean } }
    >
  >;
};
type SnworksLike = {
  '/assignment': PathItem<
    ListOp<{ page?: number }, { items: { uuid: string }[]; current: number; total_pages: number }>
  >;
};
type ThriveLike = { '/assignments': PathItem<ListOp<{ page?: number; perPage?: number }, { id: string }[]>> };

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

describe('Skilljar: follow `next`', () => {
  it('walks every page, keeping filters and using the next URL only for its query', async () => {
    const fetch = fakeFetch((request) => {
      const page = new URL(request.url).searchParams.get('page') ?? '1';
      const next =
        page === '3' ? null : `https://api.skilljar.com/v1/courses?page=${Number(page) + 1}&page_size=2`;
      return json({ count: 5, next, previous: null, results: [{ id: `c${page}`, title: `Course ${page}` }] });
    });
    const sj = createApiClient<SkilljarLike, 'results'>({ baseUrl, fetch, pagination: nextUrlStrategy() });
    const courses = await collect(sj.paginate('/v1/courses', { params: { query: { page_size: 2 } } }));
    expectTypeOf(courses).toEqualTypeOf<Course[]>();
    expect(courses.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(fetch.requests.map((r) => r.url)).toEqual([
      `${baseUrl}/v1/courses?page_size=2`,
      `${baseUrl}/v1/courses?page_size=2&page=2`,
      `${baseUrl}/v1/courses?page_size=2&page=3`,
    ]);
  });

  it('only accepts list operations', () => {
    const sj = createApiClient<SkilljarLike, 'results'>({ baseUrl, pagination: nextUrlStrategy() });
    // @ts-expect-error /v1/ping does not answer a page of results
    expect(() => sj.paginate('/v1/ping')).toBeTypeOf('function');
  });

  it('stops when the server repeats a page instead of looping', async () => {
    const fetch = fakeFetch(
      json({
        count: 2,
        next: 'https://api.skilljar.com/v1/courses?page=2',
        previous: null,
        results: [{ id: 'a', title: 'A' }],
      }),
    );
    const sj = createApiClient<SkilljarLike, 'results'>({ baseUrl, fetch, pagination: nextUrlStrategy() });
    expect((await collect(sj.paginate('/v1/courses'))).map((c) => c.id)).toEqual(['a']);
    expect(fetch.requests).toHaveLength(2);
  });

  it('throws an ApiError when a page fails', async () => {
    const fetch = fakeFetch(
      json({ detail: 'Invalid page.' }, { status: 404, headers: { 'x-request-id': 'req-1' } }),
    );
    const sj = createApiClient<SkilljarLike, 'results'>({
      baseUrl,
      fetch,
      retry: false,
      pagination: nextUrlStrategy(),
    });
    const failure = await collect(sj.paginate('/v1/courses')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      status: 404,
      requestId: 'req-1',
      operation: 'GET /v1/courses',
      body: { detail: 'Invalid page.' },
    });
    expect(String(failure)).toContain('Invalid page.');
  });
});

describe('Samsara: cursor pages and the polled stream', () => {
  const page = (ids: string[], endCursor: string, hasNextPage: boolean) =>
    json({ data: ids.map((id) => ({ id })), pagination: { endCursor, hasNextPage } });

  it('follows endCursor while hasNextPage, when endTime bounds the stream', async () => {
    const fetch = fakeFetch(page(['a', 'b'], 'c1', true), page(['c'], 'c2', true), page([], '', false));
    const sam = createApiClient<SamsaraLike, 'data'>({
      baseUrl,
      fetch,
      pagination: cursorStrategy({
        cursorParam: 'after',
        pollPaths: ['/training-assignments/stream'],
        pollUnless: 'endTime',
      }),
    });
    const items = await collect(
      sam.paginate('/training-assignments/stream', {
        params: { query: { startTime: '2026-01-01T00:00:00Z', endTime: '2026-02-01T00:00:00Z' } },
      }),
    );
    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(fetch.requests.map((r) => new URL(r.url).searchParams.get('after'))).toEqual([null, 'c1', 'c2']);
  });

  it('keeps polling without endTime, pausing on empty pages, until the signal stops it', async () => {
    const clock = manualClock();
    const started = clock.now();
    let call = 0;
    const fetch = fakeFetch(() => {
      call += 1;
      return call % 2 === 1 ? page([`x${call}`], `cursor-${call}`, true) : page([], `cursor-${call}`, true);
    });
    const sam = createApiClient<SamsaraLike, 'data'>({
      baseUrl,
      fetch,
      pagination: cursorStrategy({
        cursorParam: 'after',
        pollPaths: ['/training-assignments/stream'],
        pollUnless: 'endTime',
      }),
      clock,
      timeoutMs: 0, // the clock's only waits are the polling pauses
    });
    const controller = new AbortController();
    const seen: string[] = [];
    const walk = (async () => {
      for await (const item of sam.paginate(
        '/training-assignments/stream',
        { params: { query: { startTime: '2026-01-01T00:00:00Z' } } },
        { signal: controller.signal, pollIntervalMs: 40_000 },
      )) {
        seen.push(item.id);
        if (seen.length === 3) controller.abort();
      }
    })();
    // Two empty pages on the way, each followed by a pause on the clock before the next poll.
    for (let pause = 0; pause < 2; pause += 1) {
      await untilSleeping(clock);
      const polled = fetch.requests.length;
      await clock.advance(39_999);
      expect(fetch.requests).toHaveLength(polled);
      await clock.advance(1);
    }
    await walk;
    expect(seen).toEqual(['x1', 'x3', 'x5']);
    expect(clock.now() - started).toBe(2 * 40_000);
    expect(new URL(fetch.requests.at(-1)?.url ?? '').searchParams.get('after')).toBe('cursor-4');
  });
});

describe('SNworks: page numbers', () => {
  it('asks for current + 1 until total_pages', async () => {
    const fetch = fakeFetch((request) => {
      const current = Number(new URL(request.url).searchParams.get('page') ?? 1);
      return json({ items: [{ uuid: `u${current}` }], current, total_pages: 3 });
    });
    const ceo = createApiClient<SnworksLike, 'items'>({ baseUrl, fetch, pagination: pageNumberStrategy() });
    expect((await collect(ceo.paginate('/assignment'))).map((a) => a.uuid)).toEqual(['u1', 'u2', 'u3']);
  });
});

describe('Thrive: bare-array pages', () => {
  it('stops on a short page', async () => {
    const fetch = fakeFetch(
      json([{ id: '1' }, { id: '2' }]),
      json([{ id: '3' }, { id: '4' }]),
      json([{ id: '5' }]),
    );
    const thrive = createApiClient<ThriveLike, 'array'>({
      baseUrl,
      fetch,
      pagination: shortPageStrategy({ pageParam: 'page', sizeParam: 'perPage' }),
    });
    const pages = await collect(thrive.pages('/assignments', { params: { query: { perPage: 2 } } }));
    expect(pages).toHaveLength(3);
    expect(fetch.requests.map((r) => new URL(r.url).searchParams.get('page'))).toEqual([null, '2', '3']);
  });

  it('uses the first page as the page size when perPage is not given, and stops on an empty page', async () => {
    const fetch = fakeFetch(json([{ id: '1' }, { id: '2' }]), json([]));
    const thrive = createApiClient<ThriveLike, 'array'>({
      baseUrl,
      fetch,
      pagination: shortPageStrategy({ pageParam: 'page', sizeParam: 'perPage' }),
    });
    expect((await collect(thrive.paginate('/assignments'))).map((a) => a.id)).toEqual(['1', '2']);
    expect(fetch.requests).toHaveLength(2);
  });

  it('honours maxPages', async () => {
    const fetch = fakeFetch((request) =>
      json([{ id: new URL(request.url).searchParams.get('page') ?? '1' }]),
    );
    const thrive = createApiClient<ThriveLike, 'array'>({
      baseUrl,
      fetch,
      pagination: shortPageStrategy({ pageParam: 'page', sizeParam: 'perPage' }),
    });
    expect(await collect(thrive.paginate('/assignments', undefined, { maxPages: 2 }))).toHaveLength(2);
  });
});
