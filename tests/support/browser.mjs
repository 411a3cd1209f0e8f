// Launches Debian's Chromium through playwright-core (never a downloaded
// browser) and opens pages that record console errors, CSP violations and
// every network request.
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * Opens `url` in a new page of `context` and waits until the app is ready.
 * Returns the page with `problems` (console errors, page errors and CSP
 * violations) and `requests` (every URL fetched) recorded on it.
 */
export async function openApp(context, url, { waitReady = true, screen } = {}) {
  const page = await context.newPage();
  page.problems = [];
  page.requests = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => page.requests.push(r.url()));
  await page.exposeFunction('__cspViolation', (v) => page.problems.push(`csp: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`));
  });
  await page.goto(url);
  if (waitReady) await page.waitForSelector('#app[data-ready="true"]');
  if (screen) await openScreen(page, screen);
  return page;
}

/**
 * Opens `screen` from the navigation and waits until it is shown: a screen
 * outside the first load opens once the whole workbench has taken over.
 */
export async function openScreen(page, screen) {
  await page.click(`#nav-${screen}`);
  await page.waitForSelector(`#nav-${screen}[aria-current="page"]`);
}

/** Reloads the app and waits until it is ready, then opens `screen` if given. */
export async function reloadApp(page, screen) {
  await page.reload();
  await page.waitForSelector('#app[data-ready="true"]');
  if (screen) await openScreen(page, screen);
}

/** Runs axe-core on the page; returns its violations, summarised. */
export async function axe(page) {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * The open assessment as the app stores it, put back together: the working
 * copy, its history parts and its snapshots (see ARCHITECTURE.md, storage).
 */
export async function storedDocument(page) {
  return page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('riskwright.assessment'));
    if (typeof doc.stored_history === 'number') {
      doc.history = [];
      for (let k = 0; doc.history.length < doc.stored_history; k++) {
        const part = localStorage.getItem(`riskwright.history.${k}`);
        if (part === null) break;
        doc.history.push(...JSON.parse(part));
      }
      doc.history.length = Math.min(doc.history.length, doc.stored_history);
      delete doc.stored_history;
    }
    doc.snapshots = JSON.parse(localStorage.getItem('riskwright.snapshots') ?? '[]');
    return doc;
  });
}
