// @ts-check
// `lms-codegen operations <api> [--check <file>]`: list the operations of an API's bundle and,
// with --check, prove they are exactly the method + path pairs of a markdown facts table (such as
// spec/skilljar/reference/seed-operations.md). Reads the bundle, so run `pnpm build` first.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getApi } from './specs.js';

export const OPERATIONS_USAGE = 'lms-codegen operations <api> [--check <facts-table.md>]';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * @typedef {object} BundleOperation
 * @property {string} method       upper case, e.g. `GET`
 * @property {string} path         the OpenAPI path template
 * @property {string} operationId
 */

/**
 * @typedef {object} TableRow
 * @property {string} method
 * @property {string} path
 * @property {string} label        the row's other cells (the seed heading), for messages
 * @property {number} line         1-based line number in the markdown file
 */

/**
 * @typedef {object} Comparison
 * @property {Array<{ row: TableRow, operation: BundleOperation }>} present
 * @property {TableRow[]} missing          in the table, not in the bundle
 * @property {BundleOperation[]} extra     in the bundle, not in the table
 * @property {TableRow[]} duplicates       rows repeating an earlier row's method and path
 */

/**
 * Every operation of a bundled document, in document order.
 * @param {{ paths?: Record<string, Record<string, unknown>> }} document
 * @returns {BundleOperation[]}
 */
export function listBundleOperations(document) {
  /** @type {BundleOperation[]} */
  const operations = [];
  for (const [pathTemplate, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = /** @type {{ operationId?: unknown } | undefined} */ (item[method]);
      if (!operation) continue;
      operations.push({
        method: method.toUpperCase(),
        path: pathTemplate,
        operationId: typeof operation.operationId === 'string' ? operation.operationId : '(no operationId)',
      });
    }
  }
  return operations;
}

const METHOD_AND_PATH = /^`?(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE) (\/\S*?)`?$/;

/**
 * Reads every markdown table that has a "method and path" column, in file order (a file may keep
 * a verbatim copy of a source's table and, separately, the rows that source left out). Each body
 * row must hold one `METHOD /path` in that column; anything else is an error, not a silently
 * skipped row.
 * @param {string} markdown
 * @param {string} [source] file name for messages
 * @returns {TableRow[]}
 */
export function parseOperationsTable(markdown, source = 'the table') {
  const lines = markdown.split(/\r?\n/);
  /** @type {TableRow[]} */
  const rows = [];
  let tables = 0;
  for (let start = 0; start < lines.length - 1; start += 1) {
    const header = lines[start] ?? '';
    if (!isTableLine(header) || !isSeparator(lines[start + 1] ?? '')) continue;
    const column = splitRow(header).findIndex((cell) => /method/i.test(cell) && /path/i.test(cell));
    let index = start + 2;
    for (; index < lines.length && isTableLine(lines[index] ?? ''); index += 1) {
      if (column === -1) continue;
      const cells = splitRow(lines[index] ?? '');
      const match = METHOD_AND_PATH.exec(cells[column] ?? '');
      if (!match) {
        throw new Error(
          `${source}:${index + 1}: expected \`METHOD /path\` in the "method and path" column, got ${JSON.stringify(cells[column] ?? '')}.`,
        );
      }
      rows.push({
        method: /** @type {string} */ (match[1]),
        path: /** @type {string} */ (match[2]),
        label: cells.filter((_, cell) => cell !== column).join(' | '),
        line: index + 1,
      });
    }
    if (column !== -1) tables += 1;
    // Continue after this table, so its body rows are not mistaken for the start of another.
    start = index - 1;
  }
  if (tables === 0) throw new Error(`${source}: no markdown table with a "method and path" column.`);
  return rows;
}

/**
 * @param {BundleOperation[]} operations
 * @param {TableRow[]} rows
 * @returns {Comparison}
 */
export function compareOperations(operations, rows) {
  const byKey = new Map(operations.map((operation) => [key(operation), operation]));
  /** @type {Comparison} */
  const result = { present: [], missing: [], extra: [], duplicates: [] };
  const seen = new Set();
  for (const row of rows) {
    if (seen.has(key(row))) {
      result.duplicates.push(row);
      continue;
    }
    seen.add(key(row));
    const operation = byKey.get(key(row));
    if (operation) result.present.push({ row, operation });
    else result.missing.push(row);
  }
  result.extra = operations.filter((operation) => !seen.has(key(operation)));
  return result;
}

/**
 * The CLI command. Returns the exit code: 0 listed (and, with --check, every pair matched), 1 the
 * check failed, 2 bad arguments.
 * @param {string[]} args
 * @param {{ cwd: string, stdout: (text: string) => void, stderr: (text: string) => void }} io
 * @returns {Promise<number>}
 */
export async function operationsCommand(args, io) {
  /** @type {{ values: { check?: string }, positionals: string[] }} */
  let parsed;
  try {
    parsed = parseArgs({ args, options: { check: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\nUsage: ${OPERATIONS_USAGE}\n`);
    return 2;
  }
  const [apiName, ...rest] = parsed.positionals;
  if (apiName === undefined || rest.length > 0) {
    io.stderr(`Usage: ${OPERATIONS_USAGE}\n`);
    return 2;
  }
  const info = getApi(apiName);
  if (!existsSync(info.bundleJson)) {
    throw new Error(`${path.relative(io.cwd, info.bundleJson)} does not exist. Run \`pnpm build\` first.`);
  }
  const operations = listBundleOperations(JSON.parse(await readFile(info.bundleJson, 'utf8')));
  const bundleName = path.relative(io.cwd, info.bundleJson);

  if (parsed.values.check === undefined) {
    for (const operation of operations) io.stdout(`${format(operation)} ${operation.operationId}\n`);
    io.stdout(`${operations.length} operations in ${bundleName}\n`);
    return 0;
  }

  const tableFile = path.resolve(io.cwd, parsed.values.check);
  const tableName = path.relative(io.cwd, tableFile);
  const rows = parseOperationsTable(await readFile(tableFile, 'utf8'), tableName);
  const { present, missing, extra, duplicates } = compareOperations(operations, rows);
  for (const { row, operation } of present)
    io.stdout(`${format(operation)} ${operation.operationId}  <- ${row.label}\n`);
  for (const row of missing)
    io.stderr(`missing: ${format(row)} (${tableName}:${row.line}, ${row.label}) is not in ${bundleName}\n`);
  for (const operation of extra)
    io.stderr(
      `extra: ${format(operation)} ${operation.operationId} is in ${bundleName} but not in ${tableName}\n`,
    );
  for (const row of duplicates)
    io.stderr(`duplicate: ${format(row)} (${tableName}:${row.line}) repeats an earlier row\n`);
  const tableCount = rows.length - duplicates.length;
  io.stdout(
    `${present.length}/${tableCount} table operations present, ${missing.length} missing, ${extra.length} extra` +
      `${duplicates.length > 0 ? `, ${duplicates.length} duplicate rows` : ''}` +
      ` (${operations.length} operations in ${bundleName})\n`,
  );
  return missing.length + extra.length + duplicates.length === 0 ? 0 : 1;
}

/** @param {{ method: string, path: string }} pair */
function key(pair) {
  return `${pair.method} ${pair.path}`;
}

/** @param {{ method: string, path: string }} pair */
function format(pair) {
  return `${pair.method} ${pair.path}`;
}

/** @param {string} line */
function isTableLine(line) {
  return line.trimStart().startsWith('|');
}

/** @param {string} line */
function isSeparator(line) {
  return /^\s*\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*$/.test(line);
}

/**
 * Splits `| a | b |` into `['a', 'b']`; `\|` inside a cell is kept as `|`.
 * @param {string} line
 */
function splitRow(line) {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((cell) => cell.trim().replaceAll('\\|', '|'));
}
