#!/usr/bin/env node
// @ts-check
import process from 'node:process';
import { parseArgs } from 'node:util';

const USAGE = `Usage: lms-spec-diff [--base <git-ref>] [--api <name>]... [--json]

Compares every spec's bundle at its base with the working tree and lists breaking changes first,
then non-breaking ones. Base: --base, else the spec package's last release tag, else the merge
base with main. Exits 1 on a breaking change no pending changeset declares (a major bump of
@lms-apis/spec-<api>), 2 on bad usage or when the base cannot be found.
`;

let options;
try {
  options = parseArgs({
    options: {
      base: { type: 'string' },
      api: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (error) {
  process.stderr.write(`lms-spec-diff: ${/** @type {Error} */ (error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
try {
  const { checkBreaking, formatReport } = await import('../src/check.js');
  const started = performance.now();
  const { results, failed } = await checkBreaking({
    cwd: process.cwd(),
    base: options.base,
    apis: options.api,
  });
  if (options.json) process.stdout.write(`${JSON.stringify({ failed, results }, null, 2)}\n`);
  else {
    process.stdout.write(formatReport(results));
    process.stdout.write(
      `${failed ? '✗ undeclared breaking changes' : '✓ no undeclared breaking changes'} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
    );
  }
  process.exitCode = failed ? 1 : 0;
} catch (error) {
  process.stderr.write(`lms-spec-diff: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
