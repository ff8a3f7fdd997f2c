import type { Locator, Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, latestCode, openPage } from './fixtures';

// Sam (email only) resets the PIN by email and signs in with it, all by keyboard.
test.describe.configure({ mode: 'serial' });

const SAM = '2345678';

/** Presses Tab (or Shift+Tab) until `target` has focus: the keyboard's way there. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let presses = 0; presses < 40; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target}`);
}

async function signInByKeyboard(page: Page, request: Parameters<typeof latestCode>[0], pin: string) {
  await openPage(page, '/login');
  await tabTo(page, page.getByLabel('Employee ID', { exact: true }));
  await page.keyboard.type(SAM);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('PIN', { exact: true })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByLabel('Employee ID', { exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Verify it's you");
  await tabTo(page, page.getByRole('button', { name: 'Send code' }));
  await page.keyboard.press('Enter');
  const code = page.getByLabel('One-time PIN', { exact: true });
  await expect(code).toBeFocused();
  await page.keyboard.type(await latestCode(request, SAM, 'email'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Sam');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // Sign out is in the header, just before the page.
  await tabTo(page, page.getByRole('banner').getByRole('button', { name: 'Sign out' }), 'Shift+Tab');
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
}

test('keyboard only: Sam resets the PIN by email, then signs in with multi-factor authentication', async ({ page, request }) => {
  await openPage(page, '/login');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await tabTo(page, page.getByLabel('Employee ID', { exact: true }));
  await page.keyboard.type(SAM);
  await tabTo(page, page.getByRole('link', { name: 'Forgot your PIN?' }));
  await page.keyboard.press('Enter');

  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Forgot your PIN?');
  await expect(heading).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');

  await expect(heading).toHaveText('Reset your PIN');
  await tabTo(page, page.getByLabel('Text me a one-time PIN'));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Email me a one-time PIN')).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');

  await expect(heading).toHaveText('Enter your one-time PIN');
  await tabTo(page, page.getByLabel('One-time PIN', { exact: true }));
  await page.keyboard.type(await latestCode(request, SAM, 'email'));
  await page.keyboard.press('Enter');

  await expect(heading).toHaveText('Create a new PIN');
  await tabTo(page, page.getByLabel('New PIN', { exact: true }));
  await page.keyboard.type('Lantern-Orchard-Violet-73');
  await tabTo(page, page.getByRole('button', { name: 'Show PIN' }));
  await page.keyboard.press('Space');
  await expect(page.getByLabel('New PIN', { exact: true })).toHaveAttribute('type', 'text');
  await tabTo(page, page.getByLabel('Confirm new PIN'));
  await page.keyboard.type('Lantern-Orchard-Violet-73');
  await expect(page.getByTestId('pin-strength')).toContainText('This PIN meets the rules.');
  await page.keyboard.press('Enter');

  await expect(heading).toHaveText('Your PIN is reset');
  await expectNoAxeViolations(page);
  await tabTo(page, page.getByRole('link', { name: 'Sign in', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/login$/);

  await signInByKeyboard(page, request, 'Lantern-Orchard-Violet-73');
});
