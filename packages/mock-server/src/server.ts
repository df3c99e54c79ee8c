import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DriftReport } from './answerers/proxy/drift-report.js';
import { UpstreamProxy, UpstreamTimeout } from './answerers/proxy/upstream.js';
import {
  DEFAULT_LIMITS,
  DEFAULT_SESSION,
  Random,
  StateAnswerer,
  StateStore,
  type StoreLimits,
} from './answerers/state/index.js';
import {
  DEFAULT_TOKEN_TTL_SECONDS,
  findTokenEndpoints,
  type TokenEndpoint,
} from './answerers/token/token-endpoint.js';
import { behaviourFor } from './apis/index.js';
import { mockProblem, type Problem } from './core/problem.js';
import { type ApiDefinition, loadApis } from './core/specs.js';
import { type JournalFilter, RequestJournal, redactQuery } from './http/journal.js';
import { type MockResponse, PrismEngine, type Violation } from './pipeline/engine.js';
import { normalizeQuery, type QueryNormalizer } from './pipeline/query.js';
import { AuthGuard, type JwtKeys } from './policies/auth.js';
import { FaultInjector } from './policies/faults.js';
import { RateLimiter, rateLimitsOf } from './policies/rate-limit.js';
import type { Seed } from './store/store.js';

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
  /** Write the drift report here when the server closes (JSON, and Markdown beside it). */
  driftReportFile?: string;
}

export interface RequestLog {
  method: string;
  path: string;
  status: number;
  api: string | null;
  operationId: string | null;
  durationMs: number;
  violations: number;
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
  session(name: string): MockSession;
  close(): Promise<void>;
}

export interface MockSession {
  name: string;
  /** The header that selects this session. */
  headers: { 'X-Mock-Session': string };
  /** Each API's base URL (the same for every session). */
  apis: Record<string, string>;
}

/** The request header that selects a state session. */
export const SESSION_HEADER = 'x-mock-session';
const SESSION_NAME = /^[A-Za-z0-9._:-]{1,64}$/;

interface ServedApi {
  definition: ApiDefinition;
  engine: PrismEngine;
  /** Set in proxy mode: requests go to this upstream instead of being answered here. */
  proxy?: UpstreamProxy;
  tokenEndpoints: TokenEndpoint[];
  normalizeQuery: QueryNormalizer;
}

const DEFAULT_PORT = 4010;
const DEFAULT_MAX_BODY = 1024 * 1024;

/**
 * Starts the mock: one HTTP server, every API under its prefix (`/skilljar/v1/ping` stands for
 * `https://api.skilljar.com/v1/ping`), Prism's validation and mocking behind each. Resolves once
 * every API is ready (`GET /_health` answers 200 from then on).
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const all = loadApis(options.specsDir);
  const selected = selectApis(all, options);
  const journal = new RequestJournal(options.journalSize ?? 1000);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const mode = options.mode ?? 'stateful';
  const seed: Seed = new Map();
  const store = new StateStore(seed, { ...DEFAULT_LIMITS, ...options.stateLimits });
  const random = new Random(options.seed);
  const served = new Map<string, ServedApi>();
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
  const drift = new DriftReport();
  const proxies = new Map<string, UpstreamProxy>();
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
    proxies.set(name, new UpstreamProxy(name, base));
    drift.addApi(name, base);
  }
  const tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!(Number.isFinite(tokenTtlSeconds) && tokenTtlSeconds > 0))
    throw new RangeError(`tokenTtlSeconds must be a positive number, got ${tokenTtlSeconds}.`);
  // One injector for every API: with --seed, the n-th request fails the same way on every run.
  const faults =
    mode === 'stateful'
      ? new FaultInjector({
          failRate: options.failRate ?? 0,
          ...(options.latency !== undefined ? { latencyMs: latencyRange(options.latency) } : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
        })
      : undefined;
  let ready = false;

  // A bug here must still answer, never hang or drop the connection.
  const internalError = (req: IncomingMessage, res: ServerResponse, error: unknown) =>
    sendProblem(
      req,
      res,
      mockProblem(500, 'INTERNAL', 'Mock server error', (error as Error)?.message ?? String(error)),
    );

  const server = createServer((req, res) => {
    const started = performance.now();
    try {
      // Requests without a body (most of them) are answered synchronously, without a promise.
      if (hasBody(req)) {
        readBody(req, maxBodyBytes).then(
          (body) => {
            try {
              respond(req, res, started, body);
            } catch (error) {
              internalError(req, res, error);
            }
          },
          (error: unknown) => internalError(req, res, error),
        );
      } else {
        respond(req, res, started, undefined);
      }
    } catch (error) {
      internalError(req, res, error);
    }
  });
  server.keepAliveTimeout = 65_000;

  function respond(
    req: IncomingMessage,
    res: ServerResponse,
    started: number,
    body: Buffer | undefined | typeof TOO_LARGE,
  ): void {
    const method = (req.method ?? 'GET').toUpperCase();
    if (answerPreflight(req, res, method)) return;
    const rawUrl = req.url ?? '/';
    const queryIndex = rawUrl.indexOf('?');
    const rawPath = queryIndex === -1 ? rawUrl : rawUrl.slice(0, queryIndex);
    const rawQuery = queryIndex === -1 ? '' : rawUrl.slice(queryIndex + 1);

    let api: ServedApi | undefined;
    let response: MockResponse;
    const session = sessionOf(req);
    const pathProblem = checkPath(rawPath);
    if (pathProblem) {
      response = problem(pathProblem);
    } else if (body === TOO_LARGE) {
      const detail = `The mock accepts bodies up to ${maxBodyBytes} bytes.`;
      // In the API's own error shape where the path names an API (stateful mode).
      const target = !rawPath.startsWith('/_') && ready ? resolveApi(rawPath) : undefined;
      if (target && 'api' in target) api = target.api;
      const inner =
        target && 'api' in target ? target.path.slice(target.api.definition.basePath.length) || '/' : '';
      response =
        (target && 'api' in target
          ? target.api.engine.errorAnswer('tooLarge', method, inner, detail)
          : undefined) ?? problem(mockProblem(413, 'BODY_TOO_LARGE', 'Request body too large', detail));
    } else if (rawPath.startsWith('/_')) {
      response = internalRoute(method, rawPath, new URLSearchParams(rawQuery), req);
    } else if (session instanceof Error) {
      response = problem(mockProblem(400, 'BAD_SESSION', 'Invalid X-Mock-Session', session.message));
    } else if (!ready) {
      response = problem(
        mockProblem(503, 'STARTING', 'Mock server is starting', 'Wait for GET /_health to answer 200.'),
      );
    } else {
      const target = resolveApi(rawPath);
      if ('problem' in target) {
        response = problem(target.problem);
      } else if (target.api.proxy) {
        proxyRequest(
          target.api,
          target.path,
          { req, method, rawPath, rawQuery, started },
          res,
          body as Buffer | undefined,
        );
        return;
      } else {
        api = target.api;
        response = answerApi(
          api,
          method,
          target.path,
          rawQuery,
          req,
          body as Buffer | undefined,
          session as string,
        );
      }
    }

    finishRequest(
      { req, method, rawPath, rawQuery, started },
      {
        api: api?.definition.name ?? null,
        operationId: response.operationId ?? null,
        status: response.status,
        violations: response.violations,
        loggedViolations: response.violations.length,
        session: session instanceof Error ? null : session,
        body: body === TOO_LARGE ? undefined : (body as Buffer | undefined),
      },
      () => {
        if (response.delayMs) setTimeout(() => send(req, res, response), response.delayMs);
        else send(req, res, response);
      },
    );
  }

  /**
   * The end of every request, mocked or proxied: the journal entry (API requests only), the
   * answer, then the request log line, its query with credential-named values redacted.
   */
  function finishRequest(
    request: { req: IncomingMessage; method: string; rawPath: string; rawQuery: string; started: number },
    outcome: {
      api: string | null;
      operationId: string | null;
      status: number;
      /** What the journal keeps. */
      violations: Violation[];
      /** What the log line counts (a proxied request's drift findings). */
      loggedViolations: number;
      session: string | null;
      body: Buffer | undefined;
    },
    sendAnswer: () => void,
  ): void {
    const { req, method, rawPath, rawQuery, started } = request;
    const durationMs = performance.now() - started;
    if (!rawPath.startsWith('/_')) {
      journal.record({
        api: outcome.api,
        operationId: outcome.operationId,
        method,
        path: rawPath,
        query: rawQuery,
        status: outcome.status,
        violations: outcome.violations,
        durationMs: Math.round(durationMs * 1000) / 1000,
        session: outcome.session,
        body: outcome.body,
        contentType: req.headers['content-type'],
      });
    }
    sendAnswer();
    options.onRequest?.({
      method,
      path: req.url?.includes('?') ? `${rawPath}?${redactQuery(rawQuery)}` : rawPath,
      status: outcome.status,
      api: outcome.api,
      operationId: outcome.operationId,
      durationMs,
      violations: outcome.loggedViolations,
    });
  }

  /**
   * Proxy mode: check the request against the spec, forward it unchanged, pass the upstream's
   * answer back unchanged, and record in the drift report what either did that the spec does not
   * describe. Credentials travel in the forwarded headers only: never journalled or logged.
   */
  function proxyRequest(
    api: ServedApi,
    path: string,
    request: Parameters<typeof finishRequest>[0],
    res: ServerResponse,
    body: Buffer | undefined,
  ): void {
    const { req, method, rawQuery } = request;
    const upstream = api.proxy as UpstreamProxy;
    const { basePath } = api.definition;
    const insideBase = path === basePath || path.startsWith(`${basePath}/`);
    const inner = insideBase ? path.slice(basePath.length) || '/' : path;
    const query = rawQuery === '' ? EMPTY_QUERY : new URLSearchParams(rawQuery);
    // Paths outside the base path (an OAuth token endpoint) go to the upstream's origin.
    const { operation, findings } = insideBase
      ? api.engine.inspect({ method, path: inner, query, rawQuery, headers: req.headers, body })
      : { operation: undefined, findings: [] };
    const forwardPath = `${inner}${rawQuery === '' ? '' : `?${rawQuery}`}`;
    const sent = insideBase
      ? upstream.forward(method, forwardPath, req.rawHeaders, body)
      : upstream.forwardToOrigin(method, forwardPath, req.rawHeaders, body);
    const name = operation ? `${operation.method} ${operation.path}` : `${method} ${inner}`;
    const finish = (status: number, sendAnswer: () => void) =>
      finishRequest(
        request,
        {
          api: api.definition.name,
          operationId: operation?.id ?? null,
          status,
          violations: [],
          loggedViolations: findings.length,
          session: null,
          body,
        },
        sendAnswer,
      );
    sent.then(
      (answer) => {
        const answerFindings = operation
          ? api.engine.inspectAnswer(operation, {
              status: answer.status,
              contentType: answer.contentType,
              body: answer.text(),
            })
          : [];
        drift.record(api.definition.name, name, operation?.id ?? null, answer.status, [
          ...findings,
          ...answerFindings,
        ]);
        finish(answer.status, () => {
          res.writeHead(answer.status, [...answer.rawHeaders, 'content-length', String(answer.body.length)]);
          res.end(method === 'HEAD' ? undefined : answer.body);
        });
      },
      (error: Error) => {
        drift.record(api.definition.name, name, operation?.id ?? null, undefined, findings);
        const timedOut = error instanceof UpstreamTimeout;
        const details = mockProblem(
          timedOut ? 504 : 502,
          timedOut ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNREACHABLE',
          timedOut ? 'Upstream timed out' : 'Upstream unreachable',
          `${api.definition.title} is proxied to ${upstream.base.origin}: ${error.message}`,
        );
        finish(details.status, () => sendProblem(req, res, details));
      },
    );
  }

  function resolveApi(rawPath: string): { api: ServedApi; path: string } | { problem: Problem } {
    let api: ServedApi | undefined;
    let rest: string;
    if (options.root) {
      api = served.get(options.root);
      rest = rawPath;
    } else {
      const slash = rawPath.indexOf('/', 1);
      const prefix = slash === -1 ? rawPath.slice(1) : rawPath.slice(1, slash);
      api = served.get(prefix);
      rest = slash === -1 ? '' : rawPath.slice(slash);
      if (!api) {
        const known = [...served.keys()].map((name) => `/${name}`).join(', ');
        return {
          problem: mockProblem(
            404,
            'UNKNOWN_API',
            'Unknown API',
            `No API is served at /${prefix}. Served: ${known}.`,
          ),
        };
      }
    }
    const { basePath, origin } = (api as ServedApi).definition;
    if (basePath && rest !== basePath && !rest.startsWith(`${basePath}/`)) {
      // Outside the API's base path: maybe the OAuth token endpoint on the same origin.
      if ((api as ServedApi).tokenEndpoints.some((endpoint) => endpoint.matches(rest)))
        return { api: api as ServedApi, path: rest };
      return {
        problem: mockProblem(
          404,
          'OUTSIDE_BASE_PATH',
          'Path outside the API',
          `${(api as ServedApi).definition.title} paths start with ${basePath} (as on ${origin}${basePath}); got ${rest || '/'}.`,
        ),
      };
    }
    return { api: api as ServedApi, path: rest };
  }

  function answerApi(
    api: ServedApi,
    method: string,
    path: string,
    rawQuery: string,
    req: IncomingMessage,
    body: Buffer | undefined,
    session: string,
  ): MockResponse {
    const token = api.tokenEndpoints.find((endpoint) => endpoint.matches(path));
    if (token) return token.handle(method, req.headers, body);
    const inner = path.slice(api.definition.basePath.length) || '/';
    return api.engine.handle({
      session,
      requestUrl: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
      method,
      path: inner,
      query: api.normalizeQuery(inner, rawQuery === '' ? EMPTY_QUERY : new URLSearchParams(rawQuery)),
      rawQuery,
      headers: req.headers,
      body,
    });
  }

  function internalRoute(
    method: string,
    path: string,
    query: URLSearchParams,
    req: IncomingMessage,
  ): MockResponse {
    if (path === '/_state' || path === '/_state/reset') return stateRoute(method, path, query, req);
    if (path === '/_drift') return driftRoute(method, query, req);
    if (path === '/_health') {
      if (method !== 'GET' && method !== 'HEAD') return problem(methodNotAllowed('GET'));
      return json(ready ? 200 : 503, {
        status: ready ? 'ok' : 'starting',
        apis: [...served.values()].map(({ definition }) => ({
          name: definition.name,
          title: definition.title,
          prefix: options.root ? '/' : `/${definition.name}`,
          stands_for: `${definition.origin}`,
        })),
      });
    }
    if (path === '/_requests') {
      if (method === 'DELETE') {
        journal.clear();
        return { status: 204, headers: {}, body: undefined, operationId: undefined, violations: [] };
      }
      if (method !== 'GET') return problem(methodNotAllowed('GET, DELETE'));
      const filter = parseJournalFilter(query);
      if ('problem' in filter) return problem(filter.problem);
      return json(200, { requests: journal.list(filter) });
    }
    return problem(
      mockProblem(
        404,
        'UNKNOWN_ROUTE',
        'Unknown mock route',
        `${path} is not a mock route. Mock routes: /_health, /_requests, /_state, /_state/reset, /_drift.`,
      ),
    );
  }

  /** `GET /_drift`: the drift report (JSON, or Markdown for `?format=markdown` / `Accept: text/markdown`). */
  function driftRoute(method: string, query: URLSearchParams, req: IncomingMessage): MockResponse {
    if (method === 'DELETE') {
      drift.clear();
      return { status: 204, headers: {}, body: undefined, operationId: undefined, violations: [] };
    }
    if (method !== 'GET' && method !== 'HEAD') return problem(methodNotAllowed('GET, DELETE'));
    const format =
      query.get('format') ?? (req.headers.accept?.includes('text/markdown') ? 'markdown' : 'json');
    if (format !== 'json' && format !== 'markdown')
      return problem(
        mockProblem(400, 'BAD_FILTER', 'Unknown format', `format is json or markdown, got ${format}.`),
      );
    if (format === 'markdown')
      return {
        status: 200,
        headers: { 'content-type': 'text/markdown; charset=utf-8' },
        body: drift.toMarkdown(),
        operationId: undefined,
        violations: [],
      };
    return json(200, drift.toJSON());
  }

  /** `GET /_state` dumps a session's stored items; `POST /_state/reset` restores the seed. */
  function stateRoute(
    method: string,
    path: string,
    query: URLSearchParams,
    req: IncomingMessage,
  ): MockResponse {
    if (mode === 'static')
      return problem(
        mockProblem(
          409,
          'STATIC_MODE',
          'No state in static mode',
          'The mock runs with --static: nothing is stored.',
        ),
      );
    const named = query.get('session') ?? sessionOf(req);
    if (named instanceof Error)
      return problem(mockProblem(400, 'BAD_SESSION', 'Invalid X-Mock-Session', named.message));
    if (path === '/_state/reset') {
      if (method !== 'POST') return problem(methodNotAllowed('POST'));
      // Without a session named (by query or header), every session goes back to the seed.
      const explicit = query.get('session') ?? (req.headers[SESSION_HEADER] as string | undefined);
      store.reset(explicit);
      return json(200, { reset: explicit ?? 'all' });
    }
    if (method !== 'GET' && method !== 'HEAD') return problem(methodNotAllowed('GET'));
    const api = query.get('api') ?? undefined;
    if (api !== undefined && !served.has(api))
      return problem(mockProblem(400, 'BAD_FILTER', 'Unknown API', `No API named ${api} is served.`));
    const session = store.peek(named);
    return json(200, {
      session: named,
      sessions: store.sessionNames(),
      limits: store.limits,
      // Collections appear once a request touched them; until then they are the seed.
      collections: session ? session.dump(api) : {},
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(listenError(error, options));
    });
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1', () => resolve());
  });
  try {
    await Promise.all(
      selected.map(async (definition) => {
        const state =
          mode === 'stateful'
            ? new StateAnswerer(
                definition.name,
                definition.document,
                behaviourFor(definition.name),
                store,
                random,
              )
            : undefined;
        state?.seed(seed);
        const engine = await PrismEngine.create(
          definition.document,
          {
            dynamic: options.dynamic ?? false,
            ...(options.seed !== undefined ? { seed: options.seed } : {}),
            ...(state ? { state, behaviour: behaviourFor(definition.name) } : {}),
            policies: {
              auth: AuthGuard.create(
                definition.name,
                definition.document,
                state ? behaviourFor(definition.name).auth : undefined,
                {
                  tokens: store.tokens,
                  ...(options.apiKeys?.[definition.name]
                    ? { apiKeys: options.apiKeys[definition.name] }
                    : {}),
                  ...(options.jwtKeys?.[definition.name]
                    ? { jwtKeys: options.jwtKeys[definition.name] }
                    : {}),
                },
              ),
              ...(options.rateLimits !== false
                ? {
                    rateLimiter: new RateLimiter(
                      definition.name,
                      rateLimitsOf(definition.document),
                      store.rates,
                    ),
                  }
                : {}),
              ...(faults ? { faults } : {}),
            },
          },
          definition.operations,
        );
        const proxy = proxies.get(definition.name);
        served.set(definition.name, {
          definition,
          engine,
          ...(proxy ? { proxy } : {}),
          tokenEndpoints: findTokenEndpoints(definition.document, definition.origin, {
            api: definition.name,
            tokens: store.tokens,
            ttlSeconds: tokenTtlSeconds,
          }),
          normalizeQuery: normalizeQuery(definition.document),
        });
      }),
    );
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw new Error(`A spec failed to load: ${(error as Error).message}`);
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
    journal,
    drift,
    mode,
    reset: (name) => store.reset(name),
    session(name) {
      if (!SESSION_NAME.test(name))
        throw new TypeError(`Invalid session name ${JSON.stringify(name)}: use 1-64 of A-Z a-z 0-9 . _ : -.`);
      return { name, headers: { 'X-Mock-Session': name }, apis };
    },
    close: async () => {
      for (const proxy of proxies.values()) proxy.close();
      await closeServer(server);
      if (options.driftReportFile) await writeDriftReport(drift, options.driftReportFile);
    },
  };
}

/** `report.json` and `report.md` (or `<file>` and `<file>.md` for another name). */
export async function writeDriftReport(drift: DriftReport, file: string): Promise<string[]> {
  const markdown = file.endsWith('.json') ? `${file.slice(0, -'.json'.length)}.md` : `${file}.md`;
  await writeFile(file, `${JSON.stringify(drift.toJSON(), null, 2)}\n`);
  await writeFile(markdown, drift.toMarkdown());
  return [file, markdown];
}

function latencyRange(latency: number | readonly [number, number]): [number, number] {
  const [low, high] = typeof latency === 'number' ? [latency, latency] : latency;
  if (!(low >= 0 && high >= low && high <= 60_000))
    throw new RangeError(`latency must be ms from 0 to 60000 (a range low-high), got ${String(latency)}.`);
  return [low, high];
}

/** The request's state session: the `X-Mock-Session` header, else the default one. */
function sessionOf(req: IncomingMessage): string | Error {
  const value = req.headers[SESSION_HEADER];
  if (value === undefined) return DEFAULT_SESSION;
  if (typeof value !== 'string' || !SESSION_NAME.test(value))
    return new Error(
      `X-Mock-Session must be 1-64 characters of A-Z a-z 0-9 . _ : -, got ${JSON.stringify(value)}.`,
    );
  return value;
}

function selectApis(all: ApiDefinition[], options: MockServerOptions): ApiDefinition[] {
  const names = all.map((api) => api.name);
  const wanted = options.root ? [options.root] : (options.apis ?? names);
  const unknown = wanted.filter((name) => !names.includes(name));
  if (unknown.length > 0)
    throw new Error(`Unknown API: ${unknown.join(', ')}. Available: ${names.join(', ')}.`);
  return all.filter((api) => wanted.includes(api.name));
}

function listenError(error: NodeJS.ErrnoException, options: MockServerOptions): Error {
  const where = `${options.host ?? '127.0.0.1'}:${options.port ?? DEFAULT_PORT}`;
  if (error.code === 'EADDRINUSE')
    return new Error(`Port in use: ${where} is already taken (pick another with --port).`);
  if (error.code === 'EACCES') return new Error(`Permission denied to listen on ${where}.`);
  if (error.code === 'EADDRNOTAVAIL') return new Error(`Address not available: ${where}.`);
  return new Error(`Cannot listen on ${where}: ${error.message}`);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}

const TOO_LARGE = Symbol('too large');
/** Shared by every request without a query string; nothing writes to it. */
const EMPTY_QUERY = new URLSearchParams();

/** A request without Content-Length or Transfer-Encoding has no body (RFC 9112 §6.3). */
function hasBody(req: IncomingMessage): boolean {
  return req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      // Keep reading (and discarding) so the client gets an answer, not a reset connection.
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? TOO_LARGE : size === 0 ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Rejects paths no API could mean: dot segments (also percent-encoded) and NUL bytes. */
function checkPath(rawPath: string): Problem | undefined {
  // Only percent-escapes and dots can hide the cases below.
  if (!rawPath.includes('%') && !rawPath.includes('.')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return mockProblem(
      400,
      'BAD_PATH',
      'Malformed path',
      `The path ${rawPath} has an invalid percent-encoding.`,
    );
  }
  if (decoded.includes('\0'))
    return mockProblem(400, 'BAD_PATH', 'Malformed path', 'The path contains a NUL byte (%00).');
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) {
    return mockProblem(
      400,
      'BAD_PATH',
      'Malformed path',
      `The path ${rawPath} contains "." or ".." segments.`,
    );
  }
  return undefined;
}

function parseJournalFilter(query: URLSearchParams): JournalFilter | { problem: Problem } {
  const filter: Record<string, string | number> = {};
  for (const key of ['api', 'operationId', 'method', 'session'] as const) {
    const value = query.get(key);
    if (value) filter[key] = value;
  }
  for (const key of ['status', 'since', 'limit'] as const) {
    const value = query.get(key);
    if (value === null) continue;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) {
      return {
        problem: mockProblem(
          400,
          'BAD_FILTER',
          'Invalid filter',
          `${key} must be a non-negative integer, got ${JSON.stringify(value)}.`,
        ),
      };
    }
    filter[key] = number;
  }
  return filter;
}

function methodNotAllowed(allowed: string): Problem {
  return {
    ...mockProblem(405, 'METHOD_NOT_ALLOWED', 'Method not allowed', `Allowed: ${allowed}.`),
    allow: allowed,
  };
}

function problem(details: Problem): MockResponse {
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (typeof details.allow === 'string') headers.allow = details.allow;
  return {
    status: details.status,
    headers,
    body: JSON.stringify(details),
    operationId: undefined,
    violations: [],
  };
}

function json(status: number, body: unknown): MockResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    operationId: undefined,
    violations: [],
  };
}

/** Prism's CORS headers (prism-http-server), sent on every answer, as a raw header list. */
function corsHeaders(req: IncomingMessage): string[] {
  const headers = req.headers;
  return [
    'Access-Control-Allow-Origin',
    headers.origin || '*',
    'Access-Control-Allow-Headers',
    headers['access-control-request-headers'] || '*',
    'Access-Control-Allow-Credentials',
    'true',
    'Access-Control-Expose-Headers',
    (headers['access-control-expose-headers'] as string | undefined) || '*',
  ];
}

/** Prism answers CORS preflights itself, before any routing. Returns true if this was one. */
function answerPreflight(req: IncomingMessage, res: ServerResponse, method: string): boolean {
  const headers = req.headers;
  if (method !== 'OPTIONS' || !headers.origin || !headers['access-control-request-method']) return false;
  res.writeHead(204, [
    ...corsHeaders(req),
    'Access-Control-Allow-Methods',
    headers['access-control-request-method'] || 'GET,DELETE,HEAD,PATCH,POST,PUT,OPTIONS',
    'Vary',
    'origin',
    'Content-Length',
    '0',
  ]);
  res.end();
  return true;
}

/** Writes the answer in one go: a raw header list is the cheapest way through node:http. */
function send(req: IncomingMessage, res: ServerResponse, response: MockResponse): void {
  const raw = corsHeaders(req);
  let hasContentType = false;
  for (const name in response.headers) {
    raw.push(name, response.headers[name] as string);
    if (!hasContentType && name.toLowerCase() === 'content-type') hasContentType = true;
  }
  if (response.body === undefined) {
    res.writeHead(response.status, raw);
    res.end();
    return;
  }
  if (!hasContentType) raw.push('content-type', 'text/plain; charset=utf-8');
  raw.push('content-length', String(Buffer.byteLength(response.body)));
  res.writeHead(response.status, raw);
  res.end(response.body);
}

function sendProblem(req: IncomingMessage, res: ServerResponse, details: Problem): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  send(req, res, problem(details));
}
