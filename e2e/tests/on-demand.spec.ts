import { test, expect, expectNoAxeViolations, openPage, screenshotAtBothWidths } from './fixtures';
import type { Page, Request, Route } from '@playwright/test';

// The release build is split (scripts/split-wasm): /login loads one wasm,
// every other page is a module of its own, fetched on demand or prefetched.

const SPLIT_MODULE = /\/(split_[a-z_]+|chunk_\d+)-[0-9a-f]{16}\.wasm$/;

function moduleRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request: Request) => {
    const match = new URL(request.url()).pathname.match(SPLIT_MODULE);
    if (match) seen.push(match[1]);
  });
  return seen;
}

test('the sign-in page is usable while no other page has arrived, and the next pages come when the browser is idle, verify first', async ({
  page,
}) => {
  const modules = moduleRequests(page);
  // Every other page's module is held back until the sign-in page is in use
  // (the pages' English text, which each of them awaits first, goes through,
  // and so do the chunks split points share: the English text may need one).
  const held: Route[] = [];
  let holding = true;
  await page.route(SPLIT_MODULE, (route) => {
    const url = route.request().url();
    return holding && url.includes('/split_') && !url.includes('/split_english_pages-')
      ? held.push(route)
      : route.continue();
  });
  await page.goto('/login');
  const id = page.getByLabel('Employee ID', { exact: true });
  await expect(id).toBeEnabled();
  await id.fill('1234567');
  await expect(id).toHaveValue('1234567');
  // Prefetched one page at a time: verify is asked for first, and alone
  // (after the English text of the on-demand pages, which every page needs).
  await expect.poll(() => modules.filter((name) => name.startsWith('split_')).sort()).toEqual([
    'split_english_pages',
    'split_verify',
  ]);

  holding = false;
  for (const route of held) await route.continue();
  await expect.poll(() => modules, { timeout: 15_000 }).toEqual(
    expect.arrayContaining(['split_verify', 'split_home', 'split_forgot', 'split_help', 'split_register']),
  );
});

test('a link prefetches its page when it is hovered or focused', async ({ page }) => {
  const modules = moduleRequests(page);
  await openPage(page, '/help');
  // /help itself came on demand; a topic link prefetches the topic page.
  expect(modules).toContain('split_help');
  const topic = page.getByRole('link', { name: 'Resetting your PIN' }).first();
  await topic.focus();
  await expect.poll(() => modules).toContain('split_help_topic');
});

test('after a navigation to a page that loads on demand, focus is on its heading', async ({ page }) => {
  await openPage(page, '/login');
  await page.getByRole('link', { name: 'Forgot your PIN?' }).click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Forgot your PIN?');
  await expect(heading).toBeFocused();
});

test('a page whose module cannot be fetched says so, and Try again loads it', async ({ page, consoleErrors }) => {
  await page.route(/\/split_forgot-[0-9a-f]{16}\.wasm$/, (route) => route.abort('connectionfailed'));
  await openPage(page, '/forgot');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page could not load');
  await expect(page.getByRole('alert')).toContainText('Check your connection and try again.');
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'page-unavailable');
  consoleErrors.length = 0;

  await page.unroute(/\/split_forgot-[0-9a-f]{16}\.wasm$/);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forgot your PIN?');
  consoleErrors.length = 0;
});
