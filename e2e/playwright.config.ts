import { existsSync, readFileSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// scripts/e2e starts the API (demo mode, fresh store, free port) and passes its URL.
const baseURL = process.env.UPSERS_E2E_BASE_URL;
if (!baseURL) {
  throw new Error('UPSERS_E2E_BASE_URL is not set: run the e2e layer with `make test` or `scripts/e2e`.');
}
// The desk's journeys have an API of their own (scripts/e2e): the lockout as
// in production, and Jordan a support agent. tests/desk.spec.ts fails when
// it is not set (scripts/dev-check runs none of them).
const deskURL = process.env.UPSERS_E2E_DESK_URL;
const chromium = '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(`${chromium} is missing: run scripts/bootstrap (Playwright never downloads its own browser here).`);
}

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  forbidOnly: true,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      // Root in a container: no sandbox; the closed network: no background
      // calls. Shared with make bench (bench/first-load/measure.mjs).
      args: JSON.parse(readFileSync(`${__dirname}/chromium-args.json`, 'utf8')),
    },
  },
  projects: [
    // tests/dev.spec.ts runs through `trunk serve` (scripts/dev-check, playwright.dev.config.ts).
    { name: 'chromium', use: { browserName: 'chromium', locale: 'en-US' }, testIgnore: /(recovery|keyboard|dev|desk|passkeys)\.spec\.ts/ },
    { name: 'desk', use: { browserName: 'chromium', locale: 'en-US', baseURL: deskURL ?? baseURL }, testMatch: /desk\.spec\.ts/ },
    // Passkeys on the desk's API, once its journeys are done (tests/passkeys.spec.ts).
    {
      name: 'passkeys',
      use: { browserName: 'chromium', locale: 'en-US', baseURL: deskURL ?? baseURL },
      testMatch: /passkeys\.spec\.ts/,
      dependencies: ['desk'],
    },
    // PIN resets change Jordan's and Sam's PINs, so they run once every
    // other journey (which signs in with the demo PINs) has finished.
    {
      name: 'recovery',
      use: { browserName: 'chromium', locale: 'en-US' },
      testMatch: /(recovery|keyboard)\.spec\.ts/,
      dependencies: ['chromium'],
    },
  ],
});
