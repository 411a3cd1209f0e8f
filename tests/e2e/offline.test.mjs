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

test('each downloaded copy of the single-file edition keeps its own data; export and import move it', async () => {
  const server = await serve();
  const context = await browser.newContext({ acceptDownloads: true });
  const folders = [];
  try {
    // Two downloads from the site, saved in two folders as a consultant
    // would for two clients.
    const site = await openApp(context, server.url);
    for (const client of ['a', 'b']) {
      const [download] = await Promise.all([site.waitForEvent('download'), site.click('#offline-download')]);
      assert.equal(download.suggestedFilename(), 'riskwright-offline.html');
      const folder = await mkdtemp(join(tmpdir(), `riskwright-client-${client}-`));
      await download.saveAs(join(folder, 'riskwright-offline.html'));
      folders.push(folder);
    }
    const ids = await Promise.all(folders.map(async (folder) => {
      const html = await readFile(join(folder, 'riskwright-offline.html'), 'utf8');
      return /<meta name="riskwright-storage" content="([^"]*)">/.exec(html)?.[1];
    }));
    assert.match(ids[0], /^[0-9a-f]{16}$/);
    assert.match(ids[1], /^[0-9a-f]{16}$/);
    assert.notEqual(ids[0], ids[1], 'each download has its own storage id');

    const copyA = await openApp(context, pathToFileURL(join(folders[0], 'riskwright-offline.html')).href);
    const copyB = await openApp(context, pathToFileURL(join(folders[1], 'riskwright-offline.html')).href);
    await addRisk(copyA, 'Client A payroll on a shared drive');
    await copyB.reload();
    await copyB.waitForSelector('#app[data-ready="true"]');
    assert.deepEqual(await titles(copyB), [], 'copy B does not see client A’s risks');
    await addRisk(copyB, 'Client B laptops unencrypted');
    await copyA.reload();
    await copyA.waitForSelector('#app[data-ready="true"]');
    assert.deepEqual(await titles(copyA), ['Client A payroll on a shared drive']);
    // Each copy's keys and IndexedDB database carry its id.
    const keys = await copyA.evaluate(() => Object.keys(localStorage));
    assert.ok(keys.includes(`riskwright@${ids[0]}.assessment`), keys.join(', '));
    assert.ok(keys.includes(`riskwright@${ids[1]}.assessment`), keys.join(', '));
    assert.ok(!keys.includes('riskwright.assessment'), 'the default namespace is untouched');
    const databases = await copyA.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)));
    assert.ok(databases.includes(`riskwright@${ids[0]}`), databases.join(', '));
    // The site itself (its own origin) has none of it.
    await site.reload();
    await site.waitForSelector('#app[data-ready="true"]');
    assert.deepEqual(await titles(site), []);

    // Moving an assessment between copies: export from A, import into B.
    await openScreen(copyA, 'data');
    const [exported] = await Promise.all([copyA.waitForEvent('download'), copyA.click('#data-export-json')]);
    const text = await readFile(await exported.path(), 'utf8');
    await openScreen(copyB, 'data');
    await copyB.setInputFiles('#data-file', { name: exported.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
    await copyB.waitForSelector('#data-preview');
    await copyB.click('#data-import-new-json');
    await openScreen(copyB, 'register');
    assert.deepEqual(await titles(copyB), ['Client A payroll on a shared drive']);
    await openScreen(copyB, 'assessments');
    const names = await copyB.$$eval('#assessments-table tbody input', (inputs) => inputs.map((i) => i.value));
    assert.deepEqual(names, ['My risk assessment', 'My risk assessment (2)'], 'the import has a distinct name');
    assert.match(await copyB.textContent('body'), /This copy keeps its data apart from other downloaded copies/);
    await copyB.screenshot({ path: '/tmp/storage-offline-copy.png', fullPage: true });
    assert.deepEqual(await axe(copyB), []);
    // A still has only its own.
    await copyA.reload();
    await copyA.waitForSelector('#app[data-ready="true"]');
    await openScreen(copyA, 'assessments');
    assert.equal((await copyA.$$('#assessments-table tbody tr')).length, 1);
    for (const page of [site, copyA, copyB]) assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
    await server.close();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  }
});
