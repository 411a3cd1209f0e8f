// The first-load table both pages' benchmarks print: each file's raw and
// gzipped size (gzip -9, as a static host serves it) against a budget.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PUBLIC } from '../support/server.mjs';

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Prints the table for `files` (paths under public/); returns whether the total fits `budgetKb` (none: no budget). */
export async function printFirstLoad(title, files, budgetKb) {
  const width = Math.max(28, ...files.map((f) => f.length + 2));
  console.log(`\n${title}:`);
  console.log(`  ${'file'.padEnd(width)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)}`);
  let raw = 0, gz = 0;
  for (const f of files) {
    const body = await readFile(join(PUBLIC, f));
    const z = gzipSync(body, { level: 9 }).length;
    raw += body.length; gz += z;
    console.log(`  ${f.padEnd(width)} ${kb(body.length).padStart(10)} ${kb(z).padStart(10)}`);
  }
  const total = `  ${'total'.padEnd(width)} ${kb(raw).padStart(10)} ${kb(gz).padStart(10)}`;
  if (budgetKb === undefined) {
    console.log(total);
    return true;
  }
  const within = gz <= budgetKb * 1024;
  console.log(`${total}   budget ${budgetKb} KB gzip: ${within ? 'within' : 'OVER'}`);
  return within;
}
