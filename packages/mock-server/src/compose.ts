// Builds each served API from the options: its pipeline (Prism, and in stateful mode the store,
// the API's declaration and its policies), its token endpoints, or its upstream in proxy mode.
import type { DriftReport } from './answerers/proxy/drift-report.js';
import { UpstreamProxy } from './answerers/proxy/upstream.js';
import { StateAnswerer, type WebhookHooks } from './answerers/state/index.js';
import { findTokenEndpoints } from './answerers/token/token-endpoint.js';
import { behaviourFor } from './apis/index.js';
import type { Random } from './core/random.js';
import type { ApiDefinition } from './core/specs.js';
import type { ServedApi } from './http/api-router.js';
import type { MockServerOptions } from './options.js';
import { ApiPipeline, type PipelineParts } from './pipeline/pipeline.js';
import { PrismAdapter } from './pipeline/prism/adapter.js';
import type { ProxyParts } from './pipeline/proxy-steps.js';
import { normalizeQuery } from './pipeline/query.js';
import { AuthGuard } from './policies/auth.js';
import type { FaultInjector } from './policies/faults.js';
import { RateLimiter, rateLimitsOf } from './policies/rate-limit.js';
import type { Seed, StateStore } from './store/store.js';

export interface Shared {
  options: MockServerOptions;
  mode: 'stateful' | 'static';
  store: StateStore;
  seed: Seed;
  random: Random;
  faults: FaultInjector | undefined;
  proxies: Map<string, ProxyParts>;
  tokenTtlSeconds: number;
  /** Webhook delivery (stateful mode). */
  webhooks: WebhookHooks | undefined;
}

export async function serveApi(definition: ApiDefinition, shared: Shared): Promise<ServedApi> {
  const { options, store } = shared;
  const prism = await PrismAdapter.create(
    definition.document,
    { dynamic: options.dynamic ?? false, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
    definition.operations,
  );
  const tokenEndpoints = findTokenEndpoints(definition.document, definition.origin, {
    api: definition.name,
    tokens: store.tokens,
    ttlSeconds: (session) => store.settings.of(session)?.tokenTtlSeconds ?? shared.tokenTtlSeconds,
    clock: store.clock,
  });
  const proxy = shared.proxies.get(definition.name);
  const stateful = shared.mode === 'stateful' ? statefulParts(definition, shared) : undefined;
  const parts: PipelineParts = {
    prism,
    tokenEndpoints,
    ...(stateful ? { stateful } : {}),
    ...(proxy ? { proxy } : {}),
  };
  const state = stateful?.state;
  return {
    definition,
    pipeline: new ApiPipeline(parts),
    normalizeQuery: normalizeQuery(definition.document),
    answersOutsideBase: (path) => tokenEndpoints.some((endpoint) => endpoint.matches(path)),
    ...(state?.hasWebhooks ? { webhookTrigger: (session, input) => state.trigger(session, input) } : {}),
  };
}

/** Stateful mode's parts: the store-backed answerer, the API's declaration and its policies. */
function statefulParts(definition: ApiDefinition, shared: Shared): NonNullable<PipelineParts['stateful']> {
  const { options, store } = shared;
  const behaviour = behaviourFor(definition.name);
  const state = new StateAnswerer(
    definition.name,
    definition.document,
    behaviour,
    store,
    shared.random,
    behaviour.webhooks && shared.webhooks
      ? { declaration: behaviour.webhooks, hooks: shared.webhooks }
      : undefined,
  );
  state.seed(shared.seed);
  const auth = AuthGuard.create(definition.name, definition.document, behaviour.auth, {
    tokens: store.tokens,
    ...(options.apiKeys?.[definition.name] ? { apiKeys: options.apiKeys[definition.name] } : {}),
    ...(options.jwtKeys?.[definition.name] ? { jwtKeys: options.jwtKeys[definition.name] } : {}),
  });
  // Built whatever --no-rate-limit says: a session may turn its rate limits on (or off).
  const rateLimiter = new RateLimiter(definition.name, rateLimitsOf(definition.document), store.rates);
  return {
    behaviour,
    state,
    settings: store.settings,
    rateLimitsByDefault: options.rateLimits !== false,
    clock: store.clock,
    policies: {
      ...(auth ? { auth } : {}),
      rateLimiter,
      ...(shared.faults ? { faults: shared.faults } : {}),
    },
  };
}

/** Proxy mode's upstreams, per API; `production` is the spec's first server. */
export function proxiesFrom(
  options: MockServerOptions,
  selected: ApiDefinition[],
  drift: DriftReport,
): Map<string, ProxyParts> {
  const proxies = new Map<string, ProxyParts>();
  for (const [name, upstream] of Object.entries(options.proxy ?? {})) {
    const definition = selected.find((api) => api.name === name);
    if (!definition)
      throw new Error(
        `proxy: ${name} is not a served API. Served: ${selected.map((api) => api.name).join(', ')}.`,
      );
    const serverUrl = definition.document.servers?.[0]?.url ?? '';
    // A templated server ({paper}) has no one production instance: its default is someone else's.
    if (upstream === 'production' && serverUrl.includes('{'))
      throw new Error(
        `proxy: ${name}'s server is ${serverUrl}, one per customer: give your instance's URL (--proxy ${name}=https://...).`,
      );
    const base = upstream === 'production' ? `${definition.origin}${definition.basePath}` : upstream;
    proxies.set(name, { api: name, title: definition.title, upstream: new UpstreamProxy(name, base), drift });
    drift.addApi(name, base);
  }
  return proxies;
}

export function selectApis(all: ApiDefinition[], options: MockServerOptions): ApiDefinition[] {
  const names = all.map((api) => api.name);
  const wanted = options.root ? [options.root] : (options.apis ?? names);
  const unknown = wanted.filter((name) => !names.includes(name));
  if (unknown.length > 0)
    throw new Error(`Unknown API: ${unknown.join(', ')}. Available: ${names.join(', ')}.`);
  return all.filter((api) => wanted.includes(api.name));
}

/** Per-API options may only name APIs that exist. */
export function checkPerApiOptions(all: ApiDefinition[], options: MockServerOptions): void {
  for (const [option, perApi] of [
    ['apiKeys', options.apiKeys],
    ['jwtKeys', options.jwtKeys],
  ] as const) {
    const unknown = Object.keys(perApi ?? {}).filter((name) => !all.some((api) => api.name === name));
    if (unknown.length > 0)
      throw new Error(
        `${option}: unknown API ${unknown.join(', ')}. Available: ${all.map((api) => api.name).join(', ')}.`,
      );
  }
}

export function latencyRange(latency: number | readonly [number, number]): [number, number] {
  const [low, high] = typeof latency === 'number' ? [latency, latency] : latency;
  if (!(low >= 0 && high >= low && high <= 60_000))
    throw new RangeError(`latency must be ms from 0 to 60000 (a range low-high), got ${String(latency)}.`);
  return [low, high];
}
