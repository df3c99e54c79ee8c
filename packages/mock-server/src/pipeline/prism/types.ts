// The shapes of Prism's functions and values as the pipeline uses them (prism-http's own types
// are not exported from the deep modules it loads).
import type * as E from 'fp-ts/lib/Either.js';
import type { AnswerOutput } from '../../core/answer.js';

export interface Logger {
  child(bindings: Record<string, unknown>): unknown;
}

export interface PrismInput {
  /** The request as received, method, path, query and body: what the validation memo keys on. */
  memoKey?: string;
  method: string;
  url: { path: string; baseUrl?: string; query: Record<string, string | string[]> };
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface ProblemJsonErrorLike extends Error {
  status?: number;
  detail?: string;
  additional?: { headers?: Record<string, string> } & Record<string, unknown>;
}

export interface PrismOperation {
  id: string;
  iid?: string;
  method: string;
  path: string;
  [key: string]: unknown;
}

export type RouteFn = (args: {
  resources: PrismOperation[];
  input: PrismInput;
}) => E.Either<Error, PrismOperation>;

/** Prism's mocker output: the same shape every answerer makes. */
export type PrismOutput = AnswerOutput;

export type MockFn = (args: {
  resource: PrismOperation;
  input: { data: PrismInput; validations: PrismValidation[] };
  config: Record<string, unknown>;
}) => (logger: unknown) => E.Either<Error, PrismOutput>;

export type ValidateFn = (args: {
  resource: PrismOperation;
  element: PrismInput;
}) => E.Either<PrismValidation[], PrismInput>;

export type ValidateOutputFn = (args: {
  resource: PrismOperation;
  element: PrismOutput;
}) => E.Either<PrismValidation[], PrismOutput>;

export interface PrismValidation {
  path?: string[];
  severity: number;
  code: string | number;
  message: string;
}

export interface PrismResult {
  output: { statusCode: number; headers?: Record<string, string>; body?: unknown };
  validations: { input: PrismValidation[]; output: PrismValidation[] };
}

export interface PrismConfig {
  validateRequest: boolean;
  validateResponse: boolean;
  checkSecurity: boolean;
  errors: boolean;
  mock: Record<string, unknown>;
}

export interface Components {
  route: RouteFn;
  validateSecurity: ValidateFn;
  validateInput: ValidateFn;
  mock: MockFn;
  validateOutput: ValidateOutputFn;
  negotiatorLogger: unknown;
}
