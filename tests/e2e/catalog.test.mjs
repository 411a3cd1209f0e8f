// Journey: an ISMS manager lists the assets with their C/I/A valuation,
// copies threats from the starter catalogue, links them in a risk, and
// everything is still there after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe, openScreen } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('riskwright.assessment')));
const cells = (page, table) => page.$$eval(`#${table} tbody tr`, (trs) =>
  trs.map((tr) => [...tr.children].map((td) => td.textContent.trim())));

test('add an asset with a valuation and a starter threat, link them in a risk, survive a reload', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'catalog' });
  assert.equal(await page.getAttribute('#nav-catalog', 'aria-current'), 'page');

  // An asset with a C/I/A valuation on the method's impact scale.
  await page.click('#add-asset');
  await page.fill('#cf-name', 'Customer database');
  await page.selectOption('#cf-type', 'information');
  await page.fill('#cf-owner', 'CTO');
  await page.selectOption('#cf-val-confidentiality', '5');
  await page.selectOption('#cf-val-integrity', '4');
  await page.selectOption('#cf-val-availability', '3');
  assert.deepEqual(await axe(page), [], 'the open form passes axe');
  await page.click('#cf-save');
  await page.waitForSelector('#cf-name', { state: 'detached' });
  const [asset] = await cells(page, 'asset-table');
  assert.deepEqual(asset.slice(0, 7), ['Customer database', 'Information', 'CTO', '5 Severe', '4 Major', '3 Moderate', '0']);

  // A starter threat, found by searching; it then shows as added.
  await page.fill('#starter-search', 'phishing');
  const starters = await cells(page, 'starter-threats');
  assert.ok(starters.length >= 1 && starters.every((r) => /phishing/i.test(r[0])), 'the search filters');
  await page.click('#starter-threats tbody tr:first-child button');
  assert.equal(await page.textContent('#starter-threats tbody tr:first-child td:last-child'), 'Added');
  const [threat] = await cells(page, 'threat-table');
  assert.match(threat[0], /Phishing/);
  let doc = await stored(page);
  assert.ok(doc.threats[0].catalogue_id, 'the copy keeps its catalogue id');
  assert.equal(doc.assets[0].valuation.confidentiality, 5);

  // Link both in a new risk through the register's form.
  await openScreen(page, 'register');
  await page.click('#add-risk');
  await page.fill('#rf-title', 'Phishing leads to a customer data leak');
  await page.selectOption('#rf-threat', doc.threats[0].id);
  await page.check('#rf-asset-0');
  await page.click('#rf-save');
  await page.waitForSelector('#rf-title', { state: 'detached' });

  await reloadApp(page, 'catalog');
  assert.equal((await cells(page, 'asset-table'))[0][6], '1', 'the asset is used by one risk');
  assert.equal((await cells(page, 'threat-table'))[0][4], '1', 'the threat is used by one risk');
  doc = await stored(page);
  assert.deepEqual(doc.risks[0].asset_ids, [doc.assets[0].id]);
  assert.equal(doc.risks[0].threat_id, doc.threats[0].id);

  // Deleting the linked asset is refused with the engine's message.
  await page.click('#asset-table button[aria-label="Delete Customer database"]');
  assert.match(await page.textContent('.notice'), /the asset 'A-1' is still linked by risk R-1: unlink it first/);
  assert.equal((await cells(page, 'asset-table')).length, 1);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('threats and vulnerabilities are edited, deleted and undone', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'catalog' });
  await page.click('#add-threat');
  await page.fill('#cf-name', 'Insider fraud');
  await page.selectOption('#cf-origin', 'deliberate');
  await page.check('#cf-prop-i');
  await page.click('#cf-save');
  await page.waitForSelector('#cf-name', { state: 'detached' });
  assert.deepEqual((await cells(page, 'threat-table'))[0].slice(0, 3), ['Insider fraud', 'Deliberate', 'I']);

  await page.click('#add-vulnerability');
  await page.click('#cf-save');
  assert.match(await page.textContent('#item-problems'), /name/i, 'a nameless vulnerability is refused');
  await page.fill('#cf-name', 'No four-eyes check on payments');
  await page.click('#cf-save');
  await page.waitForSelector('#cf-name', { state: 'detached' });

  await page.click('button[aria-label="Edit Insider fraud"]');
  await page.fill('#cf-name', 'Insider payment fraud');
  await page.click('#cf-save');
  await page.waitForSelector('#cf-name', { state: 'detached' });
  assert.equal((await cells(page, 'threat-table'))[0][0], 'Insider payment fraud');

  await page.click('button[aria-label="Delete Insider payment fraud"]');
  assert.equal(await page.$('#threat-table tbody tr'), null);
  await page.click('#undo');
  assert.equal((await cells(page, 'threat-table'))[0][0], 'Insider payment fraud');
  await reloadApp(page, 'catalog');
  assert.equal((await cells(page, 'vulnerability-table'))[0][0], 'No four-eyes check on payments');
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.problems, []);
  await context.close();
});
