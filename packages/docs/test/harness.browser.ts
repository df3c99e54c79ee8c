import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningMockServer, startMockServer } from '@lms-apis/mock-server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, type TestContext } from 'vitest';
import { serveStatic } from '../src/static-server.mjs';

/** The built portal (`pnpm build`). */
export const PORTAL_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

/** Debian's Chromium, never a downloaded browser. Override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface OfflinePage {
  page: Page;
  /** Requests to anything but loopback, which were aborted. */
  aborted: string[];
  /** Uncaught exceptions and console errors of the page. */
  errors: string[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A page that may talk to loopback only: every other request is aborted and recorded. */
export async function openOffline(browser: Browser): Promise<OfflinePage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const aborted: string[] = [];
  const errors: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !LOOPBACK.has(url.hostname)) {
      aborted.push(url.href);
      return route.abort('blockedbyclient');
    }
    if (
      url.protocol !== 'http:' &&
      url.protocol !== 'https:' &&
      url.protocol !== 'data:' &&
      url.protocol !== 'blob:'
    ) {
      aborted.push(url.href);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return { page, aborted, errors };
}

/**
 * Opens `url` in `page` and returns once the page has settled: its load event, then two idle
 * periods of its main thread, so what renders after the first paint (Redoc's lazy parts, the
 * console's "Try it" buttons, the mock URL from `portal-env.json`) has run. Not Playwright's
 * `networkidle`, which waits until nothing has been in flight for 500 ms: 0.7-0.9 s after the load
 * event on these offline pages, about 18 s of the browser kind's 131 s alone. A change of hash on
 * the open page is a same-document navigation: it settles without a reload.
 */
export async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        // The timeout keeps a page that is never idle (a render loop) from hanging the wait; the
        // test's own waits then say what did not happen.
        const idle = (then: () => void) => requestIdleCallback(then, { timeout: 2_000 });
        idle(() => idle(resolve));
      }),
  );
}

const CLOSED_ICON = '[data-component-name="icons/ChevronRightIcon/ChevronRightIcon"]';

/**
 * Redoc 3 renders a group's operations in the navigation only while the group is open (opening
 * one may close another): open every group, nested ones as their parents open, and collect every
 * operation link seen on the way. The walk runs inside the page, clicking as a reader does and
 * waiting a frame at a time for each group to render open: one round trip instead of several per
 * group (Skilljar has 50), which took ~20 s of Playwright calls.
 */
export async function expandNavigation(
  page: Page,
  { untilFirstOperation = false } = {},
): Promise<Array<{ href: string; text: string }>> {
  const walk = page.evaluate(
    async ({ closedIcon, untilFirstOperation }) => {
      const seen = new Map<string, string>();
      const collect = () => {
        for (const a of document.querySelectorAll('[data-component-name="Menu/MenuItem"] a[href^="#/"]'))
          seen.set(a.getAttribute('href') ?? '', a.textContent ?? '');
      };
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const groupLink = (href: string) =>
        [...document.querySelectorAll<HTMLAnchorElement>('.menu-item-type-group > a[href]')].find(
          (a) => a.getAttribute('href') === href,
        );
      const stuck: string[] = [];
      const opened = new Set<string>();
      collect();
      rounds: for (let round = 0; round < 10; round += 1) {
        const fresh = [...document.querySelectorAll('.menu-item-type-group > a[href]')]
          .map((a) => a.getAttribute('href') ?? '')
          .filter((href) => href && !opened.has(href));
        if (fresh.length === 0) break;
        for (const href of fresh) {
          opened.add(href);
          if (groupLink(href)?.querySelector(closedIcon)) {
            groupLink(href)?.click();
            // Collect only once the group has rendered open, or a busy machine loses its operations.
            // At most 600 frames (10 s at 60 fps; frames, not a clock, bound the wait).
            for (let frames = 0; groupLink(href)?.querySelector(closedIcon); frames += 1) {
              if (frames === 600) {
                stuck.push(href);
                break;
              }
              await frame();
            }
          }
          collect();
          if (untilFirstOperation && [...seen.keys()].some((link) => link.split('/').length === 3))
            break rounds;
        }
      }
      return { links: [...seen].map(([href, text]) => ({ href, text })), stuck };
    },
    { closedIcon: CLOSED_ICON, untilFirstOperation },
  );
  const { links, stuck } = await waitOn(page, 'every navigation group to open', () => walk);
  if (stuck.length > 0)
    throw new Error(`${page.url()}: gave up waiting for the navigation groups ${stuck.join(', ')} to open`);
  return links;
}

/** The deep link (`#/<tag>/<operationid>`) of the first operation in Redoc's navigation. */
export async function firstOperationLink(page: Page): Promise<string> {
  const links = await expandNavigation(page, { untilFirstOperation: true });
  const first = links.find((link) => link.href.split('/').length === 3);
  if (!first) throw new Error(`${page.url()}: the navigation lists no operation`);
  return first.href;
}

/**
 * Awaits a wait on the page. When it fails (a Playwright timeout, an `expect.poll` that never
 * passed), the error says which page, what was awaited, and whether the page was still alive:
 * running scripts and painting frames (Playwright's click waits on animation frames, so a page
 * that stopped painting fails every click with only "waiting for element to be stable").
 */
export async function waitOn<T>(page: Page, what: string, wait: () => Promise<T>): Promise<T> {
  try {
    return await wait();
  } catch (error) {
    const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new Error(`${page.url()}: gave up waiting for ${what} (${detail}; ${await liveness(page)})`, {
      cause: error,
    });
  }
}

/** Whether the page answers a script within 2 s, and paints a frame within 1 s of that. */
async function liveness(page: Page): Promise<string> {
  if (page.isClosed()) return 'the page was closed';
  let timer: NodeJS.Timeout | undefined;
  const probe = page
    .evaluate(
      () =>
        new Promise<string>((resolve) => {
          const state = `scripts run, ${document.visibilityState}, scrolled to ${Math.round(scrollY)}`;
          requestAnimationFrame(() => resolve(`${state}, frames painted`));
          setTimeout(() => resolve(`${state}, no frame painted in 1 s`), 1_000);
        }),
    )
    .catch(
      (error: unknown) => `the page could not be probed: ${error instanceof Error ? error.message : error}`,
    );
  const silent = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('the page ran no script in 2 s'), 2_000);
  });
  return Promise.race([probe, silent]).finally(() => clearTimeout(timer));
}

/** Where browser tests leave screenshots (the browser kind's turbo output). */
export const ARTIFACTS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test-results/docs',
);

/**
 * What every browser file's `afterEach` does: when the test failed, report each page it left open
 * (its URL and whether it was alive on stderr, a screenshot in ARTIFACTS), so a CI log shows the
 * page a failure happened on, not only the selector Playwright was waiting for; then close the
 * test's pages, all but the contexts in `keep` (pages a later test goes on with).
 */
export async function closePagesAfterTest(
  browser: Browser | undefined,
  context: TestContext,
  keep: ReadonlySet<BrowserContext> = new Set(),
) {
  if (!browser) return;
  if (context.task.result?.state === 'fail') await reportPages(browser, context.task.name);
  await Promise.all(
    browser
      .contexts()
      .filter((browserContext) => !keep.has(browserContext))
      .map((browserContext) => browserContext.close()),
  );
}

async function reportPages(browser: Browser, testName: string) {
  await mkdir(ARTIFACTS, { recursive: true });
  const pages = browser.contexts().flatMap((browserContext) => browserContext.pages());
  for (const [index, page] of pages.entries()) {
    const shot = path.join(ARTIFACTS, `failed-${testName.replace(/\W+/g, '-').slice(0, 60)}-${index}.png`);
    const saved = await page
      .screenshot({ path: shot, timeout: 5_000 })
      .then(() => `screenshot ${path.relative(process.cwd(), shot)}`)
      .catch(() => 'no screenshot');
    process.stderr.write(`"${testName}" failed on ${page.url()}: ${await liveness(page)}; ${saved}\n`);
  }
}

/** What a browser test file runs against: Chromium, a stateful mock and the built portal forwarding to it. */
export interface PortalRun {
  browser: Browser;
  mock: RunningMockServer;
  portal: Awaited<ReturnType<typeof serveStatic>>;
}

/**
 * For the test file's duration: the built portal served beside a stateful mock on a free port
 * (not the default 4010 the pages were built with) and one Chromium; each test's pages closed
 * after it. Read the parts from the returned object inside tests, once `beforeAll` has run.
 */
export function usePortalWithMock(): PortalRun {
  const run = {} as PortalRun;
  beforeAll(async () => {
    [run.mock, run.browser] = await Promise.all([
      startMockServer({ port: 0, mode: 'stateful' }),
      launchChromium(),
    ]);
    run.portal = await serveStatic({ root: PORTAL_DIST, mock: run.mock.url });
  });
  afterEach((context) => closePagesAfterTest(run.browser, context));
  afterAll(async () => {
    await run.browser?.close();
    await Promise.all([run.portal?.close(), run.mock?.close()]);
  });
  return run;
}
