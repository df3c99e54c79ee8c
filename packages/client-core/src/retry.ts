export interface RetryOptions {
  /** Total attempts including the first one. */
  maxAttempts: number;
  /** First backoff ceiling; doubles on each retry ("full jitter" picks uniformly below it). */
  baseDelayMs: number;
  /** Upper bound of any single computed backoff. */
  maxDelayMs: number;
  /** Budget for the whole call, waits included; no retry is started that would overrun it. */
  maxElapsedMs: number;
  /** Response statuses worth another attempt. */
  statuses: readonly number[];
  /** Retry methods that are not idempotent (POST, PATCH) too. Only when the caller knows it is safe. */
  retryNonIdempotent: boolean;
  /** Wait as long as the API's `Retry-After` asks (still within `maxElapsedMs`). */
  respectRetryAfter: boolean;
  /** Source of randomness for jitter, in [0, 1). Injected by tests. */
  random: () => number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxElapsedMs: 60_000,
  statuses: [408, 429, 500, 502, 503, 504],
  retryNonIdempotent: false,
  respectRetryAfter: true,
  random: Math.random,
};

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

export function resolveRetry(
  clientLevel: Partial<RetryOptions> | false | undefined,
  callLevel: Partial<RetryOptions> | false | undefined,
): RetryOptions | false {
  if (callLevel === false || (callLevel === undefined && clientLevel === false)) return false;
  const base = clientLevel === false || clientLevel === undefined ? {} : clientLevel;
  const merged = { ...DEFAULT_RETRY, ...base, ...(callLevel ?? {}) };
  validateRetry(merged);
  return merged;
}

function validateRetry(options: RetryOptions): void {
  const counts: Array<keyof RetryOptions> = ['maxAttempts', 'baseDelayMs', 'maxDelayMs', 'maxElapsedMs'];
  for (const key of counts) {
    const value = options[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TypeError(`retry.${key} must be a finite number >= 0, got ${String(value)}.`);
    }
  }
  if (options.maxAttempts < 1 || !Number.isInteger(options.maxAttempts)) {
    throw new TypeError(`retry.maxAttempts must be an integer >= 1, got ${options.maxAttempts}.`);
  }
}

export function mayRetryMethod(method: string, options: RetryOptions): boolean {
  return IDEMPOTENT.has(method.toUpperCase()) || options.retryNonIdempotent;
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(retry-1))). */
export function backoffDelay(retry: number, options: RetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(options.random() * ceiling);
}

/**
 * Parses `Retry-After` into milliseconds: delay-seconds (fractional too, as Samsara sends
 * `0.40235`) or an HTTP-date. Returns undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  // HTTP-date (RFC 9110 §5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT"; Date.parse alone would
  // also accept things like "-1".
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
