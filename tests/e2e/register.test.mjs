// Journey: an ISMS manager keeps the risk register: add, score, find, edit,
// delete, undo, and everything is still there after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe, storedDocument } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const rows = (page) => page.$$eval('#register-table tbody tr', (trs) =>
  trs.map((tr) => [...tr.children].slice(0, 9).map((td) => td.textContent.trim())));
const stored = storedDocument;

/** Adds a risk from the keyboard only: N, type, tab, digits, Enter. */
async function addRisk(page, { title, owner, current, residual }) {
  await page.keyboard.press('Escape');
  await page.focus('#register-title');
  await page.keyboard.press('n');
  await page.waitForSelector('#rf-title:focus');
  await page.keyboard.type(title);
  await page.keyboard.press('Tab');
  await page.keyboard.type(owner);
  for (const [tier, [l, c, i, a]] of Object.entries({ current, residual })) {
    await page.focus(`#rf-${tier}-likelihood`);
    await page.keyboard.press(String(l));
    for (const [dim, v] of [['confidentiality', c], ['integrity', i], ['availability', a]]) {
      await page.focus(`#rf-${tier}-${dim}`);
      await page.keyboard.press(String(v));
    }
  }
  await page.focus('#rf-title');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#rf-title', { state: 'detached' });
}

test('create, edit and delete risks from the keyboard; they survive a reload', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  assert.match(await page.textContent('#register-empty'), /No risks yet/);
  await addRisk(page, { title: 'Ransomware on file servers', owner: 'CTO', current: [4, 3, 4, 5], residual: [2, 3, 3, 3] });
  await addRisk(page, { title: 'Laptop theft', owner: 'HR lead', current: [3, 4, 1, 1], residual: [2, 4, 1, 1] });
  assert.deepEqual((await rows(page)).map((r) => r.slice(0, 6)), [
    ['R-1', 'Ransomware on file servers', 'CTO', 'not scored', 'Very high', 'Medium'],
    ['R-2', 'Laptop theft', 'HR lead', 'not scored', 'High', 'Medium'],
  ]);
  assert.match(await page.textContent('#overview'), /2 risks · 2 above the appetite/);
  const heat = await page.textContent('#heatmap-current');
  assert.match(heat, /likelihood 4, impact 5, Very high: 1 risk/);

  // Edit: the title and the residual likelihood.
  await page.click('button[aria-label^="Edit R-2"]');
  await page.fill('#rf-title', 'Laptop theft or loss');
  await page.selectOption('#rf-residual-likelihood', '1');
  await page.fill('#rf-reason', 'Disks are now encrypted');
  await page.click('#rf-save');
  await page.reload();
  await page.waitForSelector('#app[data-ready="true"]');
  const after = await rows(page);
  assert.equal(after[1][1], 'Laptop theft or loss');
  assert.equal(after[1][5], 'Low', 'likelihood 1 × impact 4 scores 4: Low on the 5×5 preset');

  // The history recorded the change with old and new values.
  const doc = await stored(page);
  const scored = doc.history.filter((h) => h.risk_id === 'R-2' && h.change.kind === 'score' && h.change.tier === 'residual');
  assert.equal(scored.length, 2);
  assert.equal(scored[1].change.old.likelihood, 2);
  assert.equal(scored[1].change.new.likelihood, 1);
  assert.equal(scored[1].reason, 'Disks are now encrypted', 'the reason is kept with the change');

  await page.click('button[aria-label^="Delete R-1"]');
  assert.deepEqual((await rows(page)).map((r) => r[0]), ['R-2']);
  await page.reload();
  await page.waitForSelector('#app[data-ready="true"]');
  assert.deepEqual((await rows(page)).map((r) => r[0]), ['R-2'], 'the deletion was saved');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('inline validation names the field, and nothing is saved until it is fixed', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.click('#add-risk');
  await page.selectOption('#rf-current-confidentiality', '3');
  await page.click('#rf-save');
  const problems = await page.textContent('#risk-problems');
  assert.match(problems, /title/);
  assert.match(problems, /The new risk, current risk, likelihood: choose a likelihood/);
  assert.equal(await page.getAttribute('#rf-title', 'aria-invalid'), 'true');
  assert.equal((await stored(page)).risks.length, 0);
  await page.locator('#rf-title').pressSequentially('Fixed');
  await page.selectOption('#rf-current-likelihood', '2');
  await page.click('#rf-save');
  assert.equal((await stored(page)).risks.length, 1);
  await context.close();
});

test('undo and redo step through edits with Ctrl+Z and Ctrl+Shift+Z', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  for (const title of ['One', 'Two', 'Three']) {
    await page.click('#add-risk');
    await page.fill('#rf-title', title);
    await page.click('#rf-save');
  }
  await page.click('button[aria-label^="Delete R-2"]');
  const titles = async () => (await rows(page)).map((r) => r[1]);
  assert.deepEqual(await titles(), ['One', 'Three']);
  await page.focus('#register-title');
  await page.keyboard.press('Control+z');
  assert.deepEqual(await titles(), ['One', 'Two', 'Three'], 'undo restores the deleted risk in place');
  await page.keyboard.press('Control+z');
  assert.deepEqual(await titles(), ['One', 'Two']);
  await page.keyboard.press('Control+Shift+z');
  assert.deepEqual(await titles(), ['One', 'Two', 'Three']);
  for (let k = 0; k < 3; k++) await page.click('#undo');
  assert.deepEqual(await titles(), []);
  assert.equal(await page.getAttribute('#undo', 'disabled'), '');
  await page.reload();
  await page.waitForSelector('#app[data-ready="true"]');
  assert.equal((await stored(page)).risks.length, 0, 'undo is saved like any edit');
  const kinds = (await stored(page)).history.map((h) => h.change.kind);
  // The user's delete, undoing "Three", then undoing all three adds.
  assert.equal(kinds.filter((k) => k === 'deleted').length, 5, 'the history keeps every step, undo included');
  await context.close();
});

test('sorting, filtering, heat-map cells and paging find risks in a large register', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    doc.risks = Array.from({ length: 120 }, (_, k) => ({
      id: `R-${k + 1}`, title: `Risk number ${k + 1}`, owner: k % 3 ? 'Ops' : 'Legal',
      tags: k % 10 ? [] : ['gdpr'], treatment: 'untreated', reviewed_on: '2026-01-01',
      current: { likelihood: (k % 5) + 1, impacts: { availability: ((k >> 2) % 5) + 1 } },
    }));
    localStorage.setItem('riskwright.assessment', JSON.stringify(doc));
    localStorage.setItem('riskwright.revision', '1000');
  });
  await page.reload();
  await page.waitForSelector('#app[data-ready="true"]');
  assert.match(await page.textContent('#page-status'), /Showing 1–50 of 120/);
  await page.click('#page-next');
  assert.match(await page.textContent('#page-status'), /Showing 51–100 of 120/);
  await page.click('#sort-id');
  assert.equal((await rows(page))[0][0], 'R-120', 'natural descending order');
  await page.selectOption('#filter-owner', 'Legal');
  assert.match(await page.textContent('#page-status'), /of 40\b/);
  await page.fill('#filter-tags', 'gdpr');
  assert.match(await page.textContent('#page-status'), /of 4\b/);
  await page.click('#filter-clear');
  await page.click('#heatmap-current button[data-l="5"][data-i="2"]');
  const filtered = await rows(page);
  assert.ok(filtered.length > 0);
  assert.ok(filtered.every((r) => r[4] === 'High'), 'likelihood 5 × impact 2 is High');
  await page.fill('#filter-text', 'number 5');
  assert.ok((await rows(page)).every((r) => r[1].includes('number 5')));
  await page.check('#filter-overdue');
  assert.ok((await rows(page)).every((r) => r[7].includes('Overdue')));
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('titles are shown as text: imported markup never runs', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.evaluate(() => { window.__pwned = false; });
  const evil = ['<img src=x onerror="window.__pwned=true">', '<script>window.__pwned=true</script>'];
  await page.evaluate((evil) => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    doc.name = evil[1];
    doc.risks = evil.map((t, k) => ({ id: `R-${k + 1}`, title: t, owner: evil[0], tags: [evil[1]] }));
    localStorage.setItem('riskwright.assessment', JSON.stringify(doc));
    localStorage.setItem('riskwright.revision', '1000');
  }, evil);
  await page.reload();
  await page.waitForSelector('#app[data-ready="true"]');
  await page.evaluate(() => { window.__pwned = false; });
  const shown = (await rows(page)).map((r) => r[1]);
  assert.deepEqual(shown, evil);
  assert.equal(await page.$('#register-table img'), null);
  assert.equal(await page.$('#register-table script'), null);
  await page.click('button[aria-label^="Edit R-1"]');
  assert.equal(await page.inputValue('#rf-title'), evil[0]);
  assert.equal(await page.evaluate(() => window.__pwned), false);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('every screen passes axe, with the risk form open too', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.click('#add-risk');
  assert.deepEqual(await axe(page), []);
  await page.click('#rf-save');
  assert.deepEqual(await axe(page), [], 'with inline problems shown');
  for (const screen of ['#nav-method', '#nav-data', '#nav-register']) {
    await page.click(screen);
    assert.deepEqual(await axe(page), [], screen);
  }
  await context.close();
});
