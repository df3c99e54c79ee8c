import { type Clock, systemClock } from './clock.js';
import { abortReason } from './sleep.js';

export interface TokenBucketOptions {
  /** Sustained requests per second. */
  ratePerSecond: number;
  /** Requests that may go out at once after a quiet period (defaults to `ratePerSecond`). */
  burst?: number;
}

/**
 * A token bucket: requests take a token and wait, first come first served, when none is left.
 * Used client-side so a fast consumer stays under an API's published rate instead of earning 429s.
 */
export class TokenBucket {
  readonly ratePerSecond: number;
  readonly burst: number;
  private tokens: number;
  private updatedAt: number;
  private queue: Promise<void> = Promise.resolve();
  private readonly clock: Clock;

  /** `clock` may also be a bare `now()` function (then waits use the system clock's timers). */
  constructor(options: TokenBucketOptions, clock: Clock | (() => number) = systemClock) {
    this.clock = typeof clock === 'function' ? { now: clock, sleep: systemClock.sleep } : clock;
    if (!(options.ratePerSecond > 0) || !Number.isFinite(options.ratePerSecond)) {
      throw new TypeError(`ratePerSecond must be a positive number, got ${options.ratePerSecond}.`);
    }
    const burst = options.burst ?? Math.max(1, Math.floor(options.ratePerSecond));
    if (!(burst >= 1) || !Number.isFinite(burst)) {
      throw new TypeError(`burst must be a number >= 1, got ${burst}.`);
    }
    this.ratePerSecond = options.ratePerSecond;
    this.burst = burst;
    this.tokens = burst;
    this.updatedAt = this.clock.now();
  }

  /** Resolves when the caller may send; rejects with the signal's reason if aborted while waiting. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.take(signal));
    // A failed (aborted) waiter must not block the ones behind it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortReason(signal);
    this.refill();
    if (this.tokens < 1) {
      const waitMs = Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
      await this.clock.sleep(waitMs, signal);
      this.refill();
    }
    this.tokens = Math.max(0, this.tokens - 1);
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = (now - this.updatedAt) / 1000;
    this.updatedAt = now;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSecond);
  }
}

/** Which bucket governs a request: one per OpenAPI path template, or `*` for every request. */
export type RateLimits = Record<string, TokenBucketOptions>;

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(limits: RateLimits, clock: Clock = systemClock) {
    for (const [path, options] of Object.entries(limits))
      this.buckets.set(path, new TokenBucket(options, clock));
  }

  async acquire(schemaPath: string, signal?: AbortSignal): Promise<void> {
    const all = this.buckets.get('*');
    if (all) await all.acquire(signal);
    const specific = this.buckets.get(schemaPath);
    if (specific) await specific.acquire(signal);
  }
}
