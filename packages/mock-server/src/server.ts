// startMockServer: one HTTP server, every API under its prefix (`/skilljar/v1/ping` stands for
// `https://api.skilljar.com/v1/ping`), each API's requests through its pipeline. This file only
// composes: HTTP lives in http/, the steps in pipeline/, the APIs' parts are built in compose.ts.
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { DriftReport } from './answerers/proxy/drift-report.js';
import { DEFAULT_LIMITS, StateStore } from './answerers/state/index.js';
import { DEFAULT_TOKEN_TTL_SECONDS } from './answerers/token/token-endpoint.js';
import { type WebhookDelivery, webhookDelivery } from './answerers/webhooks/index.js';
import {
  checkPerApiOptions,
  latencyRange,
  proxiesFrom,
  type Shared,
  selectApis,
  serveApi,
} from './compose.js';
import { Random } from './core/random.js';
import { loadApis } from './core/specs.js';
import type { ServedApi } from './http/api-router.js';
import { type Fixture, loadFixture } from './http/fixtures.js';
import { type HandlerContext, handleRequest } from './http/handler.js';
import { RequestJournal } from './http/journal.js';
import { closeServer, createListener, listen } from './http/listener.js';
import { isSessionName } from './http/session.js';
import type { MockServerOptions, MockSession, RunningMockServer } from './options.js';
import { FaultInjector } from './policies/faults.js';
import { parseSettings, type SessionSettings } from './store/session-settings.js';
import type { Seed } from './store/store.js';

export type { RequestLog } from './http/handler.js';
export { SESSION_HEADER } from './http/session.js';
export type { MockServerOptions, MockSession, RunningMockServer } from './options.js';

const DEFAULT_PORT = 4010;
const DEFAULT_MAX_BODY = 1024 * 1024;

/** Starts the mock. Resolves once every API is ready (`GET /_health` answers 200 from then on). */
export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const all = loadApis(options.specsDir);
  const selected = selectApis(all, options);
  checkPerApiOptions(all, options);
  const shared = sharedParts(options, selected);
  const served = new Map<string, ServedApi>();
  let ready = false;
  const context: HandlerContext = {
    mode: shared.mode,
    root: options.root,
    served,
    journal: new RequestJournal(options.journalSize ?? 1000),
    store: shared.store,
    drift: shared.drift,
    isReady: () => ready,
    effectiveSettings: (session) => effectiveSettings(options, shared, session),
    clock: shared.store.clock,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
    onRequest: options.onRequest,
  };
  const server = createListener(
    (req, res, started, body) => handleRequest(context, req, res, started, body),
    context.maxBodyBytes,
  );
  await listen(server, options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1');
  try {
    for (const api of await Promise.all(selected.map((definition) => serveApi(definition, shared))))
      served.set(api.definition.name, api);
  } catch (error) {
    await closeServer(server);
    throw new Error(`A spec failed to load: ${(error as Error).message}`);
  }
  try {
    if (options.fixtures) seedFixtures(served, shared, options.fixtures);
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  ready = true;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const apis = Object.fromEntries(
    selected.map((definition) => [
      definition.name,
      `${url}${options.root ? '' : `/${definition.name}`}${definition.basePath}`,
    ]),
  );
  return {
    url,
    port: address.port,
    apis,
    journal: context.journal,
    drift: shared.drift,
    mode: shared.mode,
    reset: (name) => shared.store.reset(name),
    session: (name, settings) => sessionHandle(shared, served, name, apis, settings),
    expireTokens: (session, api) => shared.store.tokens.expire(session, api),
    close: async () => {
      for (const proxy of shared.proxies.values()) proxy.upstream.close();
      shared.delivery?.close();
      await closeServer(server);
      if (options.driftReportFile) await writeDriftReport(shared.drift, options.driftReportFile);
    },
  };
}

/** What every API of the server shares: the store, the random source, the fault injector. */
function sharedParts(
  options: MockServerOptions,
  selected: ReturnType<typeof selectApis>,
): Shared & { drift: DriftReport; delivery: WebhookDelivery | undefined } {
  const mode = options.mode ?? 'stateful';
  const tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!(Number.isFinite(tokenTtlSeconds) && tokenTtlSeconds > 0))
    throw new RangeError(`tokenTtlSeconds must be a positive number, got ${tokenTtlSeconds}.`);
  const seed: Seed = new Map();
  const drift = new DriftReport();
  // One injector for every API: with --seed, the n-th request fails the same way on every run.
  const faults =
    mode === 'stateful'
      ? new FaultInjector({
          failRate: options.failRate ?? 0,
          ...(options.latency !== undefined ? { latencyMs: latencyRange(options.latency) } : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
        })
      : undefined;
  const store = new StateStore(seed, { ...DEFAULT_LIMITS, ...options.stateLimits }, options.clock);
  const delivery =
    mode === 'stateful'
      ? webhookDelivery({
          ledger: store.webhooks,
          allow: options.webhookAllow,
          retryDelaysMs: options.webhookRetryDelaysMs,
        })
      : undefined;
  return {
    options,
    mode,
    seed,
    store,
    webhooks: delivery?.hooks,
    delivery,
    random: new Random(options.seed),
    faults,
    proxies: proxiesFrom(options, selected, drift),
    tokenTtlSeconds,
    drift,
  };
}

/** A session's settings, the server's options filling in what it did not set. */
function effectiveSettings(
  options: MockServerOptions,
  shared: Shared,
  session: string,
): Required<SessionSettings> {
  const own = shared.store.settings.of(session) ?? {};
  const latency = options.latency === undefined ? 0 : latencyRange(options.latency);
  return {
    failRate: own.failRate ?? options.failRate ?? 0,
    latencyMs: own.latencyMs ?? (Array.isArray(latency) && latency[0] === latency[1] ? latency[0] : latency),
    tokenTtlSeconds: own.tokenTtlSeconds ?? shared.tokenTtlSeconds,
    rateLimit: own.rateLimit ?? options.rateLimits !== false,
    faultTiming: own.faultTiming ?? 'before',
  };
}

/** Start-up fixtures become part of the seed every session starts from. */
function seedFixtures(served: ReadonlyMap<string, ServedApi>, shared: Shared, fixtures: Fixture[]): void {
  const scratch = '_fixtures';
  try {
    for (const fixture of fixtures) loadFixture(served, shared.store, scratch, fixture);
    for (const { api, path, items } of shared.store.session(scratch).entries()) {
      const perApi = shared.seed.get(api) ?? new Map();
      perApi.set(path, items);
      shared.seed.set(api, perApi);
    }
  } finally {
    shared.store.reset(scratch);
  }
}

function sessionHandle(
  shared: Shared,
  served: ReadonlyMap<string, ServedApi>,
  name: string,
  apis: Record<string, string>,
  settings: SessionSettings | undefined,
): MockSession {
  if (!isSessionName(name))
    throw new TypeError(`Invalid session name ${JSON.stringify(name)}: use 1-64 of A-Z a-z 0-9 . _ : -.`);
  const { store } = shared;
  const configure = (next: SessionSettings) => {
    const parsed = parseSettings(next);
    if ('field' in parsed) throw new TypeError(`Session setting ${parsed.field}: ${parsed.message}`);
    store.settings.set(name, parsed);
  };
  if (settings) configure(settings);
  return {
    name,
    headers: { 'X-Mock-Session': name },
    apis,
    load: (fixture) => loadFixture(served, store, name, fixture),
    reset: ({ empty = false } = {}) => store.reset(name, { empty }),
    configure,
    settings: () => effectiveSettings(shared.options, shared, name),
  };
}

/** `report.json` and `report.md` (or `<file>` and `<file>.md` for another name). */
export async function writeDriftReport(drift: DriftReport, file: string): Promise<string[]> {
  const markdown = file.endsWith('.json') ? `${file.slice(0, -'.json'.length)}.md` : `${file}.md`;
  await writeFile(file, `${JSON.stringify(drift.toJSON(), null, 2)}\n`);
  await writeFile(markdown, drift.toMarkdown());
  return [file, markdown];
}
