// The admin routes that tune one session: its settings (`/_state/settings`) and its tokens
// (`/_tokens/expire`). Stateful mode only; the session is named by `?session=` or the header.
import type { MockResponse } from '../core/answer.js';
import { mockProblem, problemAnswer } from '../core/problem.js';
import { parseSettings } from '../store/session-settings.js';
import type { AdminContext, AdminRequest } from './admin-context.js';
import { FixtureError, loadFixture } from './fixtures.js';
import { json, methodNotAllowed } from './responses.js';
import { isSessionName, sessionOf } from './session.js';

/** `GET` the session's effective settings; `PUT` replaces its own (`{}`: the server's again). */
export function settingsRoute(context: AdminContext, request: AdminRequest): MockResponse {
  const session = namedSession(context, request);
  if (typeof session !== 'string') return session;
  const { store } = context;
  if (request.method === 'PUT') {
    const parsed = parseBody(request.body);
    const settings = parsed instanceof Error ? parsed : parseSettings(parsed);
    if (settings instanceof Error || 'field' in settings) {
      const detail = settings instanceof Error ? settings.message : `${settings.field}: ${settings.message}`;
      return problemAnswer(mockProblem(400, 'BAD_SETTINGS', 'Invalid settings', detail));
    }
    store.settings.set(session, settings);
  } else if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed('GET, PUT');
  return json(200, {
    session,
    own: store.settings.of(session) ?? {},
    effective: context.effectiveSettings(session),
  });
}

/** `POST /_state/load?session=S`: a fixture into one session (nothing of it when an item fails). */
export function loadRoute(context: AdminContext, request: AdminRequest): MockResponse {
  if (request.method !== 'POST') return methodNotAllowed('POST');
  const session = namedSession(context, request);
  if (typeof session !== 'string') return session;
  const fixture = parseBody(request.body);
  if (fixture instanceof Error)
    return problemAnswer(mockProblem(400, 'BAD_FIXTURE', 'Invalid fixture', fixture.message));
  try {
    return json(200, loadFixture(context.served, context.store, session, fixture));
  } catch (error) {
    if (!(error instanceof FixtureError)) throw error;
    const problem = mockProblem(400, 'BAD_FIXTURE', 'Invalid fixture', error.message);
    return problemAnswer({
      ...problem,
      item: error.where,
      ...(error.answer ? { answer: error.answer } : {}),
    });
  }
}

/** `POST /_tokens/expire?session=S[&api=A]`: the session's tokens are expired from now on. */
export function expireTokensRoute(context: AdminContext, request: AdminRequest): MockResponse {
  if (request.method !== 'POST') return methodNotAllowed('POST');
  const session = namedSession(context, request);
  if (typeof session !== 'string') return session;
  const api = request.query.get('api') ?? undefined;
  if (api !== undefined && !context.served.has(api))
    return problemAnswer(mockProblem(400, 'BAD_FILTER', 'Unknown API', `No API named ${api} is served.`));
  const expired = context.store.tokens.expire(session, api);
  return json(200, { session, api: api ?? 'all', expired });
}

/**
 * The session an admin route is about (`?session=`, else the header, else the default), or the
 * answer why there is none: static mode keeps no state, and a malformed name is refused.
 */
export function namedSession(context: AdminContext, request: AdminRequest): string | MockResponse {
  if (context.mode === 'static')
    return problemAnswer(
      mockProblem(
        409,
        'STATIC_MODE',
        'No state in static mode',
        'The mock runs with --static: nothing is stored.',
      ),
    );
  const query = request.query.get('session');
  const named =
    query === null
      ? sessionOf(request.headers)
      : isSessionName(query)
        ? query
        : new Error(`Invalid session name ${JSON.stringify(query)}.`);
  if (named instanceof Error)
    return problemAnswer(mockProblem(400, 'BAD_SESSION', 'Invalid X-Mock-Session', named.message));
  return named;
}

function parseBody(body: Buffer | undefined): unknown {
  try {
    return JSON.parse(body?.toString('utf8') || '{}');
  } catch (error) {
    return new Error(`The body is not valid JSON: ${(error as Error).message}`);
  }
}
