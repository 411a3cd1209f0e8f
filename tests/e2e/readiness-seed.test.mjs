// Journey: a visitor's readiness check becomes a full assessment in the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, axe } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the gaps of a readiness check become draft risks of a new assessment', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The self-assessment page leaves the engine's seed under this key (its own
  // test covers writing it); here the app takes it over.
  await page.goto(`${server.url}self-assessment.html`);
  await page.waitForSelector('[data-ready="true"]');
  await page.evaluate(() => {
    const seed = {
      risks: [
        { questionId: 'backups', title: 'Backups not fully in place', scenario: 'Data could be lost for good.', mapsTo: ['A.8.13'], controls: ['8.13'], priority: 1 },
        { questionId: 'risk-method', title: 'No risk assessment method', scenario: 'Risks are judged inconsistently.', mapsTo: ['6.1.2'], controls: [], priority: 2 },
      ],
      soaNotes: [],
    };
    localStorage.setItem('riskwright.seed', JSON.stringify(seed));
  });
  await page.goto(server.url);
  await page.waitForSelector('#app[data-ready="true"]');
  assert.match(await page.textContent('.notice'), /left 2 gaps as draft risks/);
  assert.deepEqual(await axe(page), []);
  await page.click('#seed-create');
  const rows = await page.$$eval('#register-table tbody tr', (trs) => trs.map((tr) => tr.children[1].textContent));
  assert.deepEqual(rows, ['Backups not fully in place', 'No risk assessment method']);
  assert.match(await page.textContent('#register-title'), /Readiness gaps/);
  assert.equal(await page.evaluate(() => localStorage.getItem('riskwright.seed')), null);
  await page.reload();
  await page.waitForSelector('#app[data-ready="true"]');
  assert.equal(await page.$('.notice'), null, 'offered once');
  await context.close();
});
