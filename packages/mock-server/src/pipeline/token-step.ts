// The token endpoint's steps: it has no operation in the spec, so no Prism routing or input
// validation; its answer is validated against RFC 6749's token responses (token-spec.ts) as
// every other answer is validated against its spec.
import { checkResponse } from '@lms-apis/client-core/drift';
import { DEFAULT_SESSION } from '../answerers/state/index.js';
import { TOKEN_OPERATION_ID, type TokenEndpoint } from '../answerers/token/token-endpoint.js';
import { TOKEN_PATH, TOKEN_SPEC } from '../answerers/token/token-spec.js';
import type { MockResponse, Violation } from '../core/answer.js';
import { findHeader, type MockRequest } from './request.js';
import { violationHeader } from './response.js';

export function issueToken(endpoint: TokenEndpoint, request: MockRequest): MockResponse {
  const output = endpoint.answer(
    request.method,
    request.headers,
    request.body,
    request.session ?? DEFAULT_SESSION,
  );
  const headers: Record<string, string> = { ...output.headers };
  const body = output.body === undefined ? undefined : JSON.stringify(output.body);
  const findings = checkResponse(TOKEN_SPEC, {
    method: request.method,
    path: TOKEN_PATH,
    status: output.statusCode,
    contentType: findHeader(headers, 'content-type'),
    body,
  });
  const violations: Violation[] = findings.map((finding) => ({
    location: ['response', ...finding.location.split('.')],
    severity: 'Error',
    code: finding.kind,
    message: finding.message,
  }));
  if (violations.length > 0) headers['sl-violations'] = violationHeader(violations);
  return { status: output.statusCode, headers, body, operationId: TOKEN_OPERATION_ID, violations };
}
