import { test, openPage } from './fixtures';

/** Screenshots of every route at phone and desktop widths, for people to look
 *  at before UI work is called done. Saved under e2e/artifacts/ (not committed). */
const PATHS = [
  '/login',
  '/login/verify',
  '/forgot',
  '/register',
  '/help',
  '/help/reset-pin',
  '/help/new-user',
  '/help/mfa',
  '/help/troubleshooting',
  '/help/contact',
  '/no/such/page',
];
const WIDTHS = [
  { name: 'phone', width: 375, height: 812 },
  { name: 'desktop', width: 1280, height: 800 },
];

for (const viewport of WIDTHS) {
  test(`screenshots at ${viewport.width} px`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    for (const path of PATHS) {
      await openPage(page, path);
      const name = path.replace(/^\//, '').replace(/\//g, '-') || 'root';
      await page.screenshot({ path: `artifacts/${viewport.name}-${name}.png`, fullPage: true });
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    await openPage(page, '/login');
    await page.screenshot({ path: `artifacts/${viewport.name}-login-dark.png`, fullPage: true });
  });
}
