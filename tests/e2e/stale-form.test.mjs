// Journey: an ISMS manager edits a risk in one tab while a colleague's change
// to the same risk arrives from another tab; a deletion says so and can be
// undone; a pasted URL or a 10,000-character title does not break the page;
// problems are named as the user knows the field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, openScreen, storedDocument, axe } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function addRisk(page, title, owner) {
  await page.click('#add-risk');
  await page.locator('#rf-title').pressSequentially(title);
  await page.locator('#rf-owner').pressSequentially(owner);
  await page.selectOption('#rf-current-likelihood', '4');
  await page.selectOption('#rf-current-availability', '5');
  await page.click('#rf-save');
  await page.waitForSelector('#rf-title', { state: 'detached' });
}

/** Opens R-1's edit form in tab B, then renames it and changes its owner in tab A. */
async function staleForm(context) {
  const a = await openApp(context, server.url);
  await addRisk(a, 'Ransomware', 'CTO');
  const b = await openApp(context, server.url);
  await b.click('button[aria-label^="Edit R-1"]');
  await b.locator('#rf-scenario').pressSequentially('Encrypts the file servers and the backups');
  await a.click('button[aria-label^="Edit R-1"]');
  await a.locator('#rf-title').pressSequentially(' attack');
  await a.locator('#rf-owner').press('Control+a');
  await a.locator('#rf-owner').pressSequentially('CISO');
  await a.click('#rf-save');
  await a.waitForSelector('#rf-title', { state: 'detached' });
  // B hears of A's save, and its form stays open with what was typed.
  await b.waitForSelector('.notice >> text=Updated from another tab');
  assert.equal(await b.inputValue('#rf-scenario'), 'Encrypts the file servers and the backups');
  return { a, b };
}

test("saving a stale form shows the other tab's changes field by field, and merges", async () => {
  const context = await browser.newContext();
  const { a, b } = await staleForm(context);
  await b.click('#rf-save');
  await b.waitForSelector('#risk-conflict');
  const table = await b.$$eval('#risk-conflict-table tbody tr', (trs) =>
    trs.map((tr) => [...tr.children].slice(0, 4).map((c) => c.textContent.trim())));
  assert.deepEqual(table, [
    ['title', 'Ransomware', 'Ransomware attack', 'Ransomware'],
    ['risk owner', 'CTO', 'CISO', 'CTO'],
  ]);
  let doc = await storedDocument(b);
  assert.equal(doc.risks[0].title, 'Ransomware attack', 'nothing was reverted by the first save');
  assert.deepEqual(await axe(b), []);
  await b.click('#rf-merge');
  await b.waitForSelector('#rf-title', { state: 'detached' });
  doc = await storedDocument(b);
  assert.equal(doc.risks[0].title, 'Ransomware attack');
  assert.equal(doc.risks[0].owner, 'CISO');
  assert.equal(doc.risks[0].scenario, 'Encrypts the file servers and the backups');
  await a.waitForFunction(() => document.querySelector('#register-table tbody tr td.title')?.textContent === 'Ransomware attack');
  assert.deepEqual([...a.problems, ...b.problems], []);
  await context.close();
});

test('a stale form can keep its own version or take the other', async () => {
  for (const [choice, owner, scenario] of [
    ['#rf-keep-mine', 'CTO', 'Encrypts the file servers and the backups'],
    ['#rf-take-theirs', 'CISO', ''],
  ]) {
    const context = await browser.newContext();
    const { b } = await staleForm(context);
    await b.click('#rf-save');
    await b.click(choice);
    await b.waitForSelector('#rf-title', { state: 'detached' });
    const doc = await storedDocument(b);
    assert.equal(doc.risks[0].owner, owner, choice);
    assert.equal(doc.risks[0].scenario, scenario, choice);
    await context.close();
  }
});

test('deleting a risk says so, and Undo brings it back', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await addRisk(page, 'Laptop theft', 'HR lead');
  await page.click('button[aria-label^="Delete R-1"]');
  assert.match(await page.textContent('.notice'), /R-1 “Laptop theft” deleted/);
  assert.deepEqual(await axe(page), []);
  await page.click('#risk-undo-delete');
  assert.equal(await page.textContent('#register-table tbody tr td.title'), 'Laptop theft');
  assert.equal(await page.$('.notice'), null);
  assert.equal((await storedDocument(page)).risks.length, 1);
  await context.close();
});

test('a half-scored risk names the missing score; problems name the field, not a path', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.click('#add-risk');
  await page.locator('#rf-title').pressSequentially('Supplier breach');
  await page.selectOption('#rf-residual-integrity', '3');
  await page.click('#rf-save');
  const text = await page.textContent('#risk-problems');
  assert.match(text, /The new risk, residual risk, likelihood: choose a likelihood: the residual risk has an impact but no likelihood/);
  assert.doesNotMatch(text, /\$\./, 'no JSON path is shown');
  await context.close();
});

test('long unbroken text wraps; the whole of it is one click away', async () => {
  const context = await browser.newContext();
  for (const [width, height] of [[360, 740], [1920, 1080]]) {
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(server.url);
    await page.waitForSelector('#app[data-ready="true"]');
    if (width === 360) {
      const url = `https://intranet.example.com/${'very-long-path-segment/'.repeat(12)}`;
      await addRisk(page, url, 'x'.repeat(300));
      const long = 'A'.repeat(10_000);
      await page.click('#add-risk');
      // A pasted title: typed key by key would take minutes for 10,000 characters.
      await page.locator('#rf-title').evaluate((e, v) => { e.value = v; e.dispatchEvent(new Event('input', { bubbles: true })); }, long);
      await page.click('#rf-save');
      await page.waitForSelector('#rf-title', { state: 'detached' });
    }
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width + 1, `${width}×${height}: the page is ${scroll} px wide`);
    const title = page.locator('#register-table tbody tr').nth(1).locator('td.title');
    assert.match(await title.textContent(), /^A{160}…/);
    await title.locator('summary').click();
    assert.equal((await title.locator('.rest').textContent()).length, 10_000);
    const shot = await page.screenshot({ fullPage: true });
    assert.ok(shot.length > 0);
    await page.close();
  }
  await context.close();
});

test('a file chosen while the page re-renders is still read', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'data' });
  const other = await openApp(context, server.url, { screen: 'method' });
  const chooser = page.waitForEvent('filechooser');
  await page.click('#data-file');
  const picker = await chooser;
  // Another tab saves while the dialog is open: this tab re-renders.
  await other.locator('#assessment-scope').pressSequentially('Head office');
  await page.waitForFunction(() => document.querySelector('#assessment-scope') === null && document.querySelector('.notice'));
  const csv = 'Title,Owner\r\nPhishing,CISO\r\n';
  await picker.setFiles({ name: 'risks.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('#data-preview');
  assert.match(await page.textContent('#data-counts'), /1 risk ready to import/);
  // The same file again, after cancelling, is read again.
  await page.click('#data-cancel');
  await page.setInputFiles('#data-file', { name: 'risks.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('#data-preview');
  await context.close();
});
