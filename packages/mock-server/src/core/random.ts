// The one random source of the mock: seedable, so `--seed` makes generated ids and injected
// faults repeatable.

/** A small, fast, seedable PRNG (mulberry32): `--seed` makes every generated id repeatable. */
export class Random {
  private state: number;

  constructor(seed: string | number | undefined) {
    this.state = seed === undefined ? (Math.random() * 2 ** 32) >>> 0 : hashSeed(String(seed));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  pick(alphabet: string): string {
    return alphabet[Math.floor(this.next() * alphabet.length)] as string;
  }
}

function hashSeed(seed: string): number {
  let hash = 2166136261;
  for (let i = 0; i < seed.length; i += 1) hash = Math.imul(hash ^ seed.charCodeAt(i), 16777619);
  return hash >>> 0;
}
