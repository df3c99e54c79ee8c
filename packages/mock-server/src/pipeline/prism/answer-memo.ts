// Prism's mocker, response validation and serialization, done once per answer that does not
// depend on the request's values, and reused.
import * as E from 'fp-ts/lib/Either.js';
import { BoundedCache } from '../../core/bounded-cache.js';
import { findHeader } from '../request.js';
import { prismMocker, prismServerSerialize, prismValidator } from './modules.js';
import type { MockFn, PrismOperation, PrismOutput, PrismValidation, ValidateOutputFn } from './types.js';

const defaultMock = prismMocker.default as MockFn;
const defaultValidateOutput = (prismValidator as { validateOutput: ValidateOutputFn }).validateOutput;
const serialize = prismServerSerialize.serialize as (
  payload: unknown,
  contentType: string | undefined,
) => string | undefined;

/** Distinct request keys (Accept headers, mostly) remembered per operation. */
const REQUEST_KEYS_PER_OPERATION = 256;

interface MockMemo {
  /** The answer per request key (method, status and example asked for, Accept): bounded. */
  byRequest: BoundedCache<string, E.Either<Error, PrismOutput>>;
  /**
   * One output per negotiated answer (status, media type, example): requests whose Accept headers
   * differ but negotiate the same media type share it, and with it its validation and
   * serialization. Bounded by what the operation documents.
   */
  byAnswer: Map<string, E.Either<Error, PrismOutput>>;
}

/**
 * For a valid request in static mode, Prism's mocker picks the response from the operation and
 * the mock config (status code, example, Accept) alone: the request's values do not enter into it.
 * The output is computed once per such key and reused. Dynamic mode, callbacks and invalid
 * requests always go through Prism.
 */
export function memoizedMock(): MockFn {
  const memos = new WeakMap<PrismOperation, MockMemo>();
  return (args) => {
    const { resource, input, config } = args;
    const cacheable =
      !config.dynamic &&
      !config.ignoreExamples &&
      !resource.callbacks &&
      !input.validations.some((validation) => validation.severity === 0);
    if (!cacheable) return defaultMock(args);
    const accept = findHeader(input.data.headers as Record<string, string>, 'accept') ?? '';
    const key = JSON.stringify([
      input.data.method,
      config.code,
      config.exampleKey,
      config.mediaTypes,
      accept,
    ]);
    return (logger) => {
      let memo = memos.get(resource);
      if (!memo) {
        memo = { byRequest: new BoundedCache(REQUEST_KEYS_PER_OPERATION), byAnswer: new Map() };
        memos.set(resource, memo);
      }
      const seen = memo.byRequest.get(key);
      if (seen) return seen;
      const result = defaultMock(args)(logger);
      if (E.isLeft(result)) return result;
      const negotiated = JSON.stringify([
        input.data.method,
        config.code,
        config.exampleKey,
        result.right.statusCode,
        findHeader(result.right.headers ?? {}, 'content-type') ?? '',
      ]);
      const shared = memo.byAnswer.get(negotiated) ?? result;
      memo.byAnswer.set(negotiated, shared);
      memo.byRequest.set(key, shared);
      return shared;
    };
  };
}

/** Response validation of an output already validated (a reused mock output) is reused. */
export function memoizedValidateOutput(): ValidateOutputFn {
  const cache = new WeakMap<PrismOutput, E.Either<PrismValidation[], PrismOutput>>();
  return (args) => {
    let result = cache.get(args.element);
    if (!result) {
      result = defaultValidateOutput(args);
      cache.set(args.element, result);
    }
    return result;
  };
}

const serialized = new WeakMap<
  PrismOutput,
  { contentType: string | undefined; payload: string | undefined }
>();

/** prism-http-server's serialize, once per reused output. */
export function serializeOnce(output: PrismOutput, contentType: string | undefined): string | undefined {
  const cached = serialized.get(output);
  if (cached && cached.contentType === contentType) return cached.payload;
  const payload = serialize(output.body, contentType);
  serialized.set(output, { contentType, payload });
  return payload;
}
