import type { Violation } from './prism-engine.js';

export interface JournalEntry {
  /** Increasing per server, so a test can ask for "entries after N". */
  seq: number;
  timestamp: string;
  api: string | null;
  operationId: string | null;
  method: string;
  /** The path as requested, prefix included. */
  path: string;
  query: string;
  status: number;
  violations: Violation[];
  durationMs: number;
}

/** What the server records per request; the journal adds `seq` and the timestamp. */
export type JournalRecord = Omit<JournalEntry, 'seq' | 'timestamp'> & { time?: number };

export interface JournalFilter {
  api?: string;
  operationId?: string;
  method?: string;
  status?: number;
  /** Only entries with `seq` greater than this. */
  since?: number;
  /** At most this many, newest last. */
  limit?: number;
}

interface Slot extends Omit<JournalEntry, 'timestamp'> {
  time: number;
}

/**
 * The last N requests, for CI assertions ("did my code call createAssignment, and was it valid?").
 * A ring of N slots allocated once and overwritten in place: memory stays bounded however long
 * the server runs, and recording a request allocates nothing the garbage collector must move.
 */
export class RequestJournal {
  private readonly slots: Slot[];
  private next = 0;
  private seq = 0;
  private stored = 0;

  constructor(readonly capacity = 1000) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new TypeError(`journal capacity must be >= 1, got ${capacity}.`);
    this.slots = Array.from({ length: capacity }, () => ({
      seq: 0,
      time: 0,
      api: null,
      operationId: null,
      method: '',
      path: '',
      query: '',
      status: 0,
      violations: [],
      durationMs: 0,
    }));
  }

  record(entry: JournalRecord): void {
    const slot = this.slots[this.next] as Slot;
    this.seq += 1;
    slot.seq = this.seq;
    slot.time = entry.time ?? Date.now();
    slot.api = entry.api;
    slot.operationId = entry.operationId;
    slot.method = entry.method;
    slot.path = entry.path;
    slot.query = entry.query;
    slot.status = entry.status;
    slot.violations = entry.violations;
    slot.durationMs = entry.durationMs;
    this.next = (this.next + 1) % this.capacity;
    if (this.stored < this.capacity) this.stored += 1;
  }

  /** Entries oldest first (copies: the journal keeps writing its slots). */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const ordered: JournalEntry[] = [];
    const first = (this.next - this.stored + this.capacity) % this.capacity;
    for (let i = 0; i < this.stored; i += 1) {
      const slot = this.slots[(first + i) % this.capacity] as Slot;
      if (!matches(slot, filter)) continue;
      const { time, ...rest } = slot;
      ordered.push({ ...rest, timestamp: new Date(time).toISOString() });
    }
    return filter.limit !== undefined ? ordered.slice(-filter.limit) : ordered;
  }

  clear(): void {
    this.next = 0;
    this.stored = 0;
    for (const slot of this.slots) slot.violations = [];
  }

  get size(): number {
    return this.stored;
  }
}

function matches(entry: Slot, filter: JournalFilter): boolean {
  return (
    (filter.api === undefined || entry.api === filter.api) &&
    (filter.operationId === undefined || entry.operationId === filter.operationId) &&
    (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
    (filter.status === undefined || entry.status === filter.status) &&
    (filter.since === undefined || entry.seq > filter.since)
  );
}
