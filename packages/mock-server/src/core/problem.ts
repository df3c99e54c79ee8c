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
