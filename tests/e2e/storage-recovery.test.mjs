// Journey: the saved data is damaged (or from a newer Riskwright); the app
// still opens, says so, and keeps the unreadable copy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const [what, stored, reason] of [
  ['corrupt JSON', '{"schema_version": 1, "name": "Half-writ', /not valid JSON/],
  ['a newer schema', JSON.stringify({ schema_version: 42, name: 'From the future' }), /newer than this Riskwright/],
]) {
  test(`${what} in storage: the app starts, tells the user and keeps a backup`, async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.addInitScript((value) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('riskwright.assessment', value);
        sessionStorage.setItem('seeded', '1');
      }
    }, stored);
    const page = await openApp(context, server.url, { screen: 'method' });
    const notice = await page.textContent('.notice');
    assert.match(notice, /could not be opened/);
    assert.match(notice, reason);
    assert.equal(await page.inputValue('#assessment-name'), 'My risk assessment', 'a fresh assessment works');
    const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('riskwright.backup.')));
    assert.equal(backups.length, 1);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), backups[0]), stored, 'the backup is byte for byte');
    assert.deepEqual(await axe(page), []);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('text=Download the unreadable copy'),
    ]);
    assert.equal(await readFile(await download.path(), 'utf8'), stored);

    await page.click('#notice-dismiss');
    assert.equal(await page.$('.notice'), null);
    await page.fill('#assessment-name', 'Started again');
    await reloadApp(page, 'method');
    assert.equal(await page.inputValue('#assessment-name'), 'Started again');
    assert.equal(await page.$('.notice'), null, 'the notice does not come back once the app saved');
    assert.deepEqual(page.problems.filter((p) => !p.startsWith('console: Failed to load resource')), []);
    await context.close();
  });
}
