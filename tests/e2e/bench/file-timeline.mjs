// Profiling aid for issue 18 (not a test, not part of scripts/bench): one
// file input → scorecard run of the monthly shape, once the worker has
// warmed up, printing the worker's file-by-file timeline (the `bench`
// feature's `FileTimeline`: when each file was asked of the disk, how long
// the engine waited for it, how long it took to read) and the page's
// #timings. Where the disk wait falls: at the first file, behind a big
// one, or a little at every file.
//
//   node tests/e2e/bench/file-timeline.mjs [DIST] [DATA_DIR]
//   (defaults target/bench/dist and target/bench/monthly; DIST must be a
//   build with the bench feature, as scripts/bench makes)
import { monthlyPage } from './monthly-page.mjs';

const { files, server, browser, page } = await monthlyPage();
const { url } = server;
// The worker's console: its timeline (wasm-bindgen's own notices left out).
page.on('worker', (worker) => worker.on('console', (message) => {
  if (/ ms: /.test(message.text())) console.log(message.text());
}));
await page.goto(url);
// As scripts/bench does: the files come once the worker has warmed up.
await page.waitForFunction(() => Number(document.getElementById('timings')?.dataset.workerWarmMs) > 0, null, { timeout: 20000 }).catch(() => {});
await page.evaluate(() => {
  document.querySelector('[data-testid="file-input"]').addEventListener('change', () => { window.filesGiven = performance.now(); }, { capture: true });
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="scorecard"][data-month="2017-12"]')) {
      window.scorecardShown = performance.now();
      observer.disconnect();
    }
  }).observe(document.body, { childList: true, subtree: true, attributes: true });
});
await page.setInputFiles('[data-testid="file-input"]', files);
await page.waitForFunction(() => window.scorecardShown, null, { timeout: 60000 });
const { total, steps } = await page.evaluate(() => ({
  total: window.scorecardShown - window.filesGiven,
  steps: { ...document.getElementById('timings')?.dataset },
}));
console.log(`file input → scorecard ${total.toFixed(0)} ms; #timings ${JSON.stringify(steps)}`);
await browser.close();
server.close();
