import type { Page, Route } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshotAtBothWidths } from './fixtures';

/** Holds every request for the app's wasm until the returned function is called. */
async function holdTheWasm(page: Page): Promise<() => Promise<void>> {
  const held: Route[] = [];
  let released = false;
  await page.route('**/*_bg.wasm', async (route) => {
    if (released) await route.continue();
    else held.push(route);
  });
  return async () => {
    released = true;
    for (const route of held.splice(0)) await route.continue();
  };
}

test('the shell paints the header and heading before the wasm arrives, and nothing moves when the app replaces it', async ({
  page,
}) => {
  const release = await holdTheWasm(page);
  await page.goto('/login', { waitUntil: 'domcontentloaded' });
  const shell = page.locator('#boot');
  await expect(shell.getByRole('heading', { level: 1 })).toHaveText('Sign in to UPSers', { useInnerText: true });
  await expect(shell.getByRole('status')).toHaveText('Loading…', { useInnerText: true });
  await expect(shell.getByText('The portal could not load')).toBeHidden();
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'boot-loading');
  const before = await page.getByRole('heading', { level: 1 }).boundingBox();

  await release();
  await expect(shell).toHaveCount(0);
  await expect(page.getByLabel('Employee ID', { exact: true })).toBeEnabled();
  const after = await page.getByRole('heading', { level: 1 }).boundingBox();
  expect(after, 'the heading stays where the shell drew it').toEqual(before);
});

test('a browser that prefers Spanish gets the shell in Spanish', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'es-MX' });
  const page = await context.newPage();
  const release = await holdTheWasm(page);
  await page.goto('/login', { waitUntil: 'domcontentloaded' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inicie sesión en UPSers', { useInnerText: true });
  await expect(page.getByRole('status')).toHaveText('Cargando…', { useInnerText: true });
  await expectNoAxeViolations(page);
  await release();
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inicie sesión en UPSers');
  await context.close();
});

/** The page's own report of what failed: expected here, so it is checked and
 *  then cleared from the fixture that fails a test on any console error. */
function expectTheLoadFailureLogged(consoleErrors: string[]) {
  expect(consoleErrors.length, 'the failure reaches the console').toBeGreaterThan(0);
  consoleErrors.length = 0;
}

test('when the wasm cannot load, the page says so and gives the support number', async ({ page, consoleErrors }) => {
  await page.route('**/*_bg.wasm', (route) => route.abort('connectionfailed'));
  await page.goto('/login');
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('The portal could not load');
  await expect(notice.getByRole('link', { name: '1-800-555-0199' })).toHaveAttribute('href', 'tel:+18005550199');
  await expect(notice).not.toContainText('No se pudo cargar', { useInnerText: true });
  await expect(page.getByRole('status')).toBeHidden();
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'boot-failed');
  expectTheLoadFailureLogged(consoleErrors);
});

test('when the script cannot load, the page says so too', async ({ page, consoleErrors }) => {
  await page.route(/\/upsers-web-[0-9a-f]+\.js$/, (route) => route.fulfill({ status: 503, body: 'unavailable' }));
  await page.goto('/login');
  await expect(page.getByRole('alert')).toContainText('The portal could not load');
  expectTheLoadFailureLogged(consoleErrors);
});
