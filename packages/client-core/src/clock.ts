import { abortReason, sleep } from './sleep.js';

/**
 * Where the client reads the time and waits: retry backoff and its time budget, the rate
 * limiter's token buckets, token expiry (OAuth2, SNworks JWTs) and the per-attempt timeout.
 * The default is the system clock; a test passes `manualClock()` (or uses its runner's fake
 * timers, which the system clock follows) to expire a token or sit out a backoff without waiting.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` on this clock; rejects with the signal's reason if it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** `Date.now` and `setTimeout`, read at call time so that fake timers replace them. */
export const systemClock: Clock = { now: () => Date.now(), sleep };

export interface ManualClock extends Clock {
  /**
   * Moves the time forward by `ms`, waking every sleeper whose time has come, earliest first
   * (letting each one's continuation run before the next wakes).
   */
  advance(ms: number): Promise<void>;
  /** Sets the time (never backwards), waking sleepers as `advance` does. */
  set(epochMs: number): Promise<void>;
  /** How many sleeps are waiting: lets a test wait until the client is in a backoff or a queue. */
  readonly sleepers: number;
}

interface Sleeper {
  at: number;
  seq: number;
  wake: () => void;
}

/**
 * A clock that only moves when told to. `manualClock()` starts at the current time; give an epoch
 * (ms) to start elsewhere.
 */
export function manualClock(startMs: number = Date.now()): ManualClock {
  let now = startMs;
  let seq = 0;
  let sleepers: Sleeper[] = [];

  const clock: ManualClock = {
    now: () => now,
    get sleepers() {
      return sleepers.length;
    },
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      if (!(ms > 0)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const sleeper: Sleeper = { at: now + ms, seq: seq++, wake: () => done(resolve) };
        const onAbort = () => done(() => reject(abortReason(signal as AbortSignal)));
        const done = (settle: () => void) => {
          sleepers = sleepers.filter((other) => other !== sleeper);
          signal?.removeEventListener('abort', onAbort);
          settle();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        sleepers.push(sleeper);
      });
    },
    advance(ms) {
      if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advance: ms must be >= 0, got ${ms}.`);
      return clock.set(now + ms);
    },
    async set(epochMs) {
      if (epochMs < now) throw new RangeError('A manual clock does not go backwards.');
      for (;;) {
        const due = sleepers.filter((sleeper) => sleeper.at <= epochMs);
        if (due.length === 0) break;
        const next = due.reduce((a, b) => (a.at < b.at || (a.at === b.at && a.seq < b.seq) ? a : b));
        now = Math.max(now, next.at);
        next.wake();
        // Let the woken code run (and perhaps sleep again) before the next sleeper is due.
        await settle();
      }
      now = epochMs;
      await settle();
    },
  };
  return clock;
}

/** One macrotask turn: promise chains settle and ready I/O callbacks run before it ends. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * An AbortSignal that aborts after `ms` on the clock, with a `TimeoutError` DOMException as
 * `AbortSignal.timeout` gives, and `clear` to drop the wait once it is no longer needed. The system
 * clock uses `AbortSignal.timeout` itself: no controller, listener or timer object of ours per call.
 */
export function timeoutSignal(clock: Clock, ms: number): { signal: AbortSignal; clear: () => void } {
  if (clock === systemClock) return { signal: AbortSignal.timeout(ms), clear: noop };
  const controller = new AbortController();
  const cancel = new AbortController();
  clock
    .sleep(ms, cancel.signal)
    .then(() => controller.abort(new DOMException(`No response within ${ms} ms`, 'TimeoutError')), noop);
  return { signal: controller.signal, clear: () => cancel.abort() };
}

function noop(): void {}

interface TimeoutSlot {
  until: number;
  uses: number;
  signal: AbortSignal;
}
const timeoutSlots = new Map<number, TimeoutSlot>();
/**
 * fetch (undici) follows the signal it is given with a listener that goes only when its request is
 * garbage-collected, and adding, listing and removing one each walk the others: sharing a signal
 * among too many attempts costs more than it saves. Measured (pnpm bench's client CPU per call,
 * medians of 5-9 processes against bare openapi-fetch): 1 use 1.04-1.06×, 8 uses 1.014×, 16 uses
 * 1.006×, 64 uses 1.032×, 512 uses 1.04×.
 */
const USES_PER_SIGNAL = 16;

/**
 * A timeout signal shared by the attempts that start within the same short slot (1% of the
 * timeout, at most 1 s, and at most 16 attempts), firing at the slot's end plus `ms`: each attempt
 * times out between `ms` and 1% later, never early. Creating a timeout signal costs about as much
 * CPU as the rest of the client's work on a call; a loop of calls now shares one. System clock only.
 */
export function sharedTimeoutSignal(ms: number): AbortSignal {
  const now = Date.now();
  const slot = timeoutSlots.get(ms);
  if (slot && now < slot.until && slot.uses < USES_PER_SIGNAL) {
    slot.uses += 1;
    return slot.signal;
  }
  const width = Math.min(1000, Math.max(1, Math.floor(ms / 100)));
  const fresh = { until: now + width, uses: 1, signal: AbortSignal.timeout(ms + width) };
  timeoutSlots.set(ms, fresh);
  return fresh.signal;
}
