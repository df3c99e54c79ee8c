import type { MiddlewareCallbackParams } from 'openapi-fetch';
import { checkResponse, type DriftSpec } from './drift/index.js';
import type { ApiError } from './errors.js';
import type { DriftLogger } from './validate-responses.js';

/** `validateResponses`' check of one answer (loaded lazily, see validate-responses.ts). */
export async function answerChecker(
  mode: 'warn' | 'throw',
  loadSpec: () => Promise<DriftSpec>,
  logger: Partial<DriftLogger> | undefined,
  // Handed in rather than imported, so this lazy chunk does not split errors.ts out of the main one.
  ApiErrorClass: typeof ApiError,
): Promise<(params: MiddlewareCallbackParams & { response: Response }) => Promise<void>> {
  const spec = await loadSpec();
  return async ({ request, response, schemaPath }) => {
    // A clone: the caller's response body stays unread for openapi-fetch to parse.
    const body = response.status === 204 ? '' : await response.clone().text();
    const findings = checkResponse(spec, {
      method: request.method,
      path: schemaPath,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body,
    });
    if (findings.length === 0) return;
    const operation = `${request.method} ${schemaPath}`;
    if (mode === 'warn') {
      for (const found of findings) {
        const line = `${operation}: ${found.message}`;
        if (logger?.warn) logger.warn(line, found);
        else console.warn(`[lms-apis] spec drift: ${line}`);
      }
      return;
    }
    let parsed: unknown = body || undefined;
    try {
      parsed = body ? JSON.parse(body) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    throw new ApiErrorClass({
      kind: 'drift',
      operation,
      method: request.method,
      url: request.url,
      status: response.status,
      attempts: 1,
      body: parsed,
      response,
      drift: findings,
    });
  };
}
