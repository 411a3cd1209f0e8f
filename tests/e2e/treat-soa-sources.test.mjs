// Journey (issue 12): a practitioner's hand-entered scores, control statuses
// and SoA decisions are never replaced behind their back. R-1 was scored by
// hand (current 4×5 = 20, already counting the controls in place); applying
// backups and linking a plan action leave the scores as scored, show the
// projection next to them, and change them only when the user follows it.
// The plan never moves a control's status back. In the SoA, excluding a
// control that risks use needs a justification and a confirmation naming
// the risks, and a whole theme is excluded in one undoable step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe, storedDocument, openScreen } from '../support/browser.mjs';

let server, browser;
const shots = '/tmp/rw-shots/';
before(async () => { await mkdir(shots, { recursive: true }); server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const text = (page, selector) => page.textContent(selector).then((t) => t.replace(/\s+/g, ' ').trim());

async function seed(page, { backupOn = [] } = {}) {
  await page.evaluate((backupOn) => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    doc.threats = [{ id: 'TH-1', name: 'Ransomware', catalogue_id: 'T02' }];
    const tier = (likelihood, availability) => ({ likelihood, impacts: { availability } });
    const backup = { control_id: '8.13', status: 'in_progress', effectiveness: 'medium', acts_through: 'corrective' };
    doc.risks = [
      { id: 'R-1', title: 'Ransomware on the file server', owner: 'Head of IT', threat_id: 'TH-1',
        inherent: tier(5, 5), current: tier(4, 5), residual: tier(2, 5), reviewed_on: '2026-01-01', tags: [] },
      { id: 'R-4', title: 'Payroll files lost', owner: 'CFO',
        inherent: tier(4, 5), current: tier(3, 4), residual: tier(2, 4), reviewed_on: '2026-01-01', tags: [] },
    ];
    for (const r of doc.risks) if (backupOn.includes(r.id)) r.controls = [{ ...backup }];
    doc.soa = [];
    localStorage.setItem('riskwright.assessment', JSON.stringify(doc));
    localStorage.setItem('riskwright.revision', '800');
  }, backupOn);
  await reloadApp(page);
}

const openTreatment = async (page, id) => {
  await openScreen(page, 'register');
  await page.click(`button[aria-label^="Treat ${id} "]`);
  await page.waitForSelector('#treatment-screen');
};

test('hand-scored tiers stay until the user follows the projection; the plan never regresses a status', async () => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await openApp(context, server.url);
  await seed(page);
  await openTreatment(page, 'R-1');
  assert.equal(await text(page, '#treat-level-current'), 'Very high');

  // Apply 8.13 Information backup by typing its id, key by key.
  await page.locator('#treat-add-control').pressSequentially('8.13');
  await page.press('#treat-add-control', 'Enter');
  await page.waitForSelector('#treat-controls tbody tr[data-id="8.13"]');
  let doc = await storedDocument(page);
  let r1 = doc.risks.find((r) => r.id === 'R-1');
  assert.deepEqual(r1.current, { likelihood: 4, impacts: { availability: 5 } }, 'not replaced by 25');
  assert.deepEqual(r1.residual, { likelihood: 2, impacts: { availability: 5 } });
  assert.match(await text(page, '#treat-source-current'),
    /scored by hand, kept when the controls change: projected 5×5 = 25, scored 4×5 = 20, \+5/);
  assert.match(await text(page, '#treat-source-residual'), /projected 5×4 = 20, scored 2×5 = 10, \+10/);
  assert.equal(await page.locator('#treat-follow-current').count(), 1);

  // In progress, on the treatment screen.
  await page.selectOption('#treat-status-0', 'in_progress');
  assert.equal(await text(page, '#treat-status-source-0'), 'Set on the treatment screen');

  // A plan action for 8.13 on, still "planned".
  await openScreen(page, 'plan');
  await page.click('#plan-add');
  await page.waitForSelector('#plan-form');
  await page.locator('#pf-title').pressSequentially('Offline backups of the file server');
  await page.selectOption('#pf-control', '8.13');
  await page.check('#pf-risk-0');
  await page.check('#pf-risk-1');
  await page.click('#pf-save');
  await page.waitForSelector('#plan-form', { state: 'detached' });
  const row = page.locator('#plan-table tbody tr', { hasText: 'Offline backups' });
  assert.match(await row.textContent(), /8\.13 on R-1: in progress \(set on the treatment screen, ahead of plan action A-1\)/);
  assert.match(await row.textContent(), /8\.13 on R-4: planned \(from plan action A-1\)/);
  assert.deepEqual(await axe(page), [], 'the plan passes axe');

  doc = await storedDocument(page);
  r1 = doc.risks.find((r) => r.id === 'R-1');
  const r4 = doc.risks.find((r) => r.id === 'R-4');
  assert.equal(r1.controls[0].status, 'in_progress', 'not reset to planned');
  assert.deepEqual(r1.current, { likelihood: 4, impacts: { availability: 5 } });
  assert.deepEqual(r4.current, { likelihood: 3, impacts: { availability: 4 } }, "R-4's scores are left alone");
  assert.deepEqual(r4.residual, { likelihood: 2, impacts: { availability: 4 } });
  assert.equal(r4.acceptance, undefined);

  // Back on the treatment screen: the status and where it comes from.
  await openTreatment(page, 'R-1');
  assert.equal(await page.inputValue('#treat-status-0'), 'in_progress');
  assert.equal(await text(page, '#treat-status-source-0'), 'Set on the treatment screen, ahead of plan action A-1');
  assert.deepEqual(await axe(page), [], 'the treatment screen passes axe');
  await page.screenshot({ path: `${shots}treatment-1920.png`, fullPage: true });

  // Following the projection is a choice, recorded and undoable.
  const before = (await storedDocument(page)).history.length;
  await page.click('#treat-follow-current');
  await page.waitForFunction(() => !document.querySelector('#treat-follow-current'));
  doc = await storedDocument(page);
  r1 = doc.risks.find((r) => r.id === 'R-1');
  assert.deepEqual(r1.current, { likelihood: 5, impacts: { availability: 5 } });
  const added = doc.history.slice(before);
  assert.ok(added.some((h) => h.risk_id === 'R-1' && h.change.kind === 'score' && h.reason === 'followed the projection from the controls'),
    JSON.stringify(added));
  assert.match(await text(page, '#treat-source-current'), /follows the projection/);
  await page.click('#undo');
  await page.waitForSelector('#treat-follow-current');
  r1 = (await storedDocument(page)).risks.find((r) => r.id === 'R-1');
  assert.deepEqual(r1.current, { likelihood: 4, impacts: { availability: 5 } });

  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `${shots}treatment-360.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scroll at 360 px (${overflow})`);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('SoA: an exclusion needs a justification and a confirmation naming the risks; a theme excluded at once', async () => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await openApp(context, server.url);
  await seed(page, { backupOn: ['R-1', 'R-4'] });
  await openScreen(page, 'soa');
  await page.waitForSelector('#soa-screen');
  assert.equal(await text(page, '#soa-summary'), '93 controls · 1 applicable · 0 excluded · 92 undecided');

  // Exclude 8.13 with no justification: refused before anything is saved.
  await page.click('#soa-edit-8\\.13');
  await page.waitForSelector('#soa-form');
  await page.check('#sf-excluded');
  await page.click('#sf-save');
  await page.waitForSelector('#sf-justification-problem');
  assert.equal(await text(page, '#sf-justification-problem'),
    '8.13 Information backup: say why it does not apply before excluding it');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'sf-justification');
  assert.deepEqual((await storedDocument(page)).soa, [], 'nothing saved');

  // Justified: the engine asks to confirm, naming both risks.
  await page.locator('#sf-justification').pressSequentially('Backups are the hosting provider\'s duty');
  assert.equal(await page.inputValue('#sf-justification'), 'Backups are the hosting provider\'s duty');
  await page.click('#sf-save');
  await page.waitForSelector('#sf-confirm');
  assert.match(await text(page, '#sf-confirm-text'), /^8\.13 Information backup is applied to risks R-1 and R-4\. Excluding it contradicts/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'sf-confirm-exclude');
  assert.deepEqual((await storedDocument(page)).soa, [], 'still nothing saved');
  assert.deepEqual(await axe(page), [], 'the confirmation passes axe');
  await page.click('#sf-confirm-exclude');
  await page.waitForSelector('#soa-form', { state: 'detached' });

  // One state everywhere: the row, the counts and the checker agree.
  const cells = await page.$$eval('#soa-tables tr[data-id="8.13"] > *', (cs) => cs.map((c) => c.textContent.trim().replace(/\s+/g, ' ')));
  assert.equal(cells[2], 'excluded, yet applied to R-1, R-4: see the checker');
  assert.equal(await text(page, '#soa-summary'), '93 controls · 0 applicable · 1 excluded · 92 undecided');
  assert.equal(await page.locator('#soa-gaps li[data-kind="selected-excluded"][data-subject="8.13"]').count(), 1);

  // Bulk: the undecided people controls, minus 6.3, excluded at once.
  await page.selectOption('#soa-filter', 'undecided');
  await page.check('#soa-select-theme-people');
  assert.equal(await text(page, '#soa-bulk-count'), '8 controls selected: 6.1, 6.2, 6.3, 6.4, 6.5, 6.6, 6.7, 6.8.');
  await page.uncheck('#soa-select-6\\.3');
  await page.click('#soa-bulk-exclude');
  assert.match(await text(page, '#soa-bulk-problem'), /Say why the 7 ticked controls do not apply/);
  await page.locator('#soa-bulk-justification').pressSequentially('One-person company: no staff');
  await page.screenshot({ path: `${shots}soa-1920.png`, fullPage: false });
  const beforeBulk = await storedDocument(page);
  await page.click('#soa-bulk-exclude');
  await page.waitForSelector('#soa-outcome');
  assert.equal(await text(page, '#soa-outcome p'), 'Excluded 7 controls at once.');
  const doc = await storedDocument(page);
  const excluded = doc.soa.filter((e) => e.applicable === false).map((e) => e.control_id);
  assert.deepEqual(excluded, ['6.1', '6.2', '6.4', '6.5', '6.6', '6.7', '6.8', '8.13']);
  assert.ok(doc.soa.filter((e) => e.control_id.startsWith('6.')).every((e) => e.exclusion_justification === 'One-person company: no staff'));
  // Nothing else changed: 8.13's entry and the risks are as they were.
  assert.deepEqual(doc.soa.find((e) => e.control_id === '8.13'), beforeBulk.soa.find((e) => e.control_id === '8.13'));
  assert.deepEqual(doc.risks, beforeBulk.risks);
  assert.equal(await text(page, '#soa-summary'), '93 controls · 0 applicable · 8 excluded · 85 undecided');
  assert.deepEqual(await axe(page), [], 'the SoA passes axe after a bulk decision');

  // One undo takes the seven back.
  await page.click('#undo');
  await page.waitForFunction(() => document.querySelector('#soa-summary').textContent.includes('1 excluded'));
  assert.deepEqual((await storedDocument(page)).soa.map((e) => e.control_id), ['8.13']);

  // Survives a reload.
  await reloadApp(page, 'soa');
  assert.equal(await text(page, '#soa-summary'), '93 controls · 0 applicable · 1 excluded · 92 undecided');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `${shots}soa-360.png`, fullPage: false });
  assert.deepEqual(page.problems, []);
  await context.close();
});
