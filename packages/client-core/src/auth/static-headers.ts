import type { Middleware } from 'openapi-fetch';

const STATIC_HEADERS = Symbol.for('lms-apis.static-auth-headers');

type WithStaticHeaders = Middleware & { [STATIC_HEADERS]?: Record<string, string> };

/**
 * Marks an auth middleware whose headers never change (Basic, a fixed bearer token). It still works
 * as middleware on its own; a client built by createApiClient sends the headers as default headers
 * instead, which saves a middleware round on every call.
 */
export function withStaticHeaders<T extends Middleware>(middleware: T, headers: Record<string, string>): T {
  Object.defineProperty(middleware, STATIC_HEADERS, { value: headers, enumerable: false });
  return middleware;
}

export function staticHeadersOf(middleware: Middleware): Record<string, string> | undefined {
  return (middleware as WithStaticHeaders)[STATIC_HEADERS];
}
