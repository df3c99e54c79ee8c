// The admin routes' answers: JSON, and the mock's own problems.
import type { MockResponse } from '../core/answer.js';
import { mockProblem, problemAnswer } from '../core/problem.js';

export function json(status: number, body: unknown): MockResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    operationId: undefined,
    violations: [],
  };
}

export function noContent(): MockResponse {
  return { status: 204, headers: {}, body: undefined, operationId: undefined, violations: [] };
}

export function methodNotAllowed(allowed: string): MockResponse {
  return problemAnswer({
    ...mockProblem(405, 'METHOD_NOT_ALLOWED', 'Method not allowed', `Allowed: ${allowed}.`),
    allow: allowed,
  });
}
