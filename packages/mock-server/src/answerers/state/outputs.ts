// The store's answer as an output the pipeline validates and sends. Status line and headers come
// from the spec's response for that status (as Prism's mocker builds them), the body from the
// store; a status the store leaves to the spec (a 404, a delete's confirmation) is the spec's
// own example answer.
import * as E from 'fp-ts/lib/Either.js';
import type { AnswerOutput } from '../../core/answer.js';
import { mockProblem } from '../../core/problem.js';
import type { StateResult } from './context.js';

/** The spec's own answer for a status: its example, as Prism's mocker builds it. */
export type SpecAnswer = (status: number) => E.Either<Error, AnswerOutput>;

export class StateOutputs {
  /** Outputs made from stored answers, by answer body: an unchanged list or item reuses its output. */
  private readonly outputs = new WeakMap<object, AnswerOutput>();

  constructor(
    /** The message property of the API's error body (`detail` for DRF, else `message`). */
    private readonly messageField: string,
  ) {}

  output(result: StateResult, successStatus: number, specAnswer: SpecAnswer): E.Either<Error, AnswerOutput> {
    if ('specExample' in result) return specAnswer(successStatus);
    if ('specStatus' in result) return this.documentedError(result, specAnswer);
    // The same stored answer reuses its output, and with it the validation and serialization
    // already done for it.
    const reusable = result.body !== null && typeof result.body === 'object' && !result.headers;
    const seen = reusable ? this.outputs.get(result.body as object) : undefined;
    if (seen && seen.statusCode === result.status) return E.right(seen);
    const template = specAnswer(result.status);
    const headers: Record<string, string> = {};
    if (E.isRight(template) && template.right.statusCode === result.status)
      for (const [name, value] of Object.entries(template.right.headers ?? {})) {
        if (result.body === undefined && name.toLowerCase() === 'content-type') continue;
        headers[name] = String(value);
      }
    if (
      result.body !== undefined &&
      !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
    )
      headers['Content-type'] = 'application/json';
    const output = {
      statusCode: result.status,
      headers: { ...headers, ...result.headers },
      body: result.body,
    };
    if (reusable) this.outputs.set(result.body as object, output);
    return E.right(output);
  }

  /** The store is full: the mock's own 507 (no API documents it; it is the mock's limit). */
  full(message: string): E.Either<Error, AnswerOutput> {
    const problem = mockProblem(
      507,
      'STATE_FULL',
      'Mock state is full',
      `${message} Reset it with POST /_state/reset or use another X-Mock-Session.`,
    );
    return E.right({
      statusCode: 507,
      headers: { 'content-type': 'application/problem+json' },
      body: problem,
    });
  }

  private documentedError(
    result: Extract<StateResult, { specStatus: number }>,
    specAnswer: SpecAnswer,
  ): E.Either<Error, AnswerOutput> {
    const documented = specAnswer(result.specStatus);
    if (E.isRight(documented) && documented.right.statusCode === result.specStatus) {
      const field = this.messageField;
      const body = documented.right.body;
      if (result.message === undefined || !body || typeof body !== 'object' || !(field in body))
        return documented;
      return E.right({ ...documented.right, body: { ...(body as object), [field]: result.message } });
    }
    const notFound = result.specStatus === 404;
    return E.right({
      statusCode: result.specStatus,
      headers: { 'content-type': 'application/problem+json' },
      body: mockProblem(
        result.specStatus,
        notFound ? 'NOT_FOUND' : 'BAD_REQUEST',
        notFound ? 'Not found' : 'Bad request',
        result.detail,
      ),
    });
  }
}
