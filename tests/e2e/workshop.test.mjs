// Journey: a facilitator runs a risk workshop on a projector, keyboard only:
// presentation mode, three risks walked through, scores changed with the
// digit keys, the tier switched, votes collected and the agreed value
// recorded, one undo, a reload mid-session, and a workshop record at the end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, openScreen, axe, storedDocument } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const text = (page, selector) => page.textContent(selector).then((t) => t.replace(/\s+/g, ' ').trim());

/**
 * Presses the button `selector` from the keyboard (focus, then Enter), as a
 * keyboard-only facilitator does. While the timer ticks the screen is drawn
 * again every second, which Playwright's click waits out as "not stable".
 */
async function activate(page, selector) {
  await page.focus(selector);
  await page.keyboard.press('Enter');
}
const px = (page, selector) => page.$eval(selector, (e) => parseFloat(getComputedStyle(e).fontSize));

async function seed(page) {
  await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    const tier = (likelihood, c, a) => ({ likelihood, impacts: { confidentiality: c, availability: a } });
    doc.risks = [
      { id: 'R-1', title: 'Supplier outage stops billing', owner: 'CFO', inherent: tier(4, 2, 5), current: tier(3, 2, 4) },
      { id: 'R-2', title: 'Laptop theft', owner: 'IT', inherent: tier(3, 4, 2), current: tier(3, 4, 2) },
      { id: 'R-3', title: 'Phishing of finance staff', owner: 'CFO', inherent: tier(5, 4, 3), current: tier(4, 4, 3) },
    ];
    localStorage.setItem('riskwright.assessment', JSON.stringify(doc));
    localStorage.setItem('riskwright.revision', '990');
  });
}

test('a keyboard-only workshop over three risks, with votes, undo, a reload and a record', async () => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  const page = await openApp(context, server.url);
  await seed(page);
  await reloadApp(page);
  await page.focus('#register-title');
  await page.keyboard.press('p');
  await page.waitForSelector('#workshop-screen');
  assert.equal(await page.isVisible('nav.toolbar'), false, 'no app chrome in presentation mode');
  await page.waitForFunction(() => document.fullscreenElement === document.documentElement);
  assert.equal(await text(page, '#ws-risk-title'), '1. R-1 Supplier outage stops billing');
  assert.match(await text(page, '#ws-score'), /^High: likelihood 3 × impact 4 = 12$/);
  // The heat map is SVG with a numbered marker per risk.
  assert.equal(await page.$$eval('#ws-heatmap .ws-marker', (m) => m.length), 3);
  assert.match(await page.$eval('#ws-heatmap .ws-marker.focus title', (t) => t.textContent), /^1\. R-1 Supplier outage/);
  // Readable from the back of the room at 1920×1080.
  for (const selector of ['#ws-risk-title', '#ws-score', '#ws-tier', '#ws-timer']) {
    assert.ok(await px(page, selector) >= 24, `${selector} is at least 24 px`);
  }
  assert.deepEqual(await axe(page), []);

  // Digits set the likelihood; I switches them to the impact.
  await page.keyboard.press('2');
  assert.match(await text(page, '#ws-score'), /likelihood 2 × impact 4 = 8/);
  await page.keyboard.press('i');
  await page.keyboard.press('5');
  assert.match(await text(page, '#ws-score'), /likelihood 2 × impact 5 = 10/);

  // Next risk: the room votes, the spread shows the disagreement, the agreed value is recorded.
  await page.keyboard.press('ArrowRight');
  assert.equal(await text(page, '#ws-risk-title'), '2. R-2 Laptop theft');
  // The timer counts while the risk is on screen, without pressing S.
  await page.waitForFunction(() => /Time on this risk: 0:0[1-9]/.test(document.querySelector('#ws-timer')?.textContent ?? ''));
  await page.keyboard.press('v');
  for (const key of ['2', '3', '4', '3', '2', '4']) await page.keyboard.press(key);
  assert.match(await text(page, '#ws-voting-title'), /^Votes: 3 so far/);
  assert.match(await text(page, '#ws-spread-likelihood'), /Likelihood: min 2, median 2, max 4 · 2 levels apart: discuss/);
  await page.locator('#ws-dissent').pressSequentially('IT thinks thefts are rarer');
  await activate(page, '#ws-agree');
  assert.match(await text(page, '#ws-score'), /likelihood 2 × impact 3 = 6/);
  // S pauses the timer, and says so.
  await page.focus('#ws-leave');
  await page.keyboard.press('s');
  assert.match(await text(page, '#ws-timer'), /paused/);

  // Third risk, residual tier; a score, then undo takes it back.
  await page.focus('#ws-leave');
  await page.keyboard.press('j');
  await page.keyboard.press('t');
  assert.match(await text(page, '#ws-tier'), /Scoring the residual risk/);
  await page.keyboard.press('l');
  await page.keyboard.press('3');
  assert.match(await text(page, '#ws-score'), /likelihood 3 × impact 4 = 12/);
  await page.keyboard.press('u');
  assert.equal(await text(page, '#ws-score'), 'not scored yet');

  // Help lists the shortcuts and passes axe; Escape closes it.
  await page.keyboard.press('?');
  assert.match(await text(page, '#ws-help'), /next risk.*undo/);
  assert.ok(await px(page, '#ws-help td') >= 24);
  assert.deepEqual(await axe(page), []);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#ws-help', { state: 'detached' });

  // A reload mid-session goes on where it was.
  await reloadApp(page);
  await page.waitForSelector('#workshop-screen');
  assert.equal(await text(page, '#ws-risk-title'), '3. R-3 Phishing of finance staff');
  assert.match(await text(page, '#ws-tier'), /residual/);

  // The end: the record is kept in the assessment and its history, and downloads as JSON.
  await activate(page, '#ws-setup-toggle');
  await page.locator('#ws-participants').pressSequentially('CFO, Head of IT');
  await activate(page, '#ws-end');
  await page.waitForSelector('#ws-record');
  const rows = await page.$$eval('#ws-record-table tbody tr', (trs) => trs.map((tr) => [...tr.children].slice(0, 6).map((c) => c.textContent.trim())));
  assert.deepEqual(rows, [
    ['R-1 Supplier outage stops billing', 'current', 'likelihood 3 · impact 4 · High', 'likelihood 2 · impact 5 · High', '0', ''],
    ['R-2 Laptop theft', 'current', 'likelihood 3 · impact 4 · High', 'likelihood 2 · impact 3 · Medium', '3', 'IT thinks thefts are rarer'],
    ['R-3 Phishing of finance staff', 'current', 'likelihood 4 · impact 4 · High', 'likelihood 4 · impact 4 · High', '0', ''],
    ['R-3 Phishing of finance staff', 'residual', 'not scored', 'not scored', '0', ''],
  ]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ws-export')]);
  const record = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(record.id, 'W-1');
  assert.deepEqual(record.participants, ['CFO', 'Head of IT']);
  assert.deepEqual(record.items.map((i) => [i.risk_id, i.tier]),
    [['R-1', 'current'], ['R-2', 'current'], ['R-3', 'current'], ['R-3', 'residual']]);
  assert.equal(record.items[1].votes.length, 3);
  const doc = await storedDocument(page);
  assert.equal(doc.workshops.length, 1);
  const kinds = doc.history.map((h) => h.change.kind);
  assert.ok(kinds.includes('estimated') && kinds.at(-1) === 'workshop', kinds.join(','));
  assert.deepEqual(doc.risks[1].current, { likelihood: 2, impacts: { confidentiality: 3, availability: 2 } });
  assert.deepEqual(await axe(page), []);
  await page.click('#ws-leave');
  await page.waitForSelector('#register-table');
  await page.waitForFunction(() => document.fullscreenElement === null);

  // The history tells a key press ("scored") from a vote ("agreed").
  await openScreen(page, 'history');
  const timeline = () => page.$$eval('#timeline .change', (spans) => spans.map((s) => s.textContent));
  const r1 = await timeline();
  assert.ok(r1.includes('Current scored in a workshop: likelihood 2, impact 4'), r1.join(' | '));
  assert.ok(r1.includes('Current scored in a workshop: likelihood 2, impact 5'), r1.join(' | '));
  assert.ok(!r1.some((t) => /agreed|votes/.test(t)), r1.join(' | '));
  await page.selectOption('#timeline-risk', 'R-2');
  await page.waitForFunction(() => document.querySelector('#timeline')?.getAttribute('aria-label')?.includes('R-2'));
  assert.ok((await timeline()).includes('Current agreed in a workshop: likelihood 2, impact 3 (3 votes); dissent: IT thinks thefts are rarer'));
  assert.deepEqual(page.problems, []);
  await context.close();
});
