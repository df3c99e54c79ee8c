// axe-core 4 (injected into the page) on the index and on each reference page with the request
// panel open and an answer shown, at 1440 px and at 390 px: no serious or critical finding. At
// 390 px, nothing fixed sits over the reference text, and the open panel covers only itself.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { listApis } from '@lms-apis/codegen/specs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openOffline, PORTAL_DIST, usePortalWithMock, visit } from './harness.browser.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const run = usePortalWithMock();

/** Serious and critical findings, as `rule: html` lines. */
async function axeFindings(page: Page) {
  // The page as it settles: colours mid-transition are neither the old nor the new ones (Swagger
  // UI's buttons fade for 0.3 s, the Execute button from its default blue, which lacks contrast,
  // to the console's), so wait until no finite animation or transition runs.
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every(
          (animation) =>
            animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Infinity,
        ),
    undefined,
    { timeout: 5_000 },
  );
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as Array<{ id: string; impact: string; nodes: Array<{ html: string }> }>;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.html.slice(0, 160)}`));
}

/** The deep link of the API's first operation (Redoc: `#/<tag slug>/<operationid>`). */
async function firstOperation(api: string) {
  const document = JSON.parse(await readFile(path.join(PORTAL_DIST, `specs/${api}.json`), 'utf8'));
  const item =
    Object.values<Record<string, { operationId?: string; tags?: string[] }>>(document.paths)[0] ?? {};
  const operation = Object.values(item).find((candidate) => candidate?.operationId);
  const tag = (operation?.tags?.[0] ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `#/${tag}/${operation?.operationId?.toLowerCase()}`;
}

/** Open the operation's panel and send its prefilled request, so the answer is on the page too. */
async function openAndSend(page: Page, url: string) {
  await visit(page, url);
  await page.locator('.lms-try').first().click();
  const panel = page.locator('#lms-console');
  await panel.locator('.btn.execute').first().click();
  await panel.locator('.live-responses-table tbody tr.response').first().waitFor({ timeout: 15_000 });
  return panel;
}

describe('accessibility (axe-core 4, serious and critical)', () => {
  it('finds nothing on the index', async () => {
    const { page } = await openOffline(run.browser);
    await visit(page, `${run.portal.url}/index.html`);
    expect(await axeFindings(page)).toEqual([]);
  });

  for (const api of listApis().map((info) => info.api)) {
    it(`finds nothing on ${api}'s reference page with the request panel open, at 1440 and 390 px`, async () => {
      // One page, narrowed after the first check as a reader's window would be: the panel stays
      // open with its answer, and the layout follows the width through media queries.
      const { page } = await openOffline(run.browser);
      await page.setViewportSize({ width: 1440, height: 900 });
      await openAndSend(page, `${run.portal.url}/${api}.html${await firstOperation(api)}`);
      expect(await axeFindings(page), `${api} at 1440 px`).toEqual([]);
      await page.setViewportSize({ width: 390, height: 900 });
      await expect.poll(() => page.evaluate(() => document.documentElement.clientWidth)).toBe(390);
      expect(await axeFindings(page), `${api} at 390 px`).toEqual([]);
      // The curl command the console shows wraps within the narrow panel: the whole of it (URL,
      // credentials) is readable without scrolling sideways.
      const curl = page.locator('#lms-console .curl-command pre');
      expect(await curl.evaluate((pre) => pre.scrollWidth - pre.clientWidth), `${api}'s curl box`).toBe(0);
    });
  }
});

describe('at 390 px', () => {
  it('has nothing fixed over the reference, and the panel closes with Escape back to its button', async () => {
    const { page } = await openOffline(run.browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, `${run.portal.url}/thrive.html${await firstOperation('thrive')}`);
    // Fixed or sticky boxes that overlap the first operation's heading or its Try it button.
    const covering = await page.evaluate(() => {
      const targets = [
        document.querySelector('.lms-try'),
        document.querySelector('.lms-try')?.previousElementSibling,
      ];
      const boxes = targets.filter(Boolean).map((target) => (target as Element).getBoundingClientRect());
      return [...document.querySelectorAll('body *')]
        .filter((node) => ['fixed', 'sticky'].includes(getComputedStyle(node).position))
        .filter((node) => {
          const box = node.getBoundingClientRect();
          return boxes.some(
            (b) => box.left < b.right && box.right > b.left && box.top < b.bottom && box.bottom > b.top,
          );
        })
        .map((node) => node.outerHTML.slice(0, 120));
    });
    expect(covering).toEqual([]);
    const button = page.locator('.lms-try').first();
    await button.click();
    const panel = page.locator('#lms-console');
    const box = await panel.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);
    await page.keyboard.press('Escape');
    await expect(panel.isHidden()).resolves.toBe(true);
    await expect(button.evaluate((node) => node === document.activeElement)).resolves.toBe(true);
  });
});
