// Rate limits as the spec documents them: an operation's `x-rate-limit: {requests, per}` (Samsara's
// stream: 5 per second) is enforced per credential over a rolling window (state/credentials.ts).
// Over the limit the answer is 429 with `Retry-After` in (fractional) seconds until the next
// request is allowed, as Samsara sends it (`0.40235`). The windows live in the state store.
import type { OpenApiDocument } from '../core/specs.js';
import type { RateWindows } from '../store/credentials.js';

export interface RateLimit {
  requests: number;
  windowMs: number;
}

const PERIODS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000 };

/** The documented limits, by operationId. Unknown `per` units are ignored (not enforced). */
export function rateLimitsOf(document: OpenApiDocument): Map<string, RateLimit> {
  const limits = new Map<string, RateLimit>();
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item)) {
      if (typeof operation !== 'object' || operation === null) continue;
      const { operationId, 'x-rate-limit': declared } = operation as {
        operationId?: string;
        'x-rate-limit'?: { requests?: unknown; per?: unknown };
      };
      const windowMs = PERIODS[String(declared?.per)];
      const requests = Number(declared?.requests);
      if (operationId && windowMs && Number.isInteger(requests) && requests > 0)
        limits.set(operationId, { requests, windowMs });
    }
  }
  return limits;
}

export class RateLimiter {
  constructor(
    private readonly api: string,
    private readonly limits: Map<string, RateLimit>,
    private readonly windows: RateWindows,
  ) {}

  /** Seconds to wait when this request is over the operation's limit; undefined when admitted. */
  take(operationId: string | undefined, credential: string | undefined, now: number): number | undefined {
    const limit = operationId === undefined ? undefined : this.limits.get(operationId);
    if (!limit) return undefined;
    const waitMs = this.windows.take(
      `${this.api} ${operationId} ${credential ?? ''}`,
      limit.requests,
      limit.windowMs,
      now,
    );
    // Never 0: a client that retries at once would be refused again.
    return waitMs === undefined ? undefined : Math.max(waitMs, 1) / 1000;
  }
}
