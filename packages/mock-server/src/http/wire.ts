// Writing answers on the socket: CORS as Prism's HTTP server sends it, one raw header list per
// answer (the cheapest way through node:http), proxied answers byte for byte.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockResponse } from '../core/answer.js';
import { type Problem, problemAnswer } from '../core/problem.js';

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
export function answerPreflight(req: IncomingMessage, res: ServerResponse, method: string): boolean {
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

/** Writes the answer in one go. */
export function send(req: IncomingMessage, res: ServerResponse, response: MockResponse): void {
  if (response.passThrough) {
    const { rawHeaders, body } = response.passThrough;
    res.writeHead(response.status, [...rawHeaders, 'content-length', String(body.length)]);
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
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

/** A problem, unless an answer has started already (then the connection just ends). */
export function sendProblem(req: IncomingMessage, res: ServerResponse, details: Problem): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  send(req, res, problemAnswer(details));
}
