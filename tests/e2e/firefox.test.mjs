// The page's main flows in Firefox ESR (Debian's `firefox-esr`, headless),
// driven by puppeteer-core over WebDriver BiDi: files in through the real
// file input, every figure read back by its data-* attributes and compared
// with the independently worked expected output; another month; Load example;
// a print to PDF; no console error and no request leaving the page.
// Skips (with the reason) when Firefox ESR or puppeteer-core is not installed;
// scripts/setup installs both. docs/firefox.md says what is and is not covered.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { serve, caseFiles, close, dropFiles } from './harness.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const TARGET = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../target');

let puppeteer = null;
try {
  puppeteer = (await import('puppeteer-core')).default;
} catch {
  // reported as the skip reason below
}
const SKIP = !fs.existsSync(FIREFOX)
  ? `Firefox ESR not installed at ${FIREFOX} (scripts/setup installs Debian's firefox-esr)`
  : !puppeteer ? 'puppeteer-core not installed (npm ci)' : false;

const hasPdftotext = (() => {
  try { execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; }
})();

describe('Firefox ESR', { skip: SKIP }, () => {
  let server;
  let browser;
  before(async () => {
    server = await serve();
    // A fresh temporary profile per launch; puppeteer's Firefox preferences
    // turn off updates, telemetry and other background traffic.
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX,
      headless: true,
      defaultViewport: { width: 1280, height: 800 },
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page in a fresh browser context, and the lists of requests and
   * console errors it makes (as harness.mjs's `open` for Chromium). */
  async function open(query = '', url = server.url + query) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const requests = [];
    const errors = [];
    // data: and blob: URLs never leave the machine, so they are not counted:
    // Firefox's own list-bullet font (-moz-bullet-font in its html.css) is a
    // data: URL it "requests" when the first list is drawn.
    page.on('request', (r) => { if (!/^(data|blob):/.test(r.url())) requests.push(r.url()); });
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForSelector('[data-testid="file-input"]', { timeout: 20000 });
    return { context, page, requests, errors };
  }

  /** Every figure on the scorecard in one round trip: per indicator, the
   * `data-value` of each cell by "measure|column" (as `cell()` in harness.mjs
   * reads it, first match), the rating and the trend. */
  async function figures(page) {
    return page.evaluate(() => {
      const indicators = {};
      for (const section of document.querySelectorAll('section.indicator[data-indicator]')) {
        const cells = {};
        for (const td of section.querySelectorAll('td[data-measure][data-column]')) {
          const key = `${td.dataset.measure}|${td.dataset.column}`;
          if (!(key in cells)) cells[key] = td.getAttribute('data-value');
        }
        indicators[section.dataset.indicator] = {
          cells,
          rating: section.querySelector('[data-rating]')?.getAttribute('data-rating') ?? null,
          trend: section.querySelector('[data-trend]')?.getAttribute('data-trend') ?? null,
        };
      }
      return { month: document.querySelector('[data-testid="scorecard"]')?.dataset.month, indicators };
    });
  }

  function value(shown, indicator, measure, column) {
    const v = shown.indicators[indicator]?.cells[`${measure}|${column}`];
    return v === undefined || v === null || v === '' ? null : Number(v);
  }

  /** Polls `predicate(arg)` in the page until it is true. (puppeteer's
   * waitForFunction builds the predicate with Function(), which the page's
   * Content-Security-Policy rightly blocks; page.evaluate is not affected.) */
  async function until(page, predicate, arg, timeout = 30000) {
    const end = Date.now() + timeout;
    while (!(await page.evaluate(predicate, arg))) {
      if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${predicate}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function scorecardFor(page, month) {
    await page.waitForSelector(`[data-testid="scorecard"][data-month="${month}"]`, { timeout: 30000 });
  }

  /** Every figure of every indicator (current, previous, baseline, areas,
   * target, benchmarks), its rating and its trend against a JSON scorecard
   * (as checkAgainst in page.test.mjs). */
  function checkAgainst(shown, expected) {
    assert.deepEqual(Object.keys(shown.indicators).sort(), expected.indicators.map((i) => i.id).sort());
    let checked = 0;
    let nonNull = 0;
    for (const indicator of expected.indicators) {
      const columns = [['current', indicator.columns.current], ['previous', indicator.columns.previous]];
      if (indicator.columns.baseline) columns.push(['baseline', indicator.columns.baseline]);
      for (const [area, values] of Object.entries(indicator.columns.areas || {})) columns.push([`area:${area}`, values]);
      for (const [column, values] of columns) {
        for (const [measure, want] of Object.entries(values)) {
          if (measure === 'months' || measure === 'month' || measure === 'source') continue;
          const got = value(shown, indicator.id, measure, column);
          assert.ok(close(got, want), `${indicator.id} ${measure} ${column}: expected ${want}, Firefox shows ${got}`);
          checked += 1;
          if (got !== null) nonNull += 1;
        }
      }
      for (const column of ['target', 'national', 'statistical_neighbours']) {
        const got = value(shown, indicator.id, indicator.headline, column);
        assert.ok(close(got, indicator[column]), `${indicator.id} ${column}: expected ${indicator[column]}, Firefox shows ${got}`);
      }
      assert.equal(shown.indicators[indicator.id].rating, indicator.rating, `${indicator.id} rating`);
      assert.equal(shown.indicators[indicator.id].trend, indicator.trend, `${indicator.id} trend`);
    }
    assert.ok(checked > 250 && nonNull > 200, `checked ${checked} figures, ${nonNull} of them numbers`);
    return { checked, nonNull };
  }

  function expectedFor(name) {
    return JSON.parse(fs.readFileSync(path.join(caseFiles(name).dir, 'expected.json'), 'utf8'));
  }

  async function chooseCase(page) {
    const { files, settings } = caseFiles('public_city');
    const input = await page.$('[data-testid="file-input"]');
    await input.uploadFile(settings, ...files);
    // Every file listed, then the scorecard for the latest month.
    await until(page, (n) => document.querySelectorAll('tr[data-file]').length === n, files.length + 1);
    await scorecardFor(page, '2017-12');
  }

  test('the public_city files through the file input give the expected figures, and another month', async () => {
    const { context, page, requests, errors } = await open();
    try {
      const expected = expectedFor('public_city');
      await chooseCase(page);
      const requestsAfterLoad = requests.length;
      assert.equal(await page.$eval('tr[data-file="list7_cp_2017-12-31.csv"]', (tr) => tr.dataset.kind), 'list7_cp');
      assert.equal(await page.$eval('tr[data-file="supervisions_2017-12-31.csv"]', (tr) => tr.dataset.rows), '805');

      // December: every figure of every indicator, its rating and its trend.
      const shown = await figures(page);
      const { checked, nonNull } = checkAgainst(shown, expected);
      fs.mkdirSync(TARGET, { recursive: true });
      await page.screenshot({ path: path.join(TARGET, 'firefox-public-city.png') });

      // September: the scorecard recomputes without reading again, and each
      // indicator's current figures are its September point in the expected series.
      await page.select('[data-testid="month"]', '2017-09');
      await scorecardFor(page, '2017-09');
      const september = await figures(page);
      let seriesChecked = 0;
      for (const indicator of expected.indicators) {
        const point = (indicator.series || []).find((p) => p.month === '2017-09');
        if (!point) continue;
        for (const [measure, want] of Object.entries(point)) {
          if (measure === 'month' || measure === 'months' || measure === 'source') continue;
          const got = value(september, indicator.id, measure, 'current');
          assert.ok(close(got, want), `2017-09 ${indicator.id} ${measure}: expected ${want}, Firefox shows ${got}`);
          seriesChecked += 1;
        }
      }
      assert.ok(seriesChecked > 20, `checked ${seriesChecked} September figures`);
      console.log(`# Firefox: ${checked} December figures (${nonNull} numbers), ${seriesChecked} September figures`);
      assert.notDeepEqual(september.indicators, shown.indicators, 'September differs from December');
      // And back to December gives December's figures again.
      await page.select('[data-testid="month"]', '2017-12');
      await scorecardFor(page, '2017-12');
      assert.deepEqual((await figures(page)).indicators, shown.indicators);

      assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), [], 'no request outside the page');
      assert.deepEqual(requests.slice(requestsAfterLoad), [], 'no request at all after load');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('dropping files on the drop zone works like choosing them', async () => {
    const { context, page, errors } = await open();
    try {
      const { files } = caseFiles('public_city');
      await dropFiles(page, files.filter((f) => f.includes('list7_cp_')));
      await scorecardFor(page, '2017-12');
      const shown = await figures(page);
      assert.equal(value(shown, 'cp_plans', 'count', 'current'), 5);
      assert.equal(value(shown, 'cp_plans', 'count', 'area:Unmapped'), 5);
      assert.equal(value(shown, 're_referrals', 'percent', 'current'), null);
      assert.match(await page.$eval('section.indicator[data-indicator="re_referrals"] .needs', (e) => e.textContent), /Needs List 3/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the background worker (module worker in Firefox) gives the same figures', async () => {
    const { context, page, requests, errors } = await open('');
    try {
      await chooseCase(page);
      assert.match(await page.$eval('.progress', (e) => e.textContent), /Read \d+ files? \(\d/);
      checkAgainst(await figures(page), expectedFor('public_city'));
      assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), [], 'no request outside the page');
      assert.ok(requests.some((u) => u.endsWith('worker_loader.js')), `the worker started: ${requests}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('Load example gives the seed scorecard', async () => {
    const { context, page, requests, errors } = await open();
    try {
      // Both workers up and warm, as after an analyst's first look.
      await until(page, () => Number(document.getElementById('timings')?.dataset.workerWarmMs) > 0);
      const before = requests.length;
      const started = Date.now();
      await page.click('[data-testid="load-example"]');
      await scorecardFor(page, '2017-12');
      console.log(`# Firefox: example to scorecard: ${((Date.now() - started) / 1000).toFixed(2)} s`);
      // The seed's December 2017 figures (the same as page.test.mjs checks in Chromium).
      const shown = await figures(page);
      assert.equal(value(shown, 'unallocated_cases', 'open_cases', 'current'), 7546);
      assert.equal(value(shown, 'unallocated_cases', 'unallocated', 'area:NWC'), 1);
      assert.equal(value(shown, 're_referrals', 'referrals', 'current'), 1234);
      assert.equal(value(shown, 're_referrals', 're_referrals', 'current'), 268);
      assert.equal(value(shown, 'assessments_in_timescale', 'inside', 'current'), 923);
      assert.equal(value(shown, 'cp_plans', 'count', 'current'), 972);
      assert.equal(value(shown, 'cp_plans', 'count', 'baseline'), 988);
      assert.equal(value(shown, 'cp_visits', 'visited', 'current'), 776);
      assert.equal(value(shown, 'cp_visits', 'due', 'current'), 891);
      assert.equal(value(shown, 'children_in_care', 'count_excl_uasc', 'current'), 1758);
      assert.equal(value(shown, 'supervision', 'supervised', 'current'), 419);
      assert.equal(Math.round(value(shown, 'adoption_placement_order_to_match', 'average_days', 'current')), 232);
      assert.equal(Math.round(value(shown, 'care_leavers_eet', 'percent', 'current')), 64);
      // Firefox starts the worker's own second worker too, which read the
      // last of the example's files (decision 59).
      const second = await page.evaluate(() => Number(document.getElementById('timings').dataset.secondReaderFiles));
      assert.ok(second >= 3, `the second worker read ${second} files`);
      // Made by the background worker: its files, from the page's own folder,
      // are the only requests.
      // (The worker may have been fetched already: it starts once the page is idle.)
      const WORKER = ['worker.js', 'worker_bg.wasm', 'worker_loader.js'];
      const later = requests.slice(before).map((u) => u.replace(server.url, ''));
      assert.deepEqual(later.filter((u) => !WORKER.includes(u)), [], 'the example fetches only the worker');
      // Fetched for the worker and perhaps for its second worker (a browser
      // may not show a worker's worker's requests), never again per load.
      const fetched = requests.map((u) => u.replace(server.url, '')).filter((u) => WORKER.includes(u));
      for (const file of WORKER) {
        const times = fetched.filter((u) => u === file).length;
        assert.ok(times === 1 || times === 2, `${file} fetched ${times} times`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the single file opened from file:// works: example, files, a workbook in its blob: worker', async () => {
    const single = path.join(TARGET, '../dist-single/scorecard.html');
    assert.ok(fs.existsSync(single), 'build it first: scripts/build-single');
    const { context, page, requests, errors } = await open('', pathToFileURL(single).href);
    try {
      await page.click('[data-testid="load-example"]');
      await scorecardFor(page, '2017-12');
      let shown = await figures(page);
      assert.equal(value(shown, 'unallocated_cases', 'open_cases', 'current'), 7546);
      assert.equal(value(shown, 'cp_plans', 'count', 'current'), 972);
      // The public case through the file input.
      await page.reload();
      await page.waitForSelector('[data-testid="file-input"]', { timeout: 20000 });
      const { files, settings } = caseFiles('public_city');
      await (await page.$('[data-testid="file-input"]')).uploadFile(settings, ...files);
      await scorecardFor(page, '2017-12');
      shown = await figures(page);
      for (const indicator of expectedFor('public_city').indicators) {
        const want = indicator.columns.current[indicator.headline];
        const got = value(shown, indicator.id, indicator.headline, 'current');
        assert.ok(close(got, want), `${indicator.id}: expected ${want}, Firefox shows ${got}`);
      }
      // A workbook: read by the worker, started from a blob: URL.
      await page.reload();
      await page.waitForSelector('[data-testid="file-input"]', { timeout: 20000 });
      await (await page.$('[data-testid="file-input"]')).uploadFile(path.join(TARGET, '../tests/intake/annex_a_2017-12-31.xlsx'));
      await page.waitForSelector('tr[data-file="annex_a_2017-12-31.xlsx › List 7"]', { timeout: 30000 });
      assert.match(await page.$eval('.progress', (p) => p.textContent), /Read \d+ files? \(\d/);
      assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'nothing but the file itself');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('printing to PDF keeps every indicator and none of the controls', { skip: hasPdftotext ? false : 'pdftotext not installed (poppler-utils)' }, async () => {
    const { context, page, requests, errors } = await open();
    try {
      await chooseCase(page);
      await page.waitForSelector('section.indicator[data-indicator="agency_staff"] .charts svg');
      const afterLoad = requests.length;
      fs.mkdirSync(path.join(TARGET, 'print'), { recursive: true });
      const file = path.join(TARGET, 'print', 'firefox.pdf');
      // WebDriver BiDi's print takes the paper size from the call, not from
      // the page's @page rule, so A4 is asked for here.
      await page.pdf({ path: file, format: 'A4', printBackground: true });
      // NFKC: Firefox's PDFs keep ligatures ("ﬁ"), which pdftotext gives as such.
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().normalize('NFKC');
      const pages = text.split('\f').filter((p) => p.trim() !== '');
      assert.ok(pages.length >= 6 && pages.length <= 24, `${pages.length} pages`);
      const flat = text.replace(/\s+/g, ' ');
      const expected = expectedFor('public_city');
      for (const indicator of expected.indicators) {
        assert.ok(flat.includes(indicator.title), `missing title: ${indicator.title}`);
      }
      assert.ok(flat.includes('Public Example City (synthetic)'));
      assert.ok(flat.includes('December 2017'));
      for (const control of ['Choose files', 'Load example', 'Export CSV', 'Start again from the draft', 'Landscape']) {
        assert.ok(!flat.includes(control), `control text printed: ${control}`);
      }
      // Firefox 140 does not draw @page margin boxes, which carry the
      // running marking and "Page n of m" in Chromium: reported, not required.
      console.log(`# Firefox print: ${pages.length} pages; page numbers ${/Page 1 of \d+/.test(text) ? 'present' : 'absent (no @page margin boxes)'}`);
      assert.deepEqual(requests.slice(afterLoad), [], 'no request while printing');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
