import { test, expect, expectNoAxeViolations, openPage } from './fixtures';

/** Every route of PRODUCT.md, with the heading it must show. */
const ROUTES: Array<{ path: string; heading: string; name: string }> = [
  { path: '/login', heading: 'Sign in to UPSers', name: 'login' },
  { path: '/login/verify', heading: "Verify it's you", name: 'verify' },
  { path: '/forgot', heading: 'Forgot your PIN?', name: 'forgot' },
  { path: '/register', heading: 'Register for UPSers', name: 'register' },
  // Without a session the home hub sends visitors to sign in.
  { path: '/home', heading: 'Sign in to UPSers', name: 'home' },
  { path: '/help', heading: 'Help & Support', name: 'help' },
  { path: '/help/reset-pin', heading: 'Resetting your PIN', name: 'help-reset-pin' },
  { path: '/help/new-user', heading: 'Registering as a new user', name: 'help-new-user' },
  { path: '/help/mfa', heading: 'Understanding multi-factor authentication', name: 'help-mfa' },
  { path: '/help/troubleshooting', heading: 'General troubleshooting', name: 'help-troubleshooting' },
  { path: '/help/contact', heading: 'Contacting the Technical Support Center', name: 'help-contact' },
  { path: '/no/such/page', heading: 'Page not found', name: 'not-found' },
];

test('the root address opens the sign-in page', async ({ page }) => {
  await openPage(page, '/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to UPSers');
  await expect(page.getByRole('link', { name: 'Forgot your PIN?' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'New user? Register' })).toBeVisible();
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Help & Support' })).toBeVisible();
  await expectNoAxeViolations(page);
});

for (const route of ROUTES) {
  test(`${route.path}: one heading, its own title, landmarks, and no axe violations in both languages and both colour schemes`, async ({ page }) => {
    for (const locale of ['en', 'es'] as const) {
      await page.addInitScript((tag) => window.localStorage.setItem('upsers.locale', tag), locale);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await openPage(page, route.path);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        const heading = page.getByRole('heading', { level: 1 });
        if (locale === 'en') await expect(heading).toHaveText(route.heading);
        // The heading and the title are read together until they agree: a
        // page that sends the visitor on (the hub without a session) shows
        // its own heading for a moment before the next page's.
        await expect
          .poll(async () => `${(await heading.textContent())?.trim()} · UPSers` === (await page.title()))
          .toBe(true);
        await expect(page.getByRole('banner')).toBeVisible();
        await expect(page.getByRole('main')).toBeVisible();
        await expect(page.getByRole('contentinfo')).toBeVisible();
        await expectNoAxeViolations(page);
      }
    }
  });
}

test('every route has a title of its own, in each language', async ({ page }) => {
  // Every route twice: 20-29 s here, too close to the default 30 s.
  test.slow();
  for (const locale of ['en', 'es'] as const) {
    await page.addInitScript((tag) => window.localStorage.setItem('upsers.locale', tag), locale);
    const titles = new Map<string, string>();
    // /home without a session is the sign-in page, so it has that page's title.
    for (const route of ROUTES.filter((route) => route.path !== '/home')) {
      await openPage(page, route.path);
      const title = await page.title();
      expect(titles.get(title), `${route.path} shares "${title}"`).toBeUndefined();
      titles.set(title, route.path);
    }
  }
});

for (const width of [320, 640]) {
  // 640 CSS px is what a 1280 px window shows at 200% zoom.
  test(`every route fits ${width} px without horizontal scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height: 700 });
    for (const route of ROUTES) {
      await openPage(page, route.path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${route.path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
  });
}

test('a help topic is reached from the footer link on any page', async ({ page }) => {
  await openPage(page, '/register');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Help & Support' }).click();
  await expect(page).toHaveURL(/\/help$/);
  await page.getByRole('link', { name: 'General troubleshooting' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('General troubleshooting');
});

test('Spanish translates the shell, sets <html lang> and survives a reload', async ({ page }) => {
  await openPage(page, '/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inicie sesión en UPSers');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Ayuda y soporte' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inicie sesión en UPSers');
  await expect(page.getByRole('button', { name: 'Español' })).toHaveAttribute('aria-pressed', 'true');
});

test('a first visit follows the browser language', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'es-MX' });
  const page = await context.newPage();
  await openPage(page, '/help');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ayuda y soporte');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await context.close();
});

test('the skip link is the first stop for the keyboard and moves focus to the main content', async ({ page }) => {
  await openPage(page, '/login');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test('unknown API paths answer a JSON 404, never the SPA', async ({ request }) => {
  const response = await request.get('/api/nope');
  expect(response.status()).toBe(404);
  expect(response.headers()['content-type']).toContain('application/json');
  const body = await response.json();
  expect(body.code).toBe('not_found');
  expect(typeof body.message).toBe('string');
});

test('the portal is served with strict security headers and compressed assets', async ({ page }) => {
  const wasmResponse = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  const response = await page.goto('/help');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("default-src 'none'");
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cache-control']).toBe('no-cache');
  const wasm = await wasmResponse;
  expect(wasm.headers()['content-encoding']).toBe('br');
  expect(wasm.headers()['cache-control']).toContain('immutable');
});
