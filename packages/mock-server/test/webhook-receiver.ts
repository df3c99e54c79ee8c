// A webhook receiver on 127.0.0.1 in the test process: records every delivery (path, headers,
// body as sent) and answers each path with the statuses queued for it (200 once they run out).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  text: string;
}

export class Receiver {
  readonly received: Received[] = [];
  private readonly statuses = new Map<string, number[]>();
  /** Paths whose answers wait until the test releases them (a slow receiver). */
  private readonly holds = new Map<string, Promise<void>>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, text: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = this.statuses.get(path)?.shift() ?? 200;
        const held = this.holds.get(path);
        if (held) held.then(() => res.end());
        else res.end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** The next answers to deliveries to `path`, in order. */
  answer(path: string, ...statuses: number[]): void {
    this.statuses.set(path, statuses);
  }

  /** Holds the answers to deliveries to `path` until the function it returns is called. */
  hold(path: string): () => void {
    let release = () => {};
    this.holds.set(
      path,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    return () => {
      this.holds.delete(path);
      release();
    };
  }

  at(path: string): Received[] {
    return this.received.filter((delivery) => delivery.path === path);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** Polls until `check` holds (deliveries are asynchronous), failing after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting for webhook deliveries');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
