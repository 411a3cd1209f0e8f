// Journey: before a surveillance audit the ISMS manager takes a snapshot,
// re-scores a risk, and shows what changed since: the comparison, the
// risk's timeline and the residual trend chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe, openScreen } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const cells = (page, selector) => page.$$eval(`${selector} tbody tr`, (trs) =>
  trs.map((tr) => [...tr.children].map((td) => td.textContent.trim())));

/** Adds a risk through the register's form: current and residual on confidentiality. */
async function addRisk(page, title, [cl, ci], [rl, ri]) {
  await openScreen(page, 'register');
  await page.click('#add-risk');
  await page.fill('#rf-title', title);
  await page.selectOption('#rf-current-likelihood', String(cl));
  await page.selectOption('#rf-current-confidentiality', String(ci));
  await page.selectOption('#rf-residual-likelihood', String(rl));
  await page.selectOption('#rf-residual-confidentiality', String(ri));
  await page.click('#rf-save');
  await page.waitForSelector('#rf-title', { state: 'detached' });
}

test('snapshot, re-score, compare with now, timeline and trend chart', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'history' });
  assert.match(await page.textContent('#trend-empty'), /Nothing recorded yet/);
  assert.deepEqual(await axe(page), [], 'the empty screen passes axe');

  await addRisk(page, 'Ransomware on file servers', [4, 4], [2, 2]);
  await addRisk(page, 'Laptop theft', [3, 3], [2, 4]);

  await openScreen(page, 'history');
  await page.fill('#snapshot-name', 'Surveillance audit 2027');
  await page.click('#take-snapshot');
  await page.waitForSelector('#snapshot-table tbody tr');
  const [snap] = await cells(page, '#snapshot-table');
  assert.equal(snap[0], 'Surveillance audit 2027');
  assert.match(snap[1], /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  assert.equal(snap[2], '2');
  assert.equal(await page.inputValue('#snapshot-name'), '', 'the name field is cleared');

  // Re-score R-1's current likelihood from Likely (4) to Rare (1).
  await openScreen(page, 'register');
  await page.click('button[aria-label^="Edit R-1"]');
  await page.selectOption('#rf-current-likelihood', '1');
  await page.click('#rf-save');
  await page.waitForSelector('#rf-title', { state: 'detached' });

  await reloadApp(page, 'history');
  assert.equal(await page.inputValue('#compare-from'), 'snapshot-0');
  assert.equal(await page.inputValue('#compare-to'), 'now');
  assert.equal(await page.textContent('#compare-summary'), '0 added · 0 removed · 1 re-scored · 0 edited');
  assert.deepEqual(await cells(page, '#compare-rescored'), [
    ['R-1 Ransomware on file servers', 'Current', 'Likely × Major (High)', 'Rare × Major (Low)'],
  ]);
  // Swapping the sides shows the change the other way round.
  await page.selectOption('#compare-from', 'now');
  await page.selectOption('#compare-to', 'snapshot-0');
  assert.deepEqual((await cells(page, '#compare-rescored'))[0].slice(2), ['Rare × Major (Low)', 'Likely × Major (High)']);

  // The timeline of R-1, newest first.
  assert.equal(await page.inputValue('#timeline-risk'), 'R-1');
  const timeline = await page.$$eval('#timeline li', (lis) => lis.map((li) => li.querySelector('.change').textContent));
  assert.equal(timeline[0], 'Current: Likely × Major (High) → Rare × Major (Low)');
  assert.equal(timeline.at(-1), 'Created');
  await page.selectOption('#timeline-risk', 'R-2');
  const other = await page.$$eval('#timeline li .change', (els) => els.map((e) => e.textContent));
  assert.equal(other.length, 3, 'created, then current and residual scored');

  // The trend chart: SVG built through the DOM, one line per level with counts.
  const chart = await page.$('svg#trend-chart');
  assert.ok(chart, 'the chart is an svg');
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.match(await chart.getAttribute('aria-label'), /Line chart of risks per residual level/);
  const table = await page.$$eval('#trend-table thead th', (ths) => ths.slice(1).map((th) => th.textContent));
  const rows = await cells(page, '#trend-table');
  const withCounts = table.filter((_, k) => rows.some((r) => Number(r[k + 1]) > 0));
  assert.ok(withCounts.length >= 1);
  const lines = await page.$$eval('#trend-chart polyline, #trend-chart path.line', (ls) => ls.length);
  assert.equal(lines, withCounts.length, 'one line per level that has counts');
  const ends = await page.$$eval('#trend-chart .end-label', (ts) => ts.map((t) => t.textContent));
  for (const label of withCounts) assert.ok(ends.some((e) => e.startsWith(`${label} (`)), `${label} is labelled at its line's end`);
  const legend = await page.textContent('#trend-legend');
  assert.deepEqual(table, ['Low', 'Medium', 'High', 'Very high'], 'a series per level of the 5×5 preset');
  for (const label of table) assert.ok(legend.includes(label), `the legend names ${label}`);
  assert.equal(await page.$eval('#trend-chart', (svg) => svg.namespaceURI), 'http://www.w3.org/2000/svg');

  assert.deepEqual(await axe(page), []);

  // Deleting the snapshot is undoable.
  await page.click('button[aria-label="Delete snapshot Surveillance audit 2027"]');
  assert.equal(await page.$('#snapshot-table tbody tr'), null);
  await page.click('#undo');
  assert.equal((await cells(page, '#snapshot-table')).length, 1);
  assert.deepEqual(page.problems, []);
  await context.close();
});
