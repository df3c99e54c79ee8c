import { type Clock, systemClock } from './clock.js';
import { ApiError } from './errors.js';

export type Query = Record<string, unknown>;

/** Where a page keeps its items: a property of the envelope, or the page itself (bare arrays). */
export type ItemsKey = 'results' | 'data' | 'items' | 'array';

/** Turns one page into the request for the next, or says the list is done. */
export interface PaginationStrategy {
  readonly itemsKey: ItemsKey;
  /**
   * @returns the next page's query, with a delay before asking when the API is polled (Samsara's
   *   stream), or `undefined` when there are no more pages.
   */
  next(page: unknown, query: Query, walk: WalkState): { query: Query; delayMs?: number } | undefined;
}

/** What a strategy may know about the walk in progress. */
export interface WalkState {
  /** The OpenAPI path being paginated. */
  path: string;
  /** How many items the first page had. */
  firstPageLength: number;
  /** Polling streams: the pause after an empty page. */
  pollIntervalMs: number;
}

export interface PaginateOptions {
  /** Stop after this many pages (default: no limit). */
  maxPages?: number;
  /** Stops the iteration (quietly) at the next page boundary or mid-request. */
  signal?: AbortSignal;
  /** Polling streams: wait this long after an empty page before asking again (default 5000 ms). */
  pollIntervalMs?: number;
}

export function itemsOf(page: unknown, key: ItemsKey): readonly unknown[] {
  const items = key === 'array' ? page : (page as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(items)) {
    throw new TypeError(
      `Expected a page with ${key === 'array' ? 'an array body' : `an array in "${key}"`}.`,
    );
  }
  return items;
}

/** Skilljar: follow the absolute `next` URL, re-sent through the client so base URL and auth apply. */
export function nextUrlStrategy(): PaginationStrategy {
  return {
    itemsKey: 'results',
    next(page, query) {
      const next = (page as { next?: unknown }).next;
      if (typeof next !== 'string' || next === '') return undefined;
      const nextQuery: Query = { ...query };
      for (const [key, value] of new URL(next).searchParams) nextQuery[key] = value;
      return { query: nextQuery };
    },
  };
}

/** SNworks: `current` and `total_pages` page numbers. */
export function pageNumberStrategy(): PaginationStrategy {
  return {
    itemsKey: 'items',
    next(page, query) {
      const { current, total_pages: totalPages } = page as { current?: unknown; total_pages?: unknown };
      if (typeof current !== 'number' || typeof totalPages !== 'number' || current >= totalPages)
        return undefined;
      return { query: { ...query, page: current + 1 } };
    },
  };
}

/** Thrive: bare-array pages; a page shorter than `perPage` (or the first page) is the last. */
export function shortPageStrategy(options: { pageParam: string; sizeParam: string }): PaginationStrategy {
  return {
    itemsKey: 'array',
    next(page, query, walk) {
      const items = page as unknown[];
      const requested = Number(query[options.sizeParam]);
      const size = Number.isFinite(requested) && requested > 0 ? requested : walk.firstPageLength;
      if (items.length === 0 || items.length < size) return undefined;
      const current = Number(query[options.pageParam] ?? 1);
      return { query: { ...query, [options.pageParam]: current + 1 } };
    },
  };
}

/**
 * Samsara: `pagination.endCursor` / `hasNextPage`. On polled paths (the training-assignments
 * stream without `endTime`) the stream never ends: keep asking with the latest cursor, pausing
 * after an empty page, until the caller's signal stops it.
 */
export function cursorStrategy(options: {
  cursorParam: string;
  pollPaths?: readonly string[];
  pollUnless?: string;
}): PaginationStrategy {
  return {
    itemsKey: 'data',
    next(page, query, { path, pollIntervalMs }) {
      const { data, pagination } = page as {
        data?: unknown[];
        pagination?: { endCursor?: unknown; hasNextPage?: unknown };
      };
      const cursor = typeof pagination?.endCursor === 'string' ? pagination.endCursor : '';
      const polling =
        options.pollPaths?.includes(path) &&
        (options.pollUnless === undefined || query[options.pollUnless] === undefined);
      if (polling) {
        const empty = !Array.isArray(data) || data.length === 0;
        return {
          query: cursor ? { ...query, [options.cursorParam]: cursor } : query,
          delayMs: empty ? pollIntervalMs : 0,
        };
      }
      if (pagination?.hasNextPage !== true || cursor === '') return undefined;
      return { query: { ...query, [options.cursorParam]: cursor } };
    },
  };
}

const DEFAULT_POLL_INTERVAL_MS = 5_000;

type PageFetcher = (query: Query, signal: AbortSignal | undefined) => Promise<unknown>;

/**
 * Walks pages until the strategy says done. A page identical to the one before it ends the walk
 * (outside polling): that is a server ignoring the page parameter, and following it would loop.
 */
export async function* walkPages(
  fetchPage: PageFetcher,
  strategy: PaginationStrategy,
  path: string,
  firstQuery: Query,
  options: PaginateOptions = {},
  clock: Clock = systemClock,
): AsyncGenerator<unknown, void, undefined> {
  const { signal, maxPages = Number.POSITIVE_INFINITY, pollIntervalMs = DEFAULT_POLL_INTERVAL_MS } = options;
  let query = firstQuery;
  let previous: string | undefined;
  let firstPageLength = -1;
  for (let count = 0; count < maxPages; count += 1) {
    if (signal?.aborted) return;
    let page: unknown;
    try {
      page = await fetchPage(query, signal);
    } catch (error) {
      if (signal?.aborted && error instanceof ApiError && error.kind === 'aborted') return;
      throw error;
    }
    if (firstPageLength < 0) firstPageLength = itemsOf(page, strategy.itemsKey).length;
    const next = strategy.next(page, query, { path, firstPageLength, pollIntervalMs });
    const polling = next?.delayMs !== undefined;
    if (!polling) {
      const fingerprint = JSON.stringify(page);
      if (fingerprint === previous) return;
      previous = fingerprint;
    }
    yield page;
    if (!next) return;
    if (next.delayMs) {
      try {
        await clock.sleep(next.delayMs, signal);
      } catch {
        return;
      }
    }
    query = next.query;
  }
}
