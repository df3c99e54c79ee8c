// The `test` kind takes no real time: no sleep over 50 ms, no wall-clock bound. Tests move a clock
// (client-core's manualClock(), vitest's fake timers); what must measure time is a load test.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkTestKind, findWaits, testKindFiles } from '../src/wait-check.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
/** Nothing is exempt: the mock's tests move its ManualClock, the clients' client-core's. */
const EXEMPT: string[] = [];

describe('no real waits in the test kind', () => {
  it('finds sleeps over 50 ms, delays it cannot read, and wall-clock measurements', () => {
    const source = readFileSync(path.join(here, 'fixtures/waits.txt'), 'utf8');
    expect(findWaits(source).map(({ line, why }) => `${line}: ${why}`)).toEqual([
      '1: setTimeout of 2100 ms',
      '3: setTimeout of 2000 ms',
      '4: sleep with a delay that is not a literal',
      '5: setTimeout of 100 ms',
      '6: measures wall-clock time',
    ]);
  });

  it('looks at every test-kind file and none other', () => {
    const files = testKindFiles(root, EXEMPT);
    expect(files).toContain('packages/client-core/test/retry.test.ts');
    expect(files).toContain('packages/client-core/test/fake-fetch.ts');
    expect(files).toContain('packages/docs/test/postman-run.test.ts');
    expect(files.some((file) => file.endsWith('.browser.test.ts') || file.endsWith('.load.test.ts'))).toBe(
      false,
    );
    expect(files).not.toContain('packages/docs/test/harness.browser.ts');
    expect(files).toContain('packages/mock-server/test/session-control.test.ts');
    expect(files).not.toContain('packages/mock-server/test/leak.load.test.ts');
  });

  it('no test-kind file waits more than 50 ms or measures wall-clock time', () => {
    expect(checkTestKind(root, EXEMPT)).toEqual([]);
  });
});
