// The index's search across every API (operationId, path, words of the summary), its links to
// Redoc's deep links, and the pages showing the URL of the mock the portal actually forwards to.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tagSlug } from '../src/index-page.mjs';
import { openOffline, usePortalWithMock, visit, waitOn } from './harness.browser.js';

const run = usePortalWithMock();

async function search(page: Page, query: string) {
  await page.getByLabel('Operation name, operationId or path').fill(query);
  await expect.poll(() => page.locator('#search-count').textContent()).toMatch(/found/);
  return page.locator('#search-results li');
}

describe('search across every API from the index', () => {
  it('finds an operation by operationId and opens it on its reference page, ready to try', async () => {
    const { page, aborted } = await openOffline(run.browser);
    await visit(page, `${run.portal.url}/index.html`);
    const results = await search(page, 'createCourse');
    await expect(results.first().textContent()).resolves.toContain('Create a course');
    await results.first().getByRole('link').click();
    await page.locator('.lms-try[data-operation="createcourse"]').waitFor({ timeout: 15_000 });
    expect(page.url()).toMatch(/skilljar\.html#\/courses\/createcourse$/);
    expect(aborted).toEqual([]);
  });

  it('finds by path, and by words across APIs', async () => {
    const { page } = await openOffline(run.browser);
    await visit(page, `${run.portal.url}/index.html`);
    const byPath = await search(page, '/v1/domains/{domain_name}');
    await expect(byPath.allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('Get a domain')]),
    );
    const across = await search(page, 'get assignment');
    const texts = (await across.allTextContents()).join('\n');
    expect(texts).toContain('Thrive');
    expect(texts).toContain('SNworks');
    await search(page, 'no-such-operation-anywhere');
    await expect(page.locator('#search-count').textContent()).resolves.toBe('0 operations found');
  });

  it("spells a tag's symbols out as Redoc's deep links do", () => {
    expect(tagSlug('Training Courses')).toBe('training-courses');
    expect(tagSlug('domains > users > invites')).toBe('domains-greater-users-greater-invites');
  });
});

describe('the URL of the mock that is running', () => {
  it('shows on the index and in the reference samples, not the built-in default', async () => {
    const { page } = await openOffline(run.browser);
    await visit(page, `${run.portal.url}/index.html`);
    await expect
      .poll(() => page.locator('#skilljar .mock-url').textContent())
      .toBe(`${run.mock.url}/skilljar`);
    await visit(page, `${run.portal.url}/skilljar.html#/domains/getdomain`);
    const sample = page.locator('text=SKILLJAR_BASE_URL=').first();
    await expect.poll(() => sample.textContent()).toContain(`${run.mock.url}/skilljar`);
    // What a reader sees: textContent would include Redoc's embedded state (the spec as built).
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point
    expect(await page.evaluate(() => document.body.innerText.includes('127.0.0.1:4010'))).toBe(false);
  });
});

// The helper every browser wait goes through: a failed wait names the page, what was awaited and
// whether the page was still alive, so a CI log says more than a selector.
it('says which page, what it waited for and whether the page was alive when a wait fails', async () => {
  const { page } = await openOffline(run.browser);
  await visit(page, `${run.portal.url}/index.html`);
  const failed = await waitOn(page, 'a button that is not there', () =>
    page.locator('#not-on-the-page').click({ timeout: 300 }),
  ).catch((error: unknown) => error);
  expect(failed).toBeInstanceOf(Error);
  expect((failed as Error).message).toMatch(
    /\/index\.html: gave up waiting for a button that is not there \(.*Timeout 300ms exceeded.*; scripts run, visible, scrolled to 0, frames painted\)$/,
  );
});
