// Seeded fault injection (Prism #1140; WireMock's and MockServer's faults): a share of requests is
// answered with a retryable status, and answers can be delayed, so a client's retry and timeout
// handling runs against the mock. Both are repeatable with --seed (their own random streams, apart
// from the one that makes ids) and can be asked for per request with `Prefer: fail=503` or
// `Prefer: latency=200` / `latency=100-300`. A faulted request is answered before anything reads
// or writes state.
import { Random } from '../core/random.js';

/** Statuses a client may retry: rate limited, and the server-side failures a retry can outlive. */
export const RETRYABLE_STATUSES = [429, 500, 502, 503, 504] as const;

export interface FaultOptions {
  /** Share of requests answered with a retryable status, 0..1. */
  failRate?: number;
  /** Delay of every answer, ms: fixed (`[n, n]`) or uniform in a range. */
  latencyMs?: readonly [number, number];
  seed?: string;
}

/** The mock's own keys of a `Prefer` header; the rest is left for Prism. */
export interface MockPreferences {
  fail?: number;
  latencyMs?: [number, number];
  /** The header without the mock's keys (undefined when nothing else was in it). */
  rest: string | undefined;
}

export interface FaultPlan {
  /** Answer with this status instead of the operation's answer. */
  status?: number;
  /** For a 429: seconds, fractional, at most 1. */
  retryAfterSeconds?: number;
  delayMs: number;
}

/** `fail=503`, `latency=200`, `latency=100-300` out of a Prefer header; an Error when malformed. */
export function takeMockPreferences(prefer: string | undefined): MockPreferences | Error {
  if (!prefer) return { rest: prefer };
  const kept: string[] = [];
  const preferences: MockPreferences = { rest: undefined };
  for (const token of prefer.split(/[,;]/)) {
    const [rawKey = '', ...rawValue] = token.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rawValue
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (key === 'fail') {
      const status = Number(value);
      if (!/^\d{3}$/.test(value) || status < 400 || status > 599)
        return new Error(`Prefer fail= must be a 4xx or 5xx status, got "${value}".`);
      preferences.fail = status;
    } else if (key === 'latency') {
      const range = parseLatency(value);
      if (range instanceof Error) return new Error(`Prefer latency=: ${range.message}`);
      preferences.latencyMs = range;
    } else if (token.trim() !== '') kept.push(token.trim());
  }
  preferences.rest = kept.length > 0 ? kept.join(', ') : undefined;
  return preferences;
}

/** `200` or `100-300` (ms) as a range. */
export function parseLatency(value: string): [number, number] | Error {
  const match = /^(\d+)(?:-(\d+))?$/.exec(value.trim());
  const low = Number(match?.[1]);
  const high = match?.[2] === undefined ? low : Number(match[2]);
  if (!match || high < low || high > 60_000)
    return new Error(`expected <ms> or <min>-<max> (at most 60000), got "${value}".`);
  return [low, high];
}

export class FaultInjector {
  private readonly failures: Random;
  private readonly delays: Random;

  constructor(private readonly options: FaultOptions) {
    const rate = options.failRate ?? 0;
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`failRate must be from 0 to 1, got ${rate}.`);
    // Streams of their own: turning latency on does not change which requests fail, and neither
    // changes the ids the store generates.
    this.failures = new Random(options.seed === undefined ? undefined : `${options.seed}:faults`);
    this.delays = new Random(options.seed === undefined ? undefined : `${options.seed}:latency`);
  }

  /**
   * What to do with one request. `documented` are the operation's response statuses: an injected
   * failure is one of the retryable statuses the operation documents, any of them when it
   * documents none.
   */
  plan(
    preferences: MockPreferences,
    documented: readonly number[],
    /** A session's own settings, over the server's. */
    session: { failRate?: number; latencyMs?: readonly [number, number] } = {},
  ): FaultPlan {
    const latency = preferences.latencyMs ?? session.latencyMs ?? this.options.latencyMs;
    const delayMs = latency ? Math.round(latency[0] + (latency[1] - latency[0]) * this.delays.next()) : 0;
    let status = preferences.fail;
    const rate = session.failRate ?? this.options.failRate ?? 0;
    if (status === undefined && rate > 0 && this.failures.next() < rate) {
      const known = RETRYABLE_STATUSES.filter((code) => documented.includes(code));
      const candidates = known.length > 0 ? known : RETRYABLE_STATUSES;
      status = candidates[Math.floor(this.failures.next() * candidates.length)];
    }
    if (status === undefined) return { delayMs };
    const retryAfterSeconds =
      status === 429 ? Math.round((0.05 + 0.95 * this.failures.next()) * 1000) / 1000 : undefined;
    return { status, delayMs, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
  }
}
