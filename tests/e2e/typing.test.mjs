// Journey: a person types into every text field of the app, key by key, with
// words full of the app's shortcut keys (n, p, digits, x, u, ?). Each field
// keeps focus and every character, no shortcut fires, no risk's score moves,
// and what is saved is what was typed. Re-renders patch the page (see
// web/src/browser/patch.rs), so this holds for every screen at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, openScreen, storedDocument, axe } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// Every shortcut key the app knows, inside ordinary words.
const TYPED = ' np 1x2 u?';

/** Adds a risk from the keyboard: N, its title and owner typed, scores picked. */
async function addRisk(page, title, owner, [l, c, i, a]) {
  await page.keyboard.press('Escape');
  await page.focus('#register-title');
  await page.keyboard.press('n');
  await page.waitForSelector('#rf-title:focus');
  await page.locator('#rf-title').pressSequentially(title);
  await page.locator('#rf-owner').pressSequentially(owner);
  await page.selectOption('#rf-current-likelihood', String(l));
  for (const [dim, v] of [['confidentiality', c], ['integrity', i], ['availability', a]]) {
    await page.selectOption(`#rf-current-${dim}`, String(v));
  }
  await page.click('#rf-save');
  await page.waitForSelector('#rf-title', { state: 'detached' });
}

/** Every risk's scores as stored. */
async function scores(page) {
  const doc = await storedDocument(page);
  return doc.risks.map((r) => JSON.stringify([r.id, r.inherent, r.current, r.residual]));
}

/** The visible text fields of the page, as locators with a description. */
async function textFields(page) {
  const handles = await page.$$(
    'main input[type="text"], main input:not([type]), main input[type="search"], main textarea',
  );
  const fields = [];
  for (const h of handles) {
    if (!(await h.isVisible()) || !(await h.isEditable())) continue;
    const name = await h.evaluate((e) => e.id || e.getAttribute('data-field') || e.getAttribute('data-msg') || e.outerHTML.slice(0, 80));
    fields.push({ handle: h, name });
  }
  return fields;
}

/**
 * Types TYPED into every visible text field of the screen, key by key, and
 * checks after each: the field still has focus and ends with what was
 * typed, the screen did not change, and no risk's score moved.
 */
async function typeEverywhere(page, screen, before) {
  const fields = await textFields(page);
  assert.ok(fields.length > 0, `${screen}: there are text fields to type into`);
  for (const { handle, name } of fields) {
    if (!(await handle.evaluate((e) => e.isConnected))) continue;
    await handle.click();
    // Type at the end, as a person adding to what is there would.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('End');
    const start = await handle.evaluate((e) => e.value);
    await page.keyboard.type(TYPED, { delay: 15 });
    const state = await handle.evaluate((e) => ({
      focused: e === document.activeElement,
      connected: e.isConnected,
      value: e.value,
    }));
    assert.ok(state.connected, `${screen}, ${name}: the field was kept through the re-renders`);
    assert.ok(state.focused, `${screen}, ${name}: the field kept focus while typing`);
    assert.equal(state.value, start + TYPED, `${screen}, ${name}: every character arrived`);
    assert.equal(await page.$('.app.presenting'), null, `${screen}, ${name}: P did not start presentation mode`);
    assert.deepEqual(await scores(page), before, `${screen}, ${name}: no risk's score changed`);
  }
  return fields.length;
}

test('every text field takes typing key by key; no shortcut fires and no score moves', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await addRisk(page, 'Ransomware on file servers', 'CTO', [4, 3, 4, 5]);
  await addRisk(page, 'Laptop theft', 'HR lead', [2, 4, 1, 1]);
  const before = await scores(page);
  assert.equal(before.length, 2);

  // The register: the risk form and the filters.
  await page.click('#add-risk');
  let typed = await typeEverywhere(page, 'register', before);
  await page.click('#rf-cancel').catch(() => page.keyboard.press('Escape'));

  // The method editor, every section open.
  await openScreen(page, 'method');
  for (const summary of await page.$$('main details:not([open]) > summary')) await summary.click();
  typed += await typeEverywhere(page, 'method', before);

  // Assets and threats, with the asset form open.
  await openScreen(page, 'catalog');
  await page.click('button[data-msg="cat-new"]');
  typed += await typeEverywhere(page, 'catalog', before);
  await page.keyboard.press('Escape');

  // The treatment plan, with a new action's form.
  await openScreen(page, 'plan');
  await page.click('#plan-add');
  typed += await typeEverywhere(page, 'plan', before);
  await page.keyboard.press('Escape');

  // The SoA, with one control's form open.
  await openScreen(page, 'soa');
  await page.click('button[data-msg="soa-edit"]');
  typed += await typeEverywhere(page, 'soa', before);
  await page.keyboard.press('Escape');

  // One risk's treatment.
  await openScreen(page, 'register');
  await page.click('#filter-clear');
  await page.click('button[aria-label^="Treat R-1"]');
  typed += await typeEverywhere(page, 'treatment', before);

  // History (a snapshot's name) and the assessments (a new one's name).
  await openScreen(page, 'history');
  typed += await typeEverywhere(page, 'history', before);
  await openScreen(page, 'assessments');
  typed += await typeEverywhere(page, 'assessments', before);
  assert.ok(typed >= 30, `typed into ${typed} fields`);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('what is typed key by key is what is saved: risk form, method scale texts', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await addRisk(page, 'Backups 3x daily fail silently', 'IT ops 2nd line', [4, 3, 4, 5]);
  let doc = await storedDocument(page);
  assert.equal(doc.risks[0].title, 'Backups 3x daily fail silently');
  assert.equal(doc.risks[0].owner, 'IT ops 2nd line');

  // Edit the scenario in a text area, typing in the middle of the text.
  await page.click('button[aria-label^="Edit R-1"]');
  await page.locator('#rf-scenario').pressSequentially('Nightly job p1 stops');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('x', { delay: 15 });
  await page.click('#rf-save');
  await page.waitForSelector('#rf-title', { state: 'detached' });
  doc = await storedDocument(page);
  assert.equal(doc.risks[0].scenario, 'Nixghtly job p1 stops', 'the caret stayed where it was put');

  // The method's scale texts: a label and a description, saved as typed.
  await openScreen(page, 'method');
  for (const summary of await page.$$('main details:not([open]) > summary')) await summary.click();
  const label = page.locator('input[data-msg="scale-text"][data-axis="likelihood"][data-index="1"][data-field="label"]');
  const description = page.locator('input[data-msg="scale-text"][data-axis="likelihood"][data-index="1"][data-field="description"]');
  await label.click();
  await label.press('Control+a');
  await label.pressSequentially('Once in 1 to 3 years');
  await description.click();
  await description.press('Control+a');
  await description.pressSequentially('Happens every 2nd or 3rd year; plan 4 it');
  doc = await storedDocument(page);
  assert.equal(doc.method.likelihood.levels[1].label, 'Once in 1 to 3 years');
  assert.equal(doc.method.likelihood.levels[1].description, 'Happens every 2nd or 3rd year; plan 4 it');
  // The sections the user opened stay open through every edit.
  assert.equal(await page.$$eval('main details', (ds) => ds.every((d) => d.open)), true);
  assert.equal(await page.$('.app.presenting'), null);
  assert.equal(doc.risks[0].current.likelihood, 4, 'no digit re-scored the risk');
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.problems, []);
  await context.close();
});
