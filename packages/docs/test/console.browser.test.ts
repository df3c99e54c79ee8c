// The request console on the reference pages, in headless Chromium with every non-loopback
// request aborted: a reader sends operations to the stateful mock through the portal's forwarder
// and sees the answers; without a mock (or without the forwarder) the console says so plainly.
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type RunningMockServer, startMockServer } from '@lms-apis/mock-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../src/static-server.mjs';
import {
  ARTIFACTS,
  closePagesAfterTest,
  launchChromium,
  openOffline,
  PORTAL_DIST,
  visit,
} from './harness.browser.js';

let browser: Browser;
let mock: RunningMockServer;
let portal: Awaited<ReturnType<typeof serveStatic>>;
let portalWithoutMock: Awaited<ReturnType<typeof serveStatic>>;
let plainServer: { url: string; server: Server };

beforeAll(async () => {
  [mock, browser] = await Promise.all([startMockServer({ port: 0, mode: 'stateful' }), launchChromium()]);
  portal = await serveStatic({ root: PORTAL_DIST, mock: mock.url });
  portalWithoutMock = await serveStatic({ root: PORTAL_DIST });
  plainServer = await servePlainFiles(PORTAL_DIST);
  await mkdir(ARTIFACTS, { recursive: true });
});

afterEach((context) => closePagesAfterTest(browser, context));

afterAll(async () => {
  await browser?.close();
  await Promise.all([
    portal?.close(),
    portalWithoutMock?.close(),
    mock?.close(),
    new Promise((resolve) => (plainServer ? plainServer.server.close(resolve) : resolve(undefined))),
  ]);
});

/** Any static file server: the built portal served without the forwarder. */
async function servePlainFiles(root: string) {
  const server = createServer(async (req, res) => {
    const file = path.join(root, new URL(req.url ?? '/', 'http://x').pathname);
    const info = await stat(file).catch(() => undefined);
    if (!file.startsWith(root) || !info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404 Not Found</h1>');
      return;
    }
    const type = {
      '.html': 'text/html',
      '.css': 'text/css',
      '.js': 'text/javascript',
      '.json': 'application/json',
      '.svg': 'image/svg+xml',
    }[path.extname(file)];
    res.writeHead(200, type ? { 'content-type': type } : {});
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const consolePanel = (page: Page) => page.locator('#lms-console');

/** An operation's link in Redoc's navigation (`#/<tag>/<operationid>`). */
const navigationLink = (page: Page, operationId: string) =>
  page.locator(`[data-component-name="Menu/MenuItem"] a[href$="/${operationId}"]`).first();

/** Open an operation's deep link (`#/<tag>/<operationid>`) and its "Try it" console. */
async function openConsole(page: Page, url: string, deepLink: string) {
  await visit(page, `${url}${deepLink}`);
  const operationId = deepLink.split('/').pop() ?? '';
  await page.locator(`.lms-try[data-operation="${operationId}"]`).click();
  const panel = consolePanel(page);
  await panel.locator('.opblock').first().waitFor({ state: 'visible', timeout: 15_000 });
  await expect(panel.locator('.lms-console-operation').inputValue()).resolves.toBe(operationId);
  return panel;
}

/** Press Execute and read the answer Swagger UI shows: status, headers and body. */
async function execute(page: Page) {
  const panel = consolePanel(page);
  const answer = panel.locator('.live-responses-table tbody tr.response').first();
  // A second Execute replaces the answer: clear the first, so the wait is for the new one.
  const clear = panel.locator('.btn-clear');
  if (await clear.isVisible()) await clear.click();
  await panel.locator('.btn.execute').click();
  await answer.waitFor({ state: 'visible', timeout: 15_000 });
  await answer.scrollIntoViewIfNeeded();
  // The code, then "Undocumented" for a status the spec does not list.
  const status = Number.parseInt((await answer.locator('.response-col_status').textContent()) ?? '', 10);
  const details = answer.locator('.response-col_description');
  const body = (await details.locator('.highlight-code pre').first().textContent()) ?? '';
  return { status, body, details: (await details.textContent()) ?? '' };
}

/**
 * Page errors and console errors, less the line Chromium logs for every 4xx/5xx answer to a fetch:
 * the console's 401, 404 and 503 answers are what these tests ask for.
 */
function unexpected(errors: string[]) {
  return errors.filter(
    (error) =>
      !/^console: Failed to load resource: the server responded with a status of [45]\d\d\b/.test(error),
  );
}

/** Everything in the page's local and session storage. */
function storage(page: Page) {
  return page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
}

async function photograph(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, name), animations: 'disabled' });
}

describe('request console, offline in headless Chromium', () => {
  it('creates a Skilljar course with the prefilled request, then lists it', async () => {
    const { page, aborted, errors } = await openOffline(browser);
    // As a reader would: go to the operation in Redoc's navigation, then open the console on it.
    await visit(page, `${portal.url}/skilljar.html`);
    await page
      .locator('.menu-item-type-group > a')
      .filter({ hasText: /^courses$/ })
      .click();
    await navigationLink(page, 'createcourse').click();
    await page.getByRole('button', { name: 'Try it: Create a course, against the mock' }).click();
    const panel = consolePanel(page);
    await panel.locator('.opblock-post').waitFor({ state: 'visible', timeout: 15_000 });
    await expect(panel.locator('.lms-console-operation').inputValue()).resolves.toBe('createcourse');
    await expect.poll(() => panel.locator('.lms-console-status').textContent()).toContain('is running');
    await expect(panel.locator('.lms-console-credentials').textContent()).resolves.toContain(
      'Mock test credentials',
    );
    // The body is prefilled from the spec's example, and editable: give the course our own title.
    const body = panel.locator('textarea.body-param__text');
    const example = JSON.parse(await body.inputValue());
    expect(example.title).toBeTruthy();
    const title = `Console course ${Date.now()}`;
    await body.fill(JSON.stringify({ ...example, title }, null, 2));
    const created = await execute(page);
    expect(created.status).toBe(201);
    const course = JSON.parse(created.body);
    expect(course).toMatchObject({ title });
    expect(created.details).toMatch(/Response headers.*content-type: application\/json/s);
    await photograph(page, 'console-skilljar-create.png');

    // Escape closes the console; the next operation's own "Try it" opens it on that one.
    await page.keyboard.press('Escape');
    await expect(panel.isHidden()).resolves.toBe(true);
    await navigationLink(page, 'listcourses').click();
    await page.getByRole('button', { name: 'Try it: List courses, against the mock' }).click();
    await panel.locator('.opblock-get').waitFor({ state: 'visible' });
    await expect(panel.locator('.lms-console-operation').inputValue()).resolves.toBe('listcourses');
    const listed = await execute(page);
    expect(listed.status).toBe(200);
    const ids = JSON.parse(listed.body).results.map((item: { id: string }) => item.id);
    expect(ids).toContain(course.id);
    await photograph(page, 'console-skilljar-list.png');

    // It went through the forwarder to this mock, with the prefilled mock test credentials.
    const journal = await (await fetch(`${mock.url}/_requests?api=skilljar`)).json();
    const post = journal.requests.find(
      (entry: { operationId: string; status: number }) =>
        entry.operationId === 'createCourse' && entry.status === 201,
    );
    expect(post, 'the mock answered the POST').toBeDefined();
    // The console keeps nothing beyond the page: storage holds Redoc's view state, no more.
    const kept = await storage(page);
    expect(
      [...Object.keys(kept.local), ...Object.keys(kept.session)].filter((key) => !key.startsWith('redoc.')),
    ).toEqual([]);
    const stored = JSON.stringify(kept);
    expect(stored).not.toContain('your-api-key');
    expect(stored).not.toContain(title);
    expect(aborted).toEqual([]);
    expect(unexpected(errors)).toEqual([]);
  });

  it('answers 401 on Thrive once the mock test credentials are removed', async () => {
    const { page, aborted, errors } = await openOffline(browser);
    const panel = await openConsole(page, `${portal.url}/thrive.html`, '#/assignments/listassignments');
    await expect.poll(() => panel.locator('.lms-console-status').textContent()).toContain('is running');
    expect((await execute(page)).status).toBe(200);

    await panel.locator('.btn.authorize').first().click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    await dialog.waitFor({ state: 'visible' });
    await photograph(page, 'console-thrive-authorize.png');
    // Swagger UI names its Logout button "Remove authorization".
    const logout = dialog.getByRole('button', { name: 'Remove authorization' });
    await expect(logout.count()).resolves.toBe(1);
    await logout.click();
    await dialog.locator('button.close-modal').click();
    const refused = await execute(page);
    expect(refused.status).toBe(401);
    await photograph(page, 'console-thrive-401.png');
    expect(aborted).toEqual([]);
    expect(unexpected(errors)).toEqual([]);
  });

  it("gets a Skilljar domain by its path parameter, and shows Skilljar's 401 body without credentials", async () => {
    const { page, aborted, errors } = await openOffline(browser);
    const panel = await openConsole(page, `${portal.url}/skilljar.html`, '#/domains/getdomain');
    const found = await execute(page);
    expect(found.status).toBe(200);
    const journal = await (await fetch(`${mock.url}/_requests?api=skilljar&operationId=getDomain`)).json();
    expect(journal.requests.at(-1).path).not.toMatch(/[{}]|%7B/i);

    await panel.locator('.btn.authorize').first().click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    await expect(dialog.textContent()).resolves.toContain('The mock accepts any API key');
    await dialog.getByRole('button', { name: 'Remove authorization' }).click();
    await dialog.locator('button.close-modal').click();
    // The mock's 401 carries WWW-Authenticate: Basic; the forwarder drops it, so the browser does
    // not hold the answer behind a login prompt and the body shows.
    const refused = await execute(page);
    expect(refused.status).toBe(401);
    expect(refused.body.length).toBeGreaterThan(2);
    expect(refused.details).not.toMatch(/www-authenticate/i);
    expect(aborted).toEqual([]);
    expect(unexpected(errors)).toEqual([]);
  });

  it('says plainly that the mock is not running, with the portal or any static server', async () => {
    for (const [name, server] of [
      ['portal', portalWithoutMock],
      ['plain', plainServer],
    ] as const) {
      const { page, aborted, errors } = await openOffline(browser);
      // Thrive's page is the lightest to render; the console is the same on every page.
      const panel = await openConsole(page, `${server.url}/thrive.html`, '#/assignments/listassignments');
      const status = panel.locator('.lms-console-status');
      await expect.poll(() => status.textContent()).toContain('The mock server is not running');
      await expect(status.textContent()).resolves.toContain('pnpm start');
      await expect(status.getAttribute('data-state')).resolves.toBe('error');
      await photograph(page, `console-not-running-${name}.png`);
      const answer = await execute(page);
      expect(answer.status, name).toBe(name === 'portal' ? 503 : 404);
      if (name === 'portal') expect(answer.body).toContain('The mock server is not running');
      expect(aborted).toEqual([]);
      expect(unexpected(errors)).toEqual([]);
    }
  });
});
