// Server-wide mutable state that belongs to no session: the OAuth2 tokens the mock's token
// endpoint issued, and each rate-limited credential's recent requests. A client's token or its
// rate budget does not change when it switches X-Mock-Session (it does not on the real API
// either), so these live beside the sessions in the store, bounded like everything in it.
import { BoundedCache } from '../bounded-cache.js';

export interface IssuedToken {
  /** Epoch ms after which the token is refused. */
  expiresAt: number;
  scopes: string[];
}

/** Tokens kept at once; the oldest goes first (a client holding it gets 401 and asks again). */
export const MAX_ISSUED_TOKENS = 10_000;
/** Credentials whose rate-limit buckets are kept (the oldest goes first: it starts full again). */
export const MAX_RATE_KEYS = 10_000;

export class IssuedTokens {
  private readonly tokens = new BoundedCache<string, IssuedToken>(MAX_ISSUED_TOKENS);

  remember(api: string, token: string, issued: IssuedToken): void {
    this.tokens.set(`${api} ${token}`, issued);
  }

  find(api: string, token: string): IssuedToken | undefined {
    return this.tokens.get(`${api} ${token}`);
  }
}

/**
 * A token bucket per (operation, credential): `limit` requests at once, refilled at `limit` per
 * `windowMs`. "5 requests per second" read as a sustained rate with a burst of 5, the way API
 * gateways and this project's own client limiter (client-core TokenBucket) read it; a strict
 * sliding window would refuse a conforming client whenever network jitter bunched two requests.
 */
/** How early (ms) a request may arrive and still be counted as on time; see RateBuckets.take. */
export const JITTER_MS = 50;

export class RateBuckets {
  private readonly buckets = new BoundedCache<string, { tokens: number; updatedAt: number }>(MAX_RATE_KEYS);

  /**
   * Takes a token at `now`; when none is left, answers how long (ms) until one is. A request up
   * to JITTER_MS early is let through on credit (GCRA's delay-variation tolerance): a client
   * pacing itself at exactly the rate has its requests arrive a few ms closer together now and
   * then, and the long-run rate stays the limit because the credit is paid back.
   */
  take(key: string, limit: number, windowMs: number, now: number): number | undefined {
    const bucket = this.buckets.get(key) ?? { tokens: limit, updatedAt: now };
    const refilled = Math.min(limit, bucket.tokens + ((now - bucket.updatedAt) * limit) / windowMs);
    const tolerance = (JITTER_MS * limit) / windowMs;
    if (refilled >= 1 - tolerance) {
      this.buckets.set(key, { tokens: refilled - 1, updatedAt: now });
      return undefined;
    }
    this.buckets.set(key, { tokens: refilled, updatedAt: now });
    return ((1 - tolerance - refilled) * windowMs) / limit;
  }
}
