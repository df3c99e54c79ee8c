// @ts-check
import path from 'node:path';
import { runRedocly } from './redocly.js';
import { readApi, repoRoot } from './specs.js';

/**
 * Lints one spec package. Any problem fails, warnings included: zero warnings is the bar, and
 * Redocly itself exits 0 on warnings.
 * @param {string} specDir
 * @returns {Promise<number>} exit code
 */
export async function lintSpec(specDir) {
  const info = readApi(specDir);
  const result = await runRedocly(['lint', info.api, '--format', 'json', '--max-problems', '10000'], {
    quiet: true,
  });
  /** @type {{ problems: Array<{ ruleId: string, severity: string, message: string, location: Array<{ source: { ref: string }, pointer: string }> }> }} */
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    process.stderr.write(result.stdout + result.stderr);
    return result.code || 1;
  }
  for (const problem of report.problems) {
    const where = problem.location[0];
    const file = where ? path.relative(repoRoot, path.resolve(repoRoot, where.source.ref)) : info.api;
    process.stderr.write(
      `${file} ${where?.pointer ?? ''}\n  ${problem.severity} ${problem.ruleId}: ${problem.message}\n`,
    );
  }
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.length - errors;
  process.stdout.write(`lint ${info.api}: ${errors} errors, ${warnings} warnings\n`);
  return report.problems.length === 0 && result.code === 0 ? 0 : 1;
}
