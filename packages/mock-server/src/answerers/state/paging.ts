// Each API's list envelope and paging, computed from the stored items. The styles are generic;
// which one an API uses, with its parameter names and sizes, is in behaviours/<api>.ts.

import type { Item } from '../../store/store.js';
import type { PagingDeclaration } from './declarations.js';

export interface PageInput {
  items: Item[];
  query: URLSearchParams;
  requestUrl: URL;
  listKey: string | null;
  paging: PagingDeclaration;
  pageSize: number;
  /** For cursors: the value an item sorts by, and its id. */
  cursorOf: (item: Item) => string;
  /**
   * Does the operation document the size parameter? An undocumented one (Samsara's `limit`)
   * is ignored, as the API would not know it: the page has the default size.
   */
  sizeDocumented: boolean;
}

export type PageResult = { body: unknown } | { invalidPage: string };

export function page(input: PageInput): PageResult {
  switch (input.paging.style) {
    case 'drf-page-number':
      return drfPage(input);
    case 'ceo-page':
      return ceoPage(input);
    case 'bare-array-page':
      return bareArrayPage(input);
    case 'samsara-cursor':
      return cursorPage(input);
  }
}

function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  return Number.isInteger(value) ? value : fallback;
}

function sizeOf(input: PageInput): number {
  if (!input.sizeDocumented) return Math.min(input.pageSize, input.paging.maxPageSize);
  const requested = intParam(input.query, input.paging.sizeParam, input.pageSize);
  return Math.min(Math.max(requested, 1), input.paging.maxPageSize);
}

/**
 * Django REST framework's PageNumberPagination: absolute `next`/`previous` links built from the
 * request URL (so a client follows them back to the mock); the link to page 1 drops `page`, as
 * DRF's does; a page past the end answers 404 "Invalid page.".
 */
function drfPage(input: PageInput): PageResult {
  const size = sizeOf(input);
  const pages = Math.max(1, Math.ceil(input.items.length / size));
  const raw = input.query.get(input.paging.pageParam);
  const current = raw === null || raw === '' || raw === 'last' ? (raw === 'last' ? pages : 1) : Number(raw);
  if (!Number.isInteger(current) || current < 1 || current > pages) return { invalidPage: 'Invalid page.' };
  const link = (target: number): string => {
    const url = new URL(input.requestUrl);
    if (target === 1) url.searchParams.delete(input.paging.pageParam);
    else url.searchParams.set(input.paging.pageParam, String(target));
    return url.toString();
  };
  return {
    body: {
      count: input.items.length,
      next: current < pages ? link(current + 1) : null,
      previous: current > 1 ? link(current - 1) : null,
      [input.listKey ?? 'results']: input.items.slice((current - 1) * size, current * size),
    },
  };
}

/** SNworks CEO: page numbers in the envelope; `before`/`next` stay within the first and last page. */
function ceoPage(input: PageInput): PageResult {
  const size = sizeOf(input);
  const total = input.items.length;
  const last = Math.max(1, Math.ceil(total / size));
  const current = Math.max(1, intParam(input.query, input.paging.pageParam, 1));
  return {
    body: {
      [input.listKey ?? 'items']: input.items.slice((current - 1) * size, current * size),
      first: 1,
      before: Math.max(1, current - 1),
      current,
      last,
      next: Math.min(last, current + 1),
      total_pages: last,
      total_items: total,
      limit: size,
    },
  };
}

/** A bare array: the requested page of items, an empty array past the end. */
function bareArrayPage(input: PageInput): PageResult {
  const size = sizeOf(input);
  const current = Math.max(1, intParam(input.query, input.paging.pageParam, 1));
  return { body: input.items.slice((current - 1) * size, current * size) };
}

/**
 * Samsara's cursor: `endCursor` names the last item of the page (opaque to clients: base64url of
 * its sort key), so a page is "the items after it", stable while new items are added.
 */
function cursorPage(input: PageInput): PageResult {
  const size = sizeOf(input);
  const after = input.query.get(input.paging.pageParam);
  let start = 0;
  if (after) {
    let key: string;
    try {
      key = Buffer.from(after, 'base64url').toString('utf8');
    } catch {
      return { invalidPage: `Invalid cursor: ${after}` };
    }
    if (!key.includes('|')) return { invalidPage: `Invalid cursor: ${after}` };
    start = input.items.findIndex((item) => input.cursorOf(item) > key);
    if (start === -1) start = input.items.length;
  }
  const data = input.items.slice(start, start + size);
  const hasNextPage = start + size < input.items.length;
  const lastItem = data[data.length - 1];
  return {
    body: {
      [input.listKey ?? 'data']: data,
      pagination: {
        endCursor: hasNextPage && lastItem ? Buffer.from(input.cursorOf(lastItem)).toString('base64url') : '',
        hasNextPage,
      },
    },
  };
}
