import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';

/**
 * Proxy mode's forwarding: the request goes to the upstream as the client sent it (method, path
 * and query under the upstream's base URL, headers, body), and the answer comes back as the
 * upstream sent it. Only what HTTP says a proxy must not pass on is dropped (hop-by-hop headers),
 * plus the mock's own `X-Mock-Session`; `Host` names the upstream.
 */
export interface UpstreamAnswer {
  status: number;
  /** As received, in order, names as sent (hop-by-hop ones removed). */
  rawHeaders: string[];
  body: Buffer;
  /** The body as text for the drift checks (decompressed when the upstream compressed it). */
  text(): string | undefined;
  contentType: string | undefined;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'x-mock-session',
]);

/** The proxy gives up on an upstream that has not answered in this time (then answers 504). */
export const UPSTREAM_TIMEOUT_MS = 60_000;
/** Answers larger than this pass through unchecked (the drift checks read the whole body). */
const CHECK_LIMIT_BYTES = 8 * 1024 * 1024;

export class UpstreamProxy {
  readonly base: URL;
  private readonly agent: http.Agent;

  constructor(
    readonly api: string,
    baseUrl: string,
  ) {
    let parsed: URL;
    try {
      parsed = new URL(baseUrl);
    } catch {
      throw new Error(
        `--proxy ${api}: "${baseUrl}" is not a URL (give http(s)://host[:port][/base] or production).`,
      );
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new Error(`--proxy ${api}: the upstream must be http or https, got ${parsed.protocol}`);
    if (parsed.username || parsed.password || parsed.search || parsed.hash)
      throw new Error(
        `--proxy ${api}: the upstream URL must be a plain base URL (no credentials, query or fragment); credentials travel in the client's headers.`,
      );
    this.base = parsed;
    // Keep-alive: the proxy should add well under 2 ms to a call, which a new connection per call
    // (plus TLS for https) would not allow.
    const options = { keepAlive: true, maxSockets: 64 };
    this.agent = parsed.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
  }

  /** A path inside the API (after the spec server's base path) goes under the upstream's base URL. */
  forward(method: string, innerPathAndQuery: string, rawHeaders: string[], body: Buffer | undefined) {
    const basePath = this.base.pathname.replace(/\/$/, '');
    return this.send(method, new URL(`${this.base.origin}${basePath}${innerPathAndQuery}`), rawHeaders, body);
  }

  /** A path outside the base path (an OAuth token endpoint) goes to the upstream's origin. */
  forwardToOrigin(method: string, pathAndQuery: string, rawHeaders: string[], body: Buffer | undefined) {
    return this.send(method, new URL(`${this.base.origin}${pathAndQuery}`), rawHeaders, body);
  }

  private send(
    method: string,
    url: URL,
    rawHeaders: string[],
    body: Buffer | undefined,
  ): Promise<UpstreamAnswer> {
    const headers: [string, string][] = [];
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i] as string;
      if (!HOP_BY_HOP.has(name.toLowerCase())) headers.push([name, rawHeaders[i + 1] as string]);
    }
    // The body was read whole; send it with its exact length.
    if (body !== undefined && !headers.some(([name]) => name.toLowerCase() === 'content-length'))
      headers.push(['Content-Length', String(body.length)]);
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.request(
        url,
        {
          method,
          agent: this.agent,
          headers: [['Host', url.host], ...headers].flat(),
          timeout: UPSTREAM_TIMEOUT_MS,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const received = Buffer.concat(chunks);
            const answerHeaders: string[] = [];
            let encoding: string | undefined;
            let contentType: string | undefined;
            for (let i = 0; i < response.rawHeaders.length; i += 2) {
              const name = response.rawHeaders[i] as string;
              const value = response.rawHeaders[i + 1] as string;
              const lower = name.toLowerCase();
              if (lower === 'content-encoding') encoding = value.trim().toLowerCase();
              if (lower === 'content-type') contentType = value;
              // The proxy sends the body whole, with its own Content-Length.
              if (HOP_BY_HOP.has(lower) || lower === 'content-length') continue;
              answerHeaders.push(name, value);
            }
            resolve({
              status: response.statusCode ?? 502,
              rawHeaders: answerHeaders,
              body: received,
              contentType,
              text: () => decodedText(received, encoding),
            });
          });
        },
      );
      request.on('timeout', () => request.destroy(new UpstreamTimeout(UPSTREAM_TIMEOUT_MS)));
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export class UpstreamTimeout extends Error {
  override readonly name = 'UpstreamTimeout';
  constructor(ms: number) {
    super(`The upstream did not answer within ${ms / 1000} s.`);
  }
}

/** The body as text, decompressed as its Content-Encoding says; undefined when it cannot be read. */
function decodedText(body: Buffer, encoding: string | undefined): string | undefined {
  if (body.length === 0) return '';
  if (body.length > CHECK_LIMIT_BYTES) return undefined;
  try {
    switch (encoding) {
      case undefined:
      case 'identity':
        return body.toString('utf8');
      case 'gzip':
      case 'x-gzip':
        return zlib.gunzipSync(body, { maxOutputLength: CHECK_LIMIT_BYTES }).toString('utf8');
      case 'deflate':
        return zlib.inflateSync(body, { maxOutputLength: CHECK_LIMIT_BYTES }).toString('utf8');
      case 'br':
        return zlib.brotliDecompressSync(body, { maxOutputLength: CHECK_LIMIT_BYTES }).toString('utf8');
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
