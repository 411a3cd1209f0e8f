// Writes the single-file edition: public/index.html with the stylesheets,
// the app's glue (wasm-bindgen --target no-modules) and its wasm inlined, so
// one file opened from disk (file://) runs the whole app. The CSP stays
// strict: the inline script and style are allowed by their hashes only.
//   node single-file.mjs PUBLIC_DIR GLUE_JS WASM OUT_HTML
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const [publicDir, gluePath, wasmPath, outPath] = process.argv.slice(2);
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

let html = await readFile(join(publicDir, 'index.html'), 'utf8');
const sheets = [...html.matchAll(/<link rel="stylesheet" href="\.\/([^"]+)">\n?/g)];
let css = '';
for (const [tag, file] of sheets) {
  css += `${await readFile(join(publicDir, file), 'utf8')}\n`;
  html = html.replace(tag, '');
}
// The other screens' stylesheets, which the hosted site loads with the
// whole workbench: this file is the whole workbench.
const later = html.match(/ *<!--[^>]*-->\n *<meta name="riskwright-screen-styles" content="([^"]*)">\n/);
if (later) {
  for (const file of later[1].split(/\s+/).filter(Boolean)) {
    css += `${await readFile(join(publicDir, file), 'utf8')}\n`;
  }
  html = html.replace(later[0], '');
}
// The file is its own offline copy: it does not offer itself for download.
css += '#offline-download { display: none; }\n';
const glue = await readFile(gluePath, 'utf8');
const wasm = (await readFile(wasmPath)).toString('base64');
const script = `${glue}
(() => {
  const root = document.getElementById('app');
  const text = atob(document.getElementById('riskwright-wasm').textContent.trim());
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  wasm_bindgen({ module_or_path: bytes })
    .then(() => wasm_bindgen.startApp(root))
    .catch((error) => { root.textContent = \`Riskwright could not start in this browser: \${error}\`; throw error; });
})();
`;
const csp = `default-src 'self'; script-src ${sha256(script)} 'wasm-unsafe-eval'; style-src ${sha256(css)}; object-src 'none'; base-uri 'self'`;
const replaced = (from, to) => {
  if (!html.includes(from)) throw new Error(`single-file: index.html no longer has ${from}`);
  html = html.replace(from, to);
};
replaced(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/.exec(html)?.[0] ?? '<meta http-equiv="Content-Security-Policy"',
  `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
// Its storage namespace, empty as built: the app's "Download for offline
// use" (public/main.js) writes a fresh id here into each copy it downloads,
// so copies opened from disk, which Chromium gives one origin, keep their
// data apart. Outside any script, so the CSP hashes stay valid.
replaced('  <meta charset="utf-8">\n', '  <meta charset="utf-8">\n  <meta name="riskwright-storage" content="">\n');
// Opened from disk there is no site: no manifest, icon or service worker.
html = html.replace(/\s*<link rel="(icon|manifest)"[^>]*>/g, '');
replaced('  <script type="module" src="./main.js"></script>\n', `  <style>${css}</style>\n`);
// The wasm travels as base64 in a data block (never executed), the script last.
replaced('</body>', `<script type="application/wasm-base64" id="riskwright-wasm">${wasm}</script>\n<script>${script}</script>\n</body>`);
await writeFile(outPath, html);
console.log(`single-file edition: ${outPath} (${(html.length / 1024).toFixed(0)} KB)`);
