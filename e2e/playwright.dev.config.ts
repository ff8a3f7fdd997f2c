import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// scripts/dev-check: the pages through `trunk serve` (make dev), not the API's
// release build. Only tests/dev.spec.ts runs here.
export default defineConfig({
  ...base,
  projects: [{ name: 'dev', use: { browserName: 'chromium', locale: 'en-US' }, testMatch: /dev\.spec\.ts/ }],
});
