// The same files loaded several times in one page: how much of the first
// load is V8 compiling and optimising the engine (decision 58), not the
// engine's work. The first load of a fresh page against the later ones.
//
//   node tests/e2e/bench/load-again.mjs DIST [LOADS] [DATA_DIR]
//
// DIST: a built page (`target/bench/dist`); LOADS: how many (3); DATA_DIR:
// the CSV files and scorecard-settings.json (`target/bench/monthly`, made
// by `scripts/bench monthly`). Waits for the worker's warm-up first unless
// NO_WARM_WAIT=1. Prints each load's time until the new #timings is seen
// (polled in the page, so after the charts, which keep it busy) and the
// page's own steps.
// Not run by `npm test` (its name has no `.test.`).
import fs from 'node:fs';
import path from 'node:path';
import { open, serve } from '../harness.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const dist = path.resolve(process.argv[2] ?? path.join(ROOT, 'target/bench/dist'));
const loads = Number(process.argv[3] ?? 3);
const dir = path.resolve(process.argv[4] ?? path.join(ROOT, 'target/bench/monthly'));
const csv = fs.readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(dir, f));
const settings = path.join(dir, 'scorecard-settings.json');

const server = await serve(dist);
const { browser, page } = await open(server.url);
try {
  const mark = (name) => page.waitForFunction((n) => Number(document.getElementById('timings')?.dataset[n]) > 0, name, { timeout: 20000 }).catch(() => {});
  await mark('workerReadyMs');
  if (!process.env.NO_WARM_WAIT) await mark('workerWarmMs');
  const steps = () => page.evaluate(() => {
    const d = document.getElementById('timings').dataset;
    const ms = (k) => Number(d[k]).toFixed(0);
    return `read ${ms('readMs')} compute ${ms('computeMs')} disk ${ms('diskMs')} render ${ms('renderMs')}`;
  });
  for (let i = 1; i <= loads; i += 1) {
    const before = await page.evaluate(() => document.getElementById('timings').dataset.computeMs);
    await page.evaluate(() => {
      document.addEventListener('change', () => { window.changedAt = performance.now(); }, { capture: true, once: true });
    });
    await page.setInputFiles('[data-testid="file-input"]', [...csv, settings]);
    // The compute's time changes when the new scorecard is in (a frame after).
    await page.waitForFunction((b) => document.getElementById('timings').dataset.computeMs !== b
      && document.querySelector('[data-testid="scorecard"]'), before, { timeout: 60000 });
    const total = await page.evaluate(() => performance.now() - window.changedAt);
    console.log(`load ${i}: ${total.toFixed(0)} ms to #timings rewritten; ${await steps()}`);
    await page.waitForTimeout(1000);
  }
} finally {
  await browser.close();
  server.close();
}
