// The README's behaviour table is generated from the resource models the mock builds; it must
// match what the current specs and behaviour declarations produce.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { behaviourTable, TABLE_END, TABLE_START } from '../src/apis/behaviour-table.js';
import { loadApis } from '../src/core/specs.js';
import { SPECS_DIR } from './requests.js';

it('the README lists every operation with its current behaviour', () => {
  const readme = readFileSync(
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md'),
    'utf8',
  );
  const section = readme.slice(readme.indexOf(TABLE_START), readme.indexOf(TABLE_END) + TABLE_END.length);
  const apis = loadApis(SPECS_DIR);
  const expected = behaviourTable(apis);
  // One row per operation of every API.
  const rows = expected.split('\n').filter((line) => line.startsWith('| `'));
  const operations = apis.reduce(
    (sum, api) =>
      sum +
      Object.values(api.document.paths).flatMap((item) =>
        Object.keys(item).filter((key) => ['get', 'put', 'post', 'patch', 'delete'].includes(key)),
      ).length,
    0,
  );
  expect(rows).toHaveLength(operations);
  expect(section, 'stale: run `pnpm --filter @lms-apis/mock-server behaviours`').toBe(expected);
});
