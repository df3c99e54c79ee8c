// Per-session settings (`PUT /_state/settings?session=S`, `mock.session(name, settings)`): a CI
// suite runs its fault, latency, token-lifetime and rate-limit scenarios side by side on one mock,
// one session each. A session's settings override the server's options for that session only.
import { BoundedCache } from '../core/bounded-cache.js';

export interface SessionSettings {
  /** Share of the session's API requests answered with a retryable error, 0..1. */
  failRate?: number;
  /** Delay every answer: ms, or a [min, max] range. */
  latencyMs?: number | [number, number];
  /** Lifetime of tokens the token endpoints issue to the session, seconds. */
  tokenTtlSeconds?: number;
  /** Enforce the documented rate limits for the session. */
  rateLimit?: boolean;
  /**
   * When an injected fault happens: `before` the request reaches the store (the default), or
   * `after-write`: an unsafe request is applied first and then answered with the fault, so a
   * client's retry can be seen to duplicate (or not).
   */
  faultTiming?: 'before' | 'after-write';
}

const KEYS = ['failRate', 'latencyMs', 'tokenTtlSeconds', 'rateLimit', 'faultTiming'] as const;
/** Sessions whose settings are kept at once (each is a few numbers). */
const MAX_SESSIONS_WITH_SETTINGS = 1_000;

/** Checks settings as a client sent them; the problem names the field. */
export function parseSettings(value: unknown): SessionSettings | { field: string; message: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { field: '(body)', message: 'Send a JSON object of settings.' };
  const input = value as Record<string, unknown>;
  const unknown = Object.keys(input).filter((key) => !(KEYS as readonly string[]).includes(key));
  if (unknown.length > 0)
    return { field: unknown[0] as string, message: `Unknown setting. Settings: ${KEYS.join(', ')}.` };
  const { failRate, latencyMs, tokenTtlSeconds, rateLimit, faultTiming } = input;
  if (failRate !== undefined && !(typeof failRate === 'number' && failRate >= 0 && failRate <= 1))
    return { field: 'failRate', message: 'A number from 0 to 1.' };
  if (latencyMs !== undefined && !isLatency(latencyMs))
    return { field: 'latencyMs', message: 'Milliseconds (0-60000), or [min, max].' };
  if (tokenTtlSeconds !== undefined && !(typeof tokenTtlSeconds === 'number' && tokenTtlSeconds > 0))
    return { field: 'tokenTtlSeconds', message: 'A positive number of seconds.' };
  if (rateLimit !== undefined && typeof rateLimit !== 'boolean')
    return { field: 'rateLimit', message: 'true or false.' };
  if (faultTiming !== undefined && faultTiming !== 'before' && faultTiming !== 'after-write')
    return { field: 'faultTiming', message: '"before" or "after-write".' };
  return input as SessionSettings;
}

function isLatency(value: unknown): boolean {
  const inRange = (ms: unknown) => typeof ms === 'number' && ms >= 0 && ms <= 60_000;
  if (inRange(value)) return true;
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    inRange(value[0]) &&
    inRange(value[1]) &&
    value[0] <= value[1]
  );
}

export class SettingsTable {
  private readonly bySession = new BoundedCache<string, SessionSettings>(MAX_SESSIONS_WITH_SETTINGS);

  /** The session's own settings (those it set; the server's options fill the rest). */
  of(session: string): SessionSettings | undefined {
    return this.bySession.get(session);
  }

  /** Replaces the session's settings (`{}` goes back to the server's). */
  set(session: string, settings: SessionSettings): void {
    this.bySession.set(session, { ...settings });
  }
}
