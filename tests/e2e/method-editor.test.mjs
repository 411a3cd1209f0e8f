// Journey: open the app, shape the risk assessment method, come back later.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The heat map as rows of cell labels, top (highest likelihood) first. */
const heatMap = (page) => page.$$eval('#heatmap tbody tr', (rows) =>
  rows.map((r) => [...r.querySelectorAll('td button')].map((b) => b.lastChild.textContent)));

test('the app loads with no console error, no CSP violation and no axe violation', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'method' });
  assert.equal(await page.title(), 'Riskwright: ISO/IEC 27001 risk assessment');
  assert.equal(await page.inputValue('#assessment-name'), 'My risk assessment');
  assert.equal((await heatMap(page)).length, 5, 'the default method is 5×5');
  assert.deepEqual(await axe(page), []);
  // Open the collapsed sections so axe checks every control too.
  await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('choosing a preset redraws the heat map', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'method' });
  await page.selectOption('#method-preset', '3x3');
  assert.deepEqual(await heatMap(page), [
    ['Medium', 'High', 'High'],
    ['Low', 'Medium', 'High'],
    ['Low', 'Low', 'Medium'],
  ]);
  await page.selectOption('#method-preset', '4x4');
  assert.equal((await heatMap(page)).length, 4);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('edits to the method and the assessment survive a reload', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'method' });
  await page.fill('#assessment-name', 'Acme <b>ISMS</b> 2027');
  await page.fill('#level-3-label', 'Critical');
  await page.click('#cell-5-3'); // High → Critical (was "Very high")
  await page.selectOption('#size-impact', '6');
  await page.selectOption('#method-appetite', 'high');
  await reloadApp(page, 'method');
  assert.equal(await page.inputValue('#assessment-name'), 'Acme <b>ISMS</b> 2027');
  const map = await heatMap(page);
  assert.equal(map[0].length, 6, 'six impact levels');
  assert.equal(map[0][2], 'Critical', 'likelihood 5 × impact 3 was cycled up and renamed');
  assert.equal(await page.inputValue('#method-appetite'), 'high');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('typing keeps focus, and an invalid method is explained but not put in force', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'method' });
  await page.click('#level-0-label');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  const problems = await page.textContent('#method-problems');
  assert.match(problems, /Risk level 1, label: the label is empty/);
  assert.match(problems, /empty/);
  await page.keyboard.type('Minimal');
  assert.equal(await page.inputValue('#level-0-label'), 'Minimal', 'focus and caret stayed in the field');
  assert.equal(await page.$('#method-problems'), null);
  // A non-monotonic matrix: likelihood 5 × impact 5 cycles from Very high to Low.
  await page.click('#cell-5-5');
  assert.match(await page.textContent('#method-problems'), /higher (likelihood|impact) must never give a lower level/);
  await reloadApp(page, 'method');
  const map = await heatMap(page);
  assert.equal(map[0][4], 'Very high', 'the method in force kept the valid cell');
  assert.equal(await page.inputValue('#level-0-label'), 'Minimal');
  await context.close();
});

test('the matrix is usable from the keyboard', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'method' });
  await page.focus('#cell-5-3');
  await page.keyboard.press('Enter');
  assert.equal((await heatMap(page))[0][2], 'Very high');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-5-3', 'focus stays on the cell');
  await context.close();
});
