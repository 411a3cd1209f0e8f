// Journey: an anonymous visitor on a consultancy's website takes the public
// ISO/IEC 27001 readiness check (public/self-assessment.html).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { serve } from '../support/server.mjs';
import { launch, openApp, axe } from '../support/browser.mjs';

const questionnaire = JSON.parse(await readFile(
  new URL('../../engine/data/readiness/questionnaire.en.json', import.meta.url), 'utf8'));
const QUESTIONS = questionnaire.questions;
const KEYS = ['riskwright.readiness.answers', 'riskwright.readiness.step', 'riskwright.seed'];

const SHOTS = process.env.RW_SHOTS ?? join(tmpdir(), 'rw-shots');

let server, browser;
before(async () => { server = await serve(); browser = await launch(); await mkdir(SHOTS, { recursive: true }); });
after(async () => { await browser?.close(); await server?.close(); });

const pageUrl = () => `${server.url}self-assessment.html`;

/** A context whose localStorage starts with `values` (once, not on reloads). */
async function contextWith(values, options = {}) {
  const context = await browser.newContext(options);
  if (values) {
    await context.addInitScript((values) => {
      if (!sessionStorage.getItem('seeded')) {
        for (const [k, v] of Object.entries(values)) localStorage.setItem(k, v);
        sessionStorage.setItem('seeded', '1');
      }
    }, values);
  }
  return context;
}

/** Saved progress: every question answered with `pick(question, index)`, on the result. */
function savedResult(pick) {
  const answers = Object.fromEntries(QUESTIONS.map((q, i) => [q.id, pick(q, i)]));
  return { 'riskwright.readiness.answers': JSON.stringify(answers), 'riskwright.readiness.step': 'result' };
}
const mixed = (q, i) => (q.allow_not_applicable && i % 2 ? 'not_applicable' : ['no', 'partly', 'largely', 'fully'][i % 4]);

const progress = (page) => page.textContent('#sa-progress');
const stored = (page) => page.evaluate((keys) => Object.fromEntries(keys.map((k) => [k, localStorage.getItem(k)])), KEYS);

function noProblems(page) {
  assert.deepEqual(page.problems, []);
}

test('answering every question "fully" reaches 100%, partly by keyboard, with no request after load', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, pageUrl());
  await page.waitForLoadState('networkidle');
  const loaded = page.requests.length;
  assert.match(await page.textContent('.privacy'), /Your answers stay in this browser: nothing is sent anywhere/);
  assert.deepEqual(await axe(page), [], 'intro');

  await page.click('#sa-start');
  assert.equal(await progress(page), `Question 1 of ${QUESTIONS.length}, Clause 4: Context of the organisation`);
  assert.equal(await page.getAttribute('#sa-progress', 'aria-live'), 'polite');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'sa-heading', 'focus moves to the new question');
  assert.equal(await page.locator('fieldset legend').textContent(), QUESTIONS[0].text);
  assert.deepEqual(await axe(page), [], 'question');

  // The first three by keyboard only: Tab into the radios, arrows to "Fully", Tab to Next, Enter.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.name), 'sa-answer');
    await page.keyboard.press('Space');
    for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.inputValue('input[name="sa-answer"]:checked'), 'fully');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'sa-next');
    await page.keyboard.press('Enter');
    assert.match(await progress(page), new RegExp(`^Question ${i + 2} of`));
  }
  for (let i = 3; i < QUESTIONS.length; i++) {
    await page.check('input[value="fully"]');
    await page.click('#sa-next');
  }
  assert.match(await progress(page), /Your result/);
  assert.equal(await page.textContent('#sa-overall'), '100% overall: Optimised');
  assert.match(await page.textContent('#sa-explain-overall'), /Overall: .* = 100\.0%/);
  assert.equal(await page.locator('table.scores').count(), 2);
  assert.deepEqual(await axe(page), [], 'result');
  assert.deepEqual(page.requests.slice(loaded), [], 'no request at all after the page loaded');
  noProblems(page);
  await context.close();
});

test('a visitor who reloads midway resumes at the same question with the answers kept', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, pageUrl());
  await page.click('#sa-start');
  const picks = ['no', 'partly', 'largely', 'fully', 'partly'];
  for (const p of picks) {
    await page.check(`input[value="${p}"]`);
    await page.click('#sa-next');
  }
  await page.check('input[value="largely"]'); // answered, not yet moved on
  assert.match(await progress(page), /^Question 6 of/);
  await page.reload();
  await page.waitForSelector('#app[data-ready="true"]');
  assert.match(await progress(page), /^Question 6 of/, 'the same question');
  assert.equal(await page.inputValue('input[name="sa-answer"]:checked'), 'largely');
  for (let i = picks.length - 1; i >= 0; i--) {
    await page.click('#sa-back');
    assert.equal(await page.inputValue('input[name="sa-answer"]:checked'), picks[i]);
  }
  noProblems(page);
  await context.close();
});

test('corrupt saved progress is ignored with a notice', async () => {
  const context = await contextWith({ 'riskwright.readiness.answers': '{"oops', 'riskwright.readiness.step': 'question:nope' });
  const page = await openApp(context, pageUrl());
  assert.match(await page.textContent('.notice'), /could not be read/);
  await page.click('#sa-start');
  assert.match(await progress(page), /^Question 1 of/);
  noProblems(page);
  await context.close();
});

test('the theme config is applied: name, logo and colour', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, pageUrl());
  const config = JSON.parse(await readFile(new URL('../../public/self-assessment.config.json', import.meta.url), 'utf8'));
  assert.equal(await page.textContent('#sa-org'), config.organisation);
  assert.equal(await page.getAttribute('.logo', 'src'), config.logoUrl);
  const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
  assert.equal(await page.$eval('.sa-header', (e) => getComputedStyle(e).backgroundColor), rgb(config.primaryColor));
  assert.match(await page.textContent('.intro'), /How ready is your organisation/);
  noProblems(page);
  await context.close();
});

for (const [what, body, warning] of [
  ['invalid JSON', '{"organisation": ', /not valid JSON.*using the defaults/],
  ['invalid fields', JSON.stringify({ organisation: 'Kept Ltd', primaryColor: 'red', ctaUrl: 'javascript:alert(1)', ctaLabel: 'Go' }), /primaryColor/],
]) {
  test(`an invalid config (${what}) falls back with a console warning`, async () => {
    const context = await browser.newContext();
    const warnings = [];
    context.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await context.route('**/self-assessment.config.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body }));
    const page = await openApp(context, pageUrl());
    assert.ok(warnings.some((w) => warning.test(w)), warnings.join('\n'));
    assert.equal(await page.$eval('.sa-header', (e) => getComputedStyle(e).backgroundColor), 'rgb(27, 42, 74)', 'the default colour');
    if (what === 'invalid fields') {
      assert.equal(await page.textContent('#sa-org'), 'Kept Ltd', 'valid fields still apply');
      assert.ok(warnings.some((w) => /ctaUrl/.test(w)));
    }
    await page.click('#sa-start');
    assert.match(await progress(page), /^Question 1 of/);
    noProblems(page);
    await context.close();
  });
}

test('a host questionnaire in the config is used when valid, and refused with its problems when not', async () => {
  for (const [change, title, problem] of [
    [(q) => { q.title = 'Auto-évaluation ISO/IEC 27001'; }, 'Auto-évaluation ISO/IEC 27001', null],
    [(q) => { q.title = 'Broken'; q.questions[0].weight = 9; }, questionnaire.title, /\$\.questions\[0\]\.weight/],
  ]) {
    const custom = structuredClone(questionnaire);
    change(custom);
    const context = await browser.newContext();
    const warnings = [];
    context.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await context.route('**/self-assessment.config.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ questionnaire: custom }) }));
    const page = await openApp(context, pageUrl());
    assert.equal(await page.textContent('#sa-heading'), title);
    if (problem) assert.ok(warnings.some((w) => problem.test(w)), warnings.join('\n'));
    else assert.deepEqual(warnings, []);
    noProblems(page);
    await context.close();
  }
});

test('a host questionnaire can live in a file of its own next to the config', async () => {
  const custom = structuredClone(questionnaire);
  custom.title = 'Auto-évaluation ISO/IEC 27001 (fichier)';
  for (const [status, title, warning] of [
    [200, custom.title, null],
    [404, questionnaire.title, /"questionnaire" .*questionnaire\.fr\.json: HTTP 404; using the shipped questionnaire/],
  ]) {
    const context = await browser.newContext();
    const warnings = [];
    context.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await context.route('**/self-assessment.config.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ questionnaire: './questionnaire.fr.json' }) }));
    await context.route('**/questionnaire.fr.json', (route) =>
      route.fulfill({ status, contentType: 'application/json', body: status === 200 ? JSON.stringify(custom) : 'not found' }));
    const page = await openApp(context, pageUrl());
    assert.equal(await page.textContent('#sa-heading'), title);
    assert.ok(page.requests.some((u) => u.endsWith('/questionnaire.fr.json')), 'the file is fetched while loading');
    if (warning) assert.ok(warnings.some((w) => warning.test(w)), warnings.join('\n'));
    else assert.deepEqual(warnings, []);
    // Answering does not fetch anything more.
    const before = page.requests.length;
    await page.click('#sa-start');
    assert.equal(page.requests.length, before);
    // The browser itself logs the missing file; nothing else may go wrong.
    if (status !== 200) page.problems = page.problems.filter((p) => !/status of 404/.test(p));
    noProblems(page);
    await context.close();
  }
});

test('a missing config uses the defaults with a warning', async () => {
  const context = await browser.newContext();
  const warnings = [];
  context.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await context.route('**/self-assessment.config.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const page = await openApp(context, pageUrl());
  assert.ok(warnings.some((w) => /no configuration/.test(w)), warnings.join('\n'));
  assert.equal(await page.textContent('#sa-org'), '');
  await context.close();
});

test('the result page: explanations, exclusions, gaps, next steps, call-to-action, download', async () => {
  const context = await contextWith(savedResult(mixed), { acceptDownloads: true });
  const page = await openApp(context, pageUrl());
  assert.match(await page.textContent('#sa-overall'), /^\d+(\.\d)?% overall: (Initial|Developing|Defined|Managed|Optimised)$/);
  const details = await page.locator('details').count();
  assert.ok(details >= 1 + 3 + 12 - 1, `a disclosure beside every number (${details})`);
  await page.click('#sa-explain-section-6 summary');
  assert.match(await page.textContent('#sa-explain-section-6'), /Clause 6/);
  const na = QUESTIONS.filter((q, i) => mixed(q, i) === 'not_applicable');
  for (const q of na) assert.match(await page.textContent('.result'), new RegExp(q.topic.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const steps = await page.locator('ol.steps li').count();
  assert.ok(steps >= 3 && steps <= 5, `${steps} next steps`);
  assert.ok(await page.locator('ol.gaps li').count() > 0);
  assert.equal(await page.getAttribute('#sa-cta', 'href'), 'https://example.org/contact');
  const width = await page.$eval('.overall .fill', (e) => e.style.getPropertyValue('--pct'));
  assert.match(width, /^\d+(\.\d+)?%$/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#sa-download')]);
  const json = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(Object.keys(json.answers).length, QUESTIONS.length);
  assert.ok(Array.isArray(json.readiness.overall.explanation));
  noProblems(page);
  await context.close();
});

test('"Start a full assessment" stores the engine\'s draft risks and opens the app', async () => {
  const context = await contextWith(savedResult(mixed));
  const page = await openApp(context, pageUrl());
  await Promise.all([page.waitForURL(/index\.html$/), page.click('#sa-seed')]);
  const seed = JSON.parse(await page.evaluate(() => localStorage.getItem('riskwright.seed')));
  assert.ok(seed.risks.length > 0, 'draft risks');
  assert.ok(seed.risks[0].title && seed.risks[0].scenario);
  assert.ok(Array.isArray(seed.soaNotes));
  await context.close();
});

test('"Clear my answers" confirms, then removes everything the page stored', async () => {
  const context = await contextWith({ ...savedResult(mixed), 'riskwright.seed': '{"risks":[]}' });
  const page = await openApp(context, pageUrl());
  page.once('dialog', (d) => d.dismiss());
  await page.click('#sa-clear');
  assert.notEqual((await stored(page))['riskwright.readiness.answers'], null, 'cancelled: nothing removed');
  page.once('dialog', (d) => d.accept());
  await page.click('#sa-clear');
  assert.deepEqual(await stored(page), Object.fromEntries(KEYS.map((k) => [k, null])));
  assert.match(await page.textContent('.notice'), /cleared/);
  assert.ok(await page.isVisible('#sa-start'));
  noProblems(page);
  await context.close();
});

test('at 360×740 nothing scrolls sideways, on a question and on the result', async () => {
  const context = await contextWith(savedResult(mixed), { viewport: { width: 360, height: 740 } });
  const page = await openApp(context, pageUrl());
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await page.click('#sa-explain-overall summary');
  assert.ok(await fits(), 'result');
  assert.deepEqual(await axe(page), [], 'result at 360 px');
  await page.screenshot({ path: join(SHOTS, 'result-360.png'), fullPage: true });
  await page.click('#sa-change');
  await page.click(`#sa-change-${QUESTIONS.length - 1}`);
  assert.match(await progress(page), new RegExp(`^Question ${QUESTIONS.length} of`));
  assert.ok(await fits(), 'question');
  await context.close();
});

/** Whether #sa-next is wholly inside the window and nothing covers it. */
const nextInView = (page) => page.evaluate(() => {
  const next = document.getElementById('sa-next');
  const box = next.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return box.top >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth && next.contains(hit);
});

test('at 360×740 Next is in view without scrolling on every question', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await openApp(context, pageUrl());
  await page.click('#sa-start');
  for (let i = 0; i < QUESTIONS.length; i++) {
    assert.match(await progress(page), new RegExp(`^Question ${i + 1} of`));
    assert.equal(await page.evaluate(() => window.scrollY), 0, `question ${i + 1} opens at the top`);
    assert.ok(await nextInView(page), `Next is in view on question ${i + 1} (${QUESTIONS[i].id})`);
    if (i === 0 || QUESTIONS[i].allow_not_applicable) {
      await page.screenshot({ path: join(SHOTS, `question-${i + 1}-360.png`) });
    }
    await page.check(`input[value="${['no', 'partly', 'largely', 'fully'][i % 4]}"]`);
    assert.ok(await nextInView(page), `still in view once answered (${QUESTIONS[i].id})`);
    await page.click('#sa-next');
  }
  assert.match(await progress(page), /Your result/);
  // What "Partly" and "Largely" mean is on the question itself.
  await page.click('#sa-change');
  await page.click('#sa-change-0');
  assert.match(await page.textContent('label[for="sa-answer-1"]'), /^Partly Started: some of it exists, but it is incomplete, informal or not always followed\.$/);
  assert.match(await page.textContent('label[for="sa-answer-2"]'), /^Largely In place and mostly followed; a few gaps or missing records remain\.$/);
  assert.deepEqual(await axe(page), [], 'question at 360 px');
  noProblems(page);
  await context.close();
});

test('"All questions" jumps anywhere, and "Change my answers" lists every answer to change', async () => {
  const context = await contextWith(savedResult(mixed), { viewport: { width: 1280, height: 800 } });
  const page = await openApp(context, pageUrl());
  await page.screenshot({ path: join(SHOTS, 'result-1280.png'), fullPage: true });
  await page.click('#sa-change');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'sa-answers', 'focus moves to the list of answers');
  const items = await page.$$eval('.your-answers li', (lis) => lis.map((li) => li.textContent));
  assert.equal(items.length, QUESTIONS.length, 'every question is listed');
  const labelOf = (q, i) => {
    const a = mixed(q, i);
    return a === 'not_applicable' ? 'Not applicable' : a[0].toUpperCase() + a.slice(1);
  };
  QUESTIONS.forEach((q, i) => assert.equal(items[i], `${q.topic}: ${labelOf(q, i)} Change`));
  assert.equal(await page.getAttribute('#sa-change-10', 'aria-label'), `Change the answer to “${QUESTIONS[10].topic}”`);
  await page.click('#sa-change-10');
  assert.match(await progress(page), /^Question 11 of/);
  assert.equal(await page.inputValue('input[name="sa-answer"]:checked'), mixed(QUESTIONS[10], 10));
  await page.check('input[value="fully"]');
  // All answered: straight back to the result.
  await page.click('#sa-to-result');
  assert.match(await progress(page), /Your result/);
  assert.match(await page.textContent('.your-answers'), new RegExp(`${QUESTIONS[10].topic}: Fully`));

  // From a question, the list of all questions (keyboard too).
  await page.click('#sa-change');
  await page.click('#sa-change-0');
  assert.equal(await page.getAttribute('#sa-jump', 'open'), null, 'closed until asked for');
  await page.focus('#sa-jump summary');
  await page.keyboard.press('Enter');
  assert.match(await page.textContent('#sa-jump summary'), new RegExp(`All questions \\(${QUESTIONS.length} of ${QUESTIONS.length} answered\\)`));
  assert.equal(await page.getAttribute('#sa-goto-0', 'aria-current'), 'step');
  assert.deepEqual(await axe(page), [], 'question with the list open');
  await page.screenshot({ path: join(SHOTS, 'jump-1280.png'), fullPage: true });
  await page.focus(`#sa-goto-${QUESTIONS.length - 2}`);
  await page.keyboard.press('Enter');
  assert.match(await progress(page), new RegExp(`^Question ${QUESTIONS.length - 1} of`));
  noProblems(page);
  await context.close();
});

test('the printout has the date, the scores and every answer', async () => {
  const context = await contextWith(savedResult(mixed));
  const page = await openApp(context, pageUrl());
  const today = await page.evaluate(() => new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }));
  assert.equal(await page.textContent('#sa-date'), `Assessed on ${today}`);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const dir = await mkdtemp(join(tmpdir(), 'rw-pdf-'));
  try {
    await writeFile(join(dir, 'r.pdf'), pdf);
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', join(dir, 'r.pdf'), '-']);
    const text = stdout.replace(/\s+/g, ' ');
    assert.ok(text.includes(`Assessed on ${today}`), 'the date');
    assert.match(text, /\d+(\.\d)?% overall/);
    assert.match(text, /Your answers/);
    for (const [i, q] of QUESTIONS.entries()) {
      const a = mixed(q, i);
      const label = a === 'not_applicable' ? 'Not applicable' : a[0].toUpperCase() + a.slice(1);
      assert.ok(text.includes(`${q.topic}: ${label}`), `answer ${i + 1}: ${q.topic}: ${label}`);
    }
    assert.doesNotMatch(text, /Change my answers|Download result/, 'no buttons on paper');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await context.close();
});

test('all "Fully": no gaps, and no empty "Next steps" heading', async () => {
  const context = await contextWith(savedResult(() => 'fully'));
  const page = await openApp(context, pageUrl());
  assert.equal(await page.textContent('#sa-overall'), '100% overall: Optimised');
  const headings = await page.$$eval('.result h3', (hs) => hs.map((h) => h.textContent));
  assert.ok(!headings.includes('Next steps'), headings.join(' | '));
  assert.ok(headings.includes('Top gaps'));
  assert.match(await page.textContent('.result'), /No gaps: every question is answered “fully”/);
  assert.equal(await page.locator('ol.steps').count(), 0);
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('top gaps are explained in plain words with clause names, no arithmetic or ids', async () => {
  const context = await contextWith(savedResult((q, i) => ['no', 'partly', 'largely'][i % 3]));
  const page = await openApp(context, pageUrl());
  const gaps = await page.$$eval('ol.gaps li', (lis) => lis.map((li) => li.textContent));
  assert.equal(gaps.length, 5);
  for (const gap of gaps) {
    assert.doesNotMatch(gap, /×|=|shortfall|impact \d|Weight \d/, gap);
    for (const q of QUESTIONS.filter((x) => x.id.includes('-'))) assert.ok(!gap.includes(q.id), `${gap} names ${q.id}`);
    assert.match(gap, /(Essential for certification|Very important|Important|Useful|Minor) \((Clause \d[\d.]* [A-Z]|Annex A)/, gap);
    assert.match(gap, /Answered “(No|Partly|Largely)”: (nothing is in place yet|about (a third|two thirds) is still to do)\./, gap);
  }
  assert.ok(gaps.some((g) => /Clause 6\.1\.2 Information security risk assessment/.test(g)), gaps.join('\n'));
  await context.close();
});

test('embedded in an iframe on a page from another origin', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rw-host-'));
  await writeFile(join(dir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head>
<body><h1>Our tools</h1>
<iframe src="${pageUrl()}" title="ISO 27001 readiness check" width="800" height="900" loading="lazy"></iframe>
</body></html>`);
  const host = await serve({ root: dir });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(host.url);
    const frame = page.frameLocator('iframe[title="ISO 27001 readiness check"]');
    await frame.locator('#app[data-ready="true"]').waitFor();
    await frame.locator('#sa-start').click();
    await frame.locator('input[value="fully"]').check();
    await frame.locator('#sa-next').click();
    assert.match(await frame.locator('#sa-progress').textContent(), /^Question 2 of/);
    await context.close();
  } finally {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('works under a sub-path', async () => {
  const sub = await serve({ prefix: '/tools/iso27001/' });
  try {
    const context = await browser.newContext();
    const page = await openApp(context, `${sub.url}self-assessment.html`);
    assert.equal(await page.textContent('#sa-org'), 'Example Security Consulting');
    noProblems(page);
    await context.close();
  } finally {
    await sub.close();
  }
});
