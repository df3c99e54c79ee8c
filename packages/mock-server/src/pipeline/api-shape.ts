// Errors in each API's own shape (stateful mode): a client's error handling must work against
// the mock as it does against the API. What the shape is comes from the API's declaration
// (apis/<api>.ts); `--static` keeps Prism's problem+json everywhere.
import * as E from 'fp-ts/lib/Either.js';
import type { ApiBehaviour } from '../apis/types.js';
import type { MockResponse } from '../core/answer.js';
import { apiError, type ErrorKind, fieldMap, violationSummary } from '../core/api-errors.js';
import type { PrismAdapter } from './prism/adapter.js';
import type {
  PrismInput,
  PrismOperation,
  PrismOutput,
  PrismValidation,
  ProblemJsonErrorLike,
} from './prism/types.js';
import { findHeader } from './request.js';
import { toViolation, violationHeader } from './response.js';

const JSON_HEADERS = { 'Content-type': 'application/json' };

export class ApiShape {
  constructor(
    /** Undefined in static mode: nothing is reshaped. */
    private readonly behaviour: ApiBehaviour | undefined,
    private readonly prism: PrismAdapter,
  ) {}

  get active(): boolean {
    return this.behaviour !== undefined;
  }

  /** An error in the API's own shape (`errors.body` of its declaration). */
  error(status: number, message: string, headers?: Record<string, string>): PrismOutput {
    const body = this.behaviour?.errors?.body(status, message) ?? { message };
    return { statusCode: status, headers: { ...JSON_HEADERS, ...headers }, body };
  }

  /** The API's answer to a kind of error it words itself (malformed JSON, 405...), if it declares one. */
  kind(kind: ErrorKind, detail: string): PrismOutput | undefined {
    const shaped = this.behaviour ? apiError(this.behaviour.errors, kind, detail) : undefined;
    return shaped && { statusCode: shaped.status, headers: { ...JSON_HEADERS }, body: shaped.body };
  }

  /**
   * An error answered before routing (malformed JSON) or by the HTTP layer before the pipeline
   * (an oversized body), in the API's own shape; undefined in static mode (the caller answers
   * Prism's problem+json). Validated against the operation's responses when the path and method
   * name one.
   */
  answer(kind: ErrorKind, method: string, path: string, detail: string): MockResponse | undefined {
    const output = this.kind(kind, detail);
    if (!output) return undefined;
    const routed = this.prism.route({
      method: method.toLowerCase(),
      url: { path, query: {} },
      headers: {},
      body: null,
    });
    const resource = E.isRight(routed) ? routed.right : undefined;
    const violations = resource
      ? this.prism.validateOutput(resource, output).map(toViolation('response'))
      : [];
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (violations.length > 0) headers['sl-violations'] = violationHeader(violations);
    return {
      status: output.statusCode,
      headers,
      body: JSON.stringify(output.body),
      operationId: resource?.iid,
      violations,
    };
  }

  /**
   * A refused request in the API's own shape. Skilljar (DRF) gets 400 with the field map built
   * from the violations, where its spec documents that 400; other APIs keep the spec's error
   * answer with its message naming the actual violations; an unsupported content type (Prism's
   * 415 problem) becomes the API's 415.
   */
  refusal(
    mocked: E.Either<Error, PrismOutput>,
    resource: PrismOperation,
    input: PrismInput,
    validations: PrismValidation[],
  ): E.Either<Error, PrismOutput> {
    if (!this.behaviour) return mocked;
    if (E.isLeft(mocked)) {
      if ((mocked.left as ProblemJsonErrorLike).status !== 415) return mocked;
      return E.fromNullable(mocked.left)(this.unsupportedMediaType(input));
    }
    const errors = validations.filter((validation) => validation.severity === 0);
    // Security failures keep Prism's answer (the spec's 401 example, already in the API's shape).
    if (errors.length === 0 || errors.some((validation) => String(validation.code) === '401')) return mocked;
    // Prism answers an unsupported content type with the documented 4xx; the API answers 415.
    if (errors.some((validation) => String(validation.code) === '415')) {
      const shaped = this.unsupportedMediaType(input);
      if (shaped) return E.right(shaped);
    }
    const documented = (resource.responses as Array<{ code: string }> | undefined)?.some(
      ({ code }) => code === '400',
    );
    if (this.behaviour.errors?.fieldMap && documented)
      return E.right({ statusCode: 400, headers: { ...JSON_HEADERS }, body: fieldMap(errors) });
    return E.right(this.withMessage(mocked.right, violationSummary(errors)));
  }

  /** The spec's error answer with its message replaced (DRF's "Invalid page.", the violations). */
  withMessage(output: PrismOutput, message: string): PrismOutput {
    const field = this.behaviour?.errorMessageField;
    const body = output.body;
    if (!field || output.statusCode < 400 || !body || typeof body !== 'object' || !(field in body))
      return output;
    return { ...output, body: { ...(body as object), [field]: message } };
  }

  /** The API's 405 for a method the path does not have (`null`: the API words none). */
  methodNotAllowed(method: string): PrismOutput | undefined {
    return this.kind('methodNotAllowed', `"${method.toUpperCase()}"`);
  }

  /**
   * The API's 404 for a path none of its operations has (Prism's answer is its own problem+json,
   * `NO_PATH_MATCHED_ERROR`, which no client of the API can parse as the API's error).
   */
  unknownPath(path: string): PrismOutput | undefined {
    return this.kind('unknownPath', path);
  }

  /** The API's 415, naming the content type the request sent. */
  private unsupportedMediaType(input: PrismInput): PrismOutput | undefined {
    const type = findHeader(input.headers as Record<string, string>, 'content-type') ?? '';
    return this.kind('unsupportedMediaType', `"${type}"`);
  }
}
