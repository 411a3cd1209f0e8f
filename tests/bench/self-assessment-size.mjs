// First-load size of the public self-assessment page: every file
// self-assessment.html pulls in before the visitor can start, raw and
// gzipped, against the 200 KB gzip budget. Run after ../build.sh build:
//   node bench/self-assessment-size.mjs
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PUBLIC } from '../support/server.mjs';
import { printFirstLoad } from './sizes.mjs';


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

const within = await printFirstLoad('First load of the self-assessment page (every file self-assessment.html pulls in)', files, 200);
if (!within) process.exitCode = 1;
