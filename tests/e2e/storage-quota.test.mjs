// Journey: browser storage runs out. A document too large for localStorage
// moves to IndexedDB; if nothing can be written, the user is told at once,
// offered an export, and the last good copy survives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Makes localStorage refuse any value longer than `limit` characters, as a full quota does. */
const limitLocalStorage = (page, limit) => page.evaluate((limit) => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (String(value).length > limit) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return setItem.call(this, key, value);
  };
}, limit);

const idbKeys = (page) => page.evaluate(() => new Promise((ok, fail) => {
  const open = indexedDB.open('riskwright');
  open.onsuccess = () => {
    const request = open.result.transaction('documents').objectStore('documents').getAllKeys();
    request.onsuccess = () => ok(request.result);
    request.onerror = () => fail(request.error);
  };
  open.onerror = () => fail(open.error);
}));

async function addRisk(page, title, scenario = '') {
  await page.click('#add-risk');
  await page.fill('#rf-title', title);
  if (scenario) await page.fill('#rf-scenario', scenario);
  await page.click('#rf-save');
}

test('a document that does not fit in localStorage is kept in IndexedDB', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await addRisk(page, 'Small one');
  await limitLocalStorage(page, 20_000);
  await addRisk(page, 'Large one', 'x'.repeat(30_000));
  assert.equal(await page.$('.notice'), null, 'no error: IndexedDB took it');
  await page.waitForFunction(() => localStorage.getItem('riskwright.assessment') === null);
  assert.ok((await idbKeys(page)).includes('riskwright.assessment'));
  await page.reload();
  await page.waitForSelector('#app[data-ready="true"]');
  const titles = await page.$$eval('#register-table tbody td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
  assert.deepEqual(titles, ['Small one', 'Large one']);
  // Shrinking it again moves it back to localStorage and out of IndexedDB.
  await page.click('button[aria-label^="Delete R-2"]');
  await page.waitForFunction(() => localStorage.getItem('riskwright.assessment') !== null);
  await page.waitForFunction(async () => {
    const keys = await new Promise((ok) => {
      const open = indexedDB.open('riskwright');
      open.onsuccess = () => {
        const r = open.result.transaction('documents').objectStore('documents').getAllKeys();
        r.onsuccess = () => ok(r.result);
      };
    });
    return !keys.includes('riskwright.assessment');
  });
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('when no storage can take a change, the user is told and the last good copy stays', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await openApp(context, server.url);
  await addRisk(page, 'Saved before the disk filled up');
  await limitLocalStorage(page, 1_000);
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await addRisk(page, 'Never saved', 'y'.repeat(2_000));
  await page.waitForSelector('.notice');
  const notice = await page.textContent('.notice');
  assert.match(notice, /The last change was not saved/);
  assert.match(notice, /storage for this site is full/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.notice >> text=Export the current assessment')]);
  const exported = JSON.parse(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8'));
  assert.deepEqual(exported.risks.map((r) => r.title), ['Saved before the disk filled up', 'Never saved'], 'the export holds the unsaved work');
  await page.reload();
  await page.waitForSelector('#app[data-ready="true"]');
  const titles = await page.$$eval('#register-table tbody td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
  assert.deepEqual(titles, ['Saved before the disk filled up'], 'the last good copy is intact');
  await context.close();
});
