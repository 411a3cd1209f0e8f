// Journey: an ISMS manager plans the treatment of a high risk. They add an
// action for control 8.7 from the form, mark it done from its row and see the
// risk's current level fall, find the late action with the overdue filter,
// and see which risks still wait for their owner's acceptance. Everything is
// still there after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe, storedDocument } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const rows = (page, table) => page.$$eval(`#${table} tbody tr`, (trs) =>
  trs.map((tr) => [...tr.children].map((td) => td.textContent.trim().replace(/\s+/g, ' '))));
const rowOf = (page, title) => page.locator('#plan-table tbody tr', { hasText: title });

// Two risks on the default 5×5 method (appetite: medium). R-1 is scored
// likelihood 4 × impact 5 (very high), R-2 is low. One action, due long ago.
async function seed(page) {
  await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    const tier = (likelihood, availability) => ({ likelihood, impacts: { availability } });
    doc.risks = [
      // The current risk is not scored by hand: it follows the projection
      // from the controls the plan puts in place.
      { id: 'R-1', title: 'Ransomware encrypts the customer database', owner: 'CTO', treatment: 'planned',
        inherent: tier(4, 5), tags: [] },
      { id: 'R-2', title: 'Laptop theft', owner: 'HR', treatment: 'untreated',
        inherent: tier(1, 2), current: tier(1, 2), tags: [] },
    ];
    doc.plan = [
      { id: 'A-9', title: 'Patch the web servers', control_id: '8.8', owner: 'Ops lead', due: '2020-01-15',
        status: 'in_progress', risk_ids: ['R-2'], note: '' },
    ];
    localStorage.setItem('riskwright.assessment', JSON.stringify(doc));
    localStorage.setItem('riskwright.revision', '700');
  });
}

test('plan an action for 8.7, mark it done, watch the risk fall, filter overdue, survive a reload', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await seed(page);
  await reloadApp(page, 'plan');
  assert.equal(await page.getAttribute('#nav-plan', 'aria-current'), 'page');
  assert.equal(await page.textContent('#plan-count'), '1 action · 1 overdue · 0 done');
  assert.match(await page.textContent('#plan-table'), /2020-01-15 Overdue/);
  assert.deepEqual(await axe(page), [], 'the screen passes axe with the form closed');

  // Open the form from the keyboard and type the title.
  await page.focus('#plan-add');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#plan-form');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pf-title', 'opening the form puts the cursor in the title');
  await page.keyboard.type('Roll out EDR on every server');
  assert.equal(await page.inputValue('#pf-title'), 'Roll out EDR on every server');
  const controls = await page.$$eval('#pf-control option', (os) => os.map((o) => o.value));
  assert.equal(controls.filter((v) => v !== '').length, 93, 'every Annex A control is offered');
  await page.selectOption('#pf-control', '8.7');
  await page.fill('#pf-owner', 'Ops lead');
  await page.fill('#pf-due', '2099-06-30');
  await page.check('#pf-risk-0');
  assert.deepEqual(await axe(page), [], 'the open form passes axe');
  await page.focus('#pf-owner');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#plan-form', { state: 'detached' });

  // Listed, with the control's title and the level of the risk it treats.
  const row = rowOf(page, 'Roll out EDR');
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[2], '8.7 Protection against malware');
  assert.equal(cells[3], 'Ops lead');
  assert.equal(cells[4], '2099-06-30', 'not overdue');
  assert.match(cells[6], /R-1 Ransomware encrypts the customer database/);
  assert.equal(await row.locator('.chip.current').textContent(), 'Very high', 'planned: nothing in place yet');
  assert.equal(await row.locator('.chip.residual').textContent(), 'High', 'the plan counts towards residual risk');
  assert.equal(await page.textContent('#plan-count'), '2 actions · 1 overdue · 0 done');
  let doc = await storedDocument(page);
  const added = doc.plan.find((a) => a.title === 'Roll out EDR on every server');
  assert.ok(/^A-\d+$/.test(added.id), `the engine gave an id: ${added.id}`);
  assert.deepEqual([added.control_id, added.status, added.risk_ids], ['8.7', 'planned', ['R-1']]);
  assert.equal(doc.risks[0].controls[0].control_id, '8.7');
  assert.equal(doc.risks[0].controls[0].status, 'planned');

  // Mark it done from its row: the control becomes implemented on R-1 and
  // its current level falls.
  await row.locator('select').selectOption('done');
  assert.equal(await rowOf(page, 'Roll out EDR').locator('.chip.current').textContent(), 'High');
  assert.equal(await page.textContent('#plan-count'), '2 actions · 1 overdue · 1 done');
  assert.match(await page.textContent('#plan-progress'), /Done: 1/);
  assert.match(await page.textContent('#plan-explain'), /Marking an action done marks its control implemented/);
  doc = await storedDocument(page);
  assert.equal(doc.risks[0].controls[0].status, 'implemented');
  assert.equal(doc.risks[0].current.likelihood, 3, 'the preventive control lowered the likelihood');

  // R-1 stays above the appetite, so it waits for its owner's acceptance.
  const acceptances = await rows(page, 'plan-acceptances');
  assert.deepEqual(acceptances.map((r) => r[0]), ['R-1 Ransomware encrypts the customer database']);
  assert.match(acceptances[0][3], /the risk owner must accept the residual risk/);

  // Only overdue: the action due in 2020, not the done one.
  await page.check('#plan-overdue');
  const overdue = await rows(page, 'plan-table');
  assert.deepEqual(overdue.map((r) => r[1]), ['Patch the web servers']);
  assert.match(overdue[0][4], /Overdue/);
  assert.match(await page.textContent('#plan-count'), /showing 1$/);
  await page.uncheck('#plan-overdue');
  assert.equal((await rows(page, 'plan-table')).length, 2);

  await reloadApp(page, 'plan');
  const kept = rowOf(page, 'Roll out EDR');
  assert.equal(await kept.locator('select').inputValue(), 'done');
  assert.equal(await kept.locator('.chip.current').textContent(), 'High');
  assert.equal(await page.textContent('#plan-count'), '2 actions · 1 overdue · 1 done');
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the engine refuses an empty title at the field; edit, delete and undo', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await seed(page);
  await reloadApp(page, 'plan');

  // A new action with no title: the engine's problem shows at the field.
  await page.click('#plan-add');
  await page.selectOption('#pf-control', '8.7');
  await page.click('#pf-save');
  assert.equal(await page.getAttribute('#pf-title', 'aria-invalid'), 'true');
  assert.equal(await page.textContent('#pf-title-problem'), 'the title is empty');
  assert.match(await page.textContent('#plan-problems'), /Treatment plan, action 2, title: the title is empty/);
  assert.deepEqual(await axe(page), [], 'the form with its problem passes axe');
  await page.click('#pf-cancel');
  assert.equal(await page.$('#plan-form'), null);
  assert.equal((await storedDocument(page)).plan.length, 1, 'nothing was added');

  // Edit the seeded action through the form: its status follows to R-2.
  await page.click('#plan-table button[aria-label="Edit A-9 Patch the web servers"]');
  assert.equal(await page.inputValue('#pf-title'), 'Patch the web servers');
  assert.equal(await page.inputValue('#pf-due'), '2020-01-15');
  assert.ok(await page.isChecked('#pf-risk-1'), 'R-2 is ticked');
  await page.selectOption('#pf-status', 'done');
  await page.click('#pf-save');
  await page.waitForSelector('#plan-form', { state: 'detached' });
  assert.equal(await page.textContent('#plan-count'), '1 action · 0 overdue · 1 done', 'a done action is not overdue');
  let doc = await storedDocument(page);
  assert.equal(doc.risks[1].controls[0].control_id, '8.8');
  assert.equal(doc.risks[1].controls[0].status, 'implemented');

  // Delete from the form, then undo.
  await page.click('#plan-table button[aria-label="Edit A-9 Patch the web servers"]');
  await page.click('#pf-delete');
  assert.equal(await page.$('#plan-form'), null);
  assert.equal(await page.textContent('#plan-count'), '0 actions · 0 overdue · 0 done');
  assert.match(await page.textContent('#plan-screen'), /No actions yet/);
  await page.click('#undo');
  assert.equal((await rows(page, 'plan-table')).length, 1);
  doc = await storedDocument(page);
  assert.equal(doc.plan[0].id, 'A-9');
  assert.deepEqual(page.problems, []);
  await context.close();
});
