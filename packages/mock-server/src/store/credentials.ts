// Server-wide mutable state that belongs to no session: the OAuth2 tokens the mock's token
// endpoint issued, and each rate-limited credential's recent requests. A client's token or its
// rate budget does not change when it switches X-Mock-Session (it does not on the real API
// either), so these live beside the sessions in the store, bounded like everything in it.
import { BoundedCache } from '../core/bounded-cache.js';

export interface IssuedToken {
  /** Epoch ms after which the token is refused. */
  expiresAt: number;
  scopes: string[];
  /** The state session the token was issued to (`X-Mock-Session` on the token request). */
  session?: string;
}

/** Tokens kept at once; the oldest goes first (a client holding it gets 401 and asks again). */
export const MAX_ISSUED_TOKENS = 10_000;
/** Credentials whose recent request times are kept for rate limits (the oldest key goes first). */
export const MAX_RATE_KEYS = 10_000;

export class IssuedTokens {
  private readonly tokens = new BoundedCache<string, IssuedToken>(MAX_ISSUED_TOKENS);
  /** Bearer tokens a session has presented (JWTs the client made itself), by `api token`. */
  private readonly presented = new BoundedCache<string, string>(MAX_ISSUED_TOKENS);
  /** Tokens `expire` ended before their time, by `api token`. */
  private readonly ended = new BoundedCache<string, true>(MAX_ISSUED_TOKENS);

  remember(api: string, token: string, issued: IssuedToken): void {
    this.tokens.set(`${api} ${token}`, issued);
  }

  find(api: string, token: string): IssuedToken | undefined {
    return this.tokens.get(`${api} ${token}`);
  }

  /** Notes that a session used this token (so `expire` can end tokens the mock did not issue). */
  notePresented(api: string, token: string, session: string): void {
    const key = `${api} ${token}`;
    if (this.presented.get(key) !== session) this.presented.set(key, session);
  }

  /** True when `expire` ended this token. */
  isEnded(api: string, token: string): boolean {
    return this.ended.get(`${api} ${token}`) === true;
  }

  /**
   * Ends now every token issued to or presented by the session (for one API, or all): the next
   * call with one gets the API's expired-token answer. Tokens issued after this work as usual.
   */
  expire(session: string, api: string | undefined): number {
    let count = 0;
    const end = (key: string) => {
      if (api !== undefined && !key.startsWith(`${api} `)) return;
      if (!this.ended.get(key)) count += 1;
      this.ended.set(key, true);
    };
    for (const [key, issued] of this.tokens.entries()) if (issued.session === session) end(key);
    for (const [key, owner] of this.presented.entries()) if (owner === session) end(key);
    return count;
  }
}

/** How early (ms) a request may arrive and still be counted as on time; see RateWindows.take. */
export const JITTER_MS = 50;

/**
 * A rolling window per (operation, credential): at most `limit` requests in any `windowMs`.
 * "5 requests/sec" read at its strictest (any one second, not a bucket that refills while a
 * burst is spent): a client that passes the mock passes any gentler reading the API may use.
 */
export class RateWindows {
  private readonly windows = new BoundedCache<string, number[]>(MAX_RATE_KEYS);

  /**
   * Admits a request at `now` if fewer than `limit` were admitted in the window before it;
   * otherwise answers how long (ms) until the oldest of them leaves it. The window is JITTER_MS
   * short of `windowMs`: a client pacing itself at exactly the rate has its requests arrive a
   * few ms closer together now and then, and is not refused for it.
   */
  take(key: string, limit: number, windowMs: number, now: number): number | undefined {
    const span = Math.max(windowMs - JITTER_MS, windowMs / 2);
    const times = (this.windows.get(key) ?? []).filter((time) => now - time < span);
    if (times.length >= limit) {
      this.windows.set(key, times);
      return (times[0] as number) + span - now;
    }
    times.push(now);
    this.windows.set(key, times);
    return undefined;
  }
}
