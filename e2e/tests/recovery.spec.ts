import type { APIRequestContext, Browser, Page } from '@playwright/test';
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
  await signInStaying(page, request, pin);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
}

/** Signs Jordan in with `pin` and a code by email; ends on the home hub. */
async function signInStaying(page: Page, request: APIRequestContext, pin: string) {
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

test('Jordan changes the PIN in My account, signs in with it, and changes it back in Spanish', async ({ page, request }) => {
  // Two sign-ins with codes and two changes: a long journey.
  test.slow();
  await signInStaying(page, request, 'Brown-Truck-1907');
  await page.getByTestId('my-account').click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(heading(page)).toHaveText('My account');

  // The step-up: a wrong current PIN is refused and counts toward the lockout.
  await page.getByLabel('Current PIN').fill('Wrong-Guess-123');
  await page.getByLabel('New PIN', { exact: true }).fill('Cedar-Lantern-Orbit-44');
  await expect(page.getByTestId('pin-strength')).toContainText('This PIN meets the rules.');
  await page.getByLabel('Confirm new PIN').fill('Cedar-Lantern-Orbit-44');
  await page.getByRole('button', { name: 'Set PIN' }).click();
  await expect(page.getByTestId('change-pin-error')).toContainText('Your current PIN is not correct.');
  await expect(page.getByTestId('attempts-remaining')).toContainText('2 attempts left');
  await expect(page.getByLabel('Current PIN')).toBeFocused();
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'account-wrong-current-pin');

  await page.getByLabel('Current PIN').fill('Brown-Truck-1907');
  await page.getByRole('button', { name: 'Set PIN' }).click();
  await expect(page.getByTestId('pin-changed')).toContainText('Your PIN is changed.');
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'account-pin-changed');
  const outbox: Array<{ employee_id: string; channel: string; code: string | null; body: string }> = await (
    await request.get('/api/v1/dev/outbox')
  ).json();
  const notices = outbox.slice(0, 2);
  expect(notices.map((message) => message.channel).sort()).toEqual(['email', 'sms']);
  for (const notice of notices) {
    expect(notice.employee_id).toBe(JORDAN);
    expect(notice.body).toContain('PIN was just changed');
  }

  await page.getByRole('link', { name: 'Back to your UPSers home' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
  await page.getByLabel('Employee ID', { exact: true }).fill(JORDAN);
  await page.getByLabel('PIN', { exact: true }).fill('Brown-Truck-1907');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toContainText('The Employee ID or PIN is not correct.');
  await signInStaying(page, request, 'Cedar-Lantern-Orbit-44');

  // Back to the demo PIN, in Spanish.
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByTestId('my-account').click();
  await expect(heading(page)).toHaveText('Mi cuenta');
  await page.getByLabel('PIN actual').fill('Cedar-Lantern-Orbit-44');
  await page.getByLabel('PIN nuevo', { exact: true }).fill('Brown-Truck-1907');
  await expect(page.getByTestId('pin-strength')).toContainText('Este PIN cumple las reglas.');
  await page.getByLabel('Confirme el PIN nuevo').fill('Brown-Truck-1907');
  await page.getByRole('button', { name: 'Establecer PIN' }).click();
  await expect(page.getByTestId('pin-changed')).toContainText('Su PIN cambió.');
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'account-pin-changed-es');
});

test('Jordan sees where he is signed in, signs the other browser out and finds it in recent activity, in both languages', async ({ page, browser, request }) => {
  test.slow();
  await signInStaying(page, request, 'Brown-Truck-1907');
  // A second browser (its own cookies): Jordan's other device.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await signInStaying(other, request, 'Brown-Truck-1907');

  await page.getByTestId('my-account').click();
  await expect(page.getByRole('heading', { name: "Where you're signed in" })).toBeVisible();
  const sessions = page.getByTestId('session');
  await expect(sessions.first()).toBeVisible();
  expect(await sessions.count()).toBeGreaterThanOrEqual(2);
  const here = sessions.filter({ has: page.getByTestId('this-device') });
  await expect(here).toHaveCount(1);
  await expect(here).toContainText(/Chrome \d+ on Linux/);
  await expect(here).toContainText('From 127.0.0.1');
  await expect(here.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'account-sessions');

  // The other browser is the latest active of the others: first among them.
  const others = sessions.filter({ hasNot: page.getByTestId('this-device') });
  const count = await sessions.count();
  await others.first().getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('sessions-ended')).toContainText(/Chrome \d+ on Linux is signed out\./);
  await expect(page.locator('#sessions-ended')).toBeFocused();
  await expect(sessions).toHaveCount(count - 1);
  // Recent activity, read again, leads with that sign-out, from this device.
  const activity = page.getByTestId('activity-event');
  await expect(activity.first()).toContainText('Other devices signed out');
  await expect(activity.first()).toContainText('This device');
  await expect(activity.filter({ hasText: /^Signed in/ }).first()).toContainText(/Chrome \d+ on Linux/);
  await other.reload();
  await expect(other).toHaveURL(/\/login/);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Sign in to UPSers');
  await elsewhere.close();

  // Any sessions left from earlier journeys go at once, in Spanish.
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { name: 'Dónde tiene la sesión iniciada' })).toBeVisible();
  await expect(here).toContainText('Este dispositivo');
  await expect(page.getByRole('heading', { name: 'Actividad reciente' })).toBeVisible();
  await expect(activity.first()).toContainText('Cierre de sesión en otros dispositivos');
  const rest = page.getByRole('button', { name: 'Cerrar sesión en los demás dispositivos' });
  if (await rest.count()) {
    await rest.click();
    await expect(page.getByTestId('sessions-ended')).toHaveText('Se cerró la sesión en todos los demás dispositivos.');
  }
  await expect(page.getByTestId('only-this-device')).toHaveText('Solo tiene la sesión iniciada en este dispositivo.');
  await expect(sessions).toHaveCount(1);
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'account-sessions-es');
  await page.getByRole('button', { name: 'English' }).click();
});

/** The newest one-time PIN sent to `destination` (a new contact: no other journey sends there). */
async function latestCodeTo(request: APIRequestContext, destination: string): Promise<string> {
  const outbox: Array<{ destination: string; code: string | null }> = await (await request.get('/api/v1/dev/outbox')).json();
  const message = outbox.find((m) => m.destination === destination && m.code);
  expect(message, `a code to ${destination}`).toBeTruthy();
  return message!.code!;
}

test("Jordan replaces the email address after a step-up by text and signs in with a code sent to the new one; the change notice's This wasn't me puts the old one back and locks the ID, in both languages", async ({ page, browser, request }) => {
  test.slow();
  const NEW_EMAIL = 'jordan.new@upsers.example';
  const OLD_EMAIL = 'jordan.rivera@upsers.example';
  await signInStaying(page, request, 'Brown-Truck-1907');
  await page.getByTestId('my-account').click();
  await expect(page.getByRole('heading', { name: 'Contact details' })).toBeVisible();
  await expect(page.getByTestId('contact-email')).toContainText('j•••@upsers.example');
  // However fresh the sign-in, a new contact asks for a one-time PIN first,
  // and the current PIN is not offered for it.
  await page.getByRole('button', { name: 'Change email address' }).click();
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toBeFocused();
  await expect(page.getByTestId('step-up').getByLabel('Current PIN')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'account-step-up');
  await page.getByRole('button', { name: 'Text message to (•••) •••-0123' }).click();
  await expect(page.getByLabel('One-time PIN', { exact: true })).toBeFocused();
  await page.getByLabel('One-time PIN', { exact: true }).fill(await latestCode(request, JORDAN, 'sms'));
  await page.getByRole('button', { name: 'Verify' }).click();

  await expect(page.getByLabel('New email address')).toBeFocused();
  await page.getByLabel('New email address').fill(NEW_EMAIL);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByTestId('code-sent')).toHaveText(`We sent a one-time PIN to ${NEW_EMAIL}.`);
  await expect(page.getByLabel('One-time PIN', { exact: true })).toBeFocused();
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'account-new-email-code');
  await page.getByLabel('One-time PIN', { exact: true }).fill(await latestCodeTo(request, NEW_EMAIL));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('contacts-changed')).toHaveText(
    'Your email address is changed. We sent a notice to the contact details you had before.',
  );
  await expect(page.locator('#contacts-changed')).toBeFocused();
  await expect(page.getByTestId('activity-event').first()).toContainText('Contact detail changed');
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'account-email-changed');
  const notice = await changeNoticeTo(request, OLD_EMAIL);
  expect(notice.body, 'the old address hears of it').toContain('The email address of your UPSers account was changed on');
  expect(notice.body).toContain('cannot be used to reset your PIN for 72 hours');
  expect(notice.body).not.toContain(NEW_EMAIL);

  // The next sign-in's code by email goes to the new address.
  await page.getByRole('link', { name: 'Back to your UPSers home' }).click();
  await expect(heading(page)).toHaveText('Welcome, Jordan');
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
  await signInStaying(page, request, 'Brown-Truck-1907');
  const latest: Array<{ destination: string; channel: string; code: string | null }> = await (
    await request.get('/api/v1/dev/outbox')
  ).json();
  expect(latest.find((m) => m.channel === 'email' && m.code)?.destination).toBe(NEW_EMAIL);

  // The notice's link, opened on a phone set to Spanish: the old address
  // is back, every session ends and the ID is locked until a reset by it.
  await undoFrom(browser, notice.link, 'es-MX', 'change-undo-es');
  await resetByTheOldEmail(page, request, OLD_EMAIL);

  // Again in Spanish, undone in English.
  await signInStaying(page, request, 'Brown-Truck-1907');
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByTestId('my-account').click();
  await expect(page.getByRole('heading', { name: 'Datos de contacto' })).toBeVisible();
  await page.getByRole('button', { name: 'Cambiar el correo electrónico' }).click();
  await expect(page.getByRole('heading', { name: 'Confirme su identidad' })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Mensaje de texto a (•••) •••-0123' }).click();
  await expect(page.getByLabel('PIN de un solo uso', { exact: true })).toBeFocused();
  await page.getByLabel('PIN de un solo uso', { exact: true }).fill(await latestCode(request, JORDAN, 'sms'));
  await page.getByRole('button', { name: 'Verificar' }).click();
  await expect(page.getByLabel('Nuevo correo electrónico')).toBeFocused();
  await page.getByLabel('Nuevo correo electrónico').fill(NEW_EMAIL);
  await page.getByRole('button', { name: 'Enviar código' }).click();
  await expect(page.getByLabel('PIN de un solo uso', { exact: true })).toBeFocused();
  await page.getByLabel('PIN de un solo uso', { exact: true }).fill(await latestCodeTo(request, NEW_EMAIL));
  await page.getByRole('button', { name: 'Verificar' }).click();
  await expect(page.getByTestId('contacts-changed')).toContainText('Se cambió su correo electrónico.');
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'account-email-changed-es');
  await page.getByRole('button', { name: 'English' }).click();
  const aviso = await changeNoticeTo(request, OLD_EMAIL);
  expect(aviso.body).toContain('Se cambió el correo electrónico de su cuenta de UPSers el');
  await undoFrom(browser, aviso.link, 'en-US', 'change-undo-en');
  await resetByTheOldEmail(page, request, OLD_EMAIL);
});

/** The newest contact change notice to `destination`, and its link. */
async function changeNoticeTo(request: APIRequestContext, destination: string) {
  const outbox: Array<{ destination: string; body: string }> = await (await request.get('/api/v1/dev/outbox')).json();
  const notice = outbox.find((m) => m.destination === destination && m.body.includes('/forgot#report='));
  expect(notice, `a change notice to ${destination}`).toBeTruthy();
  const link = new URL(notice!.body.match(/https?:\/\/\S+\/forgot#report=[\w-]+/)![0]);
  return { body: notice!.body, link: link.pathname + link.hash };
}

/** "This wasn't me" from a notice's `link`, confirmed in a browser set to `locale`. */
async function undoFrom(browser: Browser, link: string, locale: string, shots: string) {
  const phone = await browser.newContext({ locale });
  const mail = await phone.newPage();
  await openPage(mail, link);
  const [title, button, done] =
    locale === 'es-MX'
      ? ['Proteja su cuenta', 'Proteger mi cuenta', 'Su cuenta está protegida']
      : ['Secure your account', 'Secure my account', 'Your account is secure'];
  await expect(heading(mail)).toHaveText(title);
  await expectNoAxeViolations(mail);
  await mail.getByRole('button', { name: button }).click();
  await expect(mail.getByTestId('reset-notice')).toContainText(done);
  await expect(heading(mail)).toBeFocused();
  await expectNoAxeViolations(mail);
  await screenshotAtBothWidths(mail, shots);
  await phone.close();
}

/** The session has ended and the ID is locked: a reset by email (the old
 * address, put back) unlocks it, with the demo PIN again. */
async function resetByTheOldEmail(page: Page, request: APIRequestContext, oldEmail: string) {
  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Employee ID', { exact: true }).fill(JORDAN);
  await page.getByLabel('PIN', { exact: true }).fill('Brown-Truck-1907');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/forgot#reported$/);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page)).toHaveText('Reset your PIN');
  await page.getByLabel('Email me a one-time PIN').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page)).toHaveText('Enter your one-time PIN');
  await page.getByLabel('One-time PIN', { exact: true }).fill(await latestCodeTo(request, oldEmail));
  await page.getByRole('button', { name: 'Verify' }).click();
  await setNewPin(page, 'Brown-Truck-1907');
}

test('two tabs share one session: Stay signed in in one closes the idle warning in both, and signing out in one signs out both', async ({ page, request }) => {
  test.slow();
  await signInStaying(page, request, 'Brown-Truck-1907');
  const other = await page.context().newPage();
  await openPage(other, '/home');
  await expect(heading(other)).toHaveText('Welcome, Jordan');

  // The e2e server's idle timeout is 130 s: the warning opens after about 10.
  for (const tab of [page, other]) await expect(tab.getByTestId('idle-dialog')).toBeVisible({ timeout: 30_000 });
  await other.getByRole('button', { name: 'Stay signed in' }).click();
  for (const tab of [other, page]) await expect(tab.getByTestId('idle-dialog')).toBeHidden();

  await other.getByTestId('sign-out').click();
  for (const tab of [other, page]) {
    await expect(tab).toHaveURL(/\/login\?reason=signed-out$/);
    await expect(heading(tab)).toHaveText('Sign in to UPSers');
  }
  await expectNoAxeViolations(page);
  await other.close();
});

test("Jordan's new-device email says This wasn't me: the link, confirmed in Spanish, locks the ID, and a reset by email unlocks it", async ({ page, browser, request }) => {
  test.slow();
  // A sign-in from this browser, new to Jordan: the alert goes to both channels.
  await signInStaying(page, request, 'Brown-Truck-1907');
  const outbox: Array<{ employee_id: string; channel: string; body: string }> = await (await request.get('/api/v1/dev/outbox')).json();
  const alert = outbox.find((m) => m.employee_id === JORDAN && m.channel === 'email' && m.body.includes('/forgot#report='));
  expect(alert, 'an alert by email').toBeTruthy();
  expect(alert!.body).toContain('Your UPSers account was signed in to on');
  expect(alert!.body).toContain('It works once, for 7 days');
  const link = new URL(alert!.body.match(/https?:\/\/\S+\/forgot#report=[\w-]+/)![0]);

  // Jordan opens it on a phone set to Spanish, and confirms once.
  const phone = await browser.newContext({ locale: 'es-MX' });
  const mail = await phone.newPage();
  await openPage(mail, link.pathname + link.hash);
  await expect(heading(mail)).toHaveText('Proteja su cuenta');
  await expectNoAxeViolations(mail);
  await screenshotAtBothWidths(mail, 'report-confirm-es');
  await mail.getByRole('button', { name: 'Proteger mi cuenta' }).click();
  await expect(mail.getByTestId('reset-notice')).toContainText('Su cuenta está protegida');
  await expect(heading(mail)).toBeFocused();
  await expect(mail).toHaveURL(/\/forgot$/);
  await expectNoAxeViolations(mail);
  await screenshotAtBothWidths(mail, 'report-done-es');
  // The link works once: followed again from the email (a new tab).
  const again = await phone.newPage();
  await openPage(again, link.pathname + link.hash);
  await again.getByRole('button', { name: 'Proteger mi cuenta' }).click();
  await expect(again.getByTestId('reset-notice')).toContainText('funciona una sola vez');
  await phone.close();

  // The session on the first browser has ended.
  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  // The right PIN leads to the reset, which offers only a one-time PIN.
  await page.getByLabel('Employee ID', { exact: true }).fill(JORDAN);
  await page.getByLabel('PIN', { exact: true }).fill('Brown-Truck-1907');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/forgot#reported$/);
  await expect(page.getByTestId('reset-notice')).toContainText('locked because a sign-in was reported as not you');
  await expect(page.getByLabel('Employee ID', { exact: true })).toHaveValue(JORDAN);
  await expectNoAxeViolations(page);
  await screenshotAtBothWidths(page, 'reported-locked');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page)).toHaveText('Reset your PIN');
  await expect(page.getByRole('radio')).toHaveCount(2);
  await page.getByLabel('Email me a one-time PIN').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await enterCode(page, request, 'email');
  await setNewPin(page, 'Lantern-Harbor-Cedar-44');
  await signIn(page, request, 'Lantern-Harbor-Cedar-44');
});
