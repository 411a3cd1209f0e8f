// Journey: a website embeds the engine through pkg/riskwright.js.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../support/server.mjs';
import { launch, openApp } from '../support/browser.mjs';

let server, browser, page;
before(async () => {
  server = await serve();
  browser = await launch();
  page = await openApp(await browser.newContext(), server.url);
  await page.evaluate(async () => {
    window.rw = await import('./pkg/riskwright.js');
    await window.rw.default();
    window.attempt = (f, a) => {
      try { return { ok: f(window.rw, a) }; } catch (e) { return { error: `${e.constructor.name}: ${e.message}` }; }
    };
  });
});
after(async () => { await browser?.close(); await server?.close(); });

/**
 * Runs `(rw, arg) => …` in the page against the module; returns {ok: result}
 * or {error: "Error: message"}. `page.evaluate` takes the function's source,
 * so the page-side `attempt` wraps it there.
 */
const call = (fn, arg) => page.evaluate(fn, arg);

test('engineVersion and methodPreset', async () => {
  assert.match((await call((a) => attempt((rw) => rw.engineVersion(), a))).ok, /^\d+\.\d+\.\d+$/);
  const method = (await call((a) => attempt((rw) => rw.methodPreset('4x4'), a))).ok;
  assert.equal(method.likelihood.levels.length, 4);
  assert.equal(method.appetite, 'medium');
  assert.match((await call((a) => attempt((rw) => rw.methodPreset('9x9'), a))).error, /^Error: unknown preset '9x9'/);
});

test('scoreRisk scores 1-based levels and throws clear errors', async () => {
  const ok = (await call((a) => attempt((rw) => rw.scoreRisk(rw.methodPreset('5x5'), 4, 5), a))).ok;
  assert.deepEqual(ok, { score: 20, level: { id: 'very_high', label: 'Very high', color: '#b71c1c' }, acceptable: false });
  const low = (await call((a) => attempt((rw) => rw.scoreRisk(rw.methodPreset('5x5'), 1, 2), a))).ok;
  assert.equal(low.acceptable, true);
  for (const [l, i, message] of [[6, 1, /likelihood 6 is not a level/], [1, 0, /impact 0 is not a level/], [2.5, 1, /whole level number, not 2.5/], ['3', 1, /whole level number, not "3"/]]) {
    assert.match((await call((a) => attempt((rw, a) => rw.scoreRisk(rw.methodPreset('5x5'), a[0], a[1]), a), [l, i])).error, message);
  }
  const broken = await call((a) => attempt((rw) => { const m = rw.methodPreset('3x3'); m.appetite = 'x'; return rw.scoreRisk(m, 1, 1); }, a));
  assert.match(broken.error, /the method is not valid:\n\$\.appetite/);
  const notAMethod = await call((a) => attempt((rw) => rw.scoreRisk({ likelihood: 3 }, 1, 1), a));
  assert.match(notAMethod.error, /^Error: the method is not valid/);
});

test('validateMethod returns every problem with its path', async () => {
  const problems = (await call((a) => attempt((rw) => {
    const m = rw.methodPreset('5x5');
    m.levels[1].label = '';
    m.appetite = 'none';
    return rw.validateMethod(m);
  }, a))).ok;
  assert.deepEqual(problems.map((p) => p.path).sort(), ['$.appetite', '$.levels[1].label']);
  assert.deepEqual((await call((a) => attempt((rw) => rw.validateMethod(rw.methodPreset('3x3')), a))).ok, []);
  const wrongType = (await call((a) => attempt((rw) => rw.validateMethod({ ...rw.methodPreset('3x3'), levels: 'many' }), a))).ok;
  assert.equal(wrongType[0].path, '$.levels');
});

test('validateDocument and evaluate work on a saved assessment', async () => {
  const doc = await page.evaluate(() => JSON.parse(localStorage.getItem('riskwright.assessment')));
  doc.risks = [
    { id: 'R1', title: 'Laptop theft', current: { likelihood: 3, impacts: { confidentiality: 4 } } },
    { id: 'R2', title: 'Outage', current: { likelihood: 5, impacts: { availability: 5 } }, residual: { likelihood: 2, impacts: { availability: 3 } } },
  ];
  assert.deepEqual((await call((a) => attempt((rw, d) => rw.validateDocument(d), a), doc)).ok, []);
  const evaluation = (await call((a) => attempt((rw, d) => rw.evaluate(d), a), doc)).ok;
  assert.equal(evaluation.risks[0].current.level, 'high');
  assert.equal(evaluation.risks[1].current.level, 'very_high');
  assert.equal(evaluation.risks[1].residual.acceptable, true);
  assert.equal(evaluation.current.cells.length, 25);
  assert.deepEqual(evaluation.current.counts.map((c) => c.count), [0, 0, 1, 1]);
  assert.equal(evaluation.residual.unscored, 1);

  doc.risks[0].current.likelihood = 9;
  const problems = (await call((a) => attempt((rw, d) => rw.validateDocument(d), a), doc)).ok;
  assert.deepEqual(problems, [{ path: '$.risks[0].current.likelihood', message: 'likelihood 9 is not a level of this method (1 to 5)' }]);
  assert.match((await call((a) => attempt((rw, d) => rw.evaluate(d), a), doc)).error, /\$\.risks\[0\]\.current\.likelihood/);
  for (const junk of [null, 42, 'text', [], { schema_version: 1 }]) {
    const result = await call((a) => attempt((rw, d) => rw.validateDocument(d), a), junk);
    assert.ok(result.ok.length > 0, `${JSON.stringify(junk)} is reported`);
  }
});

test('a Workbench holds the document in wasm', async () => {
  const summary = (await call((a) => attempt((rw) => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    doc.risks = [{ id: 'R1', title: 'x', current: { likelihood: 5, impacts: { integrity: 5 } } }];
    const wb = rw.Workbench.fromJson(JSON.stringify(doc));
    return { count: wb.riskCount(), above: wb.countAboveAppetite(), summary: wb.summary() };
  }, a))).ok;
  assert.equal(summary.count, 1);
  assert.equal(summary.above, 1);
  assert.equal(summary.summary.current.cells.find((c) => c.likelihood === 5 && c.impact === 5).count, 1);
  assert.match((await call((a) => attempt((rw) => rw.Workbench.fromJson('{'), a))).error, /not valid JSON/);
});

test('proposeTreatment ranks options and Annex A controls, each with a reason', async () => {
  const doc = await page.evaluate(() => JSON.parse(localStorage.getItem('riskwright.assessment')));
  doc.threats = [{ id: 'T1', name: 'Ransomware', properties: ['availability', 'integrity'], origin: 'deliberate', catalogue_id: 'T02' }];
  doc.risks = [
    { id: 'R1', title: 'Ransomware on the file server', threat_id: 'T1', current: { likelihood: 4, impacts: { availability: 5 } } },
    { id: 'R2', title: 'Printer jam', current: { likelihood: 1, impacts: { availability: 1 } } },
    { id: 'R3', title: 'Not scored yet' },
  ];
  const high = (await call((a) => attempt((rw, d) => rw.proposeTreatment(d, 'R1'), a), doc)).ok;
  assert.equal(high.basis, 'current');
  assert.equal(high.options[0].option, 'modify');
  assert.equal(high.options[0].rank, 1);
  assert.match(high.options[0].reason, /above the appetite/);
  assert.equal(high.options[0].justificationRequired, false);
  assert.ok(high.controls.length >= 2, 'at least two controls are suggested');
  assert.ok(high.controls.some((c) => c.id === '8.7'), `8.7 Protection against malware is suggested: ${high.controls.map((c) => c.id)}`);
  assert.ok(high.controls.every((c) => c.reasons.length > 0 && c.title));

  const low = (await call((a) => attempt((rw, d) => rw.proposeTreatment(d, 'R2'), a), doc)).ok;
  assert.equal(low.options[0].option, 'retain');
  assert.equal(low.options[0].justificationRequired, true);
  assert.match(low.options[0].reason, /within the appetite/);

  assert.match((await call((a) => attempt((rw, d) => rw.proposeTreatment(d, 'R3'), a), doc)).error, /^Error: cannot propose treatment: \$\.risks\[2\]: neither the current nor the inherent risk is scored/);
  assert.match((await call((a) => attempt((rw, d) => rw.proposeTreatment(d, 'R9'), a), doc)).error, /no risk has the id "R9"/);
  const wb = await call((a) => attempt((rw, d) => { const w = new rw.Workbench(d); const p = w.proposeTreatment('R1'); w.free(); return p; }, a), doc);
  assert.deepEqual(wb.ok, high);
});
