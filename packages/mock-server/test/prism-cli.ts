// Runs Prism's own CLI (`prism mock`, the reference behaviour) on a bundled spec.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { SPECS_DIR } from './requests.js';

const require = createRequire(import.meta.url);
const PRISM_BIN = path.join(
  path.dirname(require.resolve('@stoplight/prism-cli/package.json')),
  'dist/index.js',
);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PrismCli {
  url: string;
  stop(): Promise<void>;
}

/**
 * Prism's CLI on a port picked free just before; it cannot be told port 0. Another test running
 * beside this one may take that port before Prism binds it, so a start that fails with
 * EADDRINUSE is tried again on another port.
 */
export async function startPrismCli(api: string): Promise<PrismCli> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startPrismCliOnce(api, await freePort());
    } catch (error) {
      if (attempt === 3 || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

async function startPrismCliOnce(api: string, port: number): Promise<PrismCli> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      PRISM_BIN,
      'mock',
      '-v',
      'silent',
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      path.join(SPECS_DIR, `${api}.json`),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prism mock ${api} exited: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`prism mock ${api} did not start: ${stderr}`);
    const answered = await fetch(`${url}/__ready__`).then(
      (response) => response.arrayBuffer().then(() => true),
      () => false,
    );
    // Whoever answered must be this Prism, not a server that took the port first (Prism then
    // says EADDRINUSE and exits; the caller tries another port).
    if (/EADDRINUSE/.test(stderr)) {
      child.kill('SIGTERM');
      throw new Error(`prism mock ${api}: port ${port} is taken: ${stderr}`);
    }
    if (answered && child.exitCode === null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
