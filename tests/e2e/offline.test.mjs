// Journey: a facilitator opens the app once, then runs it in a meeting room
// with no network: from the service worker's cache under a sub-path, and from
// the single-file edition opened from disk. A new version is offered, never
// mixed in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { serve, PUBLIC } from '../support/server.mjs';
import { launch, openApp, axe, openScreen } from '../support/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Adds a risk from the keyboard: N, its title, Enter. */
async function addRisk(page, title) {
  await page.focus('#register-title');
  await page.keyboard.press('n');
  await page.waitForSelector('#rf-title:focus');
  await page.keyboard.type(title);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#rf-title', { state: 'detached' });
}

const titles = (page) => page.$$eval('#register-table tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent.trim()));

/** Waits until the service worker controls the page. */
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);

test('after one visit the app runs with no network, under a sub-path', async () => {
  const server = await serve({ prefix: '/tools/riskwright/' });
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await controlled(page);
  await addRisk(page, 'Projector cable stolen');
  // The server is gone and the browser is offline: a reload still works.
  await server.close();
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('#app[data-ready="true"]');
  assert.deepEqual(await titles(page), ['Projector cable stolen']);
  await addRisk(page, 'Wi-Fi password on the whiteboard');
  await page.reload();
  await page.waitForSelector('#app[data-ready="true"]');
  assert.deepEqual(await titles(page), ['Projector cable stolen', 'Wi-Fi password on the whiteboard']);
  assert.equal(await page.isHidden('#update'), true, 'no update is offered when nothing changed');
  assert.deepEqual(page.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|sw\.js/.test(p)), []);
  await context.close();
});

test('a new version is announced and taken only when the user agrees', async () => {
  // A copy of the site, so the test can publish a new build of it.
  const root = await mkdtemp(join(tmpdir(), 'riskwright-site-'));
  await cp(PUBLIC, root, { recursive: true });
  const server = await serve({ root });
  const context = await browser.newContext();
  try {
    const page = await openApp(context, server.url);
    await controlled(page);
    const first = await page.evaluate(() => caches.keys());
    assert.equal(first.length, 1);
    assert.match(first[0], /^riskwright-[0-9a-f]{16}$/);
    // The host publishes a new build: a different worker with a new version.
    const source = await readFile(join(PUBLIC, 'sw.js'), 'utf8');
    const next = source.replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1next'");
    assert.notEqual(next, source);
    await writeFile(join(root, 'sw.js'), next);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.waitForSelector('#update:not([hidden])');
    assert.match(await page.textContent('#update'), /A new version of Riskwright is ready/);
    // Until the user agrees, the old version keeps serving this page.
    assert.deepEqual(await page.evaluate(() => caches.keys()).then((k) => k.includes(first[0])), true);
    assert.deepEqual(await axe(page), []);
    await Promise.all([page.waitForEvent('load'), page.click('#update-reload')]);
    await page.waitForSelector('#app[data-ready="true"]');
    await page.waitForFunction((old) => caches.keys().then((k) => !k.includes(old)), first[0]);
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`${first[0]}next`]);
  } finally {
    await context.close();
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
});

test('the single-file edition runs from file:// with storage that survives a reload', async () => {
  const context = await browser.newContext();
  const url = pathToFileURL(join(PUBLIC, 'riskwright-offline.html')).href;
  const page = await openApp(context, url);
  assert.equal(await page.isHidden('#offline-download'), true, 'the file does not offer itself');
  await addRisk(page, 'USB stick left in the room');
  await page.reload();
  await page.waitForSelector('#app[data-ready="true"]');
  assert.deepEqual(await titles(page), ['USB stick left in the room']);
  // Every feature is there: the treatment plan and the SoA screens open.
  await openScreen(page, 'soa');
  await page.waitForSelector('#soa-screen');
  assert.deepEqual(page.problems, []);
  assert.ok(page.requests.every((u) => u.startsWith('file:')), page.requests.join('\n'));
  await context.close();
});
