// Benchmarks for ./build.sh bench. Prints figures; it asserts nothing, since
// timings belong to benchmarks, not tests. Budgets are printed beside them.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { serve, PUBLIC } from '../support/server.mjs';
import { launch, openApp } from '../support/browser.mjs';

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function firstLoad() {
  const files = ['index.html', 'app.css', 'main.js', 'pkg/riskwright.js', 'pkg/riskwright_bg.wasm', 'manifest.webmanifest', 'icon.svg'];
  console.log('\nFirst load of the app (every file index.html pulls in):');
  console.log('  file                          raw        gzip');
  let raw = 0, gz = 0;
  for (const f of files) {
    const body = await readFile(join(PUBLIC, f));
    const z = gzipSync(body, { level: 9 }).length;
    raw += body.length; gz += z;
    console.log(`  ${f.padEnd(28)} ${kb(body.length).padStart(10)} ${kb(z).padStart(10)}`);
  }
  console.log(`  ${'total'.padEnd(28)} ${kb(raw).padStart(10)} ${kb(gz).padStart(10)}   budget 250 KB gzip: ${gz <= 250 * 1024 ? 'within' : 'OVER'}`);
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
} finally {
  await browser.close();
  await server.close();
}
