// @ts-check
// Starting and stopping the servers a benchmark compares, each in its own process.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** @returns {Promise<number>} a free TCP port on loopback */
export function freePort() {
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

/**
 * Spawns a server and resolves once `ready(url)` answers true, with the time it took.
 * @param {{ command: string, args: string[], probeUrl: string, probeHeaders?: Record<string, string>, timeoutMs?: number }} options
 */
export async function startProcess({ command, args, probeUrl, probeHeaders = {}, timeoutMs = 30_000 }) {
  const started = performance.now();
  const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited: ${stderr}`);
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${command} did not become ready within ${timeoutMs} ms: ${stderr}`);
    }
    try {
      const response = await fetch(probeUrl, { headers: probeHeaders });
      await response.arrayBuffer();
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const readyMs = performance.now() - started;
  return {
    readyMs,
    /** The server process's id (for RSS readings). */
    pid: /** @type {number} */ (child.pid),
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
