import { test, expect, expectNoAxeViolations, latestCode, openPage, screenshotAtBothWidths } from './fixtures';
import type { APIRequestContext, Browser, Page } from '@playwright/test';

// The Technical Support desk on an API of its own (scripts/e2e): the lockout
// lasts 15 minutes as in production, and Jordan (1234567) is a support agent.
// Sam (2345678) locks himself out; Jordan finds him, verifies the caller by
// the code sent to Sam's email, unlocks him, and Sam signs in.

test.describe.configure({ mode: 'serial' });
// Each journey signs two people in through the pages and works the desk:
// more than the default 30 seconds when make test's layers share the CPU.
test.slow();

test.beforeAll(() => {
  if (!process.env.UPSERS_E2E_DESK_URL) {
    throw new Error('UPSERS_E2E_DESK_URL is not set: run the e2e layer with `make test` or `scripts/e2e`.');
  }
});

const SAM = '2345678';
const SAM_PIN = 'Package-Car-2024';

const WORDS = {
  en: {
    language: 'English',
    verifyHeading: "Verify it's you",
    sendCode: 'Send code',
    code: 'One-time PIN',
    verify: 'Verify',
    welcomeJordan: 'Welcome, Jordan',
    welcomeSam: 'Welcome, Sam',
    desk: 'Technical Support desk',
    find: 'Employee ID, email address or mobile number',
    locked: /Sign-in locked after failed attempts until/,
    needVerification: 'Verify the caller to use these.',
    sendEmail: /^Email s/,
    readBack: 'One-time PIN the caller reads to you',
    check: 'Check',
    verified: /Caller verified until/,
    unlock: 'Unlock sign-in',
    done: 'Done. The employee was told on their verified contacts.',
    wrongPin: 'Wrong PIN at sign-in',
    refusedAtDesk: 'Desk request refused',
  },
  es: {
    language: 'Español',
    verifyHeading: 'Verifique su identidad',
    sendCode: 'Enviar código',
    code: 'PIN de un solo uso',
    verify: 'Verificar',
    welcomeJordan: 'Le damos la bienvenida, Jordan',
    welcomeSam: 'Le damos la bienvenida, Sam',
    desk: 'Mesa de Soporte Técnico',
    find: 'ID de empleado, correo electrónico o número de celular',
    locked: /Inicio de sesión bloqueado por intentos fallidos hasta/,
    needVerification: 'Verifique a quien llama para usarlas.',
    sendEmail: /^Enviar correo a s/,
    readBack: 'PIN de un solo uso que le lee quien llama',
    check: 'Comprobar',
    verified: /Quien llama está verificado hasta/,
    unlock: 'Desbloquear el inicio de sesión',
    done: 'Hecho. Se avisó al empleado en sus contactos verificados.',
    wrongPin: 'PIN incorrecto al iniciar sesión',
    refusedAtDesk: 'Solicitud de la mesa de soporte rechazada',
  },
} as const;

type Words = (typeof WORDS)[keyof typeof WORDS];

/** Three wrong PINs for Sam: the ID locks for 15 minutes. */
async function lockSamOut(request: APIRequestContext) {
  for (let n = 0; n < 3; n++) {
    const response = await request.post('/api/v1/login', { data: { employee_id: SAM, pin: `Wrong-Guess-000${n}` } });
    expect([401, 423]).toContain(response.status());
  }
  const locked = await request.post('/api/v1/login', { data: { employee_id: SAM, pin: SAM_PIN } });
  expect(locked.status(), 'the right PIN is refused while locked').toBe(423);
}

/** Signs `id` in through the pages, in the language `words` is in. */
async function signIn(page: Page, request: APIRequestContext, words: Words, id: string, pin: string, welcome: string) {
  await openPage(page, '/login');
  if (words.language === 'Español') await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', words.language === 'Español' ? 'es' : 'en');
  await page.locator('#employee-id').fill(id);
  await page.locator('#pin').fill(pin);
  await page.locator('[data-testid=sign-in]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.verifyHeading);
  await page.getByRole('button', { name: words.sendCode }).click();
  const field = page.getByLabel(words.code, { exact: true });
  await expect(field).toBeFocused();
  await field.fill(await latestCode(request, id));
  await page.getByRole('button', { name: words.verify, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(welcome);
}

async function samSignsIn(browser: Browser, request: APIRequestContext, words: Words) {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, request, words, SAM, SAM_PIN, words.welcomeSam);
  await context.close();
}

for (const [locale, words] of Object.entries(WORDS) as [keyof typeof WORDS, Words][]) {
  test(`an agent verifies the caller and unlocks the ID, and the employee signs in (${locale}), axe-clean`, async ({
    page,
    request,
    browser,
  }) => {
    await lockSamOut(request);
    await signIn(page, request, words, '1234567', 'Brown-Truck-1907', words.welcomeJordan);
    await page.getByRole('link', { name: new RegExp(words.desk) }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.desk);

    await page.getByLabel(words.find, { exact: true }).fill(SAM);
    await page.getByTestId('desk-search').click();
    const card = page.getByTestId('desk-card');
    await expect(card.getByRole('heading', { level: 2 })).toBeFocused();
    await expect(card.getByTestId('desk-locked')).toHaveText(words.locked);
    // The events read in words, with their codes beside them.
    await expect(card.getByTestId('desk-events')).toContainText(words.wrongPin);

    // Not verified yet: the action is there but disabled, and says why.
    const unlock = card.getByRole('button', { name: words.unlock });
    await expect(unlock).toBeDisabled();
    await expect(card.getByTestId('desk-actions-hint')).toHaveText(words.needVerification);
    // The API refuses it as well.
    const refused = await page.request.post('/api/v1/desk/actions', { data: { employee_id: SAM, action: 'unlock' } });
    expect(refused.status()).toBe(403);
    await expectNoAxeViolations(page);
    if (locale === 'en') await screenshotAtBothWidths(page, 'desk-not-verified');

    await card.getByRole('button', { name: words.sendEmail }).click();
    const readBack = card.getByLabel(words.readBack, { exact: true });
    await expect(readBack).toBeFocused();
    await readBack.fill(await latestCode(request, SAM, 'email'));
    await card.getByRole('button', { name: words.check }).click();
    await expect(card.getByTestId('desk-verified')).toContainText(words.verified);
    await expect(page.locator('#desk-verified')).toBeFocused();

    await expect(unlock).toBeEnabled();
    await unlock.click();
    await expect(card.getByTestId('desk-done')).toContainText(words.done);
    await expect(page.locator('#desk-done')).toBeFocused();
    await expect(card.getByTestId('desk-locked')).toHaveCount(0);
    await expect(card.getByRole('button', { name: words.unlock })).toHaveCount(0);
    // The refusal before the verification is in the trail too.
    await expect(card.getByTestId('desk-events')).toContainText(words.refusedAtDesk);
    await expectNoAxeViolations(page);
    await screenshotAtBothWidths(page, `desk-unlocked-${locale}`);

    await samSignsIn(browser, request, words);

    // The call is over: the agent ends the verification, and the actions
    // close again.
    await card.getByTestId('desk-end-verification').click();
    await expect(page.locator('#desk-verify-heading')).toBeFocused();
    await expect(card.getByRole('button', { name: words.sendEmail })).toBeVisible();
  });
}

test('someone who is not an agent is told the desk is not for them, and the hub has no link to it', async ({
  page,
  request,
}) => {
  await signIn(page, request, WORDS.en, SAM, SAM_PIN, WORDS.en.welcomeSam);
  await expect(page.getByRole('link', { name: /Technical Support desk/ })).toHaveCount(0);
  await openPage(page, '/desk');
  await expect(page.getByTestId('desk-agents-only')).toContainText('The Technical Support desk is for support agents.');
  await expectNoAxeViolations(page);
});

// Last: it changes Sam's PIN on the desk's API.
test('an agent emails a PIN reset link, and the employee sets a new PIN with it and signs in, axe-clean', async ({
  page,
  request,
  browser,
}) => {
  await signIn(page, request, WORDS.en, '1234567', 'Brown-Truck-1907', WORDS.en.welcomeJordan);
  await openPage(page, '/desk');
  await page.getByLabel(WORDS.en.find, { exact: true }).fill(SAM);
  await page.getByTestId('desk-search').click();
  const card = page.getByTestId('desk-card');
  await expect(card.getByRole('button', { name: 'Email a PIN reset link' })).toBeDisabled();
  await card.getByRole('button', { name: WORDS.en.sendEmail }).click();
  // The field takes focus once the code is sent: only then is it in the
  // outbox (before, the newest code there is the one Sam signed in with).
  const readBack = card.getByLabel(WORDS.en.readBack, { exact: true });
  await expect(readBack).toBeFocused();
  await readBack.fill(await latestCode(request, SAM, 'email'));
  await card.getByRole('button', { name: WORDS.en.check }).click();
  await expect(page.locator('#desk-verified')).toBeFocused();
  await card.getByRole('button', { name: 'Email a PIN reset link' }).click();
  await expect(page.locator('#desk-done')).toBeFocused();

  // Sam, on his own device, opens the link from his email.
  const outbox: Array<{ employee_id: string; body: string }> = await (await request.get('/api/v1/dev/outbox')).json();
  const message = outbox.find((m) => m.employee_id === SAM && m.body.includes('#reset='));
  expect(message, 'the link in the dev outbox').toBeTruthy();
  const link = message!.body.match(/https?:\/\/\S+#reset=[\w-]+/)![0];
  const context = await browser.newContext({ locale: 'en-US' });
  const sam = await context.newPage();
  await sam.goto(new URL(link).pathname + new URL(link).hash);
  await expect(sam.getByRole('heading', { level: 1 })).toHaveText('Create a new PIN');
  await expect(sam).toHaveURL(/\/forgot$/);
  const newPin = 'Desk-Link-Lantern-2026';
  await sam.getByLabel('New PIN', { exact: true }).fill(newPin);
  await sam.getByLabel('Confirm new PIN').fill(newPin);
  await expectNoAxeViolations(sam);
  await sam.getByRole('button', { name: 'Set PIN' }).click();
  await expect(sam.getByRole('heading', { level: 1 })).toHaveText('Your PIN is reset');
  await signIn(sam, request, WORDS.en, SAM, newPin, WORDS.en.welcomeSam);

  // The link worked once.
  await sam.goto(new URL(link).pathname + new URL(link).hash);
  await expect(sam.getByTestId('reset-notice')).toContainText('This PIN reset link has expired or was used.');
  await context.close();
});
