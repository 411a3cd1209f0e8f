// Journey (issue "done means"): from a register, an ISMS manager reaches a
// complete Statement of Applicability with no gaps and a signed-off risk
// treatment plan, entirely in the browser, every step explained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, storedDocument, openScreen } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const text = (page, selector) => page.textContent(selector).then((t) => t.replace(/\s+/g, ' ').trim());

test('a register becomes a complete SoA with zero gaps and a signed-off plan', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    doc.threats = [{ id: 'TH-1', name: 'Ransomware', catalogue_id: 'T02' }];
    const tier = { likelihood: 4, impacts: { availability: 5 } };
    doc.risks = [{
      id: 'R-1', title: 'Ransomware on the file server', owner: 'Head of IT',
      threat_id: 'TH-1', inherent: tier, current: tier, reviewed_on: new Date().toISOString().slice(0, 10),
    }];
    localStorage.setItem('riskwright.assessment', JSON.stringify(doc));
    localStorage.setItem('riskwright.revision', '900');
  });
  await reloadApp(page);
  // At the start everything is a gap: 93 undecided controls and the risk.
  assert.match(await text(page, '#overview-gaps'), /^95 gaps in the Statement of Applicability$/);

  // Treat the risk: modify, with two controls from the suggestions.
  await page.click('button[aria-label^="Treat R-1 "]');
  await page.check('#treat-option-modify');
  await page.click('#treat-save-decision');
  await page.click('button[aria-label^="Apply 8.7 "]');
  await page.click('button[aria-label^="Apply 8.13 "]');

  // The plan puts them in place; marking the actions done implements them.
  await openScreen(page, 'plan');
  for (const [title, control] of [['Endpoint protection on every server', '8.7'], ['Immutable backups', '8.13']]) {
    await page.click('#plan-add');
    await page.fill('#pf-title', title);
    await page.selectOption('#pf-control', control);
    await page.check('#pf-risk-0');
    await page.click('#pf-save');
    await page.waitForSelector('#plan-form', { state: 'detached' });
  }
  await page.selectOption('#plan-status-0', 'done');
  await page.selectOption('#plan-status-1', 'done');
  assert.match(await text(page, '#plan-count'), /2 actions · 0 overdue · 2 done/);

  // The residual level is still above the appetite: the risk owner signs it off.
  await openScreen(page, 'register');
  await page.click('button[aria-label^="Treat R-1 "]');
  assert.match(await text(page, '#treat-acceptance-state'), /Action needed/);
  await page.click('#treat-accept');
  assert.match(await text(page, '#treat-acceptance-state'), /^Accepted until/);

  // The SoA: the two controls are applicable with the risk linked; the
  // other decisions come in as a CSV, one control excluded with a reason.
  await openScreen(page, 'soa');
  const ids = await page.$$eval('#soa-tables tr[data-id]', (trs) => trs.map((tr) => tr.dataset.id));
  assert.equal(ids.length, 93);
  const rows = ids.map((id) => id === '7.5'
    ? `${id},no,,,"We hold no premises of our own: the shared office's landlord is out of scope"`
    : `${id},yes,implemented,"Evidence register, item ${id}",`);
  const csv = `\ufeffControl,Applicable,Status,Evidence,Exclusion justification\r\n${rows.join('\r\n')}\r\n`;
  await page.setInputFiles('#soa-file', { name: 'soa.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('#soa-import-confirm');
  await page.click('#soa-import-confirm');
  await page.waitForFunction(() => /no gaps/i.test(document.querySelector('#soa-gaps-title')?.textContent ?? ''));
  assert.match(await text(page, '#soa-gaps'), /No gaps: the Statement of Applicability is complete/);
  assert.match(await text(page, '#soa-outcome'), /Recorded 93 control decisions from soa\.csv/);
  assert.match(await text(page, '#soa-table-technological tr[data-id="8.7"]'), /applicable \(selected by R-1\)/);

  // The register's overview agrees, and it all survives a reload.
  await openScreen(page, 'register');
  assert.equal(await text(page, '#overview-gaps'), 'no gaps in the Statement of Applicability');
  await reloadApp(page);
  assert.equal(await text(page, '#overview-gaps'), 'no gaps in the Statement of Applicability');
  const doc = await storedDocument(page);
  assert.equal(doc.risks[0].acceptance.by, 'Head of IT');
  assert.deepEqual(doc.risks[0].controls.map((c) => [c.control_id, c.status]), [['8.7', 'implemented'], ['8.13', 'implemented']]);
  assert.equal(doc.soa.length, 93);
  assert.deepEqual(page.problems, []);
  await context.close();
});
