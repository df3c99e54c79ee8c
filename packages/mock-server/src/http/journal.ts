import type { Violation } from '../core/answer.js';
import { parseForm } from '../core/form.js';

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
  /** The state session (`X-Mock-Session`) the request ran in. */
  session: string | null;
  /**
   * The request body as sent: JSON and form bodies parsed, other bodies as text; credentials
   * (password, secret, token, API key fields) replaced by `[redacted]`. Undefined without a body.
   * Bodies over the journal's cap keep their first bytes, as text, with `bodyTruncated: true`.
   */
  body?: unknown;
  bodyTruncated?: boolean;
}

/** What the server records per request; the journal adds `seq` and the timestamp. */
export type JournalRecord = Omit<JournalEntry, 'seq' | 'timestamp' | 'body' | 'bodyTruncated' | 'session'> & {
  time?: number;
  session?: string | null;
  /** The raw body; parsed only when the journal is read, so recording stays cheap. */
  body?: Buffer | undefined;
  contentType?: string | undefined;
};

/** Bytes of a request body the journal keeps. */
export const JOURNAL_BODY_CAP = 16 * 1024;
const CREDENTIAL = /pass(word)?|secret|token|api[-_]?key|authorization|credential/i;

export interface JournalFilter {
  api?: string;
  operationId?: string;
  method?: string;
  status?: number;
  /** Only entries with `seq` greater than this. */
  since?: number;
  session?: string;
  /** At most this many, newest last. */
  limit?: number;
}

interface Slot extends Omit<JournalEntry, 'timestamp' | 'body' | 'bodyTruncated'> {
  time: number;
  rawBody: Buffer | undefined;
  bodySize: number;
  contentType: string | undefined;
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
      session: null,
      rawBody: undefined,
      bodySize: 0,
      contentType: undefined,
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
    slot.session = entry.session ?? null;
    const body = entry.body;
    slot.bodySize = body?.length ?? 0;
    // A slice would keep the whole (up to 1 MiB) body alive: copy the capped part instead.
    slot.rawBody =
      body && body.length > JOURNAL_BODY_CAP ? Buffer.from(body.subarray(0, JOURNAL_BODY_CAP)) : body;
    slot.contentType = entry.contentType;
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
      const { time, rawBody, bodySize, contentType, ...rest } = slot;
      const entry: JournalEntry = {
        ...rest,
        query: redactQuery(rest.query),
        timestamp: new Date(time).toISOString(),
      };
      if (rawBody !== undefined) {
        const truncated = bodySize > rawBody.length;
        entry.body = truncated ? rawBody.toString('utf8') : decodeBody(rawBody, contentType);
        if (truncated) entry.bodyTruncated = true;
      }
      ordered.push(entry);
    }
    return filter.limit !== undefined ? ordered.slice(-filter.limit) : ordered;
  }

  /**
   * The bodies sent to one operation, oldest first: `expect(journal.bodies('createCourse'))`.
   * `T` is the body type the test expects (e.g. the client's request body type).
   */
  bodies<T = unknown>(operationId: string, filter: Omit<JournalFilter, 'operationId'> = {}): T[] {
    return this.list({ ...filter, operationId }).map((entry) => entry.body as T);
  }

  /** The last body sent to one operation (undefined if none was). */
  lastBody<T = unknown>(operationId: string, filter: Omit<JournalFilter, 'operationId'> = {}): T | undefined {
    const bodies = this.bodies<T>(operationId, filter);
    return bodies[bodies.length - 1];
  }

  clear(): void {
    this.next = 0;
    this.stored = 0;
    for (const slot of this.slots) {
      slot.violations = [];
      slot.rawBody = undefined;
    }
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
    (filter.since === undefined || entry.seq > filter.since) &&
    (filter.session === undefined || entry.session === filter.session)
  );
}

/** JSON and form bodies parsed (credentials redacted); anything else as text. */
function decodeBody(raw: Buffer, contentType: string | undefined): unknown {
  const text = raw.toString('utf8');
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json')) {
    try {
      return redact(JSON.parse(text));
    } catch {
      return text;
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return redact(parseForm(text));
  }
  return text;
}

/** A query string with credential-named parameters' values replaced (`api_key=[redacted]`). */
export function redactQuery(query: string): string {
  if (query === '' || !CREDENTIAL.test(query)) return query;
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: match on the name as sent.
      }
      return equals !== -1 && CREDENTIAL.test(decoded) ? `${name}=[redacted]` : pair;
    })
    .join('&');
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, CREDENTIAL.test(key) ? '[redacted]' : redact(inner)]),
  );
}
