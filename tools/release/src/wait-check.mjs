// @ts-check
// Finds real waits and wall-clock bounds in test files: a `setTimeout`/`setInterval`/`sleep`/
// `delay` call whose delay is over 50 ms or not a number literal (it cannot be checked), and
// `performance.now()` (a wall-clock measurement). Tests of the `test` kind move a clock instead
// (the client's `manualClock()`, vitest's fake timers). A line may opt out with a
// `wait-check: <why>` comment.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const MAX_WAIT_MS = 50;

const WAIT_CALL = /\b(setTimeout|setInterval|sleep|delay)\s*\(/g;

/**
 * @param {string} source
 * @returns {Array<{ line: number, text: string, why: string }>}
 */
export function findWaits(source) {
  const findings = [];
  const lines = source.split('\n');
  for (const [index, text] of lines.entries()) {
    if (text.includes('wait-check:') || /^\s*(\/\/|\*)/.test(text)) continue;
    if (/\bperformance\.now\(\)/.test(text))
      findings.push({ line: index + 1, text: text.trim(), why: 'measures wall-clock time' });
  }
  for (const match of source.matchAll(WAIT_CALL)) {
    const start = (match.index ?? 0) + match[0].length;
    const args = splitArguments(source, start);
    if (args === undefined) continue;
    const name = match[1];
    // setTimeout(fn, ms) and setInterval(fn, ms); timers/promises' setTimeout(ms), sleep(ms), delay(ms).
    const delayArg = (name === 'setTimeout' || name === 'setInterval') && args.length > 1 ? args[1] : args[0];
    const line = source.slice(0, match.index).split('\n').length;
    const text = lines[line - 1] ?? '';
    if (text.includes('wait-check:') || delayArg === undefined) continue;
    const literal = delayArg.replace(/_/g, '').trim();
    const ms = /^\d+(\.\d+)?$/.test(literal) ? Number(literal) : undefined;
    if (ms === undefined)
      findings.push({ line, text: text.trim(), why: `${name} with a delay that is not a literal` });
    else if (ms > MAX_WAIT_MS) findings.push({ line, text: text.trim(), why: `${name} of ${ms} ms` });
  }
  return findings.sort((a, b) => a.line - b.line);
}

/** The top-level arguments of the call whose `(` ends just before `start`. */
function splitArguments(/** @type {string} */ source, /** @type {number} */ start) {
  const args = [];
  let depth = 0;
  let current = '';
  for (let i = start; i < source.length; i += 1) {
    const char = source[i];
    if (char === '(' || char === '[' || char === '{') depth += 1;
    if (char === ')' || char === ']' || char === '}') {
      if (depth === 0) {
        if (current.trim() !== '') args.push(current.trim());
        return args;
      }
      depth -= 1;
    }
    if (char === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
    } else current += char;
  }
  return undefined;
}

/**
 * The files the `test` kind runs: every `.ts` under packages' and tools' `test/` folders except the
 * browser and load kinds' files (their tests, `*.browser.test.ts`, and the helpers only they import,
 * `*.browser.ts`) and the folders listed in `exempt`.
 * @param {string} root @param {string[]} exempt folders relative to root
 */
export function testKindFiles(root, exempt = []) {
  const files = [];
  for (const group of ['packages', 'tools']) {
    for (const name of readdirSync(path.join(root, group))) {
      const dir = path.join(group, name, 'test');
      if (exempt.includes(dir)) continue;
      for (const file of walk(path.join(root, dir))) files.push(path.relative(root, file));
    }
  }
  return files.filter((file) => !/\.(browser|load)\.test\.ts$|\.browser\.ts$/.test(file));
}

function walk(/** @type {string} */ dir) {
  /** @type {string[]} */
  let found = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'fixtures' && entry.name !== 'node_modules') found = found.concat(walk(full));
    } else if (/\.(ts|mts|mjs)$/.test(entry.name)) found.push(full);
  }
  return found;
}

/** @param {string} root @param {string[]} exempt */
export function checkTestKind(root, exempt = []) {
  return testKindFiles(root, exempt).flatMap((file) =>
    findWaits(readFileSync(path.join(root, file), 'utf8')).map((finding) => ({ file, ...finding })),
  );
}
