// The app's two modules (ARCHITECTURE.md, "Two app modules"): the first
// load has the register, the method and the assessments; the whole
// workbench is fetched in the background once the app is up and takes over
// when the user opens another screen. The user must not notice the seam:
// the click that asked for it is handled, and undo, filters and the open
// form carry over. Without the workbench, the register still works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, openScreen, axe, storedDocument } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function addRisk(page, title) {
  await page.click('#add-risk');
  await page.fill('#rf-title', title);
  await page.click('#rf-save');
  await page.waitForSelector(`#register-table >> text=${title}`);
}

test('the workbench is fetched after start, takes over on a click, and keeps undo, filters and the form', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { waitReady: false });
  const fetched = page.waitForRequest((r) => r.url().endsWith('/pkg/screens/screens_bg.wasm'));
  await page.waitForSelector('#app[data-ready="true"]');
  const loadedBeforeReady = page.requests.filter((u) => u.includes('/pkg/'));
  assert.ok(loadedBeforeReady.some((u) => u.endsWith('/pkg/app/app_bg.wasm')), 'the first load is the app module');
  await fetched; // with no user action: nothing is left to fetch later

  await addRisk(page, 'Laptop stolen from a car');
  await page.fill('#filter-text', 'laptop');
  await page.click('#add-risk');
  await page.fill('#rf-title', 'Half-typed risk');
  const requestsBefore = page.requests.length;

  // The click on another screen is handled by the workbench that takes over.
  await openScreen(page, 'plan');
  assert.ok(await page.isVisible('#plan-add'), 'the plan screen is shown');
  assert.deepEqual(page.requests.slice(requestsBefore), [], 'no request when the other screens open');

  await openScreen(page, 'register');
  assert.equal(await page.inputValue('#filter-text'), 'laptop', 'the filter carried over');
  assert.equal(await page.inputValue('#rf-title'), 'Half-typed risk', 'so did the open form');
  await page.click('#rf-cancel');
  // Undo reaches the edit made before the takeover.
  await page.keyboard.press('Control+z');
  await page.waitForSelector('#register-table >> text=Laptop stolen from a car', { state: 'detached' });
  assert.equal((await storedDocument(page)).risks.length, 0, 'the undo is saved');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a shortcut only the workbench knows is handled after the takeover', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await addRisk(page, 'Supplier outage');
  await page.locator('body').press('p');
  await page.waitForSelector('.app.presenting');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('without the workbench the register still works, and the user is told why a screen does not open', async () => {
  const context = await browser.newContext();
  await context.route('**/pkg/screens/**', (route) => route.abort());
  const page = await openApp(context, server.url);
  await addRisk(page, 'Phishing of the finance team');
  await page.click('#nav-soa');
  await page.waitForSelector('#screens-problem:not([hidden])');
  assert.match(await page.textContent('#screens-problem'), /could not be loaded.*register and the method still work/);
  assert.equal(await page.getAttribute('#nav-register', 'aria-current'), 'page', 'the register stays');
  await addRisk(page, 'Lost backup tape');
  assert.equal((await storedDocument(page)).risks.length, 2, 'edits are still saved');
  assert.equal(await page.getAttribute('#app', 'aria-busy'), null, 'the app is not left busy');
  assert.deepEqual(await axe(page), []);
  // The browser logs the refused fetches; nothing else goes wrong.
  assert.deepEqual(page.problems.filter((p) => !/Failed to load resource|screens/.test(p)), []);
  await context.close();
});
