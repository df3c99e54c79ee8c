// @ts-check
// `lms-codegen stats`: how complete each bundled spec is, per API, against a budget.
import { readFile } from 'node:fs/promises';
import { listApis } from './specs.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * @typedef {object} ApiStats
 * @property {string} api
 * @property {number} operations
 * @property {number} schemas
 * @property {number} withExamples     operations whose request body and 2xx body have examples
 * @property {number} withDescriptions operations with a non-empty description
 * @property {number} with4xx          operations documenting at least one 4xx response
 * @property {number} withSamples      operations with both a TypeScript and a curl x-codeSamples entry
 * @property {string[]} gaps           "<metric>: <METHOD path>" for each operation that misses one
 */

export const METRICS = /** @type {const} */ ({
  withExamples: 'examples',
  withDescriptions: 'descriptions',
  with4xx: '4xx responses',
  withSamples: 'usage samples',
});

/** @param {any} content a media-type map */
function hasExample(content) {
  return Object.values(content ?? {}).some(
    (/** @type {any} */ media) => media.example !== undefined || Object.keys(media.examples ?? {}).length > 0,
  );
}

/**
 * @param {any} document a bundled OpenAPI document
 * @param {string} api
 * @returns {ApiStats}
 */
export function specStats(document, api) {
  /** @type {ApiStats} */
  const stats = {
    api,
    operations: 0,
    schemas: Object.keys(document.components?.schemas ?? {}).length,
    withExamples: 0,
    withDescriptions: 0,
    with4xx: 0,
    withSamples: 0,
    gaps: [],
  };
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = /** @type {any} */ (item)[method];
      if (!operation) continue;
      stats.operations += 1;
      const where = `${method.toUpperCase()} ${path}`;
      const responses = Object.entries(operation.responses ?? {});
      const success = responses.filter(([code]) => code.startsWith('2'));
      const examplesOk =
        (!operation.requestBody || hasExample(operation.requestBody.content)) &&
        success.every(([, response]) => !response.content || hasExample(response.content)) &&
        success.length > 0;
      const samples = (operation['x-codeSamples'] ?? []).map((/** @type {any} */ sample) =>
        String(sample.lang).toLowerCase(),
      );
      const checks = {
        withExamples: examplesOk,
        withDescriptions: typeof operation.description === 'string' && operation.description.trim() !== '',
        with4xx: responses.some(([code]) => /^4(\d\d|XX)$/.test(code)),
        withSamples:
          samples.includes('typescript') && (samples.includes('shell') || samples.includes('curl')),
      };
      for (const [metric, ok] of /** @type {[keyof typeof METRICS, boolean][]} */ (Object.entries(checks))) {
        if (ok) stats[metric] += 1;
        else stats.gaps.push(`${METRICS[metric]}: ${where}`);
      }
    }
  }
  return stats;
}

/** @param {number} part @param {number} whole */
export function percent(part, whole) {
  return whole === 0 ? 100 : (part / whole) * 100;
}

/**
 * @param {ApiStats[]} all
 * @param {number} budget minimum percentage for every metric
 */
export function formatStats(all, budget) {
  const metricKeys = /** @type {(keyof typeof METRICS)[]} */ (Object.keys(METRICS));
  const lines = [
    `| API | operations | schemas | ${metricKeys.map((key) => `with ${METRICS[key]}`).join(' | ')} |`,
    `|---|---:|---:|${metricKeys.map(() => '---:').join('|')}|`,
  ];
  for (const stats of all) {
    lines.push(
      `| ${stats.api} | ${stats.operations} | ${stats.schemas} | ${metricKeys
        .map((key) => `${percent(stats[key], stats.operations).toFixed(0)}%`)
        .join(' | ')} |`,
    );
  }
  lines.push('', `Budget: ${budget}% for every metric.`);
  return lines.join('\n');
}

/**
 * Prints the table; returns the exit code (1 when a metric of an API is under budget).
 * @param {{ budget: number }} options
 */
export async function printStats({ budget }) {
  const all = [];
  for (const api of listApis()) {
    all.push(specStats(JSON.parse(await readFile(api.bundleJson, 'utf8')), api.api));
  }
  process.stdout.write(`${formatStats(all, budget)}\n`);
  const failures = all.flatMap((stats) =>
    /** @type {(keyof typeof METRICS)[]} */ (Object.keys(METRICS))
      .filter((key) => percent(stats[key], stats.operations) < budget)
      .map(
        (key) =>
          `${stats.api}: ${METRICS[key]} ${percent(stats[key], stats.operations).toFixed(1)}% < ${budget}% (${stats.gaps
            .filter((gap) => gap.startsWith(METRICS[key]))
            .slice(0, 5)
            .join('; ')})`,
      ),
  );
  for (const failure of failures) process.stderr.write(`under budget: ${failure}\n`);
  return failures.length > 0 ? 1 : 0;
}
