/**
 * What went wrong: the API answered with an error status, no usable answer arrived, or (with
 * `validateResponses: 'throw'`) the answer departs from the spec.
 */
export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'aborted' | 'drift';

/** One way an answer departs from the spec (see `@lms-apis/client-core/drift`). */
export interface ApiErrorDrift {
  kind: string;
  location: string;
  message: string;
}

export interface ApiErrorInit<TBody> {
  kind: ApiErrorKind;
  operation: string;
  method: string;
  url: string;
  attempts: number;
  status?: number;
  requestId?: string;
  body?: TBody;
  response?: Response;
  cause?: unknown;
  /** For kind `drift`: where the answer departs from the spec. */
  drift?: readonly ApiErrorDrift[];
}

/**
 * The one error every lms-apis client throws. It carries what a caller needs to react (status,
 * operation, request id, the parsed error body typed per API) and nothing secret: no request
 * headers, no credentials.
 */
export class ApiError<TBody = unknown> extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  /** `METHOD /schema/path`, e.g. `GET /v1/courses/{course_id}`. */
  readonly operation: string;
  readonly method: string;
  /** The request URL with any userinfo removed. */
  readonly url: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  /** The parsed error body (JSON when the API sent JSON, otherwise text). */
  readonly body: TBody | undefined;
  /** How many attempts were made, retries included. */
  readonly attempts: number;
  /** For kind `drift`: where the answer departs from the spec; empty otherwise. */
  readonly drift: readonly ApiErrorDrift[];
  declare readonly response: Response | undefined;

  constructor(init: ApiErrorInit<TBody>) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.operation = init.operation;
    this.method = init.method;
    this.url = stripUserinfo(init.url);
    this.status = init.status;
    this.requestId = init.requestId;
    this.body = init.body;
    this.attempts = init.attempts;
    this.drift = init.drift ?? [];
    // Non-enumerable: the Response is handy for callers but noisy (and large) when logged.
    Object.defineProperty(this, 'response', { value: init.response, enumerable: false });
  }

  get isTimeout(): boolean {
    return this.kind === 'timeout';
  }

  get isNetworkError(): boolean {
    return this.kind === 'network';
  }

  get isAborted(): boolean {
    return this.kind === 'aborted';
  }
}

export function isApiError<TBody = unknown>(value: unknown): value is ApiError<TBody> {
  return value instanceof ApiError;
}

function describe(init: ApiErrorInit<unknown>): string {
  const where = `${init.operation} (${init.method} ${stripUserinfo(init.url)})`;
  const tries = init.attempts > 1 ? ` after ${init.attempts} attempts` : '';
  switch (init.kind) {
    case 'http': {
      const detail = summarizeBody(init.body);
      const id = init.requestId ? ` [request id ${init.requestId}]` : '';
      return `${where} answered ${init.status}${detail ? `: ${detail}` : ''}${tries}${id}`;
    }
    case 'timeout':
      return `${where} timed out${tries}`;
    case 'aborted':
      return `${where} was aborted`;
    case 'drift':
      return `${where} answered ${init.status}, departing from the spec: ${init.drift?.map((d) => d.message).join('; ')}`;
    case 'network': {
      const reason = init.cause instanceof Error ? `: ${init.cause.message}` : '';
      return `${where} failed before a response arrived${reason}${tries}`;
    }
  }
}

const MESSAGE_KEYS = ['message', 'detail', 'error', 'title'] as const;

function summarizeBody(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 200);
  if (body && typeof body === 'object') {
    for (const key of MESSAGE_KEYS) {
      const value = (body as Record<string, unknown>)[key];
      if (typeof value === 'string' && value) return value.slice(0, 200);
    }
    return JSON.stringify(body).slice(0, 200);
  }
  return '';
}

function stripUserinfo(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-amzn-requestid', 'x-correlation-id'];

/** Reads a response's error body and request id into an `http` ApiError. */
export async function apiErrorFromResponse<TBody = unknown>(
  response: Response,
  context: { operation: string; method: string; url: string; attempts?: number },
): Promise<ApiError<TBody>> {
  const text = await response.text().catch(() => '');
  let body: unknown = text || undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
  }
  return new ApiError<TBody>({
    kind: 'http',
    status: response.status,
    operation: context.operation,
    method: context.method,
    url: context.url,
    attempts: context.attempts ?? 1,
    requestId: findRequestId(response.headers, body),
    body: body as TBody,
    response,
  });
}

export function findRequestId(headers: Headers, body: unknown): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  if (body && typeof body === 'object') {
    const value = (body as Record<string, unknown>).requestId ?? (body as Record<string, unknown>).request_id;
    if (typeof value === 'string') return value;
  }
  return undefined;
}
