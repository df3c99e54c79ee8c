// The webhook admin routes (stateful mode): `GET /_webhooks?session=S` lists the session's
// deliveries (event, target, attempts with statuses and times, final state), `DELETE` clears
// them; `POST /_webhooks/trigger?session=S` fires one event from the session's stored entities.

import type { IncomingHttpHeaders } from 'node:http';
import type { StateStore } from '../answerers/state/index.js';
import type { MockResponse } from '../core/answer.js';
import { mockProblem, problemAnswer } from '../core/problem.js';
import type { ServedApi } from './api-router.js';
import { json, methodNotAllowed, noContent } from './responses.js';
import { isSessionName, sessionOf } from './session.js';

/** What the routes read of the admin routes' context (admin-routes.ts passes its own). */
interface WebhookRouteContext {
  mode: 'stateful' | 'static';
  served: ReadonlyMap<string, ServedApi>;
  store: StateStore;
}

interface WebhookRouteRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body?: Buffer | undefined;
}

export function webhookRoute(context: WebhookRouteContext, request: WebhookRouteRequest): MockResponse {
  if (context.mode === 'static')
    return problemAnswer(
      mockProblem(
        409,
        'STATIC_MODE',
        'No webhooks in static mode',
        'The mock runs with --static: nothing is stored, nothing is delivered.',
      ),
    );
  const session = request.query.get('session') ?? sessionOf(request.headers);
  if (session instanceof Error || !isSessionName(session))
    return badRequest(
      'BAD_SESSION',
      'Invalid session',
      session instanceof Error ? session.message : `Invalid session name ${JSON.stringify(session)}.`,
    );
  if (request.path === '/_webhooks/trigger') return trigger(context, request, session);
  const ledger = context.store.webhooks;
  if (request.method === 'DELETE') {
    ledger.clear(session);
    return noContent();
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed('GET, DELETE');
  const eventType = request.query.get('event_type');
  const deliveries = ledger.list(session).filter((record) => !eventType || record.event_type === eventType);
  return json(200, { session, deliveries });
}

function trigger(context: WebhookRouteContext, request: WebhookRouteRequest, session: string): MockResponse {
  if (request.method !== 'POST') return methodNotAllowed('POST');
  const withWebhooks = [...context.served.values()].filter((api) => api.webhookTrigger !== undefined);
  const named = request.query.get('api');
  const api =
    named === null ? withWebhooks[0] : withWebhooks.find((candidate) => candidate.definition.name === named);
  if (!api?.webhookTrigger || (named === null && withWebhooks.length > 1))
    return badRequest(
      'BAD_TRIGGER',
      'No such webhook API',
      `Name one served API that declares webhooks with ?api=: ${withWebhooks.map((candidate) => candidate.definition.name).join(', ') || 'none is served'}.`,
    );
  let input: unknown;
  try {
    input = JSON.parse(request.body?.toString('utf8') ?? '');
  } catch {
    return badRequest(
      'BAD_TRIGGER',
      'Invalid trigger body',
      'The body is a JSON object: {"event_type": ..., and the ids the event needs}.',
    );
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return badRequest(
      'BAD_TRIGGER',
      'Invalid trigger body',
      'The body is a JSON object: {"event_type": ..., and the ids the event needs}.',
    );
  const outcome = api.webhookTrigger(session, input as Record<string, unknown>);
  if (!outcome)
    return badRequest('BAD_TRIGGER', 'No webhooks', `${api.definition.name} declares no webhooks.`);
  if ('refused' in outcome)
    return problemAnswer({
      ...mockProblem(400, 'BAD_TRIGGER', 'Cannot fire the event', outcome.refused.message),
      field: outcome.refused.field,
    });
  // Accepted: the deliveries are queued, `GET /_webhooks` shows how they went.
  return json(202, { session, ...outcome.fired });
}

function badRequest(code: string, title: string, detail: string): MockResponse {
  return problemAnswer(mockProblem(400, code, title, detail));
}
