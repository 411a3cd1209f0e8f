// Journey: the risk owner of a very high ransomware risk treats it: chooses
// to modify it, applies suggested Annex A controls, watches the residual
// level fall as controls are planned and implemented, accepts the residual
// risk, and finds it all kept after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe, storedDocument } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** One risk at likelihood 4 × impact 5 (very high on the 5×5 preset, whose
 * appetite is medium), linked to a copy of the starter threat T02. */
async function seed(page) {
  await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    doc.threats = [{ id: 'TH-1', name: 'Ransomware', catalogue_id: 'T02' }];
    const tier = { likelihood: 4, impacts: { availability: 5 } };
    doc.risks = [{
      id: 'R-1', title: 'Ransomware on the file server', owner: 'Head of IT',
      threat_id: 'TH-1', inherent: tier, current: tier, reviewed_on: '2026-01-01',
    }];
    localStorage.setItem('riskwright.assessment', JSON.stringify(doc));
    localStorage.setItem('riskwright.revision', '700');
  });
  await reloadApp(page);
}

const text = (page, selector) => page.textContent(selector).then((t) => t.replace(/\s+/g, ' ').trim());
const openTreatment = async (page) => {
  await page.click('button[aria-label^="Treat R-1 "]');
  await page.waitForSelector('#treatment-screen');
};

test('treat a high risk: option, suggested controls, falling residual, acceptance, reload', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await seed(page);
  await openTreatment(page);
  assert.equal(await text(page, '#treat-title'), 'Treat R-1: Ransomware on the file server');
  assert.equal(await text(page, '#treat-level-inherent'), 'Very high');
  assert.equal(await text(page, '#treat-level-residual'), 'not scored');
  assert.match(await text(page, '#treat-appetite'), /Risk appetite: Medium/);
  assert.match(await text(page, '#treat-acceptance-state'), /^Action needed\. Above the appetite/);

  // The options come ranked with their reasons; modify is the best fit.
  const first = await page.$eval('#treat-options .option', (o) => o.textContent);
  assert.match(first, /^1\. Modify.*above the appetite Medium/);
  await page.check('#treat-option-modify');
  await page.click('#treat-save-decision');
  assert.match(await text(page, '#treat-decision'), /Recorded decision: Modify/);

  // Retain without a justification is refused by the engine, at the field.
  await page.check('#treat-option-retain');
  assert.equal(await page.getAttribute('#treat-justification', 'aria-required'), 'true');
  await page.click('#treat-save-decision');
  assert.match(await text(page, '#treat-justification-problem'), /needs a justification/);
  assert.equal(await page.getAttribute('#treat-justification', 'aria-invalid'), 'true');
  assert.match(await text(page, '#treat-decision'), /Recorded decision: Modify/, 'nothing recorded');
  await page.check('#treat-option-modify');

  // Two suggested controls: malware protection (preventive) and backup
  // (corrective). What most suggestions share is said once; each row says
  // what sets it apart.
  assert.match(await text(page, '#treat-shared-reasons'), /Most suggestions: ?mapped from threat T02 Ransomware/);
  const suggestions = await text(page, '#treat-suggestion-table');
  assert.doesNotMatch(suggestions, /mapped from threat T02/);
  assert.match(suggestions, /8\.7 Protection against malware ?preventive, detective and corrective: lowers likelihood or impact/);
  assert.match(suggestions, /8\.13 Information backup ?protects integrity and availability/);
  await page.click('button[aria-label^="Apply 8.7 "]');
  await page.click('button[aria-label^="Apply 8.13 "]');
  assert.equal(await text(page, '#treat-suggestion-table tr[data-id="8.7"] td:last-child'), 'Applied');
  const applied = await page.$$eval('#treat-controls tbody tr', (trs) =>
    trs.map((tr) => [tr.querySelector('th').textContent, ...[...tr.querySelectorAll('select')].map((s) => s.value)]));
  assert.deepEqual(applied, [
    ['8.7 Protection against malware', 'planned', 'medium', 'preventive'],
    ['8.13 Information backup', 'planned', 'medium', 'corrective'],
  ]);

  // Planned controls lower the residual risk only, line by line.
  assert.match(await text(page, '#treat-residual-lines'), /8\.7 Protection against malware, planned: likelihood 4 → 3/);
  assert.match(await text(page, '#treat-residual-lines'), /8\.13 Information backup, planned: impact availability 5 → 4/);
  assert.match(await text(page, '#treat-residual-level'), /^Residual level: High \(likelihood 3 × impact 4 = 12\)/);
  assert.match(await text(page, '#treat-current-level'), /^Current level: Very high/);
  assert.equal(await text(page, '#treat-level-residual'), 'High');

  // Implemented, the malware control lowers the current risk too.
  await page.selectOption('#treat-status-0', 'implemented');
  assert.match(await text(page, '#treat-current-lines'), /8\.7 Protection against malware, implemented: likelihood 4 → 3/);
  assert.doesNotMatch(await text(page, '#treat-current-lines'), /8\.13/);
  assert.match(await text(page, '#treat-current-level'), /^Current level: High/);

  // The residual level is above the appetite: the risk owner accepts it.
  assert.match(await text(page, '#treat-acceptance-state'), /Action needed/);
  assert.equal(await page.inputValue('#treat-accept-by'), 'Head of IT');
  const today = await page.evaluate(() => new Date().toISOString().slice(0, 10));
  assert.equal(await page.inputValue('#treat-accept-on'), today);
  await page.fill('#treat-accept-note', 'Until the offline backups are tested');
  await page.click('#treat-accept');
  assert.match(await text(page, '#treat-acceptance-state'), /^Accepted until \d{4}-\d{2}-\d{2}$/);
  assert.match(await text(page, '#treat-acceptance'),
    new RegExp(`Accepted by Head of IT on ${today} at residual level High\\. Note: Until the offline backups are tested`));

  // A stronger control lowers the residual level again; undo brings it back.
  await page.selectOption('#treat-effectiveness-0', 'high');
  assert.match(await text(page, '#treat-residual-level'), /^Residual level: Medium \(likelihood 2 × impact 4 = 8\)/);
  await page.click('#undo');
  assert.match(await text(page, '#treat-residual-level'), /^Residual level: High/);
  await page.click('#redo');
  assert.match(await text(page, '#treat-residual-level'), /^Residual level: Medium/);

  assert.deepEqual(await axe(page), [], 'the screen passes axe');

  // Setting the residual risk by hand needs a justification, which the
  // engine asks for.
  await page.click('#treat-override-residual-open');
  assert.deepEqual(await axe(page), [], 'the override form passes axe');
  await page.selectOption('#treat-override-residual-likelihood', '1');
  await page.click('#treat-override-residual-apply');
  assert.match(await text(page, '#treat-override-residual-justification-problem'), /needs a justification/);
  assert.equal(await page.getAttribute('#treat-override-residual-justification', 'aria-invalid'), 'true');
  assert.equal((await storedDocument(page)).risks[0].overrides?.residual, undefined, 'nothing set by hand');
  await page.click('#treat-override-residual-cancel');
  assert.equal(await page.$('#treat-override-residual-justification'), null);

  // Everything is kept after a reload.
  await reloadApp(page);
  await openTreatment(page);
  assert.ok(await page.isChecked('#treat-option-modify'));
  assert.equal(await page.inputValue('#treat-status-0'), 'implemented');
  assert.equal(await page.inputValue('#treat-effectiveness-0'), 'high');
  assert.match(await text(page, '#treat-residual-level'), /^Residual level: Medium/);
  assert.match(await text(page, '#treat-acceptance-state'), /^Accepted until/);
  const doc = await storedDocument(page);
  const risk = doc.risks[0];
  assert.deepEqual(risk.decision, { option: 'modify', justification: '' });
  assert.deepEqual(risk.controls.map((c) => [c.control_id, c.status, c.effectiveness, c.acts_through]), [
    ['8.7', 'implemented', 'high', 'preventive'],
    ['8.13', 'planned', 'medium', 'corrective'],
  ]);
  assert.deepEqual(risk.residual, { likelihood: 2, impacts: { availability: 4 } });
  assert.deepEqual(risk.acceptance, { by: 'Head of IT', on: today, note: 'Until the offline backups are tested', level: 'high' });
  const changes = JSON.stringify(doc.history.filter((h) => h.risk_id === 'R-1'));
  for (const kind of ['decision', 'controls', 'accepted']) assert.ok(changes.includes(kind), `the history records ${kind}`);

  await page.click('#treat-back');
  assert.ok(await page.$('#register-table'));
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a hand-set residual tier with its justification, then following the controls again', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await seed(page);
  await openTreatment(page);
  await page.fill('#treat-add-control', '8.13');
  await page.press('#treat-add-control', 'Enter');
  assert.match(await text(page, '#treat-controls tbody'), /8\.13 Information backup/);
  assert.equal(await page.inputValue('#treat-add-control'), '');
  // An id that is no control is refused at the field.
  await page.fill('#treat-add-control', '9.99');
  await page.click('#treat-add');
  assert.match(await text(page, '#treat-add-control-problem'), /neither an Annex A control nor a custom control/);

  await page.click('#treat-override-residual-open');
  await page.selectOption('#treat-override-residual-likelihood', '1');
  await page.selectOption('#treat-override-residual-availability', '2');
  await page.fill('#treat-override-residual-justification', 'The file server is retired next month');
  await page.click('#treat-override-residual-apply');
  assert.match(await text(page, '#treat-override-residual-status'), /set by hand\. Justification: The file server is retired next month/);
  assert.equal(await text(page, '#treat-level-residual'), 'Low');
  let risk = (await storedDocument(page)).risks[0];
  // The current tier, scored by hand in the register, is marked so once
  // controls apply.
  assert.deepEqual(risk.overrides, { current: 'scored by hand', residual: 'The file server is retired next month' });
  assert.deepEqual(risk.residual, { likelihood: 1, impacts: { availability: 2 } });
  assert.match(await text(page, '#treat-acceptance-state'), /within the appetite/i);

  await page.click('#treat-override-residual-clear');
  assert.match(await text(page, '#treat-override-residual-status'), /follows the projection/);
  assert.equal(await text(page, '#treat-level-residual'), 'High', '4 × 4 = 16 again');
  risk = (await storedDocument(page)).risks[0];
  assert.deepEqual(risk.overrides, { current: 'scored by hand' });
  assert.deepEqual(risk.residual, { likelihood: 4, impacts: { availability: 4 } });
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a supplier breach is offered "share", with its reason, from the starter threat', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'catalog' });
  // The user copies the starter threat, then scores a risk on it.
  await page.click('button[aria-label="Add Security breach at a supplier"]');
  await page.click('#nav-register');
  await page.click('#add-risk');
  await page.locator('#rf-title').pressSequentially('Payroll provider breached');
  await page.locator('#rf-owner').pressSequentially('CFO');
  await page.selectOption('#rf-threat', { label: 'Security breach at a supplier' });
  await page.selectOption('#rf-current-likelihood', '3');
  await page.selectOption('#rf-current-confidentiality', '5');
  await page.click('#rf-save');
  await page.waitForSelector('#rf-title', { state: 'detached' });
  await openTreatment(page);
  const share = await text(page, '#treat-option-share >> xpath=..');
  assert.match(share, /consider sharing it with the supplier by contract/, 'share is proposed, with the reason');
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.problems, []);
  await context.close();
});
