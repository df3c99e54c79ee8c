import type { RequestDraft } from './draft.js';
import type { RetryOptions } from './retry.js';

/** Options a caller can set on a single call, next to openapi-fetch's own. */
export interface CallOptions {
  /** Override the client's retry policy for this call, or `false` to send it once. */
  retry?: Partial<RetryOptions> | false;
  /** Per-attempt timeout for this call in milliseconds (`0` disables it). */
  timeoutMs?: number;
}

/** What the transport and error handling need to know about a request beyond the Request itself. */
export interface RequestContext extends CallOptions {
  /** `METHOD /schema/path`, for errors and logs. */
  operation: string;
  /** The OpenAPI path template, e.g. `/v1/courses/{course_id}`; rate limits are keyed by it. */
  schemaPath: string;
  /** Attempts made so far, an auth re-send's included (the transport counts; errors report it). */
  attempts: number;
  /** The caller passed a signal, which the Request's signal (and its copies') follows. */
  userSignalled?: boolean;
}

// Kept beside the Request rather than on it: a property of our own on a platform object changes its
// shape, and fetch's code then meets Requests of two shapes on every call.
const contexts = new WeakMap<Request | RequestDraft, RequestContext>();

export function setContext(request: Request, context: RequestContext): Request {
  contexts.set(request, context);
  return request;
}

/**
 * What the client's call wrapper put in openapi-fetch's init: openapi-fetch copies init keys the
 * Request lacks onto it, which carries them to the transport without a middleware round.
 */
export interface CallStamp extends CallOptions {
  lmsSchemaPath?: string;
  /** The caller passed a signal (the Request's signal follows it), to combine with the timeout. */
  lmsUserSignal?: boolean;
}

/** A call's context from its options; rejects a `retry` that is neither options nor `false`. */
export function buildContext(
  method: string,
  schemaPath: string,
  options: CallOptions & { userSignalled?: boolean },
): RequestContext {
  const { retry, timeoutMs, userSignalled } = options;
  if (retry !== undefined && retry !== false && (typeof retry !== 'object' || retry === null)) {
    throw new TypeError(`retry must be an options object or false, got ${String(retry)}.`);
  }
  return {
    operation: `${method} ${schemaPath}`,
    schemaPath,
    attempts: 0,
    ...(userSignalled ? { userSignalled: true } : {}),
    ...(retry !== undefined ? { retry } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}

// A client without middleware hands the call's context straight to the transport: openapi-fetch
// then builds the Request and calls fetch synchronously, within the method call, so the transport
// takes it before anything else can run (see call-stamp.ts).
let handedOff: RequestContext | undefined;

export function handOff(context: RequestContext | undefined): void {
  handedOff = context;
}

export function takeHandedOff(): RequestContext | undefined {
  const context = handedOff;
  handedOff = undefined;
  return context;
}

/** The request's context: stored (shared with its copies), else read from the stamp on it. */
export function getContext(request: Request | RequestDraft): RequestContext {
  const stored = contexts.get(request);
  if (stored) return stored;
  const stamp = request as (Request | RequestDraft) & CallStamp;
  return buildContext(request.method, stamp.lmsSchemaPath ?? new URL(request.url).pathname, {
    ...(stamp.retry !== undefined ? { retry: stamp.retry } : {}),
    ...(stamp.timeoutMs !== undefined ? { timeoutMs: stamp.timeoutMs } : {}),
    userSignalled: stamp.lmsUserSignal === true,
  });
}

/** The request's context, stored so that a re-send of it (or of a copy) adds to its attempts. */
export function shareContext(request: Request): RequestContext {
  const context = getContext(request);
  contexts.set(request, context);
  return context;
}

/** `request.clone()` that keeps the context (clones are plain Requests otherwise). */
export function cloneRequest(request: Request): Request {
  const context = shareContext(request);
  const copy = request.clone();
  setContext(copy, context);
  return copy;
}

// The context of a non-2xx answer the transport handed back, so that an error built from the
// answer alone (throwOnError, pages()) can say how many attempts were made. Only failed answers
// are recorded: the happy path pays nothing.
const failedAnswers = new WeakMap<Response, RequestContext>();

export function recordFailedAnswer(response: Response, context: RequestContext): void {
  if (!response.ok) failedAnswers.set(response, context);
}

/** Attempts made for the call that got this answer (1 when it was not seen by the transport). */
export function attemptsOf(response: Response): number {
  return failedAnswers.get(response)?.attempts || 1;
}
