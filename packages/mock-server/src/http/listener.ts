// The Node HTTP server: reads bodies up to the limit, hands each request to the handler, and
// answers a bug in the mock with a 500 instead of a hung or dropped connection.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mockProblem } from '../core/problem.js';
import { hasBody, readBody, type TOO_LARGE } from './body.js';
import { sendProblem } from './wire.js';

export type RequestHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  started: number,
  body: Buffer | undefined | typeof TOO_LARGE,
) => void;

export function createListener(handle: RequestHandler, maxBodyBytes: number): Server {
  const internalError = (req: IncomingMessage, res: ServerResponse, error: unknown) =>
    sendProblem(
      req,
      res,
      mockProblem(500, 'INTERNAL', 'Mock server error', (error as Error)?.message ?? String(error)),
    );
  const server = createServer((req, res) => {
    const started = performance.now();
    try {
      // Requests without a body (most of them) are answered synchronously, without a promise.
      if (!hasBody(req)) {
        handle(req, res, started, undefined);
        return;
      }
      readBody(req, maxBodyBytes).then(
        (body) => {
          try {
            handle(req, res, started, body);
          } catch (error) {
            internalError(req, res, error);
          }
        },
        (error: unknown) => internalError(req, res, error),
      );
    } catch (error) {
      internalError(req, res, error);
    }
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, `${host}:${port}`)));
    server.listen(port, host, () => resolve());
  });
}

function listenError(error: NodeJS.ErrnoException, where: string): Error {
  if (error.code === 'EADDRINUSE')
    return new Error(`Port in use: ${where} is already taken (pick another with --port).`);
  if (error.code === 'EACCES') return new Error(`Permission denied to listen on ${where}.`);
  if (error.code === 'EADDRNOTAVAIL') return new Error(`Address not available: ${where}.`);
  return new Error(`Cannot listen on ${where}: ${error.message}`);
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
