// Page benchmark (not a test: timings are reported, never asserted):
// transfer size of dist/ (raw and gzip), navigation to interactive, and the
// example's time to a rendered scorecard, best of three.
// `node tests/e2e/bench-page.mjs` after `trunk build --release --offline`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, open, DIST } from './harness.mjs';

let raw = 0; let gz = 0;
for (const f of fs.readdirSync(DIST)) {
  const bytes = fs.readFileSync(path.join(DIST, f));
  const g = zlib.gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length; gz += g;
  console.log(`${f.padEnd(48)} ${String(bytes.length).padStart(9)} raw ${String(g).padStart(8)} gzip`);
}
console.log(`${'total'.padEnd(48)} ${String(raw).padStart(9)} raw ${String(gz).padStart(8)} gzip`);

const server = await serve();
const interactive = []; const example = [];
for (let i = 0; i < 3; i += 1) {
  const { browser, page } = await open(server.url);
  interactive.push(await page.evaluate(() => performance.now()));
  const t0 = Date.now();
  await page.click('[data-testid="load-example"]');
  await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 30000 });
  example.push(Date.now() - t0);
  await browser.close();
}
await server.close();
console.log(`navigation to interactive (file input mounted): ${Math.min(...interactive).toFixed(0)} ms (best of 3)`);
console.log(`Load example to rendered scorecard: ${Math.min(...example)} ms (best of 3)`);
