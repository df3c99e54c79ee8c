// @ts-check
// Build times: a cold build (turbo --force: every task runs, no cache read) and a warm one right
// after (every task a cache hit).
import { spawn } from 'node:child_process';
import { repoRoot } from './servers.mjs';

/** @param {string[]} args */
function timeTurbo(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=none', ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`turbo run build ${args.join(' ')} failed:\n${output}`));
        return;
      }
      const cached = output.match(/Cached:\s+(\d+) cached, (\d+) total/);
      resolve({
        seconds: (performance.now() - started) / 1000,
        cached: cached ? `${cached[1]}/${cached[2]}` : '?',
      });
    });
  });
}

export async function benchBuild() {
  const cold = /** @type {{ seconds: number, cached: string }} */ (await timeTurbo(['--force']));
  const warm = /** @type {{ seconds: number, cached: string }} */ (await timeTurbo([]));
  return { cold, warm };
}
