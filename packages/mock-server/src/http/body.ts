import type { IncomingMessage } from 'node:http';

/** What readBody answers for a body over the limit (read to its end and dropped). */
export const TOO_LARGE = Symbol('too large');

/** A request without Content-Length or Transfer-Encoding has no body (RFC 9112 §6.3). */
export function hasBody(req: IncomingMessage): boolean {
  return req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
}

export function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<Buffer | undefined | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      // Keep reading (and discarding) so the client gets an answer, not a reset connection.
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? TOO_LARGE : size === 0 ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
