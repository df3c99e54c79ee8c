// Writes the behaviour table into README.md (`--check`: fails when the README's table is stale).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { behaviourTable, TABLE_END, TABLE_START } from '../dist/apis/behaviour-table.js';
import { loadApis } from '../dist/core/specs.js';

const readme = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md');
const text = await readFile(readme, 'utf8');
const start = text.indexOf(TABLE_START);
const end = text.indexOf(TABLE_END);
if (start === -1 || end === -1) throw new Error(`README.md lacks the behaviour-table markers.`);
const next = `${text.slice(0, start)}${behaviourTable(loadApis())}${text.slice(end + TABLE_END.length)}`;
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error(
      'The behaviour table in packages/mock-server/README.md is stale: run `pnpm --filter @lms-apis/mock-server behaviours`.',
    );
    process.exit(1);
  }
  console.log('behaviour table is current');
} else {
  await writeFile(readme, next);
  console.log('wrote the behaviour table to packages/mock-server/README.md');
}
