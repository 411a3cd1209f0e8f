// Journey: several assessments in one browser: create, switch, rename,
// duplicate, and delete with undo. Nothing is lost across reloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe, openScreen } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const listed = (page) => page.$$eval('#assessments-table tbody tr', (trs) =>
  trs.map((tr) => [tr.querySelector('input').value, tr.children[1].textContent, tr.querySelector('strong')?.textContent ?? '']));

test('create, switch, rename, duplicate, delete and undo the deletion', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.click('#add-risk');
  await page.fill('#rf-title', 'Only in the first');
  await page.click('#rf-save');

  await openScreen(page, 'assessments');
  await page.fill('#lib-new-name', 'Supplier review');
  await page.click('#lib-create');
  assert.deepEqual(await listed(page), [['My risk assessment', '1', ''], ['Supplier review', '0', 'Open']]);
  await openScreen(page, 'register');
  assert.match(await page.textContent('#register-title'), /Supplier review/);
  assert.match(await page.textContent('#register-empty'), /No risks yet/);

  await openScreen(page, 'assessments');
  await page.click('button[aria-label="Open My risk assessment"]');
  await page.fill('#lib-name-0', 'ISMS 2027');
  await page.click('button[aria-label="Rename My risk assessment"]');
  await page.click('button[aria-label="Duplicate ISMS 2027"]');
  assert.deepEqual((await listed(page)).map((r) => r[0]), ['ISMS 2027', 'Supplier review', 'ISMS 2027 (copy)']);
  assert.deepEqual(await axe(page), []);

  await reloadApp(page, 'assessments');
  assert.deepEqual(await listed(page), [['ISMS 2027', '1', 'Open'], ['Supplier review', '0', ''], ['ISMS 2027 (copy)', '1', '']]);

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
