import { type Clock, sharedTimeoutSignal, systemClock, timeoutSignal } from './clock.js';
import { type CallOptions, cloneRequest, getContext, recordFailedAnswer, takeHandedOff } from './context.js';
import { RequestDraft } from './draft.js';
import { ApiError } from './errors.js';
import type { RateLimiter } from './rate-limit.js';
import { backoffDelay, mayRetryMethod, parseRetryAfter, type RetryOptions, resolveRetry } from './retry.js';

/** The fetch signature openapi-fetch calls: a Request, and optionally init overrides (the signal). */
export type FetchFn = (request: Request, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  fetch: FetchFn;
  retry?: Partial<RetryOptions> | false;
  /** Per-attempt timeout in ms; 0 disables it. */
  timeoutMs: number;
  rateLimiter?: RateLimiter;
  logger?: ClientLogger;
  /** Time for backoff, the time budget and timeouts (default: the system clock). */
  clock?: Clock;
}

/** Receives one line per attempt. Never given headers or bodies, so it cannot leak credentials. */
export interface ClientLogger {
  debug(message: string, details: AttemptLog): void;
}

export interface AttemptLog {
  operation: string;
  method: string;
  url: string;
  attempt: number;
  status?: number;
  error?: string;
  durationMs: number;
  nextDelayMs?: number;
}

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * The fetch that openapi-fetch calls. It owns sending: rate limiting, the per-attempt timeout,
 * and retrying (backoff with full jitter, Retry-After, attempt and time budgets, idempotency).
 * Auth re-sends go through it too, so they are limited and retried like any request.
 */
export function createTransport(options: TransportOptions): FetchFn {
  const clientRetry = resolveRetry(options.retry, undefined);
  const clock = options.clock ?? systemClock;
  return async function send(input: Request | RequestDraft): Promise<Response> {
    // Taken first thing: a context handed off by the client's method belongs to this request.
    const context = takeHandedOff() ?? getContext(input);
    // A stream body can be sent once, as a Request (drafts are re-sent as they are).
    const request =
      input instanceof RequestDraft && input.init.body instanceof ReadableStream
        ? new Request(input.target, input.init)
        : input;
    const retry = context.retry === undefined ? clientRetry : resolveRetry(options.retry, context.retry);
    const timeoutMs = readTimeout(context, options.timeoutMs);
    const userSignal = request.signal;
    // The caller gave a signal of their own (else request.signal is one that never aborts).
    const userSignalled = context.userSignalled === true;
    const maxAttempts = retry && mayRetryMethod(request.method, retry) ? retry.maxAttempts : 1;
    const started = clock.now();
    // A body can be read once, so each attempt sends a fresh copy; body-less requests are reusable.
    const template =
      maxAttempts > 1 && !(request instanceof RequestDraft) && request.body !== null
        ? cloneRequest(request)
        : undefined;
    let current = request;

    for (let attempt = 1; ; attempt += 1) {
      // Counted on the call's context, so an auth re-send (a copy sharing it) adds to the count.
      context.attempts += 1;
      const attemptStart = clock.now();
      let response: Response | undefined;
      let failure: ApiError | undefined;
      let timeout: AbortSignal | undefined;
      try {
        if (options.rateLimiter) await options.rateLimiter.acquire(context.schemaPath, userSignal);
        if (clock === systemClock && timeoutMs > 0) {
          // On the system clock, the attempt's timeout is a signal shared with the attempts started
          // around the same time (see sharedTimeoutSignal): no controller, listener or timer per
          // call. Only a caller's signal needs combining with it.
          timeout = sharedTimeoutSignal(timeoutMs);
          const signal = userSignalled ? AbortSignal.any([userSignal, timeout]) : timeout;
          response = await dispatch(options.fetch, current, signal);
        } else {
          response = await fetchWithTimeout(options.fetch, current, timeoutMs, userSignal, clock);
        }
      } catch (caught) {
        // A draft's URL or init fetch could not build a Request from: the caller's mistake, thrown
        // as the Request constructor throws it (as openapi-fetch does when it builds the Request).
        if (current instanceof RequestDraft) rethrowIfUnbuildable(current);
        // Report the timeout itself, not the generic AbortError fetch rejects with.
        const error =
          timeout?.aborted && !userSignal.aborted
            ? new TimeoutError(`No response within ${timeoutMs} ms`, { cause: timeout.reason })
            : caught;
        failure = toTransportError(error, request, context.operation, context.attempts, userSignal);
        if (failure.kind === 'aborted') throw failure;
      }

      const delay =
        retry && attempt < maxAttempts
          ? retryDelay(retry, attempt, response, failure, clock.now() - started, clock)
          : undefined;

      options.logger?.debug(`${context.operation} attempt ${attempt}`, {
        operation: context.operation,
        method: request.method,
        url: request.url,
        attempt,
        ...(response ? { status: response.status } : {}),
        ...(failure ? { error: failure.kind } : {}),
        durationMs: clock.now() - attemptStart,
        ...(delay !== undefined ? { nextDelayMs: delay } : {}),
      });

      if (delay === undefined) {
        if (failure) throw failure;
        recordFailedAnswer(response as Response, context);
        return response as Response;
      }
      // Free the connection of a response we are not going to hand back. Not awaited: cancelling
      // one branch of a tee'd (cloned) body only settles once every branch is done.
      void response?.body?.cancel().catch(() => undefined);
      try {
        await clock.sleep(delay, userSignal);
      } catch (error) {
        throw toTransportError(error, request, context.operation, context.attempts, userSignal);
      }
      current = template ? cloneRequest(template) : request;
    }
  };
}

/**
 * How long to wait before the next attempt, or undefined when this outcome is final: not
 * retryable, or the wait (Retry-After, else backoff) would overrun the time budget.
 */
function retryDelay(
  retry: RetryOptions,
  attempt: number,
  response: Response | undefined,
  failure: ApiError | undefined,
  elapsedMs: number,
  clock: Clock,
): number | undefined {
  const retryable =
    failure !== undefined || (response !== undefined && retry.statuses.includes(response.status));
  if (!retryable) return undefined;
  const asked =
    retry.respectRetryAfter && response
      ? parseRetryAfter(response.headers.get('retry-after'), clock.now())
      : undefined;
  const candidate = asked ?? backoffDelay(attempt, retry);
  return elapsedMs + candidate <= retry.maxElapsedMs ? candidate : undefined;
}

function readTimeout(context: CallOptions, fallback: number): number {
  const value = context.timeoutMs ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`timeoutMs must be a finite number >= 0, got ${String(value)}.`);
  }
  return value;
}

async function fetchWithTimeout(
  fetchFn: FetchFn,
  request: Request | RequestDraft,
  timeoutMs: number,
  userSignal: AbortSignal,
  clock: Clock,
): Promise<Response> {
  if (timeoutMs === 0) return dispatch(fetchFn, request);
  const controller = new AbortController();
  const onUserAbort = () => controller.abort(userSignal.reason);
  if (userSignal.aborted) onUserAbort();
  else userSignal.addEventListener('abort', onUserAbort, { once: true });
  const timeout = timeoutSignal(clock, timeoutMs);
  const onTimeout = () => controller.abort(new TimeoutError(`No response within ${timeoutMs} ms`));
  timeout.signal.addEventListener('abort', onTimeout, { once: true });
  try {
    // The signal goes in init rather than into a new Request: fetch builds its own Request from
    // these two anyway, and constructing one more per attempt is measurable overhead.
    return await dispatch(fetchFn, request, controller.signal);
  } catch (error) {
    // Report the timeout itself, not the generic AbortError fetch rejects with.
    if (controller.signal.reason instanceof TimeoutError && !userSignal.aborted)
      throw controller.signal.reason;
    throw error;
  } finally {
    timeout.clear();
    timeout.signal.removeEventListener('abort', onTimeout);
    userSignal.removeEventListener('abort', onUserAbort);
  }
}

/**
 * One attempt. A draft goes to the platform's fetch as its URL and init (the client drafts only
 * when it sends with the platform's fetch); a Request goes to the client's fetch. A signal given
 * here takes the place of the request's own (which the caller's, if any, is part of).
 */
function dispatch(
  fetchFn: FetchFn,
  request: Request | RequestDraft,
  signal?: AbortSignal,
): Promise<Response> {
  if (request instanceof RequestDraft)
    return globalThis.fetch(request.target, signal ? { ...request.init, signal } : request.init);
  return signal ? fetchFn(request, { signal }) : fetchFn(request);
}

/**
 * fetch builds a draft's Request inside the call, so a URL or init it cannot build from (a GET
 * with a body) comes back as a rejection, like a network failure. Building it here tells the two
 * apart, after a failed attempt only: what the Request constructor throws is thrown as it is.
 */
function rethrowIfUnbuildable(draft: RequestDraft): void {
  new Request(draft.target, draft.init);
}

function toTransportError(
  error: unknown,
  request: Request | RequestDraft,
  operation: string,
  attempts: number,
  userSignal: AbortSignal,
): ApiError {
  if (error instanceof ApiError) return error;
  const kind = userSignal.aborted ? 'aborted' : error instanceof TimeoutError ? 'timeout' : 'network';
  return new ApiError({ kind, operation, method: request.method, url: request.url, attempts, cause: error });
}
