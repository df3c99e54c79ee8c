import type { SkilljarClient } from '../src/index.js';
import type { HttpMethod } from './spec-operations.js';

export interface UntypedInit {
  params?: { path?: Record<string, string>; query?: Record<string, unknown> };
  body?: unknown;
  headers?: Record<string, string>;
}

export interface UntypedResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

type UntypedMethod = (path: string, init: UntypedInit) => Promise<UntypedResult>;

/**
 * The client's method for an operation read from the spec at run time. The table-driven contract
 * test knows the path only as a string, so this is the one place that widens the typed signature.
 */
export function untypedMethod(client: SkilljarClient, method: HttpMethod): UntypedMethod {
  return client[method] as unknown as UntypedMethod;
}
