// Journey: an ISMS manager exports the register for a spreadsheet, imports
// risks from a spreadsheet (fixing nothing is imported until confirmed), and
// moves a whole assessment through a JSON file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve } from '../support/server.mjs';
import { launch, openApp, axe, openScreen } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const stored = (page) => page.evaluate(() => localStorage.getItem('riskwright.assessment'));
const titles = (page) => page.$$eval('#register-table tbody tr', (trs) =>
  trs.map((tr) => tr.children[1].textContent.trim()));

/** Puts `text` into the file input as `name` and waits for the preview. */
async function importFile(page, name, mimeType, text) {
  await page.setInputFiles('#data-file', { name, mimeType, buffer: Buffer.from(text, 'utf8') });
  await page.waitForSelector('#data-preview');
}

/** Seeds storage with `doc` before the app starts (first load only). */
async function seeded(doc) {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.addInitScript((value) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('riskwright.assessment', value);
      sessionStorage.setItem('seeded', '1');
    }
  }, JSON.stringify(doc));
  return context;
}

async function emptyDoc() {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'method' });
  await page.fill('#assessment-name', 'Seed');
  const doc = JSON.parse(await stored(page));
  await context.close();
  return doc;
}

test('CSV export has the BOM, CRLF line ends and neutralised formulas', async () => {
  const doc = await emptyDoc();
  doc.risks = [{ id: 'R-1', title: '=HYPERLINK("x")' }];
  const context = await seeded(doc);
  const page = await openApp(context, server.url, { screen: 'data' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#data-export-csv')]);
  assert.equal(download.suggestedFilename(), 'Seed-register.csv');
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
  const text = bytes.toString('utf8').slice(1);
  const lines = text.split('\r\n');
  assert.ok(lines.length >= 3 && !lines.slice(0, -1).some((l) => l.includes('\n')), 'CRLF line ends');
  assert.match(lines[1], /^R-1,"'=HYPERLINK\(""x""\)"/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('CSV import with errors: preview, nothing until confirmed, then the good rows', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'data' });
  const before = await stored(page);
  await importFile(page, 'risks.csv', 'text/csv',
    'Title,Owner,Likelihood,Impact\r\nPhishing,CISO,3,4\r\nFlood,COO,very high,2\r\nLaptop theft,HR,2,2\r\n');
  const errors = await page.textContent('#data-errors');
  assert.match(errors, /row 3, column Likelihood: /);
  assert.match(await page.textContent('#data-counts'), /2 risks ready to import/);
  assert.equal(await page.$eval('#data-map-2', (s) => s.value), 'likelihood:current');
  assert.deepEqual(await axe(page), [], 'the preview is accessible');
  assert.equal(await stored(page), before, 'nothing is imported before the confirm click');

  // Changing a column's mapping updates the preview.
  await page.selectOption('#data-map-1', '');
  assert.match(await page.textContent('#data-preview'), /2 risks ready to import/);
  await page.selectOption('#data-map-1', 'owner');

  await page.click('#data-import-csv');
  assert.match(await page.textContent('#data-outcome'), /Imported 2 risks; 1 row was skipped because of errors/);
  await openScreen(page, 'register');
  assert.deepEqual(await titles(page), ['Phishing', 'Laptop theft']);
  const doc = JSON.parse(await stored(page));
  assert.deepEqual(doc.risks.map((r) => r.owner), ['CISO', 'HR']);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('JSON export then import (replace) is lossless', async () => {
  const doc = await emptyDoc();
  doc.assets = [{ id: 'A-1', name: 'Mail server' }];
  doc.risks = [
    { id: 'R-1', title: 'Phishing', owner: 'CISO', asset_ids: ['A-1'], tags: ['people'],
      current: { likelihood: 3, impacts: { confidentiality: 4, integrity: 2, availability: 1 } } },
  ];
  const context = await seeded(doc);
  const page = await openApp(context, server.url, { screen: 'data' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#data-export-json')]);
  const exported = await readFile(await download.path(), 'utf8');

  // Change the assessment, then bring the export back.
  await openScreen(page, 'method');
  await page.fill('#assessment-name', 'Changed');
  await openScreen(page, 'data');
  await importFile(page, download.suggestedFilename(), 'application/json', exported);
  assert.match(await page.textContent('#data-json-summary'), /“Seed”: 1 risk, 1 asset, 0 threats/);
  assert.equal(JSON.parse(await stored(page)).name, 'Changed', 'nothing replaced before the confirm click');
  await page.click('#data-replace');
  // Storage keeps snapshots apart, so compare what matters: exporting again
  // gives the very same file.
  const [again] = await Promise.all([page.waitForEvent('download'), page.click('#data-export-json')]);
  assert.equal(await readFile(await again.path(), 'utf8'), exported, 'export → import → export is byte for byte');
  assert.deepEqual(JSON.parse(await stored(page)).risks[0].current, doc.risks[0].current);
  await page.click('#data-undo-import');
  assert.equal(JSON.parse(await stored(page)).name, 'Changed', 'Undo import brings the replaced one back');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a corrupt JSON file lists its problems and changes nothing', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'data' });
  const before = await stored(page);
  await importFile(page, 'bad.json', 'application/json', '{"schema_version": 1, "name": 7}');
  assert.match(await page.textContent('#data-errors'), /Assessment name: invalid type/);
  assert.doesNotMatch(await page.textContent('#data-errors'), /\$\./, 'no JSON path is shown');
  assert.equal(await page.$('#data-replace'), null);
  assert.deepEqual(await axe(page), []);
  assert.equal(await stored(page), before);
  await context.close();
});

test('imported titles with markup stay text', async () => {
  const doc = await emptyDoc();
  doc.name = '<b>Bold</b> assessment';
  doc.risks = [
    { id: 'R-1', title: '<img src=x onerror=window.__pwned=true>' },
    { id: 'R-2', title: '<script>window.__pwned=true</script>' },
  ];
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'data' });
  await page.evaluate(() => { window.__pwned = false; });
  await importFile(page, 'evil.json', 'application/json', JSON.stringify(doc));
  await page.click('#data-replace');
  await openScreen(page, 'register');
  assert.deepEqual(await titles(page), [doc.risks[0].title, doc.risks[1].title]);
  assert.equal(await page.$('#register-table img'), null);
  assert.equal(await page.$('#register-table script'), null);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__pwned), false);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a CSV can be imported into a new assessment, leaving the current one alone', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'data' });
  const csv = 'Title,Risk owner,Likelihood,Impact\r\nSupplier outage,COO,4,3\r\nTypo,COO,very high,3\r\n';
  await importFile(page, 'suppliers.csv', 'text/csv', csv);
  await page.click('#data-import-new-csv');
  await openScreen(page, 'register');
  assert.match(await page.textContent('#register-title'), /Imported from suppliers\.csv/);
  const titles = await page.$$eval('#register-table tbody td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
  assert.deepEqual(titles, ['Supplier outage'], 'the row with an error is not imported');
  await openScreen(page, 'assessments');
  const names = await page.$$eval('#assessments-table tbody input', (inputs) => inputs.map((i) => i.value));
  assert.deepEqual(names, ['My risk assessment', 'Imported from suppliers.csv']);
  await context.close();
});
