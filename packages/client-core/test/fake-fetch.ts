import type { ManualClock } from '../src/index.js';
/** A scripted fetch: answers requests from a queue and records what was sent. */
export type Step = Response | Error | ((request: Request) => Response | Promise<Response>);

export interface FakeFetch {
  (request: Request, init?: RequestInit): Promise<Response>;
  requests: Request[];
  bodies: string[];
}

export function fakeFetch(...steps: Step[]): FakeFetch {
  const queue = [...steps];
  const fn = (async (input: Request, init?: RequestInit) => {
    // As real fetch does: its own Request from the input and the init (which, like the
    // transport's timeout signal, overrides the input's), so later changes to the input (an auth
    // re-send setting a new token) do not rewrite what was recorded.
    const request = new Request(input, init);
    fn.requests.push(request);
    fn.bodies.push(request.body ? await request.clone().text() : '');
    const step = queue.length > 1 ? queue.shift() : queue[0];
    if (step === undefined) throw new Error('fakeFetch: no response scripted');
    if (step instanceof Error) throw step;
    const response = typeof step === 'function' ? await step(request) : step.clone();
    return response;
  }) as FakeFetch;
  fn.requests = [];
  fn.bodies = [];
  return fn;
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
}

/** A fetch that never answers, but honours the request's abort signal like real fetch does. */
export function hangingFetch(): FakeFetch {
  return fakeFetch(
    (request) =>
      new Promise<Response>((_resolve, reject) => {
        request.signal.addEventListener(
          'abort',
          () => reject(request.signal.reason ?? new DOMException('aborted', 'AbortError')),
          {
            once: true,
          },
        );
      }),
  );
}

/**
 * Lets the client run until `count` of its waits sit on the manual clock (a backoff, a rate-limit
 * queue, a timeout), so a test can advance the clock exactly past them.
 */
export async function untilSleeping(clock: ManualClock, count = 1): Promise<void> {
  for (let turn = 0; clock.sleepers < count; turn += 1) {
    if (turn > 1000) throw new Error(`Expected ${count} waits on the clock, found ${clock.sleepers}.`);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** A minimal openapi-typescript style paths type for typed unit tests. */
export type TestPaths = {
  '/things': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: {
        query?: { page?: number; perPage?: number; after?: string; endTime?: string };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { 'application/json': { id: string }[] } };
        503: { headers: { [name: string]: unknown }; content: { 'application/json': { message: string } } };
      };
    };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { 'application/json': { name: string } } };
      responses: {
        201: { headers: { [name: string]: unknown }; content: { 'application/json': { id: string } } };
      };
    };
    put?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
};
