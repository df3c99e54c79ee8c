import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../src/static-server.mjs';
import {
  ARTIFACTS,
  closePagesAfterTest,
  expandNavigation,
  launchChromium,
  type OfflinePage,
  openOffline,
  PORTAL_DIST,
  visit,
  waitOn,
} from './harness.browser.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

interface Operation {
  operationId: string;
  summary: string;
  tags?: string[];
  method: string;
  path: string;
  'x-provenance'?: { source: string; note?: string };
  'x-codeSamples'?: Array<{ lang: string; label: string; source: string }>;
}

async function documentOf(api: string) {
  return JSON.parse(await readFile(path.join(PORTAL_DIST, `specs/${api}.json`), 'utf8'));
}

async function operationsOf(api: string): Promise<Operation[]> {
  const document = await documentOf(api);
  const operations: Operation[] = [];
  for (const [pathTemplate, item] of Object.entries<Record<string, Operation>>(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) operations.push({ ...operation, method, path: pathTemplate });
    }
  }
  return operations;
}

const POSTMAN_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: { method: string; url: { host: string[]; path: string[] } };
  event?: Array<{ listen: string; script: { exec: string[] } }>;
}

/**
 * What Postman's v2.1 format requires of what we generate (the schema itself is only online):
 * `info` with the name and schema, `item` as folders of requests, each request with a method and
 * a URL on `{{baseUrl}}`, a `test` script, and `baseUrl` declared as a collection variable.
 */
function expectPostmanCollection(
  collection: unknown,
  document: { info: { title: string } },
  operations: number,
) {
  const { info, item, variable } = collection as {
    info: { name: string; schema: string };
    item: PostmanItem[];
    variable: Array<{ key: string; value: string }>;
  };
  expect(info).toMatchObject({ name: document.info.title, schema: POSTMAN_V21 });
  expect(variable.map((entry) => entry.key)).toContain('baseUrl');
  const requests: PostmanItem[] = [];
  const walk = (items: PostmanItem[]) => {
    for (const entry of items) {
      expect(typeof entry.name).toBe('string');
      if (entry.item) walk(entry.item);
      else requests.push(entry);
    }
  };
  walk(item);
  expect(requests).toHaveLength(operations);
  for (const request of requests) {
    expect(METHODS).toContain(request.request?.method.toLowerCase());
    expect(request.request?.url.host).toEqual(['{{baseUrl}}']);
    expect(request.event?.find((event) => event.listen === 'test')?.script.exec.join('\n')).toMatch(
      /pm\.expect\(pm\.response\.code\)\.to\.be\.oneOf\(\[\d{3}/,
    );
  }
}

/** The operation furthest down the page: landing on it proves the page scrolled. */
async function lastOperationOf(api: string): Promise<Operation> {
  const operations = await operationsOf(api);
  return operations[operations.length - 1] as Operation;
}

const apis: string[] = JSON.parse(
  await readFile(path.join(PORTAL_DIST, 'specs/index.json'), 'utf8').catch(() => '[]'),
);

interface PageMetrics {
  page: string;
  htmlKB: number;
  totalKB: number;
  /** Navigation start to the page being ready: Redoc hydrated with its navigation (or `load`). */
  renderMs: number;
}

const metrics: PageMetrics[] = [];

/** Stamps `window.__renderedAt` once Redoc has hydrated its root and rendered its navigation. */
function stampRender() {
  const root = () => document.getElementById('redoc');
  const check = () => {
    const element = root();
    const hydrated = element && Object.keys(element).some((key) => key.startsWith('__reactContainer'));
    if (hydrated && document.querySelector('[data-component-name="Menu/MenuItem"]')) {
      (window as unknown as { __renderedAt: number }).__renderedAt = performance.now();
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

async function measure(page: Page, name: string, ready: 'redoc' | 'load'): Promise<PageMetrics> {
  const timing = await page.evaluate(async (waitFor) => {
    const win = window as unknown as { __renderedAt?: number };
    const started = performance.now();
    while (waitFor === 'redoc' && win.__renderedAt === undefined && performance.now() - started < 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    return {
      rendered: waitFor !== 'redoc' || win.__renderedAt !== undefined,
      html: navigation.decodedBodySize,
      total: navigation.decodedBodySize + resources.reduce((sum, entry) => sum + entry.decodedBodySize, 0),
      ready: waitFor === 'redoc' ? (win.__renderedAt ?? Number.NaN) : navigation.loadEventEnd,
    };
  }, ready);
  if (!timing.rendered) throw new Error(`${page.url()}: Redoc did not render its navigation within 30 s`);
  const result = {
    page: name,
    htmlKB: Math.round(timing.html / 1024),
    totalKB: Math.round(timing.total / 1024),
    renderMs: Math.round(timing.ready),
  };
  metrics.push(result);
  return result;
}

/** A fresh offline page that stamps Redoc's render time. */
async function openReference(): Promise<OfflinePage> {
  const offline = await openOffline(browser);
  await offline.page.addInitScript(stampRender);
  return offline;
}

/** The heading of the operation's section, once rendered (Redoc renders sections lazily). */
function operationHeading(page: Page, sectionId: string) {
  return page.locator(`[data-section-id="${sectionId}"]`).locator('h1, h2').first();
}

async function inViewport(page: Page, sectionId: string): Promise<boolean> {
  const heading = operationHeading(page, sectionId);
  await waitOn(page, `the heading of section ${sectionId}`, () => heading.waitFor({ state: 'visible' }));
  // Redoc scrolls once the section is laid out; give it a few frames to settle.
  await waitOn(page, `section ${sectionId} to scroll into view`, () =>
    page.waitForFunction(
      (id) => {
        const element = document.querySelector(`[data-section-id="${id}"]`)?.querySelector('h1, h2');
        const box = element?.getBoundingClientRect();
        return !!box && box.top >= 0 && box.bottom <= window.innerHeight;
      },
      sectionId,
      { timeout: 10_000 },
    ),
  );
  return true;
}

/**
 * `#/<tag-slug>/<operationid>`, read from the navigation where Redoc writes its own links: open
 * the operation's tag group (or, failing that, every group) and take the operation's link.
 */
async function deepLinkOf(page: Page, operation: Operation): Promise<string> {
  const suffix = `/${operation.operationId.toLowerCase()}`;
  const tag = operation.tags?.[0];
  const group = page
    .locator('.menu-item-type-group > a')
    .filter({ hasText: new RegExp(`^${escapeRegExp(tag ?? '')}$`) });
  if (tag && (await group.count()) === 1) {
    const opLink = page.locator(`[data-component-name="Menu/MenuItem"] a[href$="${suffix}"]`);
    if ((await opLink.count()) === 0) await group.click();
    const href = await opLink
      .first()
      .getAttribute('href', { timeout: 5_000 })
      .catch(() => null);
    if (href) return href;
  }
  const link = (await expandNavigation(page)).find((candidate) => candidate.href.endsWith(suffix));
  if (!link) throw new Error(`${operation.operationId} is not in the navigation`);
  return link.href;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A test artifact to look at: test-results/docs/<name>, with transitions run to their end. */
async function snapshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, name), animations: 'disabled', ...options });
}

let browser: Browser;
let server: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  server = await serveStatic({ root: PORTAL_DIST });
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
});

/** Pages a later test of the same API goes on with (the rendered reference, for its search). */
const kept = new Set<BrowserContext>();

// One context per page; close them, or the pages left open starve the later screenshots.
afterEach((context) => closePagesAfterTest(browser, context, kept));

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (metrics.length > 0) {
    await writeFile(path.join(ARTIFACTS, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
    console.table(metrics);
  }
});

describe('docs portal, offline in headless Chromium', () => {
  it('has an index that lists every API with what a reader needs first', async () => {
    expect(apis.length).toBeGreaterThan(0);
    const { page, aborted, errors } = await openOffline(browser);
    await visit(page, `${server.url}/index.html`);
    await measure(page, 'index.html', 'load');
    for (const api of apis) {
      const document = await documentOf(api);
      const card = page.locator(`#${api}`);
      await expect(card.locator('h2 a').getAttribute('href')).resolves.toBe(`./${api}.html`);
      await expect(card.locator('h2').textContent()).resolves.toContain(document.info.title);
      await expect(card.locator('.version').textContent()).resolves.toContain(
        String(document.info.version).replace(/^v?/, 'v'),
      );
      expect(Number(await card.locator('.count').textContent())).toBe((await operationsOf(api)).length);
      await expect(card.locator('.servers li').count()).resolves.toBe(document.servers.length);
      await expect(card.locator('.auth').textContent()).resolves.toMatch(/HTTP|OAuth|API key/);
      await expect(card.locator('.client-install').textContent()).resolves.toBe(
        `npm install @lms-apis/${api}-client`,
      );
      // Both downloads are served, and are this API's bundle.
      for (const format of ['yaml', 'json']) {
        const href = await card.locator(`.downloads a[href$="/${api}.${format}"]`).getAttribute('href');
        const response = await page.request.get(new URL(href ?? '', `${server.url}/`).href);
        expect(response.status(), `${api} ${format} download`).toBe(200);
        expect(await response.text()).toContain(document.info.title);
      }
      // The Postman collection beside them: a v2.1 collection of this API, a request per operation.
      const postman = card.locator('.downloads a.postman');
      await expect(postman.textContent()).resolves.toBe('Postman collection');
      const href = await postman.getAttribute('href');
      expect(href).toBe(`./specs/${api}.postman.json`);
      const response = await page.request.get(new URL(href ?? '', `${server.url}/`).href);
      expect(response.status(), `${api} Postman collection download`).toBe(200);
      expectPostmanCollection(await response.json(), document, (await operationsOf(api)).length);
    }
    await snapshot(page, 'index.png', { fullPage: true });
    expect(aborted).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('links to the guide for checking a spec against a real account, with both commands', async () => {
    const { page, aborted, errors } = await openOffline(browser);
    await visit(page, `${server.url}/index.html`);
    await page.getByRole('link', { name: 'Check a spec against your account' }).click();
    await waitOn(page, 'the link to check-a-spec.html', () => page.waitForURL(/check-a-spec\.html$/));
    await expect(page.locator('h1').textContent()).resolves.toBe('Check a spec against your account');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('pnpm mock --proxy skilljar=production --drift-report drift.json');
    expect(text).toContain("validateResponses: 'warn'");
    expect(text).toContain('/_drift?format=markdown');
    for (const api of apis) expect(text).toMatch(new RegExp(`--proxy ${api}=(production|https://<your-)`));
    await expect(page.locator('#send a').getAttribute('href')).resolves.toMatch(
      /^https:\/\/github\.com\/.+\/issues\/new$/,
    );
    await snapshot(page, 'check-a-spec.png', { fullPage: true });
    expect(aborted).toEqual([]);
    expect(errors).toEqual([]);
  });

  for (const api of apis) {
    describe(`${api} reference`, () => {
      // What the first test leaves for the next two, which each load the page themselves when it
      // failed or they run alone: the navigation's links, and the page, for its search box.
      let navigation: Array<{ href: string; text: string }> | undefined;
      let rendered: OfflinePage | undefined;

      it('renders offline with every operation in the navigation', async () => {
        const offline = await openReference();
        const { page, aborted, errors } = offline;
        await visit(page, `${server.url}/${api}.html`);
        await measure(page, `${api}.html`, 'redoc');
        // The search box reads "Loading..." until its index is built; photograph the ready page.
        await waitOn(page, 'the search index ("Loading..." to go)', () =>
          page.getByText('Loading...').first().waitFor({ state: 'hidden', timeout: 15_000 }),
        );
        await snapshot(page, `${api}.png`);
        // Open every group of the navigation, then every operation must be listed by its summary
        // (linked as #/<tag>/<operationid>).
        const links = await expandNavigation(page);
        for (const operation of await operationsOf(api)) {
          const link = links.find((candidate) =>
            candidate.href.endsWith(`/${operation.operationId.toLowerCase()}`),
          );
          expect(link, `${operation.operationId} is in the navigation`).toBeDefined();
          expect(link?.text).toContain(operation.summary);
        }
        expect(aborted).toEqual([]);
        expect(errors).toEqual([]);
        navigation = links;
        rendered = offline;
        kept.add(page.context());
        // One click and re-render per navigation group: Skilljar's 50 groups (each item with
        // its provenance badge) take ~40 s alone and over 60 s next to the other projects' tests.
      }, 120_000);

      it('lands on an operation from a deep link, with its TypeScript and curl samples', async () => {
        const operation = await lastOperationOf(api);
        const suffix = `/${operation.operationId.toLowerCase()}`;
        let href = navigation?.find((link) => link.href.endsWith(suffix))?.href;
        if (!href) {
          const first = await openOffline(browser);
          await visit(first.page, `${server.url}/${api}.html`);
          href = await deepLinkOf(first.page, operation);
          await first.page.context().close();
        }
        expect(href).toMatch(new RegExp(`^#/[^/]+/${operation.operationId.toLowerCase()}$`));

        // A cold load of the deep link, as from a bookmark.
        const { page, aborted, errors } = await openOffline(browser);
        await visit(page, `${server.url}/${api}.html${href}`);
        const sectionId = href.slice(1);
        expect(await inViewport(page, sectionId)).toBe(true);
        await expect(operationHeading(page, sectionId).textContent()).resolves.toContain(operation.summary);

        // The samples panel starts on TypeScript (the first language) and offers curl.
        const samples = operation['x-codeSamples'] ?? [];
        const typescript = samples.find((sample) => sample.lang === 'typescript')?.source ?? '';
        const curl = samples.find((sample) => sample.label === 'curl')?.source ?? '';
        const section = page.locator(`[data-section-id="${sectionId}"]`);
        const firstLine = (source: string) => source.split('\n')[0] ?? '';
        await waitOn(page, `the TypeScript sample in section ${sectionId}`, () =>
          expect.poll(() => section.textContent(), { timeout: 10_000 }).toContain(firstLine(typescript)),
        );
        await snapshot(page, `${api}-operation.png`);
        await section
          .getByRole('button', { name: /TypeScript/ })
          .first()
          .click();
        await page
          .getByRole('menuitem', { name: 'curl' })
          .or(page.getByRole('option', { name: 'curl' }))
          .first()
          .click();
        await waitOn(page, `the curl sample in section ${sectionId}`, () =>
          expect
            .poll(() => section.textContent(), { timeout: 10_000 })
            .toContain(firstLine(curl).replace(/ \\$/, '').slice(0, 60)),
        );
        await snapshot(page, `${api}-operation-curl.png`);
        expect(aborted).toEqual([]);
        expect(errors).toEqual([]);
      });

      it('finds an operation by its name with the search, and opens it', async () => {
        const operation = await lastOperationOf(api);
        const reused = rendered;
        if (reused) kept.delete(reused.page.context());
        rendered = undefined;
        const { page, aborted, errors } = reused ?? (await openOffline(browser));
        if (!reused) await visit(page, `${server.url}/${api}.html`);
        await page.getByText('Search', { exact: false }).first().click();
        const input = page.locator(
          '[data-component-name="Search/SearchInput"] input, input[placeholder^="Search"]',
        );
        await input.first().fill(operation.summary);
        const result = page
          .locator('[data-component-name="Search/SearchItem"]')
          .filter({ hasText: operation.summary })
          .filter({ hasText: operation.path })
          .first();
        await waitOn(page, `a search result for ${operation.operationId}`, () =>
          result.waitFor({ state: 'visible', timeout: 10_000 }),
        );
        await snapshot(page, `${api}-search.png`);
        await result.click();
        await waitOn(page, `the search result to link to #/.../${operation.operationId.toLowerCase()}`, () =>
          page.waitForFunction(
            (id) => window.location.hash.endsWith(`/${id}`),
            operation.operationId.toLowerCase(),
            { timeout: 10_000 },
          ),
        );
        const sectionId = decodeURIComponent(new URL(page.url()).hash.slice(1));
        expect(await inViewport(page, sectionId)).toBe(true);
        expect(aborted).toEqual([]);
        expect(errors).toEqual([]);
      });
    });
  }

  it('marks operations observed in public integrations with a visible note', async () => {
    let checked = 0;
    for (const api of apis) {
      const observed = (await operationsOf(api)).filter(
        (operation) => operation['x-provenance']?.source === 'public-integrations',
      );
      if (observed.length === 0) continue;
      const { page, aborted, errors } = await openOffline(browser);
      await visit(page, `${server.url}/${api}.html`);
      let lastNote: Locator | undefined;
      for (const operation of observed) {
        const href = await deepLinkOf(page, operation);
        await visit(page, `${server.url}/${api}.html${href}`);
        const note = page
          .locator(`[data-section-id="${href.slice(1)}"] blockquote`)
          .filter({ hasText: 'Provenance:' })
          .filter({ hasText: 'public integrations' });
        await waitOn(page, `the provenance callout of ${href}`, () =>
          expect.poll(() => note.count(), { timeout: 10_000 }).toBe(1),
        );
        await expect(note.isVisible()).resolves.toBe(true);
        lastNote = note;
        checked += 1;
      }
      // Photograph the note itself, once it has been painted.
      await lastNote?.scrollIntoViewIfNeeded();
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      await snapshot(page, `${api}-observed.png`);
      expect(aborted).toEqual([]);
      expect(errors).toEqual([]);
    }
    expect(checked).toBeGreaterThan(0);
  });

  // How sure we are of an operation, as a reader sees it: the source's badge by the heading and a
  // provenance line opening the description, with the spec's note; a callout only when observed.
  const PROVENANCE_SHOWN: Record<string, { badge: string; callout: boolean }> = {
    'vendor-reference': { badge: 'Vendor ref', callout: false },
    'vendor-documentation': { badge: 'Vendor docs', callout: false },
    'public-integrations': { badge: 'Observed', callout: true },
  };

  for (const [source, shown] of Object.entries(PROVENANCE_SHOWN)) {
    it(`shows the provenance of an operation from ${source}`, async () => {
      let found: { api: string; operation: Operation } | undefined;
      for (const api of apis) {
        const operation = (await operationsOf(api)).find((op) => op['x-provenance']?.source === source);
        if (operation) {
          found = { api, operation };
          break;
        }
      }
      expect(found, `some operation comes from ${source}`).toBeDefined();
      const { api, operation } = found as { api: string; operation: Operation };
      const { page, aborted, errors } = await openOffline(browser);
      await visit(page, `${server.url}/${api}.html`);
      const href = await deepLinkOf(page, operation);
      await visit(page, `${server.url}/${api}.html${href}`);
      const section = page.locator(`[data-section-id="${href.slice(1)}"]`);

      // The badge, by the heading (the navigation shows it too; that one is outside the section).
      const badge = section.locator('[data-component-name="Tag/Tag"]').filter({ hasText: shown.badge });
      await waitOn(page, `the "${shown.badge}" badge`, () =>
        expect.poll(() => badge.count(), { timeout: 10_000 }).toBe(1),
      );
      await expect(badge.isVisible()).resolves.toBe(true);

      // The line: the first words of the spec's note (as rendered: no Markdown code marks).
      const noteStart = (operation['x-provenance']?.note ?? '').replace(/`/g, '').slice(0, 40);
      expect(noteStart.length).toBeGreaterThan(0);
      const line = section
        .locator('p')
        .filter({ hasText: /^Provenance:/ })
        .filter({ hasText: noteStart });
      await waitOn(page, 'the provenance line', () =>
        expect.poll(() => line.count(), { timeout: 10_000 }).toBe(1),
      );
      await expect(line.isVisible()).resolves.toBe(true);
      const inCallout = await line.evaluate((element) => element.closest('blockquote') !== null);
      expect(inCallout, 'a callout only for operations observed in public integrations').toBe(shown.callout);
      // It opens the description: nothing the spec wrote comes before it.
      const opensDescription = await line.evaluate((element) => {
        const block = element.closest('blockquote') ?? element;
        return block.previousElementSibling === null;
      });
      expect(opensDescription).toBe(true);

      await line.scrollIntoViewIfNeeded();
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      await snapshot(page, `provenance-${source}.png`);
      expect(aborted).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  it('has a changelog per API, linked from the index and from its reference page, offline', async () => {
    // Click through from the lightest reference page; the others are checked for the same link.
    const counts = await Promise.all(apis.map(async (api) => (await operationsOf(api)).length));
    const lightest = apis[counts.indexOf(Math.min(...counts))];
    for (const api of apis) {
      const { page, aborted, errors } = await openOffline(browser);
      // Static pages: nothing loads after `load`.
      await page.goto(`${server.url}/index.html`, { waitUntil: 'load' });
      const fromIndex = page.locator(`#${api} a.changelog-link`);
      await expect(fromIndex.getAttribute('href')).resolves.toBe(`./${api}-changelog.html`);
      const reference = await (await page.request.get(`${server.url}/${api}.html`)).text();
      expect(reference).toContain(`<a class="portal-changelog-link" href="./${api}-changelog.html">`);

      if (api === lightest) {
        await visit(page, `${server.url}/${api}.html`);
        const fromReference = page.locator('a.portal-changelog-link');
        await expect(fromReference.isVisible()).resolves.toBe(true);
        await fromReference.click();
        await waitOn(page, `${api}-changelog.html`, () =>
          page.waitForURL(`${server.url}/${api}-changelog.html`),
        );
      } else {
        await fromIndex.click();
        await waitOn(page, `${api}-changelog.html`, () =>
          page.waitForURL(`${server.url}/${api}-changelog.html`),
        );
      }
      await expect(page.locator('h1').textContent()).resolves.toMatch(/ changelog$/);
      await expect(page.locator('header').textContent()).resolves.toContain(`@lms-apis/spec-${api}`);
      // Newest first: what is unreleased, then each release, its changes listed under it.
      const sections = page.locator('section.release');
      expect(await sections.count()).toBeGreaterThan(0);
      await expect(sections.first().locator('h2').textContent()).resolves.toMatch(/^Unreleased/);
      await expect(sections.first().textContent()).resolves.toMatch(
        /has no release yet|No change to the contract|changes \(\d+\)/,
      );
      await expect(page.locator(`a[href="./${api}.html"]`).count()).resolves.toBe(1);
      if (api === lightest) await snapshot(page, 'changelog.png', { fullPage: true });
      expect(aborted).toEqual([]);
      expect(errors).toEqual([]);
    }
  });

  it('wears the project theme, not Redoc defaults', async () => {
    const { page } = await openOffline(browser);
    await visit(page, `${server.url}/${apis[0]}.html`);
    const brand = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--color-brand-6').trim(),
    );
    expect(brand).toBe('#1f5f8b');
    await expect(page.locator('img[src="./assets/portal-logo.svg"]').count()).resolves.toBe(1);
  });
});
