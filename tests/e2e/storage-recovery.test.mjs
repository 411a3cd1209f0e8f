// Journey: the saved data is damaged (or from a newer Riskwright); the app
// still opens, says so, and keeps the unreadable copy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe, openScreen } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const [what, stored, reason] of [
  ['corrupt JSON', '{"schema_version": 1, "name": "Half-writ', /not valid JSON/],
  ['a newer schema', JSON.stringify({ schema_version: 42, name: 'From the future' }), /newer than this Riskwright/],
]) {
  test(`${what} in storage: the app starts, tells the user and keeps a backup`, async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.addInitScript((value) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('riskwright.assessment', value);
        sessionStorage.setItem('seeded', '1');
      }
    }, stored);
    const page = await openApp(context, server.url, { screen: 'method' });
    const notice = await page.textContent('.notice');
    assert.equal(await page.textContent('#notice-title'), 'The open assessment could not be read');
    assert.match(notice, /A new, empty assessment was started in its place/);
    assert.match(notice, reason);
    assert.equal(await page.inputValue('#assessment-name'), 'My risk assessment', 'a fresh assessment works');
    const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('riskwright.backup.')));
    assert.equal(backups.length, 1);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), backups[0]), stored, 'the backup is byte for byte');
    assert.deepEqual(await axe(page), []);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('text=Download the unreadable copy'),
    ]);
    assert.equal(await readFile(await download.path(), 'utf8'), stored);

    await page.click('#notice-dismiss');
    assert.equal(await page.$('.notice'), null);
    await page.fill('#assessment-name', 'Started again');
    await reloadApp(page, 'method');
    assert.equal(await page.inputValue('#assessment-name'), 'Started again');
    assert.equal(await page.$('.notice'), null, 'the notice does not come back once the app saved');
    assert.deepEqual(page.problems.filter((p) => !p.startsWith('console: Failed to load resource')), []);
    await context.close();
  });
}

// Every key the app stores, damaged in turn, with two assessments kept and a
// second page of the same browser open: nothing else is lost, the bad value
// is kept (and downloads byte for byte), and the notice names what could not
// be read, in plain words.
const BAD = '{"schema_version": 1, "name": "Half-writ';

/** Adds a risk from the keyboard: N, its title, Enter. */
async function addRisk(page, title) {
  await page.focus('#register-title');
  await page.keyboard.press('n');
  await page.waitForSelector('#rf-title:focus');
  await page.locator('#rf-title').pressSequentially(title);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#rf-title', { state: 'detached' });
}

const names = (page) => page.$$eval('#assessments-table tbody tr', (trs) =>
  trs.map((tr) => tr.querySelector('input').value));
const titles = (page) => page.$$eval('#register-table tbody tr td:nth-child(2)', (tds) =>
  tds.map((td) => td.textContent.trim()));

/** Creates an assessment from the Assessments screen; it opens on the register. */
async function create(page, name) {
  await openScreen(page, 'assessments');
  await page.locator('#lib-new-name').pressSequentially(name);
  await page.click('#lib-create');
  await page.waitForSelector('#nav-register[aria-current="page"]');
  assert.match(await page.textContent('#register-title'), new RegExp(name));
}

/**
 * "Alpha" (open: a risk, its history and a snapshot), "Beta" (a risk) and
 * "Gamma" (deleted, kept for undo), made through the app; returns what the
 * browser stored.
 */
async function twoAssessments() {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'assessments' });
  await page.click('#lib-name-0', { clickCount: 3 });
  await page.locator('#lib-name-0').pressSequentially('Alpha');
  await page.click('button[aria-label="Rename My risk assessment"]');
  await create(page, 'Gamma');
  await create(page, 'Beta');
  await addRisk(page, 'Beta risk');
  await openScreen(page, 'assessments');
  await page.click('button[aria-label="Delete Gamma"]');
  await page.click('button[aria-label="Open Alpha"]');
  assert.deepEqual(await names(page), ['Alpha', 'Beta']);
  // Edits after the switch save Alpha's history and snapshots apart.
  await openScreen(page, 'register');
  await addRisk(page, 'Alpha risk');
  await openScreen(page, 'history');
  await page.locator('#snapshot-name').pressSequentially('Audit');
  await page.click('#take-snapshot');
  await page.waitForFunction(() => (localStorage.getItem('riskwright.snapshots') ?? '').includes('Audit'));
  assert.match(await page.evaluate(() => localStorage.getItem('riskwright.history.0')), /Alpha risk/);
  const stored = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
  assert.deepEqual(page.problems, []);
  await context.close();
  return stored;
}

let stored;
const betaKey = () => Object.keys(stored).find((k) => k.startsWith('riskwright.doc.') && JSON.parse(stored[k]).name === 'Beta');

for (const c of [
  { key: 'riskwright.library', title: 'The list of assessments could not be read', words: /It was rebuilt from the 2 assessments stored in this browser: “Alpha”, “Beta”/ },
  { key: 'beta', title: 'The assessment “Beta” could not be read', words: /It was taken out of the list of assessments; the others are not affected/, betaGone: true },
  { key: 'beta', idb: true, title: 'The assessment “Beta” could not be read', words: /It was taken out of the list of assessments; the others are not affected/, betaGone: true },
  { key: 'riskwright.snapshots', title: 'The snapshots of “Alpha” could not be read', words: /opened as saved, without its snapshots/ },
  { key: 'riskwright.history.0', title: 'The history of changes of “Alpha” could not be read', words: /The register opened without it/, list: true },
  { key: 'riskwright.revision', title: 'The save counter that keeps open tabs in step could not be read', words: /started again; no assessment was affected/ },
  { key: 'riskwright.trash', title: 'The deleted assessment “Gamma” (kept for undo) could not be read', words: /Undo can no longer bring it back/ },
  { key: 'riskwright.seed', title: 'The draft risks a readiness check left for this app could not be read', words: /They are not offered/ },
  { key: 'riskwright.workshop', title: 'The presentation-mode session could not be read', words: /Presentation mode was not resumed/ },
  { key: 'riskwright.workshop.screen', title: 'What presentation mode last showed to an audience window could not be read', words: /waits for the presenter again/, screen: 'history' },
  { key: 'riskwright.assessment', title: 'The open assessment “Alpha” could not be read', words: /A new, empty assessment was started in its place/, fresh: true },
]) {
  test(`an unreadable ${c.key === 'beta' ? 'riskwright.doc.<id>' : c.key}${c.idb ? ' in the IndexedDB fallback' : ''}: kept, offered, rebuilt where possible, and said`, async () => {
    stored ??= await twoAssessments();
    const key = c.key === 'beta' ? betaKey() : c.key;
    if (!['riskwright.seed', 'riskwright.workshop', 'riskwright.workshop.screen'].includes(key)) {
      assert.ok(key in stored, `${key} is stored`);
    }
    const context = await browser.newContext({ acceptDownloads: true });
    await context.addInitScript((entries) => {
      if (localStorage.getItem('e2e.seeded')) return;
      for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
      localStorage.setItem('e2e.seeded', '1');
    }, stored);
    const page = await openApp(context, server.url);
    const other = await openApp(context, server.url, { screen: 'assessments' });
    if (c.idb) {
      // The value that did not fit in localStorage lives in IndexedDB.
      await page.evaluate(([k, v]) => new Promise((ok, fail) => {
        const open = indexedDB.open('riskwright');
        open.onsuccess = () => {
          const tx = open.result.transaction('documents', 'readwrite');
          tx.objectStore('documents').put(v, k);
          tx.oncomplete = () => { localStorage.removeItem(k); open.result.close(); ok(); };
          tx.onerror = () => fail(tx.error);
        };
        open.onerror = () => fail(open.error);
      }), [key, BAD]);
    } else {
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, BAD]);
    }
    await reloadApp(page, c.screen);
    await page.waitForSelector('.notice #notice-title');
    assert.equal(await page.textContent('#notice-title'), c.title);
    const text = await page.textContent('.notice');
    assert.match(text, c.words);
    assert.match(text, /Nothing was deleted: the unreadable copy is kept in this browser/);
    assert.doesNotMatch(text, /storage for this site is full|was not saved/);
    if (!c.fresh) assert.doesNotMatch(text, /fresh|new, empty assessment/);

    if (c.key === 'riskwright.library') {
      await page.screenshot({ path: '/tmp/storage-notice.png' });
      await page.setViewportSize({ width: 360, height: 740 });
      assert.ok(await page.$eval('.notice', (n) => n.scrollWidth <= n.clientWidth), 'the notice fits at 360 px');
      await page.screenshot({ path: '/tmp/storage-notice-360.png' });
      await page.setViewportSize({ width: 1280, height: 720 });
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('.notice button:has-text("Download the unreadable copy")'),
    ]);
    const content = await readFile(await download.path(), 'utf8');
    assert.equal(c.list ? JSON.parse(content)[0] : content, BAD, 'the download is the unreadable value');
    const backups = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('riskwright.backup.')));
    assert.ok(backups.some(([, v]) => v === content), 'kept under a backup key');
    if (key !== 'riskwright.revision') {
      assert.notEqual(await page.evaluate((k) => localStorage.getItem(k), key), BAD, 'the bad value is not read again');
    }

    // Nothing else is lost: the other assessment is listed and opens.
    await openScreen(page, 'assessments');
    const expected = c.fresh ? ['My risk assessment', 'Beta'] : c.betaGone ? ['Alpha'] : ['Alpha', 'Beta'];
    assert.deepEqual(await names(page), expected);
    assert.ok((await page.$$('#backups-table tbody tr')).length >= 1, 'the kept copy is listed');
    if (!c.betaGone) {
      await page.click('button[aria-label="Open Beta"]');
      await openScreen(page, 'register');
      assert.deepEqual(await titles(page), ['Beta risk']);
      if (!c.fresh) {
        await openScreen(page, 'assessments');
        await page.click('button[aria-label="Open Alpha"]');
      }
    }
    if (!c.fresh) {
      await openScreen(page, 'register');
      assert.deepEqual(await titles(page), ['Alpha risk']);
    }
    // The second page sees the same list and wrote nothing over the backup.
    await reloadApp(other, 'assessments');
    assert.deepEqual(await names(other), expected);
    const after = await other.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('riskwright.backup.')));
    assert.ok(after.some(([, v]) => v === content));
    if (c.key === 'riskwright.library') {
      await openScreen(page, 'assessments');
      assert.deepEqual(await axe(page), []);
      await page.screenshot({ path: '/tmp/storage-backups.png', fullPage: true });
      // Once the user has it, the kept copy can be deleted.
      const [kept] = backups.find(([, v]) => v === content);
      await page.click('#backups-table button:has-text("Delete")');
      await page.waitForSelector('#backups-table', { state: 'detached' });
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), kept), null);
    }
    const problems = (p) => p.problems.filter((m) => !m.startsWith('console: Failed to load resource'));
    assert.deepEqual(problems(page), []);
    assert.deepEqual(problems(other), []);
    await context.close();
  });
}
