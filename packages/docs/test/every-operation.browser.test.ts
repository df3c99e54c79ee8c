// Every operation of every API, sent from its reference page's request console with the values
// the console prefills (the spec's examples), in one headless Chromium with one page per API. The
// mock's journal (`GET /_requests`) must then hold each operation, sent with its path parameters
// filled in and answered with a status the spec documents for it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listApis } from '@lms-apis/codegen/specs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  firstOperationLink,
  openOffline,
  PORTAL_DIST,
  usePortalWithMock,
  visit,
  waitOn,
} from './harness.browser.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface JournalEntry {
  api: string;
  operationId: string;
  method: string;
  path: string;
  query: string;
  status: number;
}

const run = usePortalWithMock();

/** Each operation of the bundle with the statuses it documents. */
async function operationsOf(api: string) {
  const document = JSON.parse(await readFile(path.join(PORTAL_DIST, `specs/${api}.json`), 'utf8'));
  const operations: Array<{
    id: string;
    operationId: string;
    method: string;
    path: string;
    statuses: string[];
  }> = [];
  for (const [route, item] of Object.entries<Record<string, { operationId?: string; responses?: object }>>(
    document.paths,
  )) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation?.operationId) continue;
      const { operationId } = operation;
      const statuses = Object.keys(operation.responses ?? {});
      operations.push({ id: operationId.toLowerCase(), operationId, method, path: route, statuses });
    }
  }
  return operations;
}

/** A status is documented when the operation lists it, its class (`4XX`) or `default`. */
function documented(status: number, statuses: string[]) {
  return statuses.some(
    (code) => code === String(status) || code === `${String(status)[0]}XX` || code === 'default',
  );
}

/** Show one operation in the open console and press Execute; the status the console shows. */
async function send(page: Page, panel: Locator, operation: { id: string; method: string; path: string }) {
  await panel.locator('.lms-console-operation').selectOption(operation.id);
  const block = panel.locator(`.opblock-${operation.method}`).filter({
    has: page.locator(`[data-path="${operation.path}"]`),
  });
  await block.waitFor({ state: 'visible', timeout: 15_000 });
  const clear = block.locator('.btn-clear');
  if (await clear.isVisible()) await clear.click();
  await block.locator('.btn.execute').click();
  const answer = block.locator('.live-responses-table tbody tr.response').first();
  await answer.waitFor({ state: 'visible', timeout: 15_000 });
  return Number.parseInt((await answer.locator('.response-col_status').textContent()) ?? '', 10);
}

describe('every operation, sent from its reference page', () => {
  for (const api of listApis().map((info) => info.api)) {
    it(`${api}: each operation reaches the mock with its path filled and a documented answer`, async () => {
      const operations = await operationsOf(api);
      const { page, aborted } = await openOffline(run.browser);
      const before = (await (await fetch(`${run.mock.url}/_requests`)).json()).requests as Array<{
        seq: number;
      }>;
      const since = before.at(-1)?.seq ?? 0;
      await visit(page, `${run.portal.url}/${api}.html`);
      // As a reader does: follow the deep link of the first operation in Redoc's navigation.
      const first = await firstOperationLink(page);
      await visit(page, `${run.portal.url}/${api}.html${first}`);
      await waitOn(page, 'the first "Try it" button to take a click', () =>
        page.locator('.lms-try').first().click(),
      );
      const panel = page.locator('#lms-console');
      await waitOn(page, 'the console to say the mock is running', () =>
        expect.poll(() => panel.locator('.lms-console-status').textContent()).toContain('is running'),
      );
      const shown: Record<string, number> = {};
      for (const operation of operations)
        shown[operation.operationId] = await waitOn(page, `${operation.operationId}'s answer`, () =>
          send(page, panel, operation),
        );

      const journal = (
        await (await fetch(`${run.mock.url}/_requests?api=${api}&since=${since}&limit=1000`)).json()
      ).requests as JournalEntry[];
      const problems: string[] = [];
      for (const operation of operations) {
        const entry = journal.find((item) => item.operationId === operation.operationId);
        if (!entry)
          problems.push(
            `${operation.operationId}: not in the journal (the page showed ${shown[operation.operationId]})`,
          );
        else if (/[{}]|%7B|%7D/i.test(entry.path))
          problems.push(`${operation.operationId}: sent ${entry.path}`);
        else if ([...new URLSearchParams(entry.query).values()].includes(''))
          problems.push(`${operation.operationId}: sent an empty parameter (${entry.query})`);
        else if (!documented(entry.status, operation.statuses))
          problems.push(
            `${operation.operationId}: ${entry.status} is not one of ${operation.statuses.join(', ')}`,
          );
        else if (entry.status !== shown[operation.operationId])
          problems.push(
            `${operation.operationId}: the mock answered ${entry.status}, the page showed ${shown[operation.operationId]}`,
          );
      }
      const ok = operations.length - problems.length;
      const classes = journal.reduce<Record<string, number>>((count, entry) => {
        const key = `${String(entry.status)[0]}xx`;
        count[key] = (count[key] ?? 0) + 1;
        return count;
      }, {});
      process.stdout.write(
        `${api}: ${operations.length} sent from the page, ${ok} ok ${JSON.stringify(classes)}\n`,
      );
      expect(problems).toEqual([]);
      expect(aborted).toEqual([]);
    }, 240_000);
  }
});
