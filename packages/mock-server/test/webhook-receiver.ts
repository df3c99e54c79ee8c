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
  private readonly holds = new Map<string, number>();
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
        setTimeout(() => res.end(), this.holds.get(path) ?? 0);
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

  /** Answers deliveries to `path` only after `ms` (a slow receiver). */
  hold(path: string, ms: number): void {
    this.holds.set(path, ms);
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
