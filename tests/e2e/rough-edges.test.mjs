// Journey: the small things people hit first. Selecting a matrix cell says
// why the method became "Custom method"; no page carries an id twice; the
// count on a dark heat-map cell is as readable as the cell's label.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp, openScreen, axe } from '../support/browser.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** WCAG contrast ratio of two `rgb(...)` colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('selecting a matrix cell says the method is now custom, and why', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url, { screen: 'method' });
  assert.equal(await page.$('#method-custom-note'), null, 'the 5×5 preset needs no note');
  await page.click('#heatmap button.cell >> nth=0');
  const note = await page.textContent('#method-custom-note');
  assert.match(note, /no longer matches a preset and is shown as “Custom method”/);
  assert.match(note, /Selecting a cell of the matrix sets that cell's level by hand, so the rule is an explicit matrix/);
  assert.equal(await page.$eval('#method-preset', (s) => s.selectedOptions[0].textContent), 'Custom method');
  assert.deepEqual(await axe(page), []);
  // Choosing a preset again takes the note away.
  await page.selectOption('#method-preset', '5x5');
  assert.equal(await page.$('#method-custom-note'), null);
  await context.close();
});

test('no screen carries an id twice', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  for (const screen of ['register', 'catalog', 'plan', 'soa', 'reports', 'history', 'method', 'data', 'assessments']) {
    await openScreen(page, screen);
    if (screen === 'reports') {
      for (const report of await page.$$('.report-chooser button')) {
        await report.click();
        const dup = await page.$$eval('[id]', (els) => {
          const seen = new Set();
          return els.map((e) => e.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
        });
        assert.deepEqual(dup, [], `reports: ids used twice`);
      }
    }
    const dup = await page.$$eval('[id]', (els) => {
      const seen = new Set();
      return els.map((e) => e.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    });
    assert.deepEqual(dup, [], `${screen}: ids used twice`);
  }
  await context.close();
});

test('the count on every heat-map cell, 0 included, reads at 4.5:1 or more', async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  const cells = await page.$$eval('#heatmap-current .count', (buttons) => buttons.map((b) => ({
    fg: getComputedStyle(b.querySelector('.n') ?? b).color,
    bg: getComputedStyle(b).backgroundColor,
    text: b.textContent.trim(),
  })));
  assert.equal(cells.length, 25);
  for (const c of cells) {
    assert.ok(contrast(c.fg, c.bg) >= 4.5, `"${c.text}" is ${c.fg} on ${c.bg}: ${contrast(c.fg, c.bg).toFixed(2)}:1`);
  }
  await context.close();
});
