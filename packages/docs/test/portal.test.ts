import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../src/static-server.mjs';
import { expandNavigation, launchChromium, openOffline } from './browser.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist');
const artifacts = path.resolve(here, '../../../test-results/docs');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

interface Operation {
  operationId: string;
  summary: string;
}

async function operationsOf(api: string): Promise<Operation[]> {
  const document = JSON.parse(await readFile(path.join(dist, `specs/${api}.json`), 'utf8'));
  const operations: Operation[] = [];
  for (const item of Object.values<Record<string, Operation>>(document.paths)) {
    for (const method of METHODS) if (item[method]) operations.push(item[method] as Operation);
  }
  return operations;
}

const apis: string[] = JSON.parse(
  await readFile(path.join(dist, 'specs/index.json'), 'utf8').catch(() => '[]'),
);

let browser: Browser;
let server: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  server = await serveStatic({ root: dist });
  browser = await launchChromium();
  await mkdir(artifacts, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('docs portal, offline in headless Chromium', () => {
  it('has an index that lists every API', async () => {
    expect(apis.length).toBeGreaterThan(0);
    const { page, aborted, errors } = await openOffline(browser);
    await page.goto(`${server.url}/index.html`, { waitUntil: 'networkidle' });
    for (const api of apis) {
      await expect(page.locator(`#${api} h2 a`).getAttribute('href')).resolves.toBe(`./${api}.html`);
      const count = Number(await page.locator(`#${api} .count`).textContent());
      expect(count).toBe((await operationsOf(api)).length);
    }
    await page.screenshot({ path: path.join(artifacts, 'index.png'), fullPage: true });
    expect(aborted).toEqual([]);
    expect(errors).toEqual([]);
  });

  for (const api of apis) {
    it(`renders the ${api} reference with every operation`, async () => {
      const { page, aborted, errors } = await openOffline(browser);
      await page.goto(`${server.url}/${api}.html`, { waitUntil: 'networkidle' });
      // Open every group of the navigation, then every operation must be listed by its summary
      // (linked as #/<tag>/<operationid>), and its deep link must open the operation.
      const links = await expandNavigation(page);
      for (const operation of await operationsOf(api)) {
        const link = links.find((candidate) =>
          candidate.href.endsWith(`/${operation.operationId.toLowerCase()}`),
        );
        expect(link, `${operation.operationId} is in the navigation`).toBeDefined();
        expect(link?.text).toContain(operation.summary);
      }
      await page.screenshot({ path: path.join(artifacts, `${api}.png`) });
      expect(aborted).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});
