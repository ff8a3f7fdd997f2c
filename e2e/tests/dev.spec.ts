import { test, expect, expectNoAxeViolations, openPage } from './fixtures';

// `make dev` as a designer uses it: the debug build from `trunk serve`, with
// its live-reload script, calling the API through trunk's proxy, split as the
// release build is (Help & Support is a module of its own).
test('through trunk serve, the sign-in page works and Help & Support, loaded on demand, gets the contact details from the API', async ({
  page,
}) => {
  const helpModule = page.waitForRequest(/\/split_help-[0-9a-f]{16}\.wasm$/);
  await openPage(page, '/login');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to UPSers');
  await page.getByLabel('Employee ID', { exact: true }).fill('1234567');
  await expect(page.getByLabel('Employee ID', { exact: true })).toHaveValue('1234567');
  await expectNoAxeViolations(page);

  await page.getByRole('contentinfo').getByRole('link', { name: 'Help & Support' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Help & Support');
  await helpModule;
  // The number comes from GET /api/v1/support, through the proxy.
  await expect(page.getByTestId('support-card').getByRole('link', { name: '1-800-555-0199' })).toBeVisible();
});
