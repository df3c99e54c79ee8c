// What startMockServer takes and gives back.
import type { DriftReport } from './answerers/proxy/drift-report.js';
import type { Clock } from './core/clock.js';
import type { Fixture, LoadedFixture } from './http/fixtures.js';
import type { RequestLog } from './http/handler.js';
import type { RequestJournal } from './http/journal.js';
import type { JwtKeys } from './policies/auth.js';
import type { SessionSettings } from './store/session-settings.js';
import type { StoreLimits } from './store/store.js';

export interface MockServerOptions {
  /** Port to listen on; 0 picks a free one (default 4010). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Serve only these APIs (default: all bundled APIs), each under `/<name>`. */
  apis?: string[];
  /** Serve this one API at the root instead of under a prefix. */
  root?: string;
  /**
   * `stateful` (default): what a client writes, it reads back (ids, lists, deletes), per session.
   * `static`: every answer is the spec's example, exactly as `prism mock` answers.
   */
  mode?: 'stateful' | 'static';
  /** Generate static responses from schemas instead of returning examples. */
  dynamic?: boolean;
  /** Seed for generated ids (stateful) and `dynamic` data, for repeatable runs. */
  seed?: string;
  /** Memory caps of the state store (items per collection and session, sessions, idle time). */
  stateLimits?: Partial<StoreLimits>;
  /** How many requests the journal keeps (default 1000). */
  journalSize?: number;
  /** Largest accepted request body in bytes (default 1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** Called once per request with a summary (the CLI prints it). */
  onRequest?: (entry: RequestLog) => void;
  /** Override where bundled specs are read from (tests). */
  specsDir?: string;
  // Auth, rate limits and faults: stateful mode only (`static` stays Prism's behaviour).
  /** Lifetime of tokens the mock's OAuth2 token endpoints issue, seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** Per API, the only API keys it accepts (default: any key). */
  apiKeys?: Record<string, readonly string[]>;
  /** Per API, the key pair its JWTs must be signed with (default: any signature). */
  jwtKeys?: Record<string, JwtKeys>;
  /**
   * Where the mock reads the time (token lifetimes, rate windows, timestamps): a `ManualClock`
   * lets a test move time instead of waiting; injected latency waits on it too.
   */
  clock?: Clock;
  /** Enforce the rate limits the specs document (`x-rate-limit`; default true). */
  rateLimits?: boolean;
  /** Share of API requests answered with a retryable error, 0..1 (default 0). */
  failRate?: number;
  /** Delay every API answer: ms, or a [min, max] range in ms. */
  latency?: number | readonly [number, number];
  /**
   * Proxy mode, per API: forward its requests to this upstream base URL (`production`: the spec's
   * first server) unchanged, pass the answers back unchanged, and report in `GET /_drift` where
   * either departs from the spec. APIs not listed stay mocked.
   */
  proxy?: Record<string, string>;
  /**
   * Fixtures every session starts with, on top of the example seed (`--fixtures <file>`): loaded
   * once at start-up through the same rules as `session.load`.
   */
  fixtures?: Fixture[];
  /** Write the drift report here when the server closes (JSON, and Markdown beside it). */
  driftReportFile?: string;
  /**
   * Webhooks (stateful mode): hosts besides loopback (127.0.0.0/8, ::1, localhost) that webhooks
   * may be registered for and delivered to (`--webhook-allow`). Default: loopback only.
   */
  webhookAllow?: readonly string[];
  /** Delays before each retry of a failed webhook delivery, ms (default 1000, 10000, 60000). */
  webhookRetryDelaysMs?: readonly number[];
}

export interface RunningMockServer {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /** Each served API's base URL: the production server URL with its origin replaced. */
  apis: Record<string, string>;
  journal: RequestJournal;
  /** What proxied upstreams (and their clients) did that the specs do not describe. */
  drift: DriftReport;
  mode: 'stateful' | 'static';
  /** Back to the seed: one session's state, or every session's. */
  reset(session?: string): void;
  /**
   * An isolated state session: pass `headers` to a client factory's `headers` option (or on each
   * request) and nothing another session writes is visible to it.
   */
  session(name: string, settings?: SessionSettings): MockSession;
  /** Ends every token issued to or used by a session (for one API, or all): see `/_tokens/expire`. */
  expireTokens(session: string, api?: string): number;
  close(): Promise<void>;
}

export interface MockSession {
  name: string;
  /** The header that selects this session. */
  headers: { 'X-Mock-Session': string };
  /** Each API's base URL (the same for every session). */
  apis: Record<string, string>;
  /**
   * Loads a fixture (`{ "<api>": { "<collection path>": [items] } }`) into the session: each item
   * as a create through the API's rules. Throws a FixtureError naming the item and field, and then
   * stores nothing of the fixture.
   */
  load(fixture: Fixture): LoadedFixture;
  /** Back to the seed, or (`empty`) to nothing at all. */
  reset(options?: { empty?: boolean }): void;
  /** Replaces the session's own settings (`{}`: the server's options again). */
  configure(settings: SessionSettings): void;
  /** The session's settings, the server's options filling in the rest. */
  settings(): Required<SessionSettings>;
}
