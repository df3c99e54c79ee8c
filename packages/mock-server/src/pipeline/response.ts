// Prism's results as the answers the HTTP layer writes: violations, the `sl-violations` header,
// problem+json errors as Prism words them.
import type { MockResponse, Violation } from '../core/answer.js';
import { type Problem, problemAnswer } from '../core/problem.js';
import { prismTypes } from './prism/modules.js';
import type { PrismValidation, ProblemJsonErrorLike } from './prism/types.js';

const { ProblemJsonError } = prismTypes as {
  ProblemJsonError: { toProblemJson(error: ProblemJsonErrorLike): Record<string, unknown> };
};
const SEVERITY = ['Error', 'Warning', 'Information', 'Hint'];
const MAX_SAFE_HEADER_LENGTH = 8 * 1024 - 100;

export const toViolation =
  (prefix: 'request' | 'response') =>
  (detail: PrismValidation): Violation => ({
    location: [prefix, ...(detail.path ?? [])],
    severity: SEVERITY[detail.severity] ?? String(detail.severity),
    code: detail.code,
    message: detail.message,
  });

export function violationHeader(violations: Violation[]): string {
  const value = JSON.stringify(violations);
  return value.length > MAX_SAFE_HEADER_LENGTH
    ? `Too many violations! ${value.substring(0, MAX_SAFE_HEADER_LENGTH)}`
    : value;
}

/**
 * Prism's error answer: the problem as Prism's ProblemJsonError.toProblemJson words it, sent as
 * every problem+json answer is (core/problem.ts), with the headers Prism's error carries (`Allow`).
 */
export function problemResponse(
  error: ProblemJsonErrorLike | { status: number; title: string; detail: string; name: string },
): MockResponse {
  const problem =
    error instanceof Error
      ? (ProblemJsonError.toProblemJson(error as never) as Problem)
      : { type: error.name, title: error.title, status: error.status, detail: error.detail };
  const answer = problemAnswer(problem);
  const extra = error instanceof Error ? error.additional?.headers : undefined;
  for (const [name, value] of Object.entries(extra ?? {})) answer.headers[name] = String(value);
  return { ...answer, status: (error as { status?: number }).status || 500 };
}
