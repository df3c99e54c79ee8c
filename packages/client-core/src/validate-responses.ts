import type { Middleware, MiddlewareCallbackParams } from 'openapi-fetch';
import type { DriftFinding, DriftSpec } from './drift/index.js';
import { ApiError } from './errors.js';

/**
 * `off` (default): answers are not checked. `warn`: drift is reported through the client's
 * logger (`logger.warn`, else `console.warn`). `throw`: the call rejects with an `ApiError` of
 * kind `drift` carrying the findings.
 */
export type ValidateResponses = 'off' | 'warn' | 'throw';

/** Receives one line per finding, in the same words as the mock's drift report. */
export interface DriftLogger {
  warn(message: string, details: DriftFinding): void;
}

/**
 * The opt-in response check. Everything it needs (the check below, `./drift/`, the client's pruned
 * spec) is loaded on the first answer by dynamic import, so a client with the option off neither
 * loads nor bundles any of it into its main chunk.
 */
export function validateResponsesMiddleware(
  mode: 'warn' | 'throw',
  loadSpec: () => Promise<DriftSpec>,
  logger: Partial<DriftLogger> | undefined,
): Middleware {
  let check:
    | Promise<(params: MiddlewareCallbackParams & { response: Response }) => Promise<void>>
    | undefined;
  return {
    async onResponse(params) {
      check ??= import('./check-answer.js').then(({ answerChecker }) =>
        answerChecker(mode, loadSpec, logger, ApiError),
      );
      await (await check)(params);
    },
  };
}
