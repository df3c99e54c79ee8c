/**
 * A request not yet built: what openapi-fetch passes to the transport, in place of a Request, when
 * nothing between the two needs a Request (no middleware) and the client sends with the platform's
 * fetch. fetch builds a Request from whatever it is given, a Request included: handed a Request,
 * it builds a second one (copying the headers, following the first one's signal). Handed the URL
 * and init instead, it builds the one Request that is sent. That halves the Requests built per
 * call, which pays for the per-attempt timeout (pnpm bench's client line).
 *
 * openapi-fetch constructs it with the final URL and its RequestInit (the `Request` option), and
 * reads `method` back; nobody else sees it. A retry re-sends the same URL and init: openapi-fetch's
 * bodies (a JSON string, FormData, URLSearchParams, a Blob) can be sent again, unlike a Request's.
 * A stream body cannot, so `toRequest()` turns such a draft into a Request first.
 */
export class RequestDraft {
  /** The URL as openapi-fetch built it (fetch parses it; `url` gives it parsed, for errors and logs). */
  readonly target: string;
  readonly init: RequestInit;

  constructor(target: string | URL, init: RequestInit = {}) {
    this.target = String(target);
    this.init = init;
  }

  get method(): string {
    return this.init.method ?? 'GET';
  }

  /** The caller's signal, or one that never aborts (a Request's signal is never null either). */
  get signal(): AbortSignal {
    return this.init.signal ?? NEVER_ABORTS;
  }

  // Declared so that openapi-fetch, which copies init keys a request lacks onto it, adds none.
  get headers(): RequestInit['headers'] {
    return this.init.headers;
  }
  get body(): RequestInit['body'] {
    return this.init.body ?? null;
  }
  get redirect(): RequestInit['redirect'] {
    return this.init.redirect;
  }

  /** The URL as the Request would carry it (parsed and serialized), as errors and logs report it. */
  get url(): string {
    return new URL(this.target).href;
  }

  /** A body that can be read only once (a stream): such a draft is sent as a Request. */
  get streamed(): boolean {
    const body = this.init.body;
    return typeof ReadableStream !== 'undefined' && body instanceof ReadableStream;
  }

  toRequest(): Request {
    return new Request(this.target, this.init);
  }

  /**
   * fetch builds its Request inside the call, so a URL or init it cannot build from (a header
   * value with a line break, a GET with a body) comes back as a rejection, like a network failure.
   * Building it here tells the two apart: the error a Request construction throws, else undefined.
   * Only called after a failed attempt.
   */
  constructionError(): unknown {
    try {
      new Request(this.target, this.init);
      return undefined;
    } catch (error) {
      return error;
    }
  }
}

const NEVER_ABORTS = new AbortController().signal;

export function isDraft(request: Request | RequestDraft): request is RequestDraft {
  return request instanceof RequestDraft;
}
