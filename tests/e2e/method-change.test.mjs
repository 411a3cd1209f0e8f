// Journey: the method changes after risks were scored. The user sees what
// each risk becomes before anything changes, applies it with a reason, and
// can undo it. Nothing is clamped silently.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe, storedDocument } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const stored = storedDocument;

test('switching 5×5 to 3×3 shows the re-scoring cell by cell, applies it with a reason, and undoes', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    doc.risks = [
      { id: 'R-1', title: 'Ransomware', owner: 'CTO', current: { likelihood: 5, impacts: { availability: 4 } } },
      { id: 'R-2', title: 'Laptop theft', owner: 'HR', current: { likelihood: 1, impacts: { confidentiality: 1 } } },
    ];
    localStorage.setItem('riskwright.assessment', JSON.stringify(doc));
    localStorage.setItem('riskwright.revision', '500');
  });
  await reloadApp(page, 'method');
  await page.selectOption('#method-preset', '3x3');
  const table = await page.textContent('#rescore-table');
  assert.match(table, /R-1 Ransomware/);
  assert.match(table, /5 × 4: Very high/);
  assert.match(table, /3 × 3: High/);
  assert.match(table, /likelihood scale 5 → 3 levels/);
  assert.equal((await stored(page)).method.likelihood.levels.length, 5, 'nothing applied yet');
  assert.deepEqual(await axe(page), []);

  await page.fill('#method-reason', 'Simpler scale for the workshop');
  await page.click('#apply-method');
  const doc = await stored(page);
  assert.equal(doc.method.likelihood.levels.length, 3);
  assert.deepEqual(doc.risks[0].current, { likelihood: 3, impacts: { availability: 3 } });
  const changed = doc.history.find((h) => h.change.kind === 'method_changed');
  assert.equal(changed.reason, 'Simpler scale for the workshop');
  const rescored = doc.history.find((h) => h.change.kind === 'score' && h.risk_id === 'R-1');
  assert.equal(rescored.change.old_level, 'very_high');
  assert.equal(rescored.change.new_level, 'high');

  await page.click('#undo');
  const undone = await stored(page);
  assert.equal(undone.method.likelihood.levels.length, 5);
  assert.deepEqual(undone.risks[0].current, { likelihood: 5, impacts: { availability: 4 } });
  await context.close();
});

test('discarding a pending change keeps the method in force', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    doc.risks = [{ id: 'R-1', title: 'x', current: { likelihood: 5, impacts: { availability: 5 } } }];
    localStorage.setItem('riskwright.assessment', JSON.stringify(doc));
    localStorage.setItem('riskwright.revision', '500');
  });
  await reloadApp(page, 'method');
  await page.selectOption('#size-likelihood', '3');
  assert.ok(await page.$('#rescore-table'));
  await page.click('#discard-draft');
  assert.equal(await page.$('#rescore-table'), null);
  assert.equal(await page.inputValue('#size-likelihood'), '5');
  await context.close();
});
