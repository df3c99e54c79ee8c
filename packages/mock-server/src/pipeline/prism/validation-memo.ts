// Prism's validators, remembered per operation under exactly the request parts they read.
import * as E from 'fp-ts/lib/Either.js';
import { BoundedCache } from '../../core/bounded-cache.js';
import type { PrismInput, PrismOperation, PrismValidation, ValidateFn } from './types.js';

/** Validation answers remembered per operation: bounded, so memory is too. */
const VALIDATION_MEMO_SIZE = 512;

/**
 * Prism's request validators (security and input) are pure functions of the operation and of the
 * parts of the request they read: path, query, body, and a few headers (Authorization, cookies,
 * the operation's declared header parameters and API-key headers, and the body's content headers).
 * Their answer is remembered per operation under exactly those parts.
 */
export function memoizedValidation(validate: ValidateFn): ValidateFn {
  const memos = new WeakMap<
    PrismOperation,
    { headers: string[]; memo: BoundedCache<string, E.Either<PrismValidation[], PrismInput>> }
  >();
  return (args) => {
    const { resource, element } = args;
    let entry = memos.get(resource);
    if (!entry) {
      entry = { headers: headersRead(resource), memo: new BoundedCache(VALIDATION_MEMO_SIZE) };
      memos.set(resource, entry);
    }
    const key =
      element.memoKey !== undefined
        ? `${element.memoKey}\n${entry.headers.map((name) => element.headers[name] ?? '').join('\n')}`
        : JSON.stringify([element.method, element.url, element.headers, element.body]);
    const cached = entry.memo.get(key);
    // The validators answer Right(element): hand back this request's element, not the first one's.
    if (cached) return E.isRight(cached) ? E.right(element) : cached;
    const result = validate(args);
    entry.memo.set(key, result);
    return result;
  };
}

const BODY_HEADERS = ['content-type', 'content-length', 'transfer-encoding'];

/** The (lower-case) request headers Prism's validators look at for this operation. */
function headersRead(resource: PrismOperation): string[] {
  const names = new Set(['authorization', 'cookie', ...BODY_HEADERS]);
  const request = resource.request as { headers?: Array<{ name: string }> } | undefined;
  for (const header of request?.headers ?? []) names.add(header.name.toLowerCase());
  const security = (resource.security ?? []) as Array<Array<{ type?: string; in?: string; name?: string }>>;
  for (const scheme of security.flat()) {
    if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name)
      names.add(scheme.name.toLowerCase());
  }
  return [...names].sort();
}
