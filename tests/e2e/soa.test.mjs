// Journey: an ISMS manager prepares the Statement of Applicability for the
// auditor. Every Annex A control is listed, the control a risk's treatment
// uses shows as applicable with that risk. They exclude 7.5 and forget the
// justification: the completeness check flags it, its Fix button opens the
// control's form, and once justified the gap is gone, also after a reload.
// A risk gap's Fix opens the risk's treatment. The SoA goes out as CSV, and a
// 2013-based SoA comes in through a preview that shows the migration.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe, storedDocument, openScreen } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const text = (page, selector) => page.$eval(selector, (e) => e.textContent.trim().replace(/\s+/g, ' '));
const cellsOf = (page, id) => page.$$eval(`#soa-tables tr[data-id="${id}"] > *`, (cs) =>
  cs.map((c) => c.textContent.trim().replace(/\s+/g, ' ')));
const gapCount = async (page) => {
  const heading = await text(page, '#soa-gaps-title');
  const m = heading.match(/(\d+) gaps?$/);
  assert.ok(m, `the heading counts the gaps: ${heading}`);
  return Number(m[1]);
};
const gap = (page, kind, subject) => page.locator(`#soa-gaps li[data-kind="${kind}"][data-subject="${subject}"]`);

// A schema-3 document on the default 5×5 method (appetite: medium): R-1 is
// treated by applying 8.7, R-2 is just as high and has no treatment option.
async function seed(page) {
  await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    const tier = (likelihood, availability) => ({ likelihood, impacts: { availability } });
    doc.risks = [
      { id: 'R-1', title: 'Malware on the office laptops', owner: 'CTO', treatment: 'in_progress',
        inherent: tier(4, 5), current: tier(4, 5), tags: [],
        decision: { option: 'modify', justification: 'EDR on every laptop' },
        controls: [{ control_id: '8.7', status: 'in_progress', effectiveness: 'medium', acts_through: 'preventive' }] },
      { id: 'R-2', title: 'Supplier outage stops billing', owner: 'CFO', treatment: 'untreated',
        inherent: tier(4, 5), current: tier(4, 5), tags: [] },
    ];
    // As an older file could hold it: an exclusion with no justification.
    doc.soa = [{ control_id: '7.6', applicable: false }];
    localStorage.setItem('riskwright.assessment', JSON.stringify(doc));
    localStorage.setItem('riskwright.revision', '900');
  });
}

test('SoA: 93 controls, a risk selects 8.7, an unjustified exclusion is flagged and fixed, survives a reload', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await openApp(context, server.url);
  assert.equal((await storedDocument(page)).schema_version, 4);
  await seed(page);
  await reloadApp(page, 'soa');
  assert.equal(await page.getAttribute('#nav-soa', 'aria-current'), 'page');
  await page.waitForSelector('#soa-screen');

  // Every Annex A control, grouped by theme; 8.7 applicable through R-1.
  assert.equal(await page.locator('#soa-tables tbody tr').count(), 93);
  assert.deepEqual(await page.$$eval('#soa-tables h3', (hs) => hs.map((h) => h.textContent)),
    ['5 Organizational controls', '6 People controls', '7 Physical controls', '8 Technological controls']);
  assert.equal(await page.locator('#soa-table-technological tbody tr').count(), 34);
  const c87 = await cellsOf(page, '8.7');
  assert.equal(c87[0], '8.7');
  assert.equal(c87[2], 'applicable (selected by R-1)');
  assert.match(c87[3], /Risks: R-1/);
  assert.equal(c87[5], 'in progress (from the risks)');
  assert.equal(await text(page, '#soa-summary'), '93 controls · 1 applicable · 1 excluded · 91 undecided');
  assert.deepEqual(await axe(page), [], 'the screen passes axe with the form closed');

  const before = await gapCount(page);
  assert.equal(await gap(page, 'undecided', '7.5').count(), 1, '7.5 starts undecided');
  assert.equal(await gap(page, 'risk-untreated', 'R-2').count(), 1, 'the untreated risk is a gap');
  assert.equal(await gap(page, 'risk-untreated', 'R-1').count(), 0, 'the treated one is not');

  // Exclude 7.5 without a justification: the form warns, and saving is
  // refused before anything is recorded.
  await page.click('#soa-edit-7\\.5');
  await page.waitForSelector('#soa-form');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'soa-form-title', 'the form takes focus');
  assert.match(await text(page, '#soa-form-title'), /^Control 7\.5 /);
  assert.ok((await text(page, '#soa-form .soa-help')).length > 40, 'the catalogue guidance is shown');
  assert.ok(await page.isChecked('#sf-undecided'));
  await page.check('#sf-excluded');
  assert.match(await text(page, '#sf-justification-gap'), /excluded without a justification/);
  assert.equal(await page.getAttribute('#sf-justification', 'aria-invalid'), 'true');
  assert.deepEqual(await axe(page), [], 'the screen passes axe with the form open');
  await page.click('#sf-save');
  await page.waitForSelector('#sf-justification-problem');
  assert.match(await text(page, '#sf-justification-problem'), /^7\.5 .*: say why it does not apply before excluding it$/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'sf-justification', 'the cursor goes to the justification');
  assert.deepEqual((await storedDocument(page)).soa.map((e) => e.control_id), ['7.6'], 'nothing recorded for 7.5');
  assert.equal(await gap(page, 'undecided', '7.5').count(), 1, 'still undecided');
  await page.click('#sf-cancel');
  await page.waitForSelector('#soa-form', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'soa-edit-7.5', 'focus returns to the row');

  // An exclusion without a justification from an older file or an import
  // is a gap; its Fix opens 7.6's form with the exclusion; justify and save.
  assert.equal(await gap(page, 'exclusion-unjustified', '7.6').count(), 1, 'the missing justification is a gap');
  await gap(page, 'exclusion-unjustified', '7.6').getByRole('button', { name: /Fix/ }).click();
  await page.waitForSelector('#soa-form');
  assert.match(await text(page, '#soa-form-title'), /^Control 7\.6 /);
  assert.ok(await page.isChecked('#sf-excluded'));
  await page.locator('#sf-justification').pressSequentially('No secure areas: a shared office');
  assert.equal(await page.locator('#sf-justification-gap').count(), 0, 'the warning goes as it is filled in');
  await page.click('#sf-save');
  await page.waitForSelector('#soa-form', { state: 'detached' });
  assert.equal(await gap(page, 'exclusion-unjustified', '7.6').count(), 0, 'that gap is gone');
  assert.equal(await gapCount(page), before - 1, 'the gap count falls');

  // 7.5, excluded with its justification typed key by key.
  await page.click('#soa-edit-7\\.5');
  await page.waitForSelector('#soa-form');
  await page.check('#sf-excluded');
  await page.locator('#sf-justification').pressSequentially('Fully remote company: no premises of our own');
  assert.equal(await page.locator('#sf-justification-gap').count(), 0, 'the warning goes as it is filled in');
  await page.click('#sf-save');
  await page.waitForSelector('#soa-form', { state: 'detached' });
  assert.equal(await gap(page, 'undecided', '7.5').count(), 0);
  assert.equal(await gapCount(page), before - 2, 'the gap count falls again');
  assert.equal((await cellsOf(page, '7.5'))[2], 'excluded');
  assert.equal(await text(page, '#soa-summary'), '93 controls · 1 applicable · 2 excluded · 90 undecided');
  assert.equal((await cellsOf(page, '7.5'))[4], 'Fully remote company: no premises of our own');

  // Kept in storage and after a reload.
  const entry = (await storedDocument(page)).soa.find((e) => e.control_id === '7.5');
  assert.equal(entry.applicable, false);
  assert.equal(entry.exclusion_justification, 'Fully remote company: no premises of our own');
  await reloadApp(page, 'soa');
  assert.equal(await gapCount(page), before - 2);
  assert.equal(await gap(page, 'exclusion-unjustified', '7.5').count(), 0);
  assert.equal((await cellsOf(page, '7.5'))[2], 'excluded');

  // The filter shows only excluded controls.
  await page.selectOption('#soa-filter', 'excluded');
  assert.deepEqual(await page.$$eval('#soa-tables tbody tr', (trs) => trs.map((t) => t.dataset.id)), ['7.5', '7.6']);
  await page.selectOption('#soa-filter', 'all');
  await page.fill('#soa-search', 'malware');
  assert.deepEqual(await page.$$eval('#soa-tables tbody tr', (trs) => trs.map((t) => t.dataset.id)), ['8.7']);
  await page.fill('#soa-search', '');

  // Export: one row per control, the justification included.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#soa-export-csv')]);
  assert.match(download.suggestedFilename(), /-soa\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  assert.equal(csv.charCodeAt(0), 0xfeff, 'with a BOM');
  const lines = csv.slice(1).split('\r\n').filter((l) => l !== '');
  assert.match(lines[0], /^Control,Title,Theme/);
  assert.equal(lines.length, 94, 'a header and 93 rows');
  assert.match(lines.find((l) => l.startsWith('7.5,')), /Fully remote company: no premises of our own/);

  // Import a 2013-based SoA: a preview with the problems and the migration,
  // nothing recorded until confirmed.
  const file2013 = 'Control,Applicable,Exclusion justification\r\n'
    + 'A.5.1.1,yes,\r\nA.5.1.2,yes,\r\nA.6.1.1,perhaps,\r\nA.11.1.1,yes,\r\n';
  await page.setInputFiles('#soa-file', { name: 'soa-2013.csv', mimeType: 'text/csv', buffer: Buffer.from(file2013) });
  await page.waitForSelector('#soa-import');
  assert.match(await text(page, '#soa-import-problems'), /row 4/);
  assert.match(await text(page, '#soa-migration'), /2013/);
  assert.match(await text(page, '#soa-migration'), /5\.1/);
  assert.equal((await cellsOf(page, '5.1'))[2], 'undecided', 'nothing recorded before confirming');
  assert.deepEqual(await axe(page), [], 'the import preview passes axe');
  await page.click('#soa-import-confirm');
  await page.waitForSelector('#soa-import', { state: 'detached' });
  assert.match(await text(page, '#soa-outcome'), /soa-2013\.csv/);
  assert.equal((await cellsOf(page, '5.1'))[2], 'applicable');
  assert.equal((await cellsOf(page, '7.5'))[2], 'excluded', 'controls the file does not cover keep their decision');

  // A risk gap's Fix opens that risk's treatment.
  await gap(page, 'risk-untreated', 'R-2').getByRole('button', { name: /Fix/ }).click();
  await page.waitForSelector('#treatment-screen', { state: 'attached' });
  assert.equal(await page.locator('#soa-screen').count(), 0, 'the SoA screen is left');
  assert.equal(await page.getAttribute('#nav-soa', 'aria-current'), null);
  assert.match(await text(page, '#treat-title'), /R-2/, 'the treatment of R-2 is open');

  assert.deepEqual(page.problems, []);
  await context.close();
});

test('custom controls: added with their attributes, checked by the engine, listed in the SoA, applied to a risk', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await seed(page);
  await reloadApp(page, 'soa');
  assert.match(await text(page, '#cc-empty'), /No custom controls yet/);
  await page.click('#cc-new');
  await page.waitForSelector('#cc-id:focus');
  await page.keyboard.type('A.5.1');
  await page.fill('#cc-title', 'Risk analysis and security policies');
  await page.fill('#cc-source', 'NIS2 Directive, article 21(2)(a)');
  await page.selectOption('#cc-theme', 'organizational');
  assert.deepEqual(await axe(page), []);
  await page.click('#cc-save');
  // The engine refuses an id that clashes with Annex A, and a control with no security property.
  const problems = await text(page, '#cc-problems');
  assert.match(problems, /clashes with Annex A control 5\.1/);
  assert.match(problems, /security properties: needs at least one security property/);
  await page.fill('#cc-id', 'NIS2-21.2a');
  await page.check('#cc-property-confidentiality');
  await page.check('#cc-property-integrity');
  await page.check('#cc-concept-identify');
  await page.fill('#cc-evidence', 'Board-approved risk policy\nAnnual review minutes');
  await page.press('#cc-title', 'Enter');
  await page.waitForSelector('#cc-form', { state: 'detached' });
  assert.deepEqual(await cellsOf(page, 'NIS2-21.2a').then((c) => c.slice(0, 3)),
    ['NIS2-21.2a', 'Risk analysis and security policies', 'undecided']);
  assert.match(await text(page, '#soa-summary'), /^94 controls/);
  // Applied to a risk from its treatment, it becomes applicable with the risk linked.
  await openScreen(page, 'register');
  await page.click('button[aria-label^="Treat R-2 "]');
  await page.fill('#treat-add-control', 'NIS2-21.2a');
  await page.click('#treat-add');
  await openScreen(page, 'soa');
  assert.match((await cellsOf(page, 'NIS2-21.2a'))[2], /applicable \(selected by R-2\)/);
  // A control a risk applies cannot be deleted.
  await page.click('button[aria-label="Delete custom control NIS2-21.2a"]');
  assert.match(await page.textContent('.notice'), /still linked by risk R-2/);
  await reloadApp(page, 'soa');
  const doc = await storedDocument(page);
  assert.deepEqual(doc.custom_controls[0].security_properties, ['confidentiality', 'integrity']);
  assert.deepEqual(doc.custom_controls[0].evidence, ['Board-approved risk policy', 'Annual review minutes']);
  assert.deepEqual(page.problems, []);
  await context.close();
});
