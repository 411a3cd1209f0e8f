// Journey: a keyboard user works through the treatment screens: focus moves
// into a form when it opens and back to its button when it closes, Escape
// closes whichever form is open, and focus never falls off the page when the
// control it was on goes away.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, openScreen } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const focused = (page) => page.evaluate(() => document.activeElement?.id ?? '');

test('forms take focus, Escape closes them, and applying a control keeps focus on the page', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    doc.threats = [{ id: 'TH-1', name: 'Ransomware', catalogue_id: 'T02' }];
    const tier = { likelihood: 4, impacts: { availability: 5 } };
    doc.risks = [{ id: 'R-1', title: 'Ransomware', owner: 'CTO', threat_id: 'TH-1', inherent: tier, current: tier }];
    localStorage.setItem('riskwright.assessment', JSON.stringify(doc));
    localStorage.setItem('riskwright.revision', '950');
  });
  await reloadApp(page, 'plan');
  await page.focus('#plan-add');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'pf-title');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#plan-form', { state: 'detached' });
  assert.equal(await focused(page), 'plan-add');

  // Treatment: Apply puts focus on the new control's status, the next thing to set.
  await openScreen(page, 'register');
  await page.click('button[aria-label^="Treat R-1 "]');
  await page.focus('button[aria-label^="Apply 8.7 "]');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'treat-status-0');
  await page.focus('#treat-override-residual-open');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'treat-override-residual-likelihood');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#treat-override-residual-likelihood', { state: 'detached' });

  // Typing in the middle of a text area keeps the caret where it was.
  await page.fill('#treat-accept-note', 'Accepted for now');
  await page.focus('#treat-accept-note');
  await page.evaluate(() => document.getElementById('treat-accept-note').setSelectionRange(8, 8));
  await page.keyboard.type(' fully');
  assert.equal(await page.inputValue('#treat-accept-note'), 'Accepted fully for now');
  assert.deepEqual(page.problems, []);
  await context.close();
});
