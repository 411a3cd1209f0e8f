// Journey: a facilitator runs a workshop with a second window on the shared
// screen. The audience window shows only the heat map and the risk on the
// presenter's screen, follows the presenter over BroadcastChannel, and
// recovers the state when it is closed and reopened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, reloadApp, axe, storedDocument } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const text = (page, selector) => page.textContent(selector).then((t) => t.replace(/\s+/g, ' ').trim());

/** Three scored risks on the 5×5 preset: very high, medium and low. */
async function seed(page) {
  assert.equal((await storedDocument(page)).schema_version, 4);
  await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    const tier = (likelihood, impact) => ({ likelihood, impacts: { availability: impact } });
    const risk = (id, title, l, i) => ({
      id, title, owner: 'Head of IT', inherent: tier(l, i), current: tier(l, i), reviewed_on: '2026-01-01',
    });
    doc.risks = [
      risk('R-1', 'Ransomware on the file server', 4, 5),
      risk('R-2', 'Phishing of finance staff', 3, 3),
      risk('R-3', 'Laptop theft', 2, 2),
    ];
    localStorage.setItem('riskwright.assessment', JSON.stringify(doc));
    localStorage.setItem('riskwright.revision', '40');
  });
  await reloadApp(page);
}

/** Turns presentation mode on in the presenter's window, with its key. */
async function presentationOn(page) {
  await page.focus('#register-title');
  await page.keyboard.press('p');
  await page.waitForSelector('#workshop-screen');
}

/** What the audience window shows of the risk on screen. */
const shown = async (page) => ({
  status: await text(page, '#aud-status'),
  risk: await text(page, '#aud-risk'),
  level: await text(page, '#aud-level'),
});

test('keep the audience window in sync (two pages over BroadcastChannel)', async () => {
  const context = await browser.newContext();
  const presenter = await openApp(context, server.url);
  await seed(presenter);
  const stored = () => presenter.evaluate(() => JSON.stringify(localStorage));

  // Opened before the presenter presents: it waits, and writes nothing.
  const before = await stored();
  let audience = await openApp(context, `${server.url}?audience`);
  assert.equal(await text(audience, '#aud-status'), 'Waiting for the presenter');
  assert.match(await text(audience, '#aud-risk'), /no risk on screen yet/);
  assert.equal(await audience.$('nav'), null, 'no app controls in the audience view');
  assert.equal(await audience.isVisible('.masthead'), false);
  assert.equal(await stored(), before, 'opening the audience view changed nothing in storage');

  // Presentation mode: the audience follows with the first risk.
  await presentationOn(presenter);
  await audience.waitForFunction(() => document.querySelector('#aud-status')?.textContent === 'Live from the presenter');
  assert.deepEqual(await shown(audience), {
    status: 'Live from the presenter',
    risk: 'R-1 Ransomware on the file server',
    level: 'Very high',
  });
  assert.equal(await text(audience, '#aud-tier'), 'Current risk');
  assert.equal(await text(audience, '#aud-score'), 'Likelihood 4 × impact 5 = 20');
  assert.match(await text(audience, '#aud-heatmap #aud-here'), /^Very high, 1 risk, This risk$/);
  assert.equal(await audience.locator('#aud-heatmap tbody td').count(), 25);

  // The presenter moves on and back, then lowers R-1's current likelihood
  // with a digit key: the audience follows, and re-reads the assessment.
  await presenter.keyboard.press('ArrowRight');
  await audience.waitForFunction(() => /^R-2 /.test(document.querySelector('#aud-risk')?.textContent ?? ''));
  await presenter.keyboard.press('ArrowLeft');
  await audience.waitForFunction(() => /^R-1 /.test(document.querySelector('#aud-risk')?.textContent ?? ''));
  // The time spent on the risk counts by itself and is shown to the room.
  await audience.waitForFunction(() => /^Time on this risk: \d+:\d\d$/.test(document.querySelector('#aud-timer')?.textContent ?? ''));
  await presenter.keyboard.press('1');
  await audience.waitForFunction(() => document.querySelector('#aud-score')?.textContent === 'Likelihood 1 × impact 5 = 5');
  assert.equal(await text(audience, '#aud-level'), 'Medium');
  assert.match(await text(audience, '#aud-here'), /^Medium, 1 risk, This risk$/);
  assert.deepEqual(await axe(audience), [], 'the audience view passes axe');

  // Closed and reopened from the presenter's button: it shows the risk at once.
  await audience.close();
  await presenter.focus('#aud-open');
  [audience] = await Promise.all([context.waitForEvent('page'), presenter.keyboard.press('Enter')]);
  audience.problems = [];
  audience.on('console', (m) => { if (m.type() === 'error') audience.problems.push(`console: ${m.text()}`); });
  audience.on('pageerror', (e) => audience.problems.push(`pageerror: ${e.message}`));
  await audience.waitForSelector('#app[data-ready="true"]');
  assert.match(audience.url(), /\?audience$/);
  await audience.waitForFunction(() => document.querySelector('#aud-status')?.textContent === 'Live from the presenter');
  assert.deepEqual(await shown(audience), {
    status: 'Live from the presenter',
    risk: 'R-1 Ransomware on the file server',
    level: 'Medium',
  });

  // The presenter's window closes: the audience keeps the last state, waiting.
  const problems = [...presenter.problems];
  await presenter.close({ runBeforeUnload: true });
  await audience.waitForFunction(() => document.querySelector('#aud-status')?.textContent === 'Waiting for the presenter');
  assert.equal(await text(audience, '#aud-risk'), 'R-1 Ransomware on the file server');
  // A window opened with no presenter at all shows the last state it finds.
  const late = await openApp(context, `${server.url}#audience`);
  assert.deepEqual(await shown(late), {
    status: 'Waiting for the presenter',
    risk: 'R-1 Ransomware on the file server',
    level: 'Medium',
  });
  assert.deepEqual(await axe(late), [], 'the waiting audience view passes axe');
  assert.deepEqual([...problems, ...audience.problems, ...late.problems], []);
  await context.close();
});
