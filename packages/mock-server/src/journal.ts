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

/**
 * The last N requests, for CI assertions ("did my code call createAssignment, and was it valid?").
 * A ring buffer: memory stays bounded however long the server runs.
 */
export class RequestJournal {
  private readonly entries: Array<JournalEntry | undefined>;
  private next = 0;
  private seq = 0;

  constructor(readonly capacity = 1000) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new TypeError(`journal capacity must be >= 1, got ${capacity}.`);
    this.entries = new Array(capacity);
  }

  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    this.seq += 1;
    const full = { seq: this.seq, ...entry };
    this.entries[this.next] = full;
    this.next = (this.next + 1) % this.capacity;
    return full;
  }

  /** Entries oldest first. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const ordered: JournalEntry[] = [];
    for (let i = 0; i < this.capacity; i += 1) {
      const entry = this.entries[(this.next + i) % this.capacity];
      if (entry && matches(entry, filter)) ordered.push(entry);
    }
    return filter.limit !== undefined ? ordered.slice(-filter.limit) : ordered;
  }

  clear(): void {
    this.entries.fill(undefined);
    this.next = 0;
  }

  get size(): number {
    return this.entries.reduce((count, entry) => count + (entry ? 1 : 0), 0);
  }
}

function matches(entry: JournalEntry, filter: JournalFilter): boolean {
  return (
    (filter.api === undefined || entry.api === filter.api) &&
    (filter.operationId === undefined || entry.operationId === filter.operationId) &&
    (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
    (filter.status === undefined || entry.status === filter.status) &&
    (filter.since === undefined || entry.seq > filter.since)
  );
}
