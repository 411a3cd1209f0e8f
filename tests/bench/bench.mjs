// Benchmarks for ./build.sh bench. Prints figures; it asserts nothing, since
// timings belong to benchmarks, not tests. Budgets are printed beside them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, PUBLIC } from '../support/server.mjs';
import { printFirstLoad } from './sizes.mjs';
import { launch, openApp } from '../support/browser.mjs';

async function firstLoad() {
  // Every stylesheet index.html links, read from the page itself so a new
  // one cannot be left out of the count.
  const html = await readFile(join(PUBLIC, 'index.html'), 'utf8');
  const sheets = [...html.matchAll(/<link rel="stylesheet" href="\.\/([^"]+)">/g)].map((m) => m[1]);
  // The other screens' stylesheets load with the whole workbench (main.js).
  const laterSheets = (html.match(/<meta name="riskwright-screen-styles" content="([^"]*)">/)?.[1] ?? '')
    .split(/\s+/).filter(Boolean);
  const files = ['index.html', ...sheets, 'main.js', 'pkg/app/app.js', 'pkg/app/app_bg.wasm', 'manifest.webmanifest', 'icon.svg'];
  await printFirstLoad('First load of the app (every file index.html pulls in before the register works)', files, 250);
  // Fetched in the background once the app is up, and taken over from when
  // the user opens another screen (see ARCHITECTURE.md, "Two app modules").
  await printFirstLoad('The whole workbench, fetched after start', ['pkg/screens/screens.js', 'pkg/screens/screens_bg.wasm', ...laterSheets]);
}

async function evaluation(page, n) {
  return page.evaluate(async (n) => {
    const rw = await import('./pkg/riskwright.js');
    await rw.default();
    // A reproducible register: a linear congruential generator, no Math.random.
    let seed = 42;
    const next = (max) => { seed = (seed * 1664525 + 1013904223) >>> 0; return (seed >>> 24) % max + 1; };
    const tier = () => ({ likelihood: next(5), impacts: { confidentiality: next(5), integrity: next(5), availability: next(5) } });
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    doc.risks = Array.from({ length: n }, (_, k) => ({
      id: `R-${k}`, title: `Risk ${k}`, owner: 'Owner', inherent: tier(), current: tier(), residual: tier(),
    }));
    const median = (runs, fn) => {
      const times = [];
      for (let k = 0; k < runs; k++) { const t = performance.now(); fn(); times.push(performance.now() - t); }
      times.sort((a, b) => a - b);
      return times[times.length >> 1];
    };
    const wb = new rw.Workbench(doc);
    return {
      jsObject: median(7, () => rw.evaluate(doc)),
      load: median(5, () => new rw.Workbench(doc).free()),
      inWasm: median(21, () => wb.countAboveAppetite()),
      summary: median(21, () => wb.summary()),
    };
  }, n);
}

/** A register of `n` risks with a year of history, as the app saves it. */
function registerDocument(base, n) {
  let seed = 7;
  const next = (max) => { seed = (seed * 1664525 + 1013904223) >>> 0; return (seed >>> 24) % max + 1; };
  const tier = () => ({ likelihood: next(5), impacts: { confidentiality: next(5), integrity: next(5), availability: next(5) } });
  const doc = structuredClone(base);
  doc.risks = Array.from({ length: n }, (_, k) => ({
    id: `R-${k + 1}`, title: `Risk ${k + 1}: ${['ransomware', 'laptop theft', 'supplier outage', 'phishing'][k % 4]}`,
    scenario: 'An attacker or an accident harms the asset in a way the controls do not stop.', owner: `Owner ${k % 17}`,
    tags: k % 7 ? [] : ['gdpr'], treatment: 'planned', reviewed_on: '2026-03-01',
    inherent: tier(), current: tier(), residual: tier(),
  }));
  // A year of history: creation plus one re-scoring per risk each quarter.
  doc.history = [];
  for (const r of doc.risks) {
    doc.history.push({ at: '2026-01-05T09:00:00.000Z', risk_id: r.id, change: { kind: 'created', title: r.title } });
    for (const month of ['03', '06', '09', '12']) {
      doc.history.push({ at: `2026-${month}-01T09:00:00.000Z`, risk_id: r.id, change: { kind: 'score', tier: 'residual', old: r.residual, new: r.residual, old_level: 'medium', new_level: 'medium' } });
    }
  }
  return doc;
}

async function register(page) {
  const base = await page.evaluate(() => JSON.parse(localStorage.getItem('riskwright.assessment')));
  const doc = registerDocument(base, 5000);
  const text = JSON.stringify(doc);
  const snapshot = JSON.stringify({ name: 'Monthly', taken_at: '2026-01-31T00:00:00.000Z', method: doc.method, risks: doc.risks });
  console.log(`\nRegister of 5,000 risks with a year of history (${doc.history.length.toLocaleString('en')} entries):`);
  console.log(`  saved document: ${(text.length / 1e6).toFixed(2)} million characters; one snapshot of it: ${(snapshot.length / 1e6).toFixed(2)} million`);
  console.log(`  with 12 monthly snapshots: ${((text.length + 12 * snapshot.length) / 1e6).toFixed(1)} million characters; localStorage holds about 5.2 million per origin: ${text.length + 12 * snapshot.length < 5.2e6 ? 'fits' : 'does NOT fit (IndexedDB needed)'}`);
  const snapshots = `[${Array.from({ length: 12 }, (_, k) => snapshot.replace('"Monthly"', `"Month ${k + 1}"`)).join(',')}]`;
  const r = await page.evaluate(async ([text, snapshots]) => {
    const rw = await import('./pkg/riskwright.js');
    await rw.default();
    const median = async (runs, fn) => {
      const times = [];
      for (let k = 0; k < runs; k++) { const t = performance.now(); await fn(); times.push(performance.now() - t); }
      times.sort((a, b) => a - b);
      return times[times.length >> 1];
    };
    const db = await new Promise((ok, fail) => {
      const open = indexedDB.open('riskwright', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('documents');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const put = (key, value) => new Promise((ok, fail) => {
      const tx = db.transaction('documents', 'readwrite');
      tx.objectStore('documents').put(value, key);
      tx.oncomplete = ok;
      tx.onerror = () => fail(tx.error);
    });
    const bare = JSON.parse(text);
    bare.history = [];
    const fresh = rw.Workbench.fromJson(JSON.stringify(bare));
    const serialiseFresh = await median(9, () => fresh.toJson());
    fresh.free();
    const wb = rw.Workbench.fromJson(text);
    let json = '';
    const serialise = await median(9, () => { json = wb.toJson(); });
    let fits = true;
    try { localStorage.setItem('riskwright.bench', json); localStorage.removeItem('riskwright.bench'); } catch { fits = false; }
    const commit = await median(5, () => put('riskwright.bench', json));
    // Leave the register where the app will find it: in IndexedDB, with
    // its 12 snapshots stored apart as the app stores them.
    await put('riskwright.assessment', text);
    await put('riskwright.snapshots', snapshots);
    await new Promise((ok) => { const tx = db.transaction('documents', 'readwrite'); tx.objectStore('documents').delete('riskwright.bench'); tx.oncomplete = ok; });
    localStorage.removeItem('riskwright.assessment');
    localStorage.setItem('riskwright.revision', '100000');
    db.close();
    return { serialise, serialiseFresh, fits, commit };
  }, [text, snapshots]);
  console.log(`  serialising the whole document in wasm, for comparison: ${r.serialiseFresh.toFixed(1)} ms without history, ${r.serialise.toFixed(1)} ms with it`);
  console.log(`  autosave, background IndexedDB commit (localStorage ${r.fits ? 'would also hold it' : 'cannot hold it'}), median: ${r.commit.toFixed(1)} ms`);
  const t0 = Date.now();
  await page.reload();
  await page.waitForSelector('#app[data-ready="true"]');
  const loaded = await page.evaluate(() => document.querySelector('#page-status')?.textContent);
  console.log(`  reload with all 12 snapshots until the register is interactive: ${Date.now() - t0} ms (${loaded})`);
  const ui = await page.evaluate(() => {
    const time = (fn) => { const t = performance.now(); fn(); return performance.now() - t; };
    const click = (sel) => time(() => document.querySelector(sel).click());
    const type = (sel, value) => time(() => {
      const input = document.querySelector(sel);
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    return {
      sortTitle: click('#sort-title'),
      sortCurrent: click('#sort-current'),
      nextPage: click('#page-next'),
      search: type('#filter-text', 'phishing'),
      cell: click('#heatmap-current button[data-l="3"][data-i="3"]'),
      rows: document.querySelectorAll('#register-table tbody tr').length,
    };
  });
  const save = await page.evaluate(() => {
    const time = (fn) => { const t = performance.now(); fn(); return performance.now() - t; };
    const review = () => document.querySelector('#register-table button[aria-label$="reviewed today"]').click();
    review(); // the first save after loading writes every history part once
    const edits = [];
    for (let k = 0; k < 7; k++) edits.push(time(review));
    const renders = [];
    for (let k = 0; k < 7; k++) renders.push(time(() => document.querySelector('#sort-id').click()));
    const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
    return { edit: median(edits), render: median(renders) };
  });
  const autosave = save.edit - save.render;
  console.log(`  an edit with autosave (update + save + re-render), median: ${save.edit.toFixed(1)} ms; a re-render alone: ${save.render.toFixed(1)} ms`);
  console.log(`  autosave of the 5,000-risk register with its year of history (the difference): ${autosave.toFixed(1)} ms  budget 50 ms: ${autosave <= 50 ? 'within' : 'OVER'}`);
  console.log('  one interaction (update + full re-render, 50 rows a page), in the page:');
  for (const [k, v] of Object.entries(ui)) if (k !== 'rows') console.log(`    ${k.padEnd(12)} ${v.toFixed(1)} ms`);
}

await firstLoad();
const server = await serve();
const browser = await launch();
try {
  const page = await openApp(await browser.newContext(), server.url);
  const n = 10_000;
  const r = await evaluation(page, n);
  console.log(`\nEvaluating ${n.toLocaleString('en')} risks in headless Chromium (release wasm, median):`);
  console.log(`  evaluate(document) on a JS object, results back to JS: ${r.jsObject.toFixed(1)} ms  (crosses the boundary twice)`);
  console.log(`  new Workbench(document): load into wasm once:          ${r.load.toFixed(1)} ms`);
  console.log(`  re-evaluation of the document held in wasm:            ${r.inWasm.toFixed(2)} ms  budget 20 ms: ${r.inWasm <= 20 ? 'within' : 'OVER'}`);
  console.log(`  re-evaluation returning the heat-map summary to JS:    ${r.summary.toFixed(2)} ms`);
  await register(page);
} finally {
  await browser.close();
  await server.close();
}
