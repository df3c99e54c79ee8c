// The mock's own routes, beside the APIs: `/_health`, `/_requests` (the journal), `/_state` and
// `/_state/reset` (the store), `/_drift` (proxy mode's report). They answer in problem+json and
// are never journalled.
import type { MockResponse } from '../core/answer.js';
import { mockProblem, type Problem, problemAnswer } from '../core/problem.js';
import type { AdminContext, AdminRequest } from './admin-context.js';
import type { JournalFilter } from './journal.js';
import { json, methodNotAllowed, noContent } from './responses.js';
import { SESSION_HEADER } from './session.js';
import { expireTokensRoute, loadRoute, namedSession, settingsRoute } from './session-routes.js';
import { webhookRoute } from './webhook-routes.js';

const ROUTES =
  '/_health, /_requests, /_state, /_state/reset, /_state/settings, /_state/load, /_tokens/expire, /_drift, /_webhooks, /_webhooks/trigger';

export function adminRoute(context: AdminContext, request: AdminRequest): MockResponse {
  const { path } = request;
  if (path === '/_state' || path === '/_state/reset') return stateRoute(context, request);
  if (path === '/_state/settings') return settingsRoute(context, request);
  if (path === '/_state/load') return loadRoute(context, request);
  if (path === '/_tokens/expire') return expireTokensRoute(context, request);
  if (path === '/_drift') return driftRoute(context, request);
  if (path === '/_webhooks' || path === '/_webhooks/trigger') return webhookRoute(context, request);
  if (path === '/_health') return healthRoute(context, request);
  if (path === '/_requests') return requestsRoute(context, request);
  return problemAnswer(
    mockProblem(
      404,
      'UNKNOWN_ROUTE',
      'Unknown mock route',
      `${path} is not a mock route. Mock routes: ${ROUTES}.`,
    ),
  );
}

function healthRoute({ isReady, served, root }: AdminContext, { method }: AdminRequest): MockResponse {
  if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed('GET');
  const ready = isReady();
  return json(ready ? 200 : 503, {
    status: ready ? 'ok' : 'starting',
    apis: [...served.values()].map(({ definition }) => ({
      name: definition.name,
      title: definition.title,
      prefix: root ? '/' : `/${definition.name}`,
      stands_for: `${definition.origin}`,
    })),
  });
}

function requestsRoute({ journal }: AdminContext, { method, query }: AdminRequest): MockResponse {
  if (method === 'DELETE') {
    journal.clear();
    return noContent();
  }
  if (method !== 'GET') return methodNotAllowed('GET, DELETE');
  const filter = parseJournalFilter(query);
  if ('problem' in filter) return problemAnswer(filter.problem);
  return json(200, { requests: journal.list(filter) });
}

/** `GET /_drift`: the drift report (JSON, or Markdown for `?format=markdown` / `Accept: text/markdown`). */
function driftRoute({ drift }: AdminContext, { method, query, headers }: AdminRequest): MockResponse {
  if (method === 'DELETE') {
    drift.clear();
    return noContent();
  }
  if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed('GET, DELETE');
  const format = query.get('format') ?? (headers.accept?.includes('text/markdown') ? 'markdown' : 'json');
  if (format !== 'json' && format !== 'markdown')
    return problemAnswer(
      mockProblem(400, 'BAD_FILTER', 'Unknown format', `format is json or markdown, got ${format}.`),
    );
  if (format === 'json') return json(200, drift.toJSON());
  return {
    status: 200,
    headers: { 'content-type': 'text/markdown; charset=utf-8' },
    body: drift.toMarkdown(),
    operationId: undefined,
    violations: [],
  };
}

/** `GET /_state` dumps a session's stored items; `POST /_state/reset` restores the seed. */
function stateRoute(context: AdminContext, request: AdminRequest): MockResponse {
  const { method, path, query, headers } = request;
  const named = namedSession(context, request);
  if (typeof named !== 'string') return named;
  if (path === '/_state/reset') {
    if (method !== 'POST') return methodNotAllowed('POST');
    // Without a session named (by query or header), every session goes back to the seed.
    const explicit = query.get('session') ?? (headers[SESSION_HEADER] as string | undefined);
    const empty = query.get('empty') === 'true';
    if (empty && explicit === undefined)
      return problemAnswer(
        mockProblem(
          400,
          'BAD_SESSION',
          'Name a session',
          'empty=true empties one session: name it with ?session= or the header.',
        ),
      );
    context.store.reset(explicit, { empty });
    return json(200, { reset: explicit ?? 'all', ...(empty ? { empty } : {}) });
  }
  if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed('GET');
  const api = query.get('api') ?? undefined;
  if (api !== undefined && !context.served.has(api))
    return problemAnswer(mockProblem(400, 'BAD_FILTER', 'Unknown API', `No API named ${api} is served.`));
  const session = context.store.peek(named);
  return json(200, {
    session: named,
    sessions: context.store.sessionNames(),
    limits: context.store.limits,
    // Collections appear once a request touched them; until then they are the seed.
    collections: session ? session.dump(api) : {},
  });
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
      const detail = `${key} must be a non-negative integer, got ${JSON.stringify(value)}.`;
      return { problem: mockProblem(400, 'BAD_FILTER', 'Invalid filter', detail) };
    }
    filter[key] = number;
  }
  return filter;
}
