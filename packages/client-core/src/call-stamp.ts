import { buildContext, type CallOptions, type CallStamp, handOff } from './context.js';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;

type CallInit = CallOptions & { signal?: AbortSignal | null; middleware?: unknown[] };

/**
 * Wraps each method so that the transport learns the call's OpenAPI path (rate limits, errors),
 * its per-call options and whether the caller passed a signal, without a middleware round
 * (openapi-fetch takes a slower path as soon as any middleware is registered):
 * - with no middleware, openapi-fetch builds the Request and calls fetch within the method call,
 *   so the context is handed to the transport directly and the Request stays as fetch made it
 *   (own properties on it change its shape, which slows fetch's checks on every call);
 * - with middleware (auth that renews tokens, throwOnError, validateResponses), where fetch comes
 *   after awaits, the context rides in openapi-fetch's init, which copies it onto the Request.
 *   A call that meets middleware (the client's or its own) asks openapi-fetch for a Request: a
 *   client that sends with the platform's fetch is made to build drafts (see draft.ts), which only
 *   the transport understands. A `Request` class the caller passes wins.
 */
export function stampCalls(client: Record<string, unknown>): void {
  let middleware = false;
  const use = client.use as (...middlewares: unknown[]) => void;
  client.use = (...middlewares: unknown[]) => {
    middleware = true;
    use(...middlewares);
  };
  for (const method of METHODS) {
    const send = client[method] as (url: string, init?: object) => Promise<unknown>;
    client[method] = (url: string, init?: CallInit) => {
      if (middleware || (init?.middleware?.length ?? 0) > 0)
        return send(url, { Request: globalThis.Request, ...init, ...stampOf(url, init) });
      try {
        handOff(
          buildContext(method, url, {
            ...(init?.retry !== undefined ? { retry: init.retry } : {}),
            ...(init?.timeoutMs !== undefined ? { timeoutMs: init.timeoutMs } : {}),
            userSignalled: Boolean(init?.signal),
          }),
        );
        return send(url, init && ('retry' in init || 'timeoutMs' in init) ? withoutCallOptions(init) : init);
      } catch (error) {
        return Promise.reject(error);
      } finally {
        handOff(undefined);
      }
    };
  }
}

function stampOf(url: string, init: CallInit | undefined): CallStamp {
  return init?.signal ? { lmsSchemaPath: url, lmsUserSignal: true } : { lmsSchemaPath: url };
}

function withoutCallOptions(init: CallInit): object {
  const { retry: _retry, timeoutMs: _timeoutMs, ...rest } = init;
  return rest;
}
