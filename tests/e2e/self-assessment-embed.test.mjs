// Journey: a consultancy embeds the readiness check in its own website (a
// frame from another site, where Chromium blocks third-party storage); a
// visitor answers there, continues in a new tab, takes the result into the
// app; and a returning visitor sees the host's edited configuration, online
// and offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, PUBLIC } from '../support/server.mjs';
import { launch, openApp, openScreen, axe } from '../support/browser.mjs';

const questionnaire = JSON.parse(await readFile(
  new URL('../../engine/data/readiness/questionnaire.en.json', import.meta.url), 'utf8'));
const QUESTIONS = questionnaire.questions;
const SHOTS = process.env.RW_SHOTS ?? join(tmpdir(), 'rw-shots');

let server, browser, hostDir, host;
before(async () => {
  server = await serve();
  browser = await launch();
  hostDir = await mkdtemp(join(tmpdir(), 'rw-host-'));
  // The host's page: the iframe and the few lines docs/self-assessment.md
  // gives to size it, with the readiness check's origin filled in.
  const origin = new URL(server.url).origin;
  const docs = await readFile(new URL('../../docs/self-assessment.md', import.meta.url), 'utf8');
  const snippet = docs.match(/<!-- host-snippet -->\n```html\n([\s\S]*?)```/)[1]
    .replaceAll('https://example.org/tools/iso27001/', server.url)
    .replaceAll('https://example.org', origin);
  await writeFile(join(hostDir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example Security Consulting</title></head>
<body><h1>Our tools</h1>
${snippet}
<script>
  window.heights = [];
  window.addEventListener('message', (event) => window.heights.push([event.origin, event.data]));
</script>
</body></html>`);
  host = await serve({ root: hostDir, hostname: 'localhost' });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await host?.close();
  await rm(hostDir, { recursive: true, force: true });
});

const frameHeight = (page) => page.$eval('#readiness', (f) => Number(f.height));
const contentHeight = (frame) => frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));

test('embedded on another site: storage is blocked, the visitor is told, the frame is sized, answers go to a new tab', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(host.url);
  assert.notEqual(new URL(host.url).hostname, new URL(server.url).hostname, 'two sites');
  const frameLoc = page.frameLocator('#readiness');
  await frameLoc.locator('#app[data-ready="true"]').waitFor();
  const frame = page.frames().find((f) => f.url().startsWith(server.url));

  // Chromium really refuses the frame any storage here.
  const access = await frame.evaluate(() => { try { localStorage.getItem('x'); return 'allowed'; } catch (e) { return e.name; } });
  assert.equal(access, 'SecurityError', 'third-party storage is blocked');
  // The visitor reads it in plain words, not as an error.
  assert.match(await frameLoc.locator('#sa-blocked').textContent(),
    /does not let the readiness check save anything while it is shown inside another website.*kept only while this page stays open/);
  assert.equal(await frameLoc.locator('.notice').count(), 0, 'no "could not be read" error');
  assert.doesNotMatch(await frameLoc.locator('#app').textContent(), /could not be read/);
  assert.match(await frameLoc.locator('.intro').textContent(), /continue in a new tab, where your answers can be kept/,
    'no promise to come back later');
  assert.deepEqual(await axe(frame), [], 'the intro with the blocked-storage note');

  // The frame tells the host its height; the documented lines size it.
  await page.waitForFunction(() => Number(document.getElementById('readiness').height) !== 900);
  assert.equal(await frameHeight(page), await contentHeight(frame), 'the iframe fits the intro');
  const introHeight = await frameHeight(page);
  const messages = await page.evaluate(() => window.heights);
  assert.ok(messages.length > 0);
  for (const [origin, data] of messages) {
    assert.equal(origin, new URL(server.url).origin);
    assert.deepEqual(Object.keys(data).sort(), ['height', 'type'], 'only the height is sent');
    assert.equal(data.type, 'riskwright-readiness-height');
  }

  const picks = ['partly', 'largely', 'no'];
  await frameLoc.locator('#sa-start').click();
  for (const p of picks) {
    await frameLoc.locator(`input[value="${p}"]`).check();
    await frameLoc.locator('#sa-next').click();
  }
  assert.match(await frameLoc.locator('#sa-progress').textContent(), /^Question 4 of/);
  await page.waitForFunction((before) => Number(document.getElementById('readiness').height) !== before, introHeight);
  assert.equal(await frameHeight(page), await contentHeight(frame), 'resized for the question');
  assert.deepEqual(await axe(frame), [], 'a question with the blocked-storage note');
  await page.screenshot({ path: join(SHOTS, 'embed-blocked-1280.png'), fullPage: true });

  // "Continue in a new tab" carries the answers in the fragment only.
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    frameLoc.locator('#sa-continue').click(),
  ]);
  await tab.waitForSelector('#app[data-ready="true"]');
  assert.equal(new URL(tab.url()).hash, '', 'the fragment is dropped from the address');
  assert.equal(await tab.textContent('#sa-progress').then((t) => t.slice(0, 14)), 'Question 4 of ');
  assert.match(await tab.textContent('.notice'), /Your 3 answers came with you to this tab/);
  assert.equal(await tab.locator('#sa-blocked').count(), 0, 'a first-party tab may store');
  for (let i = picks.length - 1; i >= 0; i--) {
    await tab.click('#sa-back');
    assert.equal(await tab.inputValue('input[name="sa-answer"]:checked'), picks[i]);
  }
  // Stored there: a reload keeps them.
  await tab.reload();
  await tab.waitForSelector('#app[data-ready="true"]');
  assert.equal(await tab.inputValue('input[name="sa-answer"]:checked'), picks[0]);
  const saved = JSON.parse(await tab.evaluate(() => localStorage.getItem('riskwright.readiness.answers')));
  assert.deepEqual(saved, Object.fromEntries(picks.map((p, i) => [QUESTIONS[i].id, p])));

  // "Start a full assessment" from the frame opens the app in a new tab with the drafts.
  await frameLoc.locator('#sa-jump summary').click();
  await frameLoc.locator(`#sa-goto-${QUESTIONS.length - 1}`).click();
  await frameLoc.locator('#sa-next').click();
  assert.match(await frameLoc.locator('#sa-progress').textContent(), /Your result: 3 of/);
  await page.waitForFunction(() => Number(document.getElementById('readiness').height) > 1500);
  assert.equal(await frameHeight(page), await contentHeight(frame), 'resized for the result');
  assert.deepEqual(await axe(frame), [], 'the result with the blocked-storage note');
  await page.screenshot({ path: join(SHOTS, 'embed-result-1280.png') });
  // The result downloads from inside the frame too.
  const [download] = await Promise.all([page.waitForEvent('download'), frameLoc.locator('#sa-download').click()]);
  const result = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(Object.keys(result.answers).sort(), QUESTIONS.slice(0, 3).map((q) => q.id).sort());
  assert.equal(result.seed.risks.length, 3);
  assert.equal(await frameLoc.locator('#sa-seed').textContent(), 'Start a full assessment (in a new tab)');
  const [app] = await Promise.all([
    context.waitForEvent('page'),
    frameLoc.locator('#sa-seed').click(),
  ]);
  await app.waitForURL(/index\.html$/);
  await app.waitForSelector('#app[data-ready="true"]');
  assert.match(await app.textContent(".notice"), /left 3 gaps as draft risks/, "partly, largely and no");
  await context.close();
});

test('at 360×740 in the frame, the blocked-storage note and Next fit', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(host.url);
  const frameLoc = page.frameLocator('#readiness');
  await frameLoc.locator('#app[data-ready="true"]').waitFor();
  await frameLoc.locator('#sa-start').click();
  const frame = page.frames().find((f) => f.url().startsWith(server.url));
  assert.ok(await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll');
  await page.screenshot({ path: join(SHOTS, 'embed-blocked-360.png') });
  await context.close();
});

test('the downloaded result imported into the app seeds exactly as "Start a full assessment"', async () => {
  const mixed = (q, i) => (q.allow_not_applicable && i % 2 ? 'not_applicable' : ['no', 'partly', 'largely', 'fully'][i % 4]);
  const answers = Object.fromEntries(QUESTIONS.map((q, i) => [q.id, mixed(q, i)]));
  const registerOf = async (page) => {
    await openScreen(page, 'register');
    return page.$$eval('#register-table tbody tr', (trs) => trs.map((tr) => tr.children[1].textContent.trim()));
  };

  // One visitor: download, then "Start a full assessment".
  const first = await browser.newContext({ acceptDownloads: true });
  await first.addInitScript((answers) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('riskwright.readiness.answers', answers);
      localStorage.setItem('riskwright.readiness.step', 'result');
      sessionStorage.setItem('seeded', '1');
    }
  }, JSON.stringify(answers));
  const check = await openApp(first, `${server.url}self-assessment.html`);
  const [download] = await Promise.all([check.waitForEvent('download'), check.click('#sa-download')]);
  const file = await readFile(await download.path(), 'utf8');
  await Promise.all([check.waitForURL(/index\.html$/), check.click('#sa-seed')]);
  await check.waitForSelector('#app[data-ready="true"]');
  await check.click('#seed-create');
  const started = await registerOf(check);
  assert.ok(started.length > 5, `${started.length} draft risks`);
  assert.match(await check.textContent('#register-title'), /Readiness gaps/);

  // Another browser: the app alone, the file imported.
  const second = await browser.newContext();
  const app = await openApp(second, `${server.url}index.html`, { screen: 'data' });
  await app.setInputFiles('#data-file', { name: 'iso27001-readiness.json', mimeType: 'application/json', buffer: Buffer.from(file, 'utf8') });
  await app.waitForSelector('#data-preview');
  assert.match(await app.textContent('#data-readiness-summary'), new RegExp(`A readiness check result: ${started.length} gaps as draft risks`));
  assert.deepEqual(await axe(app), [], 'the readiness preview');
  await app.click('#data-import-new-readiness');
  await app.waitForSelector('#data-outcome');
  assert.match(await app.textContent('#data-outcome'), new RegExp(`${started.length} draft risks from the readiness check`));
  assert.deepEqual(await registerOf(app), started, 'the same draft risks, in the same order');
  assert.match(await app.textContent('#register-title'), /Readiness gaps/);
  // The same scenarios and Statement of Applicability notes as well.
  const docOf = (page) => page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    return { risks: doc.risks.map((r) => [r.title, r.scenario, r.tags]), soa: doc.soa };
  });
  assert.deepEqual(await docOf(app), await docOf(check));
  assert.deepEqual([...check.problems, ...app.problems], []);
  await first.close();
  await second.close();
});

test('the service worker fetches the host\'s config from the network first, and still works offline', async () => {
  const root = await mkdtemp(join(tmpdir(), 'riskwright-site-'));
  await cp(PUBLIC, root, { recursive: true });
  const site = await serve({ root });
  const context = await browser.newContext();
  try {
    const page = await openApp(context, site.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.goto(`${site.url}self-assessment.html`);
    await page.waitForSelector('#app[data-ready="true"]');
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is served by the worker');
    assert.equal(await page.textContent('#sa-org'), 'Example Security Consulting');

    // The host edits its configuration; the returning visitor sees it.
    const configFile = join(root, 'self-assessment.config.json');
    const config = JSON.parse(await readFile(configFile, 'utf8'));
    await writeFile(configFile, JSON.stringify({ ...config, organisation: 'Edited Consulting Ltd' }));
    await page.reload();
    await page.waitForSelector('#app[data-ready="true"]');
    assert.equal(await page.textContent('#sa-org'), 'Edited Consulting Ltd');

    // Offline, the last configuration seen still applies.
    await site.close();
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('#app[data-ready="true"]');
    assert.equal(await page.textContent('#sa-org'), 'Edited Consulting Ltd');
    await page.click('#sa-start');
    assert.match(await page.textContent('#sa-progress'), /^Question 1 of/);
  } finally {
    await context.close();
    await site.close();
    await rm(root, { recursive: true, force: true });
  }
});
