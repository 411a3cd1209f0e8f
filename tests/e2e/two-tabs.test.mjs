// Journey: the same assessment open in two tabs never loses either tab's work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test("a tab shows the other tab's saved change", async () => {
  const context = await browser.newContext();
  const a = await openApp(context, server.url, { screen: 'method' });
  const b = await openApp(context, server.url, { screen: 'method' });
  await a.fill('#assessment-name', 'Edited in tab A');
  await b.waitForFunction(() => document.querySelector('#assessment-name')?.value === 'Edited in tab A');
  assert.match(await b.textContent('.notice'), /Updated from another tab/);
  await b.fill('#assessment-scope', 'Scope from tab B');
  await a.waitForFunction(() => document.querySelector('#assessment-scope')?.value === 'Scope from tab B');
  assert.equal(await a.inputValue('#assessment-name'), 'Edited in tab A', 'A kept its own change');
  assert.deepEqual([...a.problems, ...b.problems], []);
  await context.close();
});

test('a save that would overwrite newer work asks which version to keep', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'method' });
  // Another tab saved a moment ago; its storage event has not arrived yet.
  await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    doc.name = 'Saved by the other tab';
    localStorage.setItem('riskwright.assessment', JSON.stringify(doc));
    localStorage.setItem('riskwright.revision', String(Number(localStorage.getItem('riskwright.revision')) + 1));
  });
  await page.fill('#assessment-scope', 'My unsaved scope');
  assert.match(await page.textContent('.notice'), /changed in another tab/);
  const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('riskwright.assessment')));
  assert.equal((await stored()).name, 'Saved by the other tab', 'nothing was overwritten silently');
  await page.click('#keep-mine');
  assert.equal((await stored()).scope, 'My unsaved scope');
  assert.equal(await page.$('.notice'), null);
  await context.close();
});
