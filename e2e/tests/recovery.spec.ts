import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, latestCode, openPage, screenshotAtBothWidths } from './fixtures';

// One reset at a time: each changes Jordan's PIN, and codes come from the shared outbox.
test.describe.configure({ mode: 'serial' });

const JORDAN = '1234567';
const ANSWERS: Record<string, string> = {
  'In what city were you born?': 'Atlanta',
  'What was the name of your first pet?': 'Rex',
  'What was the make of your first car?': 'Ford',
};

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** From the sign-in page with the Employee ID typed, to the chosen method's step. */
async function startReset(page: Page, method: string, shots = false) {
  await openPage(page, '/login');
  await page.getByLabel('Employee ID', { exact: true }).fill(JORDAN);
  await page.getByRole('link', { name: 'Forgot your PIN?' }).click();
  await expect(page).toHaveURL(/\/forgot$/);
  await expect(heading(page)).toHaveText('Forgot your PIN?');
  await expect(page.getByLabel('Employee ID', { exact: true })).toHaveValue(JORDAN);
  await expect(page.getByRole('link', { name: 'Back to sign in' })).toBeVisible();
  await expectNoAxeViolations(page);
  if (shots) await screenshotAtBothWidths(page, 'reset-employee-id');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(heading(page)).toHaveText('Reset your PIN');
  await expect(heading(page)).toBeFocused();
  const options = page.getByRole('radiogroup').or(page.getByRole('group', { name: "How do you want to prove it's you?" }));
  await expect(options.getByRole('radio')).toHaveCount(3);
  for (const name of ['Text me a one-time PIN', 'Email me a one-time PIN', 'Answer my challenge questions']) {
    await expect(page.getByLabel(name)).toBeVisible();
  }
  await expectNoAxeViolations(page);
  if (shots) await screenshotAtBothWidths(page, 'reset-choice');
  await page.getByLabel(method).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function enterCode(page: Page, request: APIRequestContext, channel: 'sms' | 'email') {
  await expect(heading(page)).toHaveText('Enter your one-time PIN');
  await expect(page.getByTestId('code-sent')).toContainText('If a');
  await expectNoAxeViolations(page);
  await page.getByLabel('One-time PIN', { exact: true }).fill(await latestCode(request, JORDAN, channel));
  await page.getByRole('button', { name: 'Verify' }).click();
}

async function setNewPin(page: Page, pin: string, shots = false) {
  await expect(heading(page)).toHaveText('Create a new PIN');
  await page.getByLabel('New PIN', { exact: true }).fill(pin);
  await expect(page.getByTestId('pin-strength')).toContainText('This PIN meets the rules.');
  await page.getByLabel('Confirm new PIN').fill(pin);
  await expectNoAxeViolations(page);
  if (shots) await screenshotAtBothWidths(page, 'reset-new-pin');
  await page.getByRole('button', { name: 'Set PIN' }).click();

  await expect(heading(page)).toHaveText('Your PIN is reset');
  await expect(page.getByTestId('reset-done')).toBeVisible();
  await expectNoAxeViolations(page);
  if (shots) await screenshotAtBothWidths(page, 'reset-done');
  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
}

async function signIn(page: Page, request: APIRequestContext, pin: string) {
  await openPage(page, '/login');
  await page.getByLabel('Employee ID', { exact: true }).fill(JORDAN);
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(heading(page)).toHaveText("Verify it's you");
  await page.getByLabel('Email to j•••@upsers.example').check();
  await page.getByRole('button', { name: 'Send code' }).click();
  // The field takes focus once the code is sent: only then is it in the outbox.
  await expect(page.getByLabel('One-time PIN', { exact: true })).toBeFocused();
  await page.getByLabel('One-time PIN', { exact: true }).fill(await latestCode(request, JORDAN, 'email'));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(heading(page)).toHaveText('Welcome, Jordan');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
}

test('Jordan resets the PIN by text, resumes after a reload, and only the new PIN signs in', async ({ page, request }) => {
  // A long journey (a reset, a reload, two sign-ins with codes): 15-20 s on
  // an idle machine, over 30 s once on a loaded one.
  test.slow();
  await startReset(page, 'Text me a one-time PIN', true);
  await expect(heading(page)).toHaveText('Enter your one-time PIN');
  await expect(page.getByTestId('code-sent')).toHaveText(
    'If a mobile number is registered to this Employee ID, we sent a one-time PIN to it by text message.',
  );
  await expect(page.getByTestId('resend-countdown')).toBeVisible();
  await screenshotAtBothWidths(page, 'reset-code');

  await page.reload();
  await expect(heading(page)).toHaveText('Enter your one-time PIN');
  await enterCode(page, request, 'sms');
  await setNewPin(page, 'Maple-Lantern-Harbor-31', true);

  await page.getByLabel('Employee ID', { exact: true }).fill(JORDAN);
  await page.getByLabel('PIN', { exact: true }).fill('Brown-Truck-1907');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toContainText('The Employee ID or PIN is not correct.');
  await signIn(page, request, 'Maple-Lantern-Harbor-31');
});

test('Jordan resets the PIN by email after the strength meter refuses weak choices', async ({ page, request }) => {
  await startReset(page, 'Email me a one-time PIN');
  await enterCode(page, request, 'email');

  await expect(heading(page)).toHaveText('Create a new PIN');
  await page.getByLabel('New PIN', { exact: true }).fill('password123');
  await expect(page.getByTestId('pin-strength')).toContainText('This PIN is too common.');
  await page.getByLabel('New PIN', { exact: true }).fill('Wave-1234567-Sand');
  await expect(page.getByTestId('pin-strength')).toContainText('must not contain your Employee ID');
  await page.getByLabel('Confirm new PIN').fill('something else');
  await page.getByRole('button', { name: 'Set PIN' }).click();
  await expect(page.locator('#confirm-pin-error')).toHaveText('The PINs do not match.');
  // GOV.UK's error summary: focus on it, a link to the field in error.
  await expect(page.locator('#error-summary')).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByTestId('error-summary').getByRole('link', { name: 'The PINs do not match.' }).click();
  await expect(page.getByLabel('Confirm new PIN')).toBeFocused();
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'reset-new-pin-errors');

  await setNewPin(page, 'Quiet-Canyon-Violin-58');
  await signIn(page, request, 'Quiet-Canyon-Violin-58');
});

test('Jordan resets the PIN by answering two challenge questions', async ({ page, request }) => {
  await startReset(page, 'Answer my challenge questions');
  await expect(heading(page)).toHaveText('Answer your challenge questions');
  const fields = page.locator('form input[type="text"]');
  await expect(fields).toHaveCount(2);
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'reset-questions');
  for (const index of [0, 1]) {
    const id = await fields.nth(index).getAttribute('id');
    const question = (await page.locator(`label[for="${id}"]`).textContent())!.trim();
    expect(Object.keys(ANSWERS)).toContain(question);
    await page.getByLabel(question).fill(ANSWERS[question].toUpperCase());
  }
  await page.getByRole('button', { name: 'Continue' }).click();
  await setNewPin(page, 'Brown-Truck-1907');
  await signIn(page, request, 'Brown-Truck-1907');
});
