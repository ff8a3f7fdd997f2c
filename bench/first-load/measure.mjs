// make bench: time to a usable Employee ID field, and first paint, for the
// portal and for the Okta Sign-In Widget 7.49.0 rendering its sign-in form
// from a local page, in one run: headless Chromium, a fresh profile per load,
// loads interleaved, unthrottled and on a slow-4G profile set through the
// DevTools protocol (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up).
//
// Usage: node measure.mjs PORTAL_ORIGIN [LOADS]
// "Usable" means visible, enabled and not read-only, stamped in the page at
// the first animation frame it holds; a typed character is then checked to
// land in the field.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const portal = process.argv[2];
const loads = Number(process.argv[3] ?? 15);
if (!portal) throw new Error('usage: node measure.mjs PORTAL_ORIGIN [LOADS]');

// The package's exports map hides dist/; read it from node_modules.
const widgetDist = join(dirname(fileURLToPath(import.meta.url)), 'node_modules/@okta/okta-signin-widget/dist');
const widget = (file) => readFileSync(join(widgetDist, file));
const brotli = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });

// The widget's own files, served brotli-compressed like the portal's. The
// classic engine renders its sign-in form without asking a server first.
const oktaFiles = {
  '/okta-sign-in.min.js': ['text/javascript', widget('js/okta-sign-in.min.js')],
  '/okta-sign-in.min.css': ['text/css', widget('css/okta-sign-in.min.css')],
  '/start.js': [
    'text/javascript',
    Buffer.from(
      "new OktaSignIn({ baseUrl: 'https://upsers.okta.example', useClassicEngine: true })" +
        ".renderEl({ el: '#widget' }, function () {}, function () {});",
    ),
  ],
  '/': [
    'text/html',
    Buffer.from(
      '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        '<title>Okta Sign-In Widget</title><link rel="stylesheet" href="/okta-sign-in.min.css">' +
        '</head><body><div id="widget"></div><script src="/okta-sign-in.min.js"></script>' +
        '<script src="/start.js"></script></body></html>',
    ),
  ],
};
const compressed = Object.fromEntries(
  Object.entries(oktaFiles).map(([path, [type, bytes]]) => [path, [type, bytes, brotli(bytes)]]),
);
const okta = await new Promise((resolve) => {
  const server = createServer((request, response) => {
    const file = compressed[request.url];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    const [type, raw, br] = file;
    const useBrotli = /\bbr\b/.test(request.headers['accept-encoding'] ?? '');
    response.writeHead(200, {
      'content-type': type,
      'cache-control': 'no-store',
      ...(useBrotli ? { 'content-encoding': 'br' } : {}),
    });
    response.end(useBrotli ? br : raw);
  });
  server.listen(0, '127.0.0.1', () => resolve(server));
});
const oktaOrigin = `http://127.0.0.1:${okta.address().port}`;

const subjects = [
  { name: 'portal', url: `${portal}/login`, field: '#employee-id' },
  { name: 'okta', url: `${oktaOrigin}/`, field: 'input[name="username"], input[name="identifier"]' },
];
const networks = [
  { name: 'unthrottled', conditions: null },
  {
    name: 'slow 4G',
    conditions: { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
  },
];

// The flags the e2e layer runs Chromium with (root: no sandbox; the closed
// network: no background calls).
const here = dirname(fileURLToPath(import.meta.url));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: JSON.parse(readFileSync(join(here, '../../e2e/chromium-args.json'), 'utf8')),
});

async function measureOnce(subject, network) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network.conditions) await cdp.send('Network.emulateNetworkConditions', network.conditions);
  await page.addInitScript((selector) => {
    const check = () => {
      const field = document.querySelector(selector);
      const box = field && field.getBoundingClientRect();
      if (field && box.width > 0 && box.height > 0 && !field.disabled && !field.readOnly) {
        window.__usableAt = performance.now();
      } else {
        requestAnimationFrame(check);
      }
    };
    requestAnimationFrame(check);
  }, subject.field);
  await page.goto(subject.url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__usableAt !== undefined, null, { timeout: 120_000, polling: 20 });
  const field = page.locator(subject.field).first();
  await field.pressSequentially('1');
  const typed = await field.inputValue();
  if (typed !== '1') throw new Error(`${subject.name}: the field did not take a typed character (${typed})`);
  const figures = await page.evaluate(() => ({
    usable: window.__usableAt,
    firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  }));
  await context.close();
  return figures;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

console.log(`${loads} loads of each, interleaved, fresh profile each (ms)`);
console.log('network      subject  usable field (median)  first paint (median)');
for (const network of networks) {
  const results = Object.fromEntries(subjects.map((subject) => [subject.name, []]));
  for (let round = 0; round < loads; round++) {
    const order = round % 2 ? [...subjects].reverse() : subjects;
    for (const subject of order) results[subject.name].push(await measureOnce(subject, network));
  }
  const summary = {};
  for (const subject of subjects) {
    const usable = median(results[subject.name].map((r) => r.usable));
    const paint = median(results[subject.name].map((r) => r.firstPaint));
    summary[subject.name] = usable;
    console.log(
      `${network.name.padEnd(12)} ${subject.name.padEnd(8)} ${usable.toFixed(0).padStart(21)}  ${paint
        .toFixed(0)
        .padStart(20)}`,
    );
  }
  console.log(`${network.name.padEnd(12)} ratio    portal / okta = ${(summary.portal / summary.okta).toFixed(2)}`);
}
await browser.close();
okta.close();
