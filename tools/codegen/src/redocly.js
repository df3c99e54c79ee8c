// @ts-check
// Runs the pinned Redocly CLI with the repo's one config. Redocly prints a boxed Node 20
// deprecation notice on every run; it is dropped here so CI logs show only what matters.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './specs.js';

const require = createRequire(import.meta.url);
const redoclyBin = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');

const BANNER_LINE = /^\s*[╔║╚]/;

/**
 * @param {string[]} args Redocly CLI arguments, e.g. ['lint', 'snworks'].
 * @param {{ cwd?: string, quiet?: boolean, config?: string }} [options]
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
export function runRedocly(args, options = {}) {
  return new Promise((resolve, reject) => {
    const config = options.config ?? path.join(repoRoot, 'redocly.yaml');
    const child = spawn(process.execPath, [redoclyBin, ...args, '--config', config], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const cleanErr = stderr
        .split('\n')
        .filter((line) => !BANNER_LINE.test(line))
        .join('\n')
        .replace(/^\n+/, '');
      if (!options.quiet) {
        process.stdout.write(stdout);
        process.stderr.write(cleanErr);
      }
      resolve({ code: code ?? 1, stdout, stderr: cleanErr });
    });
  });
}
