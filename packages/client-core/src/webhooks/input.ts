/** Headers as a Fetch `Headers`, or as Node's `IncomingMessage.headers` (lower-case names). */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

/**
 * A delivery as the receiver holds it: its headers and its body, either as received (text or
 * bytes) or already parsed by a framework (`express.json()`, Fastify).
 */
export interface WebhookDelivery {
  headers: HeadersLike;
  body: string | Uint8Array | ArrayBuffer | object | null | undefined;
}

/** Node's `http.IncomingMessage` (or any request whose body is still to be read from the stream). */
export interface StreamedRequest extends AsyncIterable<Uint8Array | string> {
  headers: Record<string, string | string[] | undefined>;
}

/** What a receiver hands over: a Fetch `Request`, a Node request, or headers and a body. */
export type WebhookRequest = Request | StreamedRequest | WebhookDelivery;

export interface ReadDelivery {
  header(name: string): string | undefined;
  /** The body as text, or the value a framework already parsed (not text). */
  body: { text: string } | { parsed: unknown };
}

/** Reads the delivery's headers and body, whichever form it comes in. */
export async function readDelivery(request: WebhookRequest): Promise<ReadDelivery> {
  if (isFetchRequest(request)) {
    const { headers } = request;
    return { header: (name) => headers.get(name) ?? undefined, body: { text: await request.text() } };
  }
  const header = headerReader(request.headers);
  // A framework may have parsed the body already (Express's `req.body`); else read the stream.
  if ('body' in request && (request.body !== undefined || !(Symbol.asyncIterator in request))) {
    const { body } = request;
    if (typeof body === 'string') return { header, body: { text: body } };
    if (body instanceof Uint8Array || body instanceof ArrayBuffer)
      return { header, body: { text: new TextDecoder().decode(body) } };
    return { header, body: { parsed: body ?? undefined } };
  }
  if (Symbol.asyncIterator in request)
    return { header, body: { text: await readStream(request as StreamedRequest) } };
  throw new TypeError(
    'receiveWebhook: pass a Fetch Request, a Node request (http.IncomingMessage) or { headers, body }.',
  );
}

function isFetchRequest(request: WebhookRequest): request is Request {
  return (
    typeof (request as Request).text === 'function' && typeof (request as Request).headers?.get === 'function'
  );
}

function headerReader(headers: HeadersLike): (name: string) => string | undefined {
  if (typeof (headers as Headers).get === 'function') {
    return (name) => (headers as Headers).get(name) ?? undefined;
  }
  const record = headers as Record<string, string | string[] | undefined>;
  return (name) => {
    const wanted = name.toLowerCase();
    const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === wanted);
    const value = key === undefined ? undefined : record[key];
    return Array.isArray(value) ? value.join(', ') : value;
  };
}

async function readStream(stream: AsyncIterable<Uint8Array | string>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}
