// Speed without divergence. Prism does per request what is the same for every request of an
// operation; the wrappers below do it once and reuse the result. Each calls Prism's own function
// and only skips work whose inputs are identical, so the answers are Prism's answers (the
// differential test against `prism mock` holds them to that).

import * as E from 'fp-ts/lib/Either.js';
import { BoundedCache } from '../../core/bounded-cache.js';
import { prismRouter } from './modules.js';
import type { PrismOperation, RouteFn } from './types.js';

const defaultRoute = prismRouter.default as RouteFn;

/** Request lines remembered per API: bounded, so memory is too. */
const ROUTE_MEMO_SIZE = 4096;

/**
 * Prism's router scores and sorts every operation of the document, then matches each path. Two
 * savings, both exact:
 * - An operation can only match a request with as many path segments whose literal segments are
 *   equal (matchPath answers NOMATCH otherwise, which never affects the result), so only those
 *   candidates are handed to the router, in document order (the sort is stable).
 * - When every template segment is a whole `{name}`, which candidates match, how they score and
 *   which one wins depend on the candidate set and the method only, not on the values in the
 *   path: a successful answer is remembered per (method, candidate set). Paths with `%` or `{`,
 *   where raw and decoded segments can differ, and errors (whose text names the path) always go
 *   to Prism's router.
 */
export function memoizedRoute(operations: PrismOperation[]): RouteFn {
  const shapes = operations.map((operation, index) => {
    const fragments = operation.path.split('/').slice(1).map(decodeFragment);
    const literals = fragments.flatMap((fragment, at) => (/{(.+)}/.test(fragment) ? [] : [{ at, fragment }]));
    return { operation, index, count: fragments.length, literals };
  });
  // Operations grouped by segment count: only a group of the request's length can match.
  const byCount = new Map<number, typeof shapes>();
  for (const shape of shapes) byCount.set(shape.count, [...(byCount.get(shape.count) ?? []), shape]);
  const wholeTemplates = operations.every((operation) =>
    operation.path.split('/').every((fragment) => !/{(.+)}/.test(fragment) || /^{[^{}]+}$/.test(fragment)),
  );
  const memo = new Map<string, E.Either<Error, PrismOperation>>();
  // The same request line again: its answer, without looking at the candidates.
  const byRequestLine = new BoundedCache<string, E.Either<Error, PrismOperation>>(ROUTE_MEMO_SIZE);
  return (args) => {
    const { input } = args;
    const { path } = input.url;
    // A server override changes how routing treats servers: leave that to Prism untouched.
    if (input.url.baseUrl || !path.startsWith('/')) return defaultRoute(args);
    const line = `${input.method} ${path}`;
    const seen = byRequestLine.get(line);
    if (seen) return seen;
    const fragments = path.split('/').slice(1).map(decodeFragment);
    const candidates = (byCount.get(fragments.length) ?? []).filter(({ literals }) =>
      literals.every(({ at, fragment }) => fragments[at] === fragment),
    );
    // None can match: any one operation makes Prism answer its own "no path matched" error.
    if (candidates.length === 0) return defaultRoute({ ...args, resources: operations.slice(0, 1) });
    const resources = candidates.map(({ operation }) => operation);
    if (!wholeTemplates || path.includes('%') || path.includes('{'))
      return defaultRoute({ ...args, resources });
    const key = `${input.method} ${candidates.map(({ index }) => index).join(',')}`;
    let result = memo.get(key);
    if (!result) {
      result = defaultRoute({ ...args, resources });
      if (E.isLeft(result)) return result;
      memo.set(key, result);
    }
    byRequestLine.set(line, result);
    return result;
  };
}

/** prism-http router's decodePathFragment. */
export function decodeFragment(fragment: string): string {
  try {
    return fragment && decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
