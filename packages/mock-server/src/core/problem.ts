import type { MockResponse } from './answer.js';

/** RFC 7807 problem details, the shape Prism answers its own errors in. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  [key: string]: unknown;
}

const TYPE_BASE = 'https://github.com/lms-apis/lms-apis/blob/main/packages/mock-server/README.md#errors';

/** Errors of the mock itself (not of an API): unknown prefix, bad body, oversized request... */
export function mockProblem(status: number, code: string, title: string, detail: string): Problem {
  return { type: `${TYPE_BASE}-${code.toLowerCase()}`, title, status, detail };
}

/** A problem as the answer the HTTP layer writes (`Allow` too, for a 405). */
export function problemAnswer(details: Problem, operationId?: string): MockResponse {
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (typeof details.allow === 'string') headers.allow = details.allow;
  return { status: details.status, headers, body: JSON.stringify(details), operationId, violations: [] };
}
