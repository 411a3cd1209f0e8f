// Journey: several assessments in one browser: create, switch, rename,
// duplicate, and delete with undo. Nothing is lost across reloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe, openScreen } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const listed = (page) => page.$$eval('#assessments-table tbody tr', (trs) =>
  trs.map((tr) => [tr.querySelector('input').value, tr.children[1].textContent, tr.querySelector('.current-tag')?.textContent ?? '']));

test('create, switch, rename, duplicate, delete and undo the deletion', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.click('#add-risk');
  await page.fill('#rf-title', 'Only in the first');
  await page.click('#rf-save');

  await openScreen(page, 'assessments');
  await page.fill('#lib-new-name', 'Supplier review');
  await page.click('#lib-create');
  // "Create and open" opens the new assessment's register.
  await page.waitForSelector('#nav-register[aria-current="page"]');
  assert.match(await page.textContent('#register-title'), /Supplier review/);
  assert.match(await page.textContent('#register-empty'), /No risks yet/);
  await openScreen(page, 'assessments');
  assert.deepEqual(await listed(page), [['My risk assessment', '1', ''], ['Supplier review', '0', 'Open now']]);
  // The open one is a status, not a control.
  const current = await page.$eval('#assessments-table tr[aria-current="true"] .current-tag', (el) => {
    const style = getComputedStyle(el);
    return { control: el.closest('button, a') !== null, border: style.borderStyle, weight: style.fontWeight };
  });
  assert.deepEqual(current, { control: false, border: 'none', weight: '400' });

  await page.click('button[aria-label="Open My risk assessment"]');
  await page.fill('#lib-name-0', 'ISMS 2027');
  await page.click('button[aria-label="Rename My risk assessment"]');
  await page.click('button[aria-label="Duplicate ISMS 2027"]');
  assert.deepEqual((await listed(page)).map((r) => r[0]), ['ISMS 2027', 'Supplier review', 'ISMS 2027 (copy)']);
  assert.deepEqual(await axe(page), []);

  await reloadApp(page, 'assessments');
  assert.deepEqual(await listed(page), [['ISMS 2027', '1', 'Open now'], ['Supplier review', '0', ''], ['ISMS 2027 (copy)', '1', '']]);

  await page.click('button[aria-label="Delete Supplier review"]');
  assert.match(await page.textContent('.notice'), /“Supplier review” was deleted/);
  assert.deepEqual((await listed(page)).map((r) => r[0]), ['ISMS 2027', 'ISMS 2027 (copy)']);
  await page.click('#lib-undo-delete');
  assert.deepEqual((await listed(page)).map((r) => r[0]), ['ISMS 2027', 'ISMS 2027 (copy)', 'Supplier review']);
  await page.click('button[aria-label="Open ISMS 2027 (copy)"]');
  await openScreen(page, 'register');
  assert.deepEqual(await page.$$eval('#register-table tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent)), ['Only in the first']);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('no two assessments silently share a name: a new one, and a replace by import', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await openApp(context, server.url, { screen: 'assessments' });
  const names = () => page.$$eval('#assessments-table tbody input', (inputs) => inputs.map((i) => i.value));
  await page.click('#lib-name-0', { clickCount: 3 });
  await page.locator('#lib-name-0').pressSequentially('Client A');
  await page.click('button[aria-label="Rename My risk assessment"]');
  await openScreen(page, 'data');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#data-export-json')]);
  const exported = await readFile(await download.path(), 'utf8');

  await openScreen(page, 'assessments');
  await page.locator('#lib-new-name').pressSequentially('Client A');
  await page.click('#lib-create');
  await page.waitForSelector('#nav-register[aria-current="page"]');
  assert.match(await page.textContent('.notice'), /already called “Client A”, so this one is called “Client A \(2\)”/);
  await openScreen(page, 'assessments');
  assert.deepEqual(await names(), ['Client A', 'Client A (2)']);
  await page.click('#lib-name-1', { clickCount: 3 });
  await page.locator('#lib-name-1').pressSequentially('Client B');
  await page.click('button[aria-label="Rename Client A (2)"]');

  // Client B's contents replaced by Client A's export: B keeps its name.
  await openScreen(page, 'data');
  await page.setInputFiles('#data-file', { name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(exported, 'utf8') });
  await page.waitForSelector('#data-preview');
  await page.click('#data-replace');
  assert.match(await page.textContent('body'), /Replaced the contents of “Client B” by “Client A” from .*\. It keeps the name “Client B”, because another assessment in this browser is called “Client A”\./);
  await openScreen(page, 'assessments');
  assert.deepEqual(await names(), ['Client A', 'Client B']);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.problems, []);
  await context.close();
});
