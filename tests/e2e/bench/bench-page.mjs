// Page benchmark (not a test: timings are reported, never asserted):
// transfer size of dist/ (raw and gzip), navigation to interactive, and the
// example's time to a rendered scorecard, best of three.
// `node tests/e2e/bench/bench-page.mjs` after `trunk build --release --offline`;
// the full suite, on large generated data, is `scripts/bench`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, open, DIST } from '../harness.mjs';

let raw = 0; let gz = 0;
for (const f of fs.readdirSync(DIST).filter((n) => fs.statSync(path.join(DIST, n)).isFile())) {
  const bytes = fs.readFileSync(path.join(DIST, f));
  const g = zlib.gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length; gz += g;
  console.log(`${f.padEnd(48)} ${String(bytes.length).padStart(9)} raw ${String(g).padStart(8)} gzip`);
}
console.log(`${'total'.padEnd(48)} ${String(raw).padStart(9)} raw ${String(gz).padStart(8)} gzip`);

const server = await serve();
const interactive = []; const scorecard = []; const charts = [];
for (let i = 0; i < 3; i += 1) {
  const { browser, page } = await open(server.url);
  interactive.push(await page.evaluate(() => performance.now()));
  await page.evaluate(() => {
    window.__seen = null;
    new MutationObserver(() => {
      if (!window.__seen && document.querySelector('[data-testid="scorecard"][data-month]')) window.__seen = performance.now();
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const t0 = await page.evaluate(() => performance.now());
  await page.click('[data-testid="load-example"]');
  await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 30000 });
  await page.waitForSelector('section.indicator[data-indicator="agency_staff"] .charts svg');
  const t1 = await page.evaluate(() => performance.now());
  scorecard.push((await page.evaluate(() => window.__seen)) - t0);
  charts.push(t1 - t0);
  await browser.close();
}
// The example as one Excel workbook (written by `cargo test --release --test
// intake -- --ignored reading_the_whole_example`): read in the worker.
const workbook = path.join(DIST, '../target/bench/example.xlsx');
const workbookTimes = [];
if (fs.existsSync(workbook)) {
  for (let i = 0; i < 3; i += 1) {
    const { browser, page } = await open(server.url);
    const t0 = await page.evaluate(() => performance.now());
    await page.setInputFiles('[data-testid="file-input"]', [workbook]);
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 60000 });
    const t1 = await page.evaluate(() => performance.now());
    const read = Number(await page.getAttribute('#timings', 'data-read-ms'));
    workbookTimes.push([t1 - t0, read]);
    await browser.close();
  }
}
await server.close();
const best = (xs) => Math.min(...xs).toFixed(0);
console.log(`navigation to interactive (file input mounted, upper bound): ${best(interactive)} ms`);
console.log(`Load example (generate 14.7 MB in the worker, read, compute) to scorecard in the DOM: ${best(scorecard)} ms`);
console.log(`... and every chart drawn: ${best(charts)} ms`);
if (workbookTimes.length) {
  const [total, read] = workbookTimes.sort((a, b) => a[0] - b[0])[0];
  const mb = (fs.statSync(workbook).size / 1e6).toFixed(1);
  console.log(`the example as one .xlsx (${mb} MB) to scorecard in the DOM: ${total.toFixed(0)} ms (read in the worker: ${read.toFixed(0)} ms)`);
} else {
  console.log('(no target/bench/example.xlsx: run cargo test --release --test intake -- --ignored reading_the_whole_example to time the workbook)');
}
