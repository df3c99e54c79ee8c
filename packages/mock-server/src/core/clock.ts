// Where the mock reads the time: token lifetimes, rate windows, timestamps of stored items,
// session idleness. Tests (the mock's and its users') pass a ManualClock and move it instead of
// sleeping: a token's hour passes in one call.

export interface Clock {
  /** Milliseconds since the epoch, as Date.now(). */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still until moved. */
export class ManualClock implements Clock {
  constructor(private time: number = Date.now()) {}

  now(): number {
    return this.time;
  }

  /** Moves the clock forward (a negative amount moves it back). */
  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`advance takes a finite number of ms, got ${ms}.`);
    this.time += ms;
  }

  set(epochMs: number): void {
    this.time = epochMs;
  }
}
