// Journey: before the audit, the ISMS manager opens Reports, shows each of
// the four reports (methodology, risk assessment, treatment plan, Statement
// of Applicability) and prints it to PDF. Only the report prints, with its
// header and page numbers, on A4 and on Letter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe } from '../support/browser.mjs';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, '../../engine/tests/fixtures/schema/v3.json');

let server, browser, dir;
before(async () => {
  server = await serve();
  browser = await launch();
  dir = await mkdtemp(path.join(tmpdir(), 'rw-reports-'));
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The text of a PDF (pdftotext from poppler-utils), pages `first`..`last`. */
async function pdfText(pdf, { first, last, raw = false } = {}) {
  const file = path.join(dir, `r-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  const range = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : [])];
  const { stdout } = await run('pdftotext', [raw ? '-raw' : '-layout', ...range, file, '-']);
  return stdout;
}

async function pdfInfo(pdf) {
  const file = path.join(dir, `i-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('pdfinfo', [file]);
  return stdout;
}

/** Whitespace collapsed, so words a table cell wrapped still read in order. */
const flat = (text) => text.replace(/\s+/g, ' ');

/**
 * The PDF's text as laid out on the page (for the header block, footer and
 * chrome checks) and in reading order with whitespace collapsed (for
 * phrases a narrow table cell wraps over several lines).
 */
async function texts(pdf) {
  return { text: await pdfText(pdf), words: flat(await pdfText(pdf, { raw: true })) };
}

const CHROME = ['Undo', 'Redo', 'Export and import', 'Assets and threats', 'Skip to the assessment',
  'Everything stays in this browser', 'Ctrl+P', 'Report to show'];

function assertReport(text, what) {
  assert.match(text, /Acme ISMS 2026/, `${what}: the assessment's name`);
  assert.match(text, /Customer portal and its hosting/, `${what}: the scope`);
  assert.match(text, /Revision 7 \(7 recorded changes\) · Riskwright \d+\.\d+\.\d+/, `${what}: the version`);
  assert.match(text, /Date\s+\d{4}-\d{2}-\d{2}/, `${what}: the date`);
  assert.match(text, /Page 1 of \d+/, `${what}: page numbers`);
  for (const chrome of CHROME) assert.ok(!text.includes(chrome), `${what}: no UI chrome "${chrome}" in print`);
}

test('each report shows on screen, passes axe, and prints only itself with page numbers', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  const doc = await readFile(fixture, 'utf8');
  await page.evaluate((text) => {
    localStorage.setItem('riskwright.assessment', text);
    localStorage.setItem('riskwright.revision', '500');
  }, doc);
  await reloadApp(page, 'reports');
  assert.equal(await page.getAttribute('#nav-reports', 'aria-current'), 'page');
  assert.equal(await page.getAttribute('#report-methodology', 'aria-pressed'), 'true', 'methodology first');

  // 1. Methodology (6.1.2).
  assert.match(await page.textContent('#report-title'), /Risk assessment methodology/);
  assert.deepEqual(await page.$$eval('#report-matrix tbody tr', (trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim()))), [
    ['3 Likely', 'Medium', 'High', 'High'],
    ['2 Possible', 'Low', 'Medium', 'High'],
    ['1 Unlikely', 'Low', 'Low', 'Medium'],
  ], 'the matrix names the level in every cell, highest likelihood first');
  assert.deepEqual(await axe(page), [], 'methodology passes axe');
  // The button opens the browser's print dialog (stubbed here: headless has none).
  await page.evaluate(() => { window.print = () => { window.__printed = (window.__printed ?? 0) + 1; }; });
  await page.click('#report-print');
  assert.equal(await page.evaluate(() => window.__printed), 1);
  let pdf = await page.pdf({ format: 'A4', printBackground: true });
  let { text, words } = await texts(pdf);
  assertReport(text, 'methodology');
  assert.match(text, /Risk assessment methodology/);
  assert.match(text, /less than once in 5 years/, 'scale guidance');
  assert.match(text, /Unlikely/);
  assert.match(text, /Severe/);
  assert.match(text, /365 days/, 'review intervals');
  assert.match(words, /The risk appetite is Low\./, 'the acceptance criteria in words');
  assert.match(words, /Confidentiality, Integrity, Availability and Legal/, 'the dimensions');

  // 2. Risk assessment report (8.2).
  await page.click('#report-assessment');
  assert.equal(await page.getAttribute('#report-assessment', 'aria-pressed'), 'true');
  assert.equal(await page.getAttribute('#report-methodology', 'aria-pressed'), 'false');
  const r1 = await page.$$eval('#report-register-table tbody tr:first-child > *', (cs) => cs.map((c) => c.textContent.trim()));
  assert.equal(r1[1], 'Ransomware encrypts the customer database');
  assert.equal(r1[6], 'HighL3 × I3', 'inherent: level and cell');
  assert.deepEqual(await axe(page), [], 'risk assessment report passes axe');
  ({ text, words } = await texts(await page.pdf({ format: 'A4', printBackground: true })));
  assertReport(text, 'assessment');
  assert.match(text, /Risk assessment report/);
  assert.match(words, /Ransomware encrypts the customer database/, 'a risk title');
  assert.match(words, /Customer database/, 'its asset');
  assert.match(words, /High L3 × I3/, 'its inherent level and cell');
  assert.match(text, /2026-10-01/, 'its last review, on one line');
  assert.match(words, /not scored/, 'the unscored risk says so');

  // 3. Risk treatment plan (6.1.3 e, 8.3).
  await page.click('#report-plan');
  assert.deepEqual(await axe(page), [], 'treatment plan passes axe');
  const acceptance = await page.textContent('#report-treatment-table tbody tr:first-child td:last-child');
  assert.match(acceptance, /By CTO on 2026-11-20/);
  ({ text, words } = await texts(await page.pdf({ format: 'A4', printBackground: true })));
  assertReport(text, 'plan');
  assert.match(text, /Risk treatment plan/);
  assert.match(words, /Nightly off-site backups/, 'the plan action');
  assert.match(words, /2027-01-31/, 'its due date');
  assert.match(words, /8\.13 Information backup/, 'the applied control');
  assert.match(words, /By CTO on 2026-11-20/, 'the acceptance');
  assert.doesNotMatch(text, /Not yet scored/, 'an unscored risk without decision is not in the plan');

  // 4. Statement of Applicability (6.1.3 d): 93 controls over several pages.
  await page.click('#report-soa');
  assert.equal(await page.$$eval('#report-soa-table tbody tr', (trs) => trs.length), 93);
  assert.deepEqual(await axe(page), [], 'Statement of Applicability passes axe');
  pdf = await page.pdf({ format: 'A4', printBackground: true });
  ({ text, words } = await texts(pdf));
  assertReport(text, 'soa');
  assert.match(words, /5\.1 Policies for information security/);
  assert.match(words, /Fully remote company with no premises/, 'the justification for an exclusion');
  assert.match(words, /Backup policy v2/, 'evidence');
  assert.match(words, /Treats risk R1/, 'the selecting risk');
  assert.match(words, /Open gaps: \d+/, 'the number of open gaps');
  const pages = Number(/Page 1 of (\d+)/.exec(text)[1]);
  assert.ok(pages >= 2, `the SoA takes several pages (${pages})`);
  const second = await pdfText(pdf, { first: 2, last: 2 });
  assert.match(second, /Page 2 of \d+/);
  assert.match(second, /Applicability/, 'the table header repeats on the next page');
  assert.match(second, /Justification for/, 'the table header repeats on the next page');

  // Letter paper prints too: the CSS leaves the size to the print dialog.
  const letter = await page.pdf({ format: 'Letter', printBackground: true });
  assert.match(await pdfInfo(letter), /Page size:\s+612 x 792 pts/, 'Letter pages');
  assert.match(await pdfInfo(pdf), /Page size:\s+59[56](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/, 'A4 pages');
  const onLetter = await texts(letter);
  assertReport(onLetter.text, 'soa on Letter');
  assert.match(onLetter.words, /5\.1 Policies for information security/);

  assert.deepEqual(page.problems, []);
  await context.close();
});
