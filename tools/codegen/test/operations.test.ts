import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareOperations, parseOperationsTable } from '../src/operations.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(repoRoot, 'tools/codegen/bin/lms-codegen.js');
const factsTable = path.join(repoRoot, 'spec/skilljar/reference/seed-operations.md');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `lms-codegen` from the repo root, as `pnpm operations:skilljar` does. */
function run(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: repoRoot }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let tmp = '';
let table = '';

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lms-operations-'));
  table = await readFile(factsTable, 'utf8');
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function tableFile(name: string, markdown: string): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, markdown);
  return file;
}

describe('lms-codegen operations', () => {
  it('lists every operation of the Skilljar bundle with its operationId', async () => {
    const { code, stdout } = await run('operations', 'skilljar');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(132);
    expect(lines).toContain('GET /v1/assets listAssets');
    expect(lines).toContain('DELETE /v1/promo-code-pools/{promo_code_pool_id} deletePromoCodePool');
    expect(lines).toContain('POST /v1/web-packages/{web_package_id}/lessons replaceWebPackageLessons');
    expect(lines.at(-1)).toBe('131 operations in spec/skilljar/dist/openapi.json');
  });

  it('finds all 131 seed operations of both tables in the bundle, and nothing else', async () => {
    const { code, stdout, stderr } = await run(
      'operations',
      'skilljar',
      '--check',
      'spec/skilljar/reference/seed-operations.md',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('POST /v1/users/{user_id}/anonymize anonymizeUser  <- users > anonymize\n');
    expect(stdout).toContain(
      'POST /v1/web-packages/{web_package_id}/lessons replaceWebPackageLessons  <- web-packages > lessons',
    );
    expect(stdout).toContain('131/131 table operations present, 0 missing, 0 extra');
  });

  it('fails on a table row the bundle does not have, naming it', async () => {
    const file = await tableFile(
      'extra-row.md',
      `${table.trimEnd()}\n| ghosts > list | \`GET /v1/ghosts\` |\n`,
    );
    const { code, stdout, stderr } = await run('operations', 'skilljar', '--check', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^missing: GET \/v1\/ghosts \(.*extra-row\.md:\d+, ghosts > list\) is not in /m);
    expect(stdout).toContain('131/132 table operations present, 1 missing, 0 extra');
  });

  it('fails on a bundle operation the table lacks, naming it', async () => {
    const file = await tableFile(
      'missing-row.md',
      table.replace('| webhooks > create | `POST /v1/webhooks` |\n', ''),
    );
    const { code, stdout, stderr } = await run('operations', 'skilljar', '--check', file);
    expect(code).toBe(1);
    expect(stderr).toContain('extra: POST /v1/webhooks createWebhook is in spec/skilljar/dist/openapi.json');
    expect(stdout).toContain('130/130 table operations present, 0 missing, 1 extra');
  });

  it('reads the second table too: without its row the new operation is reported extra', async () => {
    const withoutSecond = table.slice(0, table.indexOf('## In the seed, not in the facts table'));
    expect(withoutSecond).not.toBe(table);
    const file = await tableFile('facts-only.md', withoutSecond);
    const { code, stdout, stderr } = await run('operations', 'skilljar', '--check', file);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'extra: POST /v1/web-packages/{web_package_id}/lessons replaceWebPackageLessons is in spec/skilljar/dist/openapi.json',
    );
    expect(stdout).toContain('130/130 table operations present, 0 missing, 1 extra');
  });

  it('fails on a row repeated across the two tables', async () => {
    const file = await tableFile(
      'repeated-across-tables.md',
      `${table.trimEnd()}\n| webhooks > create again | \`POST /v1/webhooks\` | repeated |\n`,
    );
    const { code, stderr } = await run('operations', 'skilljar', '--check', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^duplicate: POST \/v1\/webhooks \(.*repeated-across-tables\.md:\d+\) repeats an earlier row$/m,
    );
  });

  it('fails on a duplicated row', async () => {
    const file = await tableFile('duplicate-row.md', `${table.trimEnd()}\n| again | \`GET /v1/ping\` |\n`);
    const { code, stderr } = await run('operations', 'skilljar', '--check', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^duplicate: GET \/v1\/ping \(.*duplicate-row\.md:\d+\) repeats an earlier row$/m);
  });

  it('rejects a row without a method and path instead of skipping it', async () => {
    const file = await tableFile('malformed-row.md', `${table.trimEnd()}\n| ping > ping | GET the ping |\n`);
    const { code, stderr } = await run('operations', 'skilljar', '--check', file);
    expect(code).toBe(1);
    expect(stderr).toContain('expected `METHOD /path` in the "method and path" column, got "GET the ping"');
  });

  it('rejects bad arguments and unknown APIs', async () => {
    expect((await run('operations')).code).toBe(2);
    expect((await run('operations', 'skilljar', '--chek', 'x')).code).toBe(2);
    const unknown = await run('operations', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown API "nope"');
  });
});

describe('parseOperationsTable and compareOperations', () => {
  const markdown = [
    '# Facts',
    '',
    '| seed heading | method and path |',
    '|---|---|',
    '| a > list | `GET /v1/a` |',
    '| a > create | `POST /v1/a` |',
    '',
    'After the table.',
  ].join('\n');

  it('reads the rows of the "method and path" column with their line numbers', () => {
    expect(parseOperationsTable(markdown, 'facts.md')).toEqual([
      { method: 'GET', path: '/v1/a', label: 'a > list', line: 5 },
      { method: 'POST', path: '/v1/a', label: 'a > create', line: 6 },
    ]);
  });

  it('reads the rows of every such table, skipping tables without the column', () => {
    const twoTables = [
      markdown,
      '',
      '| other | columns |',
      '|---|---|',
      '| not | read |',
      '',
      '| heading | method and path | why |',
      '|---|---|---|',
      '| b > act | `POST /v1/b/{id}/act` | inferred |',
    ].join('\n');
    expect(parseOperationsTable(twoTables, 'facts.md')).toEqual([
      { method: 'GET', path: '/v1/a', label: 'a > list', line: 5 },
      { method: 'POST', path: '/v1/a', label: 'a > create', line: 6 },
      { method: 'POST', path: '/v1/b/{id}/act', label: 'b > act | inferred', line: 16 },
    ]);
  });

  it('needs such a table', () => {
    expect(() => parseOperationsTable('| a | b |\n|---|---|\n| x | y |\n', 'facts.md')).toThrow(
      'facts.md: no markdown table with a "method and path" column.',
    );
  });

  it('matches method and path exactly', () => {
    const rows = parseOperationsTable(markdown);
    const result = compareOperations(
      [
        { method: 'GET', path: '/v1/a', operationId: 'listA' },
        { method: 'PUT', path: '/v1/a', operationId: 'updateA' },
      ],
      rows,
    );
    expect(result.present.map(({ operation }) => operation.operationId)).toEqual(['listA']);
    expect(result.missing).toEqual([rows[1]]);
    expect(result.extra).toEqual([{ method: 'PUT', path: '/v1/a', operationId: 'updateA' }]);
    expect(result.duplicates).toEqual([]);
  });
});
