// Where the mock reads the time and waits: token lifetimes, rate windows, timestamps of stored
// items, session idleness, injected latency. Tests (the mock's and its users') pass a ManualClock
// and move it instead of sleeping: a token's hour passes in one call, a 300 ms latency when the
// test says so.

export interface Clock {
  /** Milliseconds since the epoch, as Date.now(). */
  now(): number;
  /** Runs `callback` once `ms` have passed on this clock. */
  setTimeout(callback: () => void, ms: number): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    setTimeout(callback, ms);
  },
};

/** A clock that stands still until moved; its timers fire as it passes their time. */
export class ManualClock implements Clock {
  private readonly timers: Array<{ at: number; callback: () => void }> = [];

  constructor(private time: number = Date.now()) {}

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): void {
    this.timers.push({ at: this.time + Math.max(0, ms), callback });
  }

  /** Timers waiting for the clock (an injected latency holding an answer back, say). */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves the clock forward, firing the timers it passes, in time order. */
  advance(ms: number): void {
    if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`advance takes ms >= 0, got ${ms}.`);
    this.set(this.time + ms);
  }

  /** Sets the time; timers at or before it fire, in time order. */
  set(epochMs: number): void {
    this.time = epochMs;
    const due = this.timers.filter((timer) => timer.at <= epochMs).sort((a, b) => a.at - b.at);
    for (const timer of due) this.timers.splice(this.timers.indexOf(timer), 1);
    for (const timer of due) timer.callback();
  }
}
