// One HTTP request from arrival to answer: preflight, path and body checks, the admin routes,
// the API's pipeline; then the journal entry, the answer and the log line.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockResponse } from '../core/answer.js';
import type { Clock } from '../core/clock.js';
import { mockProblem, problemAnswer } from '../core/problem.js';
import type { AdminContext } from './admin-context.js';
import { adminRoute } from './admin-routes.js';
import { resolveApi } from './api-router.js';
import { TOO_LARGE } from './body.js';
import { redactQuery } from './journal.js';
import { checkPath } from './paths.js';
import { sessionOf } from './session.js';
import { answerPreflight, send } from './wire.js';

export interface RequestLog {
  method: string;
  path: string;
  status: number;
  api: string | null;
  operationId: string | null;
  durationMs: number;
  violations: number;
}

export interface HandlerContext extends AdminContext {
  /** Injected latency waits on it (a test's ManualClock holds answers until it is moved). */
  clock: Clock;
  maxBodyBytes: number;
  onRequest: ((entry: RequestLog) => void) | undefined;
}

/** Shared by every request without a query string; nothing writes to it. */
const EMPTY_QUERY = new URLSearchParams();

interface Arrival {
  req: IncomingMessage;
  method: string;
  rawPath: string;
  rawQuery: string;
  started: number;
  body: Buffer | undefined | typeof TOO_LARGE;
  /** `X-Mock-Session`, read once: the pipeline's session and the journal entry's. */
  session: string | Error;
}

export function handleRequest(
  context: HandlerContext,
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
  const arrival: Arrival = { req, method, rawPath, rawQuery, started, body, session: sessionOf(req.headers) };
  const answer = answerRequest(context, arrival);
  if (answer instanceof Promise)
    answer.then((response) => finish(context, arrival, res, response.api, response.answer));
  else finish(context, arrival, res, answer.api, answer.answer);
}

type Answered = { api: string | null; answer: MockResponse };

function answerRequest(context: HandlerContext, arrival: Arrival): Answered | Promise<Answered> {
  const { req, method, rawPath, rawQuery, body, session } = arrival;
  const pathProblem = checkPath(rawPath);
  if (pathProblem) return { api: null, answer: problemAnswer(pathProblem) };
  if (body === TOO_LARGE) return tooLarge(context, arrival);
  if (rawPath.startsWith('/_')) {
    const query = new URLSearchParams(rawQuery);
    return {
      api: null,
      answer: adminRoute(context, { method, path: rawPath, query, headers: req.headers, body }),
    };
  }
  if (session instanceof Error)
    return {
      api: null,
      answer: problemAnswer(mockProblem(400, 'BAD_SESSION', 'Invalid X-Mock-Session', session.message)),
    };
  if (!context.isReady())
    return {
      api: null,
      answer: problemAnswer(
        mockProblem(503, 'STARTING', 'Mock server is starting', 'Wait for GET /_health to answer 200.'),
      ),
    };
  const target = resolveApi(context.served, context.root, rawPath);
  if ('problem' in target) return { api: null, answer: problemAnswer(target.problem) };
  const { api, innerPath } = target;
  const query = rawQuery === '' ? EMPTY_QUERY : new URLSearchParams(rawQuery);
  const answer = api.pipeline.handle({
    session,
    requestUrl: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
    method,
    path: innerPath,
    originPath: target.originPath,
    insideBase: target.insideBase,
    query: target.insideBase ? api.normalizeQuery(innerPath, query) : query,
    rawQuery,
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    body,
  });
  const name = api.definition.name;
  return answer instanceof Promise
    ? answer.then((done) => ({ api: name, answer: done }))
    : { api: name, answer };
}

/** An oversized body: in the API's own shape where the path names an API (stateful mode). */
function tooLarge(context: HandlerContext, { method, rawPath }: Arrival): Answered {
  const detail = `The mock accepts bodies up to ${context.maxBodyBytes} bytes.`;
  const target =
    !rawPath.startsWith('/_') && context.isReady()
      ? resolveApi(context.served, context.root, rawPath)
      : undefined;
  const resolved = target && 'api' in target ? target : undefined;
  const shaped = resolved?.api.pipeline.errorAnswer('tooLarge', method, resolved.innerPath, detail);
  return {
    api: resolved?.api.definition.name ?? null,
    answer: shaped ?? problemAnswer(mockProblem(413, 'BODY_TOO_LARGE', 'Request body too large', detail)),
  };
}

/**
 * The end of every request, mocked or proxied: the journal entry (API requests only), the
 * answer, then the request log line, its query with credential-named values redacted.
 */
function finish(
  context: HandlerContext,
  arrival: Arrival,
  res: ServerResponse,
  api: string | null,
  answer: MockResponse,
): void {
  const { req, method, rawPath, rawQuery, started, body, session } = arrival;
  const durationMs = performance.now() - started;
  if (!rawPath.startsWith('/_')) {
    context.journal.record({
      api,
      operationId: answer.operationId ?? null,
      method,
      path: rawPath,
      query: rawQuery,
      status: answer.status,
      violations: answer.violations,
      durationMs: Math.round(durationMs * 1000) / 1000,
      // A proxied request belongs to no state session.
      session: session instanceof Error || answer.proxied ? null : session,
      body: body === TOO_LARGE ? undefined : body,
      contentType: req.headers['content-type'],
    });
  }
  if (answer.delayMs) context.clock.setTimeout(() => send(req, res, answer), answer.delayMs);
  else send(req, res, answer);
  context.onRequest?.({
    method,
    path: req.url?.includes('?') ? `${rawPath}?${redactQuery(rawQuery)}` : rawPath,
    status: answer.status,
    api,
    operationId: answer.operationId ?? null,
    durationMs,
    violations: answer.proxied ? answer.proxied.findings : answer.violations.length,
  });
}
