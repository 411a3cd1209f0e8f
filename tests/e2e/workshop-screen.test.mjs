// Journey: a facilitator runs a workshop on a 1920×1080 projector and types
// into presentation mode's fields, and the room reads the screen and the
// audience window from the back. Typing never fires a shortcut; the screen
// fits 1920×1080 with text of at least 24 px on a black background, every
// text is legible against what is behind it (the record at the end too),
// and leaving presentation mode goes back to the screen it came from.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, openScreen, axe, storedDocument } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const SHOTS = process.env.RW_SHOTS ?? '/tmp/ws-shots';
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

/** Three scored risks, the first with a long scenario. */
async function seed(page) {
  await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    const tier = (likelihood, c, a) => ({ likelihood, impacts: { confidentiality: c, availability: a } });
    doc.risks = [
      {
        id: 'R-1', title: 'Supplier outage stops billing', owner: 'CFO', inherent: tier(4, 2, 5), current: tier(3, 2, 4),
        scenario: 'The billing platform is run by one supplier. An outage at the supplier during the month-end run stops invoices from going out, and the finance team has no way to bill by hand for more than two days.',
      },
      { id: 'R-2', title: 'Laptop theft', owner: 'IT', inherent: tier(3, 4, 2), current: tier(3, 4, 2) },
      { id: 'R-3', title: 'Phishing of finance staff', owner: 'CFO', inherent: tier(5, 4, 3), current: tier(4, 4, 3) },
    ];
    localStorage.setItem('riskwright.assessment', JSON.stringify(doc));
    localStorage.setItem('riskwright.revision', '990');
  });
  await reloadApp(page);
}

async function presentationOn(page) {
  await page.focus('#register-title');
  await page.keyboard.press('p');
  await page.waitForSelector('#workshop-screen');
}

/** The running session as presentation mode saves it. */
const session = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('riskwright.workshop')));

/** Clears a field and types `value` into it key by key. */
async function typeInto(page, selector, value) {
  const field = page.locator(selector);
  await field.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await field.pressSequentially(value);
}

test('typing in every workshop field stays text: no key scores, votes, switches or leaves', async () => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await openApp(context, server.url);
  await seed(page);
  await presentationOn(page);
  const risksBefore = (await storedDocument(page)).risks;

  await activate(page, '#ws-setup-toggle');
  assert.equal(await page.getAttribute('#ws-setup-toggle', 'aria-expanded'), 'true');
  // Every shortcut letter, digits and ? in ordinary text.
  const typed = {
    '#ws-title': 'Q1 risk day: vote 2x, skip p (Esc?)',
    '#ws-facilitator': 'Jo Kask, IT 3',
    '#ws-participants': 'CFO, Head of IT, Ops lead 2, ',
    '#ws-notes': 'Backups 3x daily\nx2: jump to R-2? Undo it all. Vote later, press S.',
  };
  for (const [selector, value] of Object.entries(typed)) await typeInto(page, selector, value);
  for (const [selector, value] of Object.entries(typed)) {
    assert.equal(await page.inputValue(selector), value, `${selector} keeps what was typed`);
  }
  // Esc in a field leaves the field, not presentation mode.
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
  assert.ok(await page.isVisible('#workshop-screen'), 'still presenting');

  // A named vote: the name takes digits, Enter leaves it, then the digits vote.
  await page.keyboard.press('v');
  await page.waitForSelector('#ws-voting');
  await typeInto(page, '#ws-voter', 'Team 2 lead');
  assert.equal(await page.inputValue('#ws-voter'), 'Team 2 lead');
  assert.match(await text(page, '#ws-voting-title'), /^Votes: 0 so far$/, 'no digit of the name was taken as a vote');
  await page.keyboard.press('Enter');
  await page.keyboard.press('4');
  await page.keyboard.press('5');
  assert.match(await text(page, '#ws-votes'), /^Team 2 lead: 4, 5/);
  assert.equal(await page.inputValue('#ws-voter'), '', 'the name goes with its vote');
  await typeInto(page, '#ws-dissent', 'Ops says 5, 5 is too high; vote again? j/k');
  await page.keyboard.press('Escape');
  assert.ok(await page.isVisible('#ws-voting'), 'Esc in the dissent left the field, not the votes');
  assert.equal(await page.inputValue('#ws-dissent'), 'Ops says 5, 5 is too high; vote again? j/k');

  // Nothing moved: the risk, the tier, the axis, the scores.
  assert.equal(await text(page, '#ws-risk-title'), '1. R-1 Supplier outage stops billing');
  assert.match(await text(page, '#ws-tier'), /Scoring the current risk · digits set the likelihood/);
  assert.equal(await page.$('#ws-help'), null);
  assert.deepEqual((await storedDocument(page)).risks, risksBefore, 'no risk was re-scored');
  const saved = await session(page);
  assert.equal(saved.session.title, typed['#ws-title']);
  assert.equal(saved.session.facilitator, typed['#ws-facilitator']);
  assert.equal(saved.session.participants, typed['#ws-participants']);
  assert.equal(saved.session.items[0].notes, typed['#ws-notes']);
  assert.deepEqual(saved.voting.votes, [{ participant: 'Team 2 lead', likelihood: 4, impact: 5 }]);
  assert.equal(saved.voting.dissent, 'Ops says 5, 5 is too high; vote again? j/k');

  // After a reload the fields hold the same text.
  await reloadApp(page);
  await page.waitForSelector('#ws-setup');
  for (const [selector, value] of Object.entries(typed)) assert.equal(await page.inputValue(selector), value);
  assert.deepEqual(page.problems, []);
  await context.close();
});

/**
 * Runs in the page: every rendered text under `root` (HTML text, form
 * fields, SVG text at its drawn size) smaller than `min` px, and every one
 * whose contrast with what is behind it is under `ratio`.
 */
function audit(root, { min, ratio }) {
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const contrast = (x, y) => { const [hi, lo] = [lum(x), lum(y)].sort((p, q) => q - p); return (hi + 0.05) / (lo + 0.05); };
  const htmlBg = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 }; // the canvas
  };
  const svgBg = (el) => {
    const box = el.getBoundingClientRect();
    const under = document.elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2)
      .find((e) => e !== el && ['rect', 'circle'].includes(e.tagName));
    return under ? parse(getComputedStyle(under).fill) : htmlBg(el.ownerSVGElement);
  };
  const name = (el, t) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${t.trim().slice(0, 40)}"`;
  const small = [];
  const faint = [];
  const elements = new Set();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.textContent.trim()) elements.add(n.parentElement);
  }
  root.querySelectorAll('input, textarea, select').forEach((e) => elements.add(e));
  let checked = 0;
  for (const el of elements) {
    if (el.closest('.sr-only, title, [disabled]') || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const label = name(el, el.matches('input, textarea, select') ? el.value : el.textContent);
    const svg = el instanceof SVGElement;
    let px = parseFloat(style.fontSize);
    if (svg) { const m = el.getScreenCTM(); px *= Math.hypot(m.a, m.b); }
    if (px < min - 0.25) small.push(`${label} ${px.toFixed(1)} px`);
    const fg = parse(svg ? style.fill : style.color);
    const bg = svg ? svgBg(el) : htmlBg(el);
    const r = contrast(fg, bg);
    if (r < ratio) faint.push(`${label} ${r.toFixed(2)}:1`);
    checked += 1;
  }
  return { small, faint, checked };
}

/** Large text for a room, and 4.5:1 contrast (WCAG AA for body text). */
const LEGIBLE = { min: 24, ratio: 4.5 };

/** Fits the viewport: no scrolling, a black background over all of it. */
async function fits(page) {
  return page.evaluate(() => ({
    scrollHeight: document.documentElement.scrollHeight,
    scrollWidth: document.documentElement.scrollWidth,
    canvas: getComputedStyle(document.documentElement).backgroundColor,
    body: getComputedStyle(document.body).backgroundColor,
  }));
}

async function checkScreen(page, what, root = '#app') {
  const result = await page.$eval(root, audit, LEGIBLE);
  assert.ok(result.checked > 5, `${what}: texts were checked (${result.checked})`);
  assert.deepEqual(result.small, [], `${what}: no text under 24 px`);
  assert.deepEqual(result.faint, [], `${what}: every text has a contrast of 4.5:1 or more`);
  const size = await fits(page);
  assert.ok(size.scrollHeight <= 1080 && size.scrollWidth <= 1920, `${what}: fits 1920×1080 (${size.scrollWidth}×${size.scrollHeight})`);
  assert.deepEqual([size.canvas, size.body], ['rgb(0, 0, 0)', 'rgb(0, 0, 0)'], `${what}: black to the edges`);
}

test('at 1920×1080 presentation mode, the votes, the record and the audience fit, large and legible', async () => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await openApp(context, server.url);
  await seed(page);
  await presentationOn(page);
  await checkScreen(page, 'presentation mode');
  await page.screenshot({ path: `${SHOTS}/presenting.png` });

  // Votes open with five named and numbered votes.
  await page.keyboard.press('v');
  await typeInto(page, '#ws-voter', 'CFO');
  await page.keyboard.press('Enter');
  for (const key of ['2', '3', '4', '4', '3', '5', '2', '2', '5', '4']) await page.keyboard.press(key);
  assert.match(await text(page, '#ws-voting-title'), /^Votes: 5 so far/);
  await checkScreen(page, 'votes');
  await page.screenshot({ path: `${SHOTS}/voting.png` });
  const fitsInSide = await page.$eval('.ws-side', (s) => s.scrollHeight <= s.clientHeight);
  assert.ok(fitsInSide, 'the side shows everything without scrolling');
  const title = await page.$eval('#ws-risk-title', (e) => e.getBoundingClientRect().toJSON());
  assert.ok(title.top >= 0 && title.bottom <= 1080, 'the risk title stays on screen');
  const map = await page.$eval('#ws-heatmap', (e) => e.getBoundingClientRect().toJSON());
  assert.ok(map.height >= 800, `the heat map keeps its size (${map.height} px high)`);
  await page.screenshot({ path: `${SHOTS}/voting.png` });
  // Notes open too: still no page scroll, the title still in view.
  await activate(page, '#ws-setup-toggle');
  await checkScreen(page, 'votes and notes');
  const title2 = await page.$eval('#ws-risk-title', (e) => e.getBoundingClientRect().toJSON());
  assert.ok(title2.top >= 0 && title2.bottom <= 1080, 'the risk title stays on screen with the notes open');
  await page.screenshot({ path: `${SHOTS}/voting-notes.png` });
  assert.deepEqual(await axe(page), [], 'votes and notes pass axe');
  await activate(page, '#ws-setup-toggle');
  await activate(page, '#ws-agree');

  // The help overlay.
  await page.focus('#ws-leave');
  await page.keyboard.press('?');
  await checkScreen(page, 'help', '#ws-help');
  await page.keyboard.press('Escape');

  // The audience window, live.
  const audience = await openApp(context, `${server.url}?audience`);
  await audience.setViewportSize({ width: 1920, height: 1080 });
  await audience.waitForFunction(() => document.querySelector('#aud-status')?.textContent === 'Live from the presenter');
  await audience.waitForFunction(() => /Time on this risk: \d+:\d\d/.test(document.querySelector('#aud-timer')?.textContent ?? ''));
  await checkScreen(audience, 'audience view');
  const heat = await audience.$eval('#aud-heatmap', (e) => e.getBoundingClientRect().toJSON());
  assert.ok(heat.width >= 1920 * 0.6 && heat.height >= 1080 * 0.8,
    `the audience heat map fills most of the screen (${Math.round(heat.width)}×${Math.round(heat.height)})`);
  assert.deepEqual(await axe(audience), []);
  await audience.screenshot({ path: `${SHOTS}/audience.png` });

  // The record at the end.
  await activate(page, '#ws-end');
  await page.waitForSelector('#ws-record');
  const rows = await page.$$eval('#ws-record-table tbody tr', (trs) => trs.map((tr) => [...tr.children].slice(2, 4).map((c) => c.textContent.trim())));
  assert.deepEqual(rows[0], ['likelihood 3 · impact 4 · High', 'likelihood 3 · impact 4 · High']);
  const record = await page.$eval('#ws-record', audit, LEGIBLE);
  assert.ok(record.checked > 10);
  assert.deepEqual(record.small, [], 'the record: no text under 24 px');
  assert.deepEqual(record.faint, [], 'the record: every text legible against its background');
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: `${SHOTS}/record.png`, fullPage: true });
  // Printed, it is black on white and says the same.
  await page.emulateMedia({ media: 'print' });
  const printed = await page.$eval('#ws-record', audit, { min: 0, ratio: 4.5 });
  assert.deepEqual(printed.faint, [], 'the printed record: every text legible');
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), 'rgb(255, 255, 255)');
  const dir = await mkdtemp(path.join(tmpdir(), 'rw-record-'));
  const file = path.join(dir, 'record.pdf');
  await writeFile(file, await page.pdf({ format: 'A4', landscape: true }));
  const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-']);
  if (process.env.RW_SHOTS_PDF) await promisify(execFile)('cp', [file, `${SHOTS}/record.pdf`]);
  await rm(dir, { recursive: true });
  await page.emulateMedia({ media: 'screen' });
  assert.match(stdout, /Workshop record W-1/);
  assert.match(stdout, /R-1 Supplier outage stops billing\s+current\s+likelihood 3 · impact 4 · High\s+likelihood 3 · impact 4 · High\s+5/);
  assert.doesNotMatch(stdout, /Download the record|Leave presentation mode/, 'no buttons on paper');
  assert.deepEqual([...page.problems, ...audience.problems], []);
  await context.close();
});

test('leaving presentation mode goes back to the screen it was entered from', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openApp(context, server.url);
  await seed(page);
  for (const [screen, leave] of [['plan', 'Escape'], ['history', 'button'], ['register', 'p']]) {
    await openScreen(page, screen);
    await page.keyboard.press('p');
    await page.waitForSelector('#workshop-screen');
    if (leave === 'button') await activate(page, '#ws-leave');
    else await page.keyboard.press(leave);
    await page.waitForSelector(`#nav-${screen}[aria-current="page"]`);
    assert.equal(await page.$('#workshop-screen'), null, `back on ${screen}`);
  }
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('on a 360×740 phone presentation mode and the audience view stack in one column', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await openApp(context, server.url);
  await seed(page);
  await presentationOn(page);
  await page.keyboard.press('v');
  await page.waitForSelector('#ws-voting');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no sideways scrolling (${width} px)`);
  const map = await page.$eval('#ws-heatmap', (e) => e.getBoundingClientRect().toJSON());
  const title = await page.$eval('#ws-risk-title', (e) => e.getBoundingClientRect().toJSON());
  assert.ok(map.width >= 300 && title.top >= map.bottom - 1, 'the heat map, full width, above the risk');
  assert.deepEqual((await page.$eval('#app', audit, { min: 0, ratio: 4.5 })).faint, []);
  await page.screenshot({ path: `${SHOTS}/phone.png`, fullPage: true });
  const audience = await openApp(context, `${server.url}?audience`);
  await audience.waitForFunction(() => document.querySelector('#aud-status')?.textContent === 'Live from the presenter');
  await audience.screenshot({ path: `${SHOTS}/phone-audience.png`, fullPage: true });
  const audienceWidth = await audience.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(audienceWidth <= 360, `the audience view: no sideways scrolling (${audienceWidth} px)`);
  assert.deepEqual((await audience.$eval('#app', audit, { min: 0, ratio: 4.5 })).faint, []);
  await audience.screenshot({ path: `${SHOTS}/phone-audience.png`, fullPage: true });
  assert.deepEqual([...page.problems, ...audience.problems], []);
  await context.close();
});
