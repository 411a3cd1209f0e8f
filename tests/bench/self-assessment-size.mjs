// First-load size of the public self-assessment page: every file
// self-assessment.html pulls in before the visitor can start, raw and
// gzipped, against the 200 KB gzip budget. Run after ../build.sh build:
//   node bench/self-assessment-size.mjs
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PUBLIC } from '../support/server.mjs';

const BUDGET = 200 * 1024;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const files = [
  'self-assessment.html',
  'self-assessment.css',
  'self-assessment.js',
  'pkg-selfassess/selfassess.js',
  'pkg-selfassess/selfassess_bg.wasm',
  'self-assessment.config.json',
];
// The example config's logo is loaded too; a host's own logo replaces it.
const config = JSON.parse(await readFile(join(PUBLIC, 'self-assessment.config.json'), 'utf8'));
if (typeof config.logoUrl === 'string' && !/^https:/.test(config.logoUrl)) files.push(config.logoUrl.replace(/^\.\//, ''));

console.log('\nFirst load of the self-assessment page (every file self-assessment.html pulls in):');
console.log('  file                                raw        gzip');
let raw = 0, gz = 0;
for (const f of files) {
  const body = await readFile(join(PUBLIC, f));
  const z = gzipSync(body, { level: 9 }).length;
  raw += body.length; gz += z;
  console.log(`  ${f.padEnd(34)} ${kb(body.length).padStart(10)} ${kb(z).padStart(10)}`);
}
const within = gz <= BUDGET;
console.log(`  ${'total'.padEnd(34)} ${kb(raw).padStart(10)} ${kb(gz).padStart(10)}   budget 200 KB gzip: ${within ? 'within' : 'OVER'}`);
if (!within) process.exitCode = 1;
