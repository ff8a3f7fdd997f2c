import type { APIRequestContext, Page, Response } from '@playwright/test';
import { test, expect, expectNoAxeViolations, latestCode, openPage, screenshotAtBothWidths } from './fixtures';

// Passkeys with Chromium's DevTools virtual authenticator (a platform
// authenticator with resident keys and user verification, its "touch"
// simulated). On the second API of scripts/e2e (its own store, so no other
// journey reads Jordan's codes meanwhile), after the desk's journeys there,
// and as `localhost`: browsers refuse WebAuthn on an IP address, and demo
// mode makes `localhost` the relying party.

test.describe.configure({ mode: 'serial' });
test.slow();

const secondApi = process.env.UPSERS_E2E_DESK_URL;
test.beforeAll(() => {
  if (!secondApi) {
    throw new Error('UPSERS_E2E_DESK_URL is not set: run the e2e layer with `make test` or `scripts/e2e`.');
  }
});

/** The second API's address with `localhost` for its host. */
function onLocalhost(path: string): string {
  const url = new URL(path, secondApi);
  url.hostname = 'localhost';
  return url.toString();
}

const WORDS = {
  en: {
    language: 'English',
    verifyHeading: "Verify it's you",
    sendCode: 'Send code',
    code: 'One-time PIN',
    verify: 'Verify',
    welcome: 'Welcome, Jordan',
    account: 'My account',
    passkeys: 'Passkeys',
    none: 'You have no passkey yet.',
    add: 'Add a passkey',
    confirmHeading: "Confirm it's you",
    textTo: 'Text message to (•••) •••-0123',
    name: 'Name (optional)',
    create: 'Create passkey',
    added: '\u201cWork laptop\u201d is added',
    signOut: 'Sign out',
    signInWithPasskey: 'Sign in with a passkey',
    usePasskey: 'Use your passkey',
    codeInstead: 'Send a code instead',
    remove: 'Remove',
    removed: '\u201cWork laptop\u201d is removed',
  },
  es: {
    language: 'Español',
    verifyHeading: 'Verifique su identidad',
    sendCode: 'Enviar código',
    code: 'PIN de un solo uso',
    verify: 'Verificar',
    welcome: 'Le damos la bienvenida, Jordan',
    account: 'Mi cuenta',
    passkeys: 'Llaves de acceso',
    none: 'Todavía no tiene ninguna llave de acceso.',
    add: 'Agregar una llave de acceso',
    confirmHeading: 'Confirme su identidad',
    textTo: 'Mensaje de texto a (•••) •••-0123',
    name: 'Nombre (opcional)',
    create: 'Crear la llave de acceso',
    added: 'Se agregó \u00abWork laptop\u00bb',
    signOut: 'Cerrar sesión',
    signInWithPasskey: 'Iniciar sesión con una llave de acceso',
    usePasskey: 'Usar su llave de acceso',
    codeInstead: 'Enviar un código',
    remove: 'Quitar',
    removed: 'Se quitó \u00abWork laptop\u00bb',
  },
} as const;

type Words = (typeof WORDS)[keyof typeof WORDS];

/** A virtual platform authenticator for `page`: CTAP2, built in, resident
 *  keys, user verification, each request answered as if touched. */
async function addAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

async function openInLanguage(page: Page, path: string, words: Words) {
  await openPage(page, onLocalhost(path));
  if (words.language === 'Español' && (await page.locator('html').getAttribute('lang')) !== 'es') {
    await page.getByRole('button', { name: 'Español' }).click();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', words.language === 'Español' ? 'es' : 'en');
}

/** Jordan's Employee ID and PIN, typed on the sign-in page. */
async function enterPin(page: Page) {
  await page.locator('#employee-id').fill('1234567');
  await page.locator('#pin').fill('Brown-Truck-1907');
  await page.getByTestId('sign-in').click();
}

async function signInWithCode(page: Page, request: APIRequestContext, words: Words) {
  await enterPin(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.verifyHeading);
  await page.getByRole('button', { name: words.sendCode }).click();
  const field = page.getByLabel(words.code, { exact: true });
  await expect(field).toBeFocused();
  await field.fill(await latestCode(request, '1234567'));
  await page.getByRole('button', { name: words.verify, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.welcome);
}

/** Presses the header's Sign out, from the home hub. */
async function pressSignOut(page: Page, words: Words) {
  if (!page.url().endsWith('/home')) {
    await openPage(page, onLocalhost('/home'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.welcome);
  }
  await page.getByRole('banner').getByRole('button', { name: words.signOut }).click();
}

/** Signs out from the home hub, landing on the sign-in page. */
async function signOut(page: Page, words: Words) {
  await pressSignOut(page, words);
  await expect(page).toHaveURL(/\/login/);
}

/** Whether `response` is the API's answer to a passkey sign-in. */
function isPasskeySignIn(response: Response): boolean {
  return new URL(response.url()).pathname === '/api/v1/login/passkey' && response.request().method() === 'POST';
}

for (const [locale, words] of Object.entries(WORDS) as [keyof typeof WORDS, Words][]) {
  test(`Jordan adds a passkey, signs in with it and nothing typed, is offered it after the PIN, and removes it (${locale}), axe-clean`, async ({
    page,
    playwright,
  }) => {
    const request = await playwright.request.newContext({ baseURL: onLocalhost('/') });
    const { cdp, authenticatorId } = await addAuthenticator(page);

    await openInLanguage(page, '/login', words);
    await signInWithCode(page, request, words);

    // My account: none yet; one added under a name.
    await page.getByTestId('my-account').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.account);
    const section = page.getByRole('heading', { name: words.passkeys, exact: true });
    await expect(section).toBeVisible();
    await expect(page.getByTestId('no-passkeys')).toHaveText(words.none);
    // However fresh the sign-in, an addition asks for a one-time PIN first.
    await page.getByRole('button', { name: words.add }).click();
    await expect(page.getByRole('heading', { name: words.confirmHeading })).toBeFocused();
    await page.getByRole('button', { name: words.textTo }).click();
    const code = page.getByLabel(words.code, { exact: true });
    await expect(code).toBeFocused();
    await code.fill(await latestCode(request, '1234567', 'sms'));
    await page.getByRole('button', { name: words.verify, exact: true }).click();
    const name = page.getByLabel(words.name, { exact: true });
    await expect(name).toBeFocused();
    await name.fill('Work laptop');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: words.create }).click();
    await expect(page.getByTestId('passkey-done')).toContainText(words.added);
    await expect(page.locator('#passkey-done')).toBeFocused();
    await expect(page.getByTestId('passkey')).toHaveCount(1);
    await expect(page.getByTestId('passkey')).toContainText('Work laptop');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials, 'a discoverable credential on the authenticator').toHaveLength(1);
    expect(credentials[0].isResidentCredential).toBe(true);
    await expectNoAxeViolations(page);
    await screenshotAtBothWidths(page, `account-passkeys-${locale}`);

    // Signed out, the sign-in page offers the passkey in the Employee ID
    // field's autofill (conditional mediation), which the virtual
    // authenticator answers at once, as if the employee had picked it there:
    // Jordan is signed in with nothing typed.
    // The sign-in page can be gone again before a look at the address
    // would see it, so the passkey's sign-in itself is what is waited for.
    const autofilled = page.waitForResponse(isPasskeySignIn);
    await pressSignOut(page, words);
    expect((await autofilled).status(), 'the autofill signed Jordan in').toBe(200);
    await expect(page).toHaveURL(/\/home$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.welcome);

    // The button: the autofill kept out this time (its challenge does not
    // arrive, which it takes quietly), "Sign in with a passkey" signs in.
    await page.route('**/api/v1/login/passkey/options', (route) => route.abort('connectionfailed'), { times: 1 });
    await signOut(page, words);
    const button = page.getByRole('button', { name: words.signInWithPasskey });
    await expect(button).toBeVisible();
    await expect(page.locator('#employee-id')).toHaveAttribute('autocomplete', 'username webauthn');
    await expect(page.getByTestId('passkey-error')).toHaveCount(0);
    await expectNoAxeViolations(page);
    await screenshotAtBothWidths(page, `login-passkey-${locale}`);
    await button.click();
    await expect(page).toHaveURL(/\/home$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.welcome);

    // After the PIN, the passkey is offered first, a code a button away.
    await page.route('**/api/v1/login/passkey/options', (route) => route.abort('connectionfailed'), { times: 1 });
    await signOut(page, words);
    await expect(page.getByRole('button', { name: words.signInWithPasskey })).toBeVisible();
    await enterPin(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.verifyHeading);
    const use = page.getByRole('button', { name: words.usePasskey });
    await expect(use).toBeVisible();
    await expect(page.getByRole('button', { name: words.codeInstead })).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshotAtBothWidths(page, `verify-passkey-${locale}`);
    await use.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.welcome);

    // Removed in My account, it signs no one in.
    await page.getByTestId('my-account').click();
    const passkey = page.getByTestId('passkey');
    await passkey.getByRole('button', { name: words.remove }).click();
    await expect(page.locator('#confirm-remove-passkey')).toBeFocused();
    await expectNoAxeViolations(page);
    await page.getByTestId('remove-passkey').click();
    await expect(page.getByTestId('passkey-done')).toContainText(words.removed);
    await expect(page.getByTestId('no-passkeys')).toBeVisible();
    await expectNoAxeViolations(page);

    await page.route('**/api/v1/login/passkey/options', (route) => route.abort('connectionfailed'), { times: 1 });
    await signOut(page, words);
    await page.getByRole('button', { name: words.signInWithPasskey }).click();
    await expect(page.getByTestId('passkey-error')).toBeVisible();
    await expect(page.locator('#passkey-error')).toBeFocused();
    await expectNoAxeViolations(page);
    await expect(page).toHaveURL(/\/login/);
    await request.dispose();
  });
}
