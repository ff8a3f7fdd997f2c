import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

/** Chromium logs every non-2xx fetch as a console error. These statuses are
 *  answers the SPA expects and handles (not signed in, wrong PIN, locked, …),
 *  and a connection failure is what a test's aborted route looks like. */
const HANDLED_API_ANSWER =
  /^Failed to load resource: (the server responded with a status of (401|404|410|422|423|429) |net::ERR_CONNECTION_FAILED$)/;

/** Every page fails its test on a console error or an uncaught exception, so a
 *  Content-Security-Policy violation or a panic in the wasm cannot go unnoticed. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && !HANDLED_API_ANSWER.test(message.text())) errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors on the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** WCAG 2.2 AA, as the quality bar asks. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
  expect(summary, 'axe-core violations').toEqual([]);
}

/** Opens `path` and waits until the SPA has drawn its page heading (and
 * replaced the shell index.html paints before it, which has a heading too). */
export async function openPage(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('h1')).toBeVisible();
}

/** The newest one-time PIN in the dev outbox for `employeeId`, on `channel` when given. */
export async function latestCode(
  request: APIRequestContext,
  employeeId: string,
  channel?: 'sms' | 'email',
): Promise<string> {
  const response = await request.get('/api/v1/dev/outbox');
  expect(response.status()).toBe(200);
  const messages: Array<{ employee_id: string; channel: string; code: string | null }> = await response.json();
  const message = messages.find((m) => m.employee_id === employeeId && m.code && (!channel || m.channel === channel));
  expect(message, `a ${channel ?? ''} code for ${employeeId}`).toBeTruthy();
  return message!.code!;
}

/** Full-page screenshots at desktop (1280 px) and phone (375 px) widths, under artifacts/. */
export async function screenshotAtBothWidths(page: Page, name: string) {
  for (const [label, width] of [['desktop', 1280], ['phone', 375]] as const) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `artifacts/${label}-${name}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
