import type { Middleware } from 'openapi-fetch';
import { type Clock, systemClock } from '../clock.js';
import { cloneRequest, shareContext } from '../context.js';
import { redacted } from './redact.js';
import { withStaticHeaders } from './static-headers.js';

export interface IssuedToken {
  token: string;
  /** Epoch ms after which the token is no longer accepted; undefined = until the API refuses it. */
  expiresAt?: number;
}

export interface TokenAuthOptions {
  /** Name shown (instead of the credentials) when the middleware is printed. */
  label: string;
  /** Obtains a new token; called at most once at a time however many requests are waiting. */
  issue: () => Promise<IssuedToken>;
  /** Response statuses that mean "this token is no longer good": renew it and re-send once. */
  renewOn: readonly number[];
  /** Renew this long before `expiresAt`, so a token never expires in flight. */
  expirySkewMs: number;
  scheme?: string;
  /** Where expiry is read (default: the system clock); tests move a `manualClock()` instead of waiting. */
  clock?: Clock;
}

/**
 * Bearer tokens that expire: caches the token until shortly before expiry, shares one issue call
 * between all concurrent requests (single flight), and when the API refuses a token (401 for
 * OAuth2, 403 for SNworks) renews it and re-sends the request once.
 */
export function tokenAuth(options: TokenAuthOptions): Middleware {
  const scheme = options.scheme ?? 'Bearer';
  const clock = options.clock ?? systemClock;
  let current: IssuedToken | undefined;
  // The skew for `current`: at most half its lifetime, so a short-lived token (a 60 s skew on a
  // 30 s token) is still used for a while instead of being renewed before every request.
  let currentSkewMs = options.expirySkewMs;
  let pending: Promise<IssuedToken> | undefined;
  // Copies of requests that may need re-sending, by openapi-fetch request id.
  const resendable = new Map<string, { copy: Request; token: string }>();

  function isFresh(token: IssuedToken): boolean {
    return token.expiresAt === undefined || clock.now() < token.expiresAt - currentSkewMs;
  }

  function obtain(): Promise<IssuedToken> {
    if (current && isFresh(current)) return Promise.resolve(current);
    if (!pending) {
      pending = options
        .issue()
        .then((issued) => {
          if (typeof issued?.token !== 'string' || issued.token === '') {
            throw new Error(`${options.label}: the token source returned no token.`);
          }
          current = issued;
          currentSkewMs =
            issued.expiresAt === undefined
              ? options.expirySkewMs
              : Math.min(options.expirySkewMs, Math.max(0, (issued.expiresAt - clock.now()) / 2));
          return issued;
        })
        .finally(() => {
          pending = undefined;
        });
    }
    return pending;
  }

  return redacted(
    {
      async onRequest({ request, id }) {
        const { token } = await obtain();
        request.headers.set('Authorization', `${scheme} ${token}`);
        // A body can be read once, so keep a copy; body-less requests can simply be sent again.
        const copy = request.body === null ? request : cloneRequest(request);
        // Stored, so that the re-send adds to the call's attempts.
        if (copy === request) shareContext(request);
        resendable.set(id, { copy, token });
      },
      async onResponse({ response, id, options: fetchOptions }) {
        const entry = resendable.get(id);
        resendable.delete(id);
        if (!entry || !options.renewOn.includes(response.status)) return undefined;
        // Only drop the token if nobody has renewed it meanwhile.
        if (current?.token === entry.token) current = undefined;
        const { token } = await obtain();
        entry.copy.headers.set('Authorization', `${scheme} ${token}`);
        void response.body?.cancel().catch(() => undefined);
        return fetchOptions.fetch(entry.copy);
      },
      onError({ id }) {
        resendable.delete(id);
      },
    },
    options.label,
  );
}

/** A fixed bearer token, or a function that returns the current one. */
export function bearerAuth(token: string | (() => string | Promise<string>)): Middleware {
  if (typeof token !== 'function' && (typeof token !== 'string' || token === '')) {
    throw new TypeError('bearerAuth: token must be a non-empty string or a function returning one.');
  }
  const read = typeof token === 'function' ? token : () => token;
  const middleware = redacted<Middleware>(
    {
      async onRequest({ request }) {
        const value = await read();
        if (typeof value !== 'string' || value === '') {
          throw new TypeError('bearerAuth: the token function returned no token.');
        }
        request.headers.set('Authorization', `Bearer ${value}`);
      },
    },
    'bearerAuth',
  );
  return typeof token === 'string'
    ? withStaticHeaders(middleware, { Authorization: `Bearer ${token}` })
    : middleware;
}
