// The one place the mock keeps mutable API state. Sessions (the `X-Mock-Session` header) each
// hold their own copy, made lazily from the seed one collection at a time, so a new session costs
// nothing until it touches a collection. Memory is bounded: items per collection, items per
// session, sessions, and idle sessions are evicted.

import { type Clock, systemClock } from '../core/clock.js';
import { idOf } from '../core/schema.js';
import { IssuedTokens, RateWindows } from './credentials.js';
import { SettingsTable } from './session-settings.js';
import { WebhookLedger } from './webhook-ledger.js';

export interface StoreLimits {
  /** Items one collection (one concrete path) may hold; a create beyond it is refused. */
  maxItemsPerCollection: number;
  /** Items one session may hold across its collections. */
  maxItemsPerSession: number;
  /** Sessions kept at once; the least recently used goes first. */
  maxSessions: number;
  /** A session unused this long is dropped (it comes back from the seed on next use). */
  sessionIdleMs: number;
}

export const DEFAULT_LIMITS: StoreLimits = {
  maxItemsPerCollection: 10_000,
  maxItemsPerSession: 50_000,
  maxSessions: 100,
  sessionIdleMs: 30 * 60 * 1000,
};

export const DEFAULT_SESSION = 'default';

/** What an `empty` session starts from. */
const EMPTY_SEED: Seed = new Map();

export type Item = Record<string, unknown>;

/** Seed items (with their ids) per API and concrete collection path. */
export type Seed = Map<string, Map<string, Array<[id: string | undefined, item: Item]>>>;

export class CollectionState {
  /** Insertion-ordered: the order lists show when the API declares no sort. */
  readonly items = new Map<string, Item>();
  /** Bumped on every write, so answers computed from an unchanged collection can be reused. */
  version = 0;
  /** Largest numeric id seen, for APIs whose ids count up. */
  maxNumericId = 0;
  /**
   * List answers computed at `version`, per request URL: the same answer object is handed out
   * again until a write, so its validation and serialization are reused too.
   */
  private readonly answers = new Map<string, { version: number; body: unknown }>();

  cachedAnswer(url: string, compute: () => unknown): unknown {
    const hit = this.answers.get(url);
    if (hit && hit.version === this.version) return hit.body;
    const body = compute();
    // A handful of distinct list URLs per collection is the norm; past that, start over.
    if (this.answers.size >= 64) this.answers.clear();
    this.answers.set(url, { version: this.version, body });
    return body;
  }

  constructor(
    readonly key: string,
    readonly idField: string,
  ) {}

  private positions = 0;

  /** The next position key for items without an id. */
  nextPosition(): number {
    this.positions += 1;
    return this.positions;
  }

  private readonly numericMax = new Map<string, number>();

  /**
   * The largest numeric value of a field (SNworks' numeric `id`, which is not the path key):
   * found by one scan, then kept up to date as new values are noted.
   */
  maxNumeric(field: string): number {
    let max = this.numericMax.get(field);
    if (max === undefined) {
      max = 0;
      for (const item of this.items.values()) {
        const value = item[field];
        if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value)))
          max = Math.max(max, Number(value));
      }
      this.numericMax.set(field, max);
    }
    return max;
  }

  noteNumeric(field: string, value: string): void {
    if (/^\d+$/.test(value)) this.numericMax.set(field, Math.max(this.maxNumeric(field), Number(value)));
  }

  track(id: string): void {
    if (/^\d+$/.test(id)) this.maxNumericId = Math.max(this.maxNumericId, Number(id));
  }
}

export class CapacityError extends Error {
  constructor(
    readonly limit: 'collection' | 'session',
    readonly max: number,
  ) {
    super(
      limit === 'collection'
        ? `This collection holds its maximum of ${max} items in this mock session.`
        : `This mock session holds its maximum of ${max} items.`,
    );
  }
}

/** One item written (created or replaced) in a session: what rules that react to writes see. */
export interface StoreWrite {
  /** The collection's key, `<api> <concrete path>`. */
  key: string;
  id: string;
  /** The item before the write; undefined for a new one. */
  previous: Item | undefined;
  item: Item;
}

export class Session {
  private readonly collections = new Map<string, CollectionState>();
  private readonly observers = new Set<(write: StoreWrite) => void>();
  itemCount = 0;
  lastUsed = Date.now();

  /** Calls `observer` on every write until the returned function is called (webhook events). */
  observe(observer: (write: StoreWrite) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  constructor(
    readonly name: string,
    private readonly seed: Seed,
    private readonly limits: StoreLimits,
  ) {}

  /**
   * The collection at a concrete path, copied from the seed on first use. A path with no seed and
   * no writes yet gets an empty collection that is kept only once something is written to it, so
   * reading a million different paths stores nothing.
   */
  collection(api: string, path: string, idField: string): CollectionState {
    const key = `${api} ${path}`;
    let collection = this.collections.get(key);
    if (!collection) {
      const seeded = this.seed.get(api)?.get(path);
      if (!seeded) return new CollectionState(key, idField);
      collection = new CollectionState(key, idField);
      for (const [key, item] of seeded) {
        // An item without an id (Thrive's enrolments have none) is still listed, under its position.
        const id = key ?? idOf(item, idField) ?? `#${collection.nextPosition()}`;
        collection.items.set(id, structuredClone(item));
        collection.track(id);
      }
      this.itemCount += collection.items.size;
      this.collections.set(key, collection);
    }
    return collection;
  }

  /** Stores an item under its id (new or replacing), within the caps. */
  put(collection: CollectionState, id: string, item: Item): void {
    const previous = collection.items.get(id);
    const isNew = previous === undefined;
    if (isNew) {
      if (collection.items.size >= this.limits.maxItemsPerCollection)
        throw new CapacityError('collection', this.limits.maxItemsPerCollection);
      if (this.itemCount >= this.limits.maxItemsPerSession)
        throw new CapacityError('session', this.limits.maxItemsPerSession);
      this.itemCount += 1;
    }
    if (!this.collections.has(collection.key)) this.collections.set(collection.key, collection);
    collection.items.set(id, item);
    collection.track(id);
    collection.version += 1;
    for (const observer of this.observers) observer({ key: collection.key, id, previous, item });
  }

  remove(collection: CollectionState, id: string): boolean {
    if (!collection.items.delete(id)) return false;
    this.itemCount -= 1;
    collection.version += 1;
    return true;
  }

  /**
   * The concrete paths of an API's collections that hold items in this session: seeded or written
   * (for rules that reach across collections, such as Skilljar's anonymize).
   */
  paths(api: string): string[] {
    const paths = new Set(this.seed.get(api)?.keys() ?? []);
    for (const key of this.collections.keys())
      if (key.startsWith(`${api} `)) paths.add(key.slice(api.length + 1));
    return [...paths];
  }

  /**
   * A restore point: the function it returns puts every collection back as it is now, so a
   * fixture that fails half-way leaves nothing behind.
   */
  snapshot(): () => void {
    const saved = [...this.collections].map(([key, collection]) => ({
      key,
      collection,
      items: structuredClone([...collection.items]),
    }));
    const itemCount = this.itemCount;
    return () => {
      this.collections.clear();
      for (const { key, collection, items } of saved) {
        collection.items.clear();
        for (const [id, item] of items) collection.items.set(id, item);
        collection.version += 1;
        this.collections.set(key, collection);
      }
      this.itemCount = itemCount;
    };
  }

  /** Every collection this session holds, with each item's key (to seed other sessions from). */
  entries(): Array<{ api: string; path: string; items: Array<[string, Item]> }> {
    return [...this.collections].map(([key, collection]) => {
      const space = key.indexOf(' ');
      return { api: key.slice(0, space), path: key.slice(space + 1), items: [...collection.items] };
    });
  }

  /** Every collection this session has touched, for `GET /_state`. */
  dump(api: string | undefined): Record<string, Item[]> {
    const result: Record<string, Item[]> = {};
    for (const [key, collection] of this.collections) {
      if (api !== undefined && !key.startsWith(`${api} `)) continue;
      result[key] = [...collection.items.values()];
    }
    return result;
  }
}

export class StateStore {
  private readonly sessions = new Map<string, Session>();
  /** Issued OAuth2 tokens and rate-limit windows: server-wide, not per session, never reset. */
  readonly tokens = new IssuedTokens();
  readonly rates = new RateWindows();
  /** Each session's own settings (faults, latency, token lifetime, rate limits). */
  readonly settings = new SettingsTable();
  /** Sessions reset with `empty`: they start without the example seed. */
  private readonly emptySessions = new Set<string>();
  /** Webhook credentials and deliveries, per session. */
  readonly webhooks: WebhookLedger;

  constructor(
    private readonly seed: Seed,
    readonly limits: StoreLimits = DEFAULT_LIMITS,
    readonly clock: Clock = systemClock,
  ) {
    this.webhooks = new WebhookLedger(limits.maxSessions);
  }

  /** The named session, created from the seed on first use. Touching it marks it used. */
  session(name: string = DEFAULT_SESSION): Session {
    const now = this.clock.now();
    let session = this.sessions.get(name);
    if (session) {
      // Re-insert: Map order is then least recently used first.
      this.sessions.delete(name);
    } else {
      this.evict(now);
      session = new Session(name, this.emptySessions.has(name) ? EMPTY_SEED : this.seed, this.limits);
    }
    session.lastUsed = now;
    this.sessions.set(name, session);
    return session;
  }

  /**
   * Back to the seed: one session, or every session. `empty`: the session starts with nothing
   * instead (until it is reset without `empty`).
   */
  reset(name?: string, { empty = false }: { empty?: boolean } = {}): void {
    // The webhooks go back to the seed, so their credentials go too; the deliveries stay listed.
    this.webhooks.forgetCredentials(name);
    if (name === undefined) {
      this.sessions.clear();
      this.emptySessions.clear();
      return;
    }
    this.sessions.delete(name);
    if (!empty) this.emptySessions.delete(name);
    else {
      // As many empty sessions as sessions; past that the oldest empty one is forgotten.
      if (this.emptySessions.size >= this.limits.maxSessions)
        this.emptySessions.delete(this.emptySessions.values().next().value as string);
      this.emptySessions.add(name);
    }
  }

  sessionNames(): string[] {
    return [...this.sessions.keys()];
  }

  peek(name: string): Session | undefined {
    return this.sessions.get(name);
  }

  private evict(now: number): void {
    for (const [name, session] of this.sessions) {
      if (now - session.lastUsed > this.limits.sessionIdleMs) this.drop(name);
    }
    while (this.sessions.size >= this.limits.maxSessions)
      this.drop(this.sessions.keys().next().value as string);
  }

  /** An evicted session comes back from the seed: its webhooks' credentials go with it. */
  private drop(name: string): void {
    this.sessions.delete(name);
    this.webhooks.forgetCredentials(name);
  }
}
