// The page as a person uses it: files in through the real file input or a
// drop, figures read back by their data-* attributes and compared with the
// independently worked expected output; no request leaves the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, open, caseFiles, cell, close, cli, dropFiles, checkAgainst, openFiles } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

test('files through the file input give the independently computed figures', async () => {
  const { browser, page, requests, errors } = await open(server.url);
  try {
    const { dir, files, settings } = caseFiles('public_city');
    await page.setInputFiles('[data-testid="file-input"]', [settings, ...files]);
    await page.selectOption('[data-testid="month"]', '2017-12').catch(() => {});
    const requestsAfterLoad = requests.length;
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    const checked = await checkAgainst(page, expected);
    // And the CLI's JSON on the same files agrees with the page, figure for figure.
    await checkAgainst(page, cli(dir, ['--month', '2017-12', '--settings', settings, ...files]));
    assert.ok(checked > 250, `checked ${checked} figures`);
    // The file list names each file with its kind and rows.
    const kind = await page.getAttribute('tr[data-file="list7_cp_2017-12-31.csv"]', 'data-kind');
    assert.equal(kind, 'list7_cp');
    assert.equal(await page.getAttribute('tr[data-file="settings.json"]', 'data-kind'), 'settings');
    assert.equal(await page.getAttribute('tr[data-file="supervisions_2017-12-31.csv"]', 'data-rows'), '805');
    await page.screenshot({ path: path.join(dir, '../../../target/page-public-city.png'), fullPage: false });
    assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), [], 'no request outside the page');
    assert.equal(requests.length, requestsAfterLoad, `no request at all after load: ${requests.slice(requestsAfterLoad)}`);
    // The Content-Security-Policy allows no other origin and pins its inline script.
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /https?:|\*/);
    assert.doesNotMatch(csp.match(/script-src[^;]*/)[0], /unsafe-inline/);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('the worker warms up on its own made-up city and leaves nothing of it behind', async () => {
  const { browser, page, requests, errors } = await open(server.url);
  try {
    // Once the page is idle the worker starts, reads and computes its city
    // (decision 58), then says so; the page shows nothing of it.
    await page.waitForFunction(() => Number(document.getElementById('timings')?.dataset.workerWarmMs) > 0, null, { timeout: 20000 });
    const ready = Number(await page.getAttribute('#timings', 'data-worker-ready-ms'));
    const warm = Number(await page.getAttribute('#timings', 'data-worker-warm-ms'));
    assert.ok(warm > ready, `warm at ${warm} ms, after ready at ${ready} ms`);
    assert.equal(await page.$('[data-testid="scorecard"]'), null, 'no scorecard before any file');
    assert.equal(await page.$('tr[data-file]'), null, 'no file listed');
    assert.equal(await page.$$eval('[data-testid="month"] option', (os) => os.map((o) => o.value).join()), '', 'no month to choose');
    assert.equal((await page.textContent('.progress')).trim(), '', 'the progress line says nothing');
    assert.equal(await page.getAttribute('#timings', 'data-read-ms'), '0', 'no read reported');
    // It fetched nothing but the page's and the worker's own files.
    const own = ['', 'worker.js', 'worker_bg.wasm', 'worker_loader.js'];
    for (const url of requests) {
      const name = url.replace(server.url, '');
      assert.ok(own.includes(name) || /^[\w-]+\.(js|wasm|css)$/.test(name), `fetched ${url}`);
    }
    // Files chosen after it give their own figures, not the city's.
    const { dir, files, settings } = caseFiles('public_city');
    await page.setInputFiles('[data-testid="file-input"]', [settings, ...files]);
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 20000 });
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    assert.ok(await checkAgainst(page, expected) > 250);
    assert.equal(await page.$$eval('tr[data-file]', (rows) => rows.length), files.length + 1);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('dropping files on the drop zone works like choosing them', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    const { files } = caseFiles('public_city');
    await dropFiles(page, files.filter((f) => f.includes('list7_cp_')));
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 20000 });
    // No team table: every plan is Unmapped, the LA count is 5.
    assert.equal(await cell(page, 'cp_plans', 'count', 'current'), 5);
    assert.equal(await cell(page, 'cp_plans', 'count', 'area:Unmapped'), 5);
    // Indicators without their files say what they need, never zero.
    assert.equal(await cell(page, 're_referrals', 'percent', 'current'), null);
    const needs = await page.textContent('section.indicator[data-indicator="re_referrals"] .needs');
    assert.match(needs, /Needs List 3/);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('a bad file is listed with its reason and the others still count', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    const { files } = caseFiles('public_city');
    await page.setInputFiles('[data-testid="file-input"]', [
      { name: 'garbage.csv', mimeType: 'text/csv', buffer: Buffer.from([0, 1, 2, 3, 255, 0, 7]) },
      { name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('Month,Referrals\nDec-17,41\n') },
      { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) },
      ...files.filter((f) => f.includes('list7_cp_')).map((f) => ({
        name: path.basename(f), mimeType: 'text/csv', buffer: fs.readFileSync(f),
      })),
    ]);
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 20000 });
    assert.equal(await page.getAttribute('tr[data-file="garbage.csv"]', 'data-kind'), '');
    const row = await page.textContent('tr[data-file="notes.csv"]');
    assert.match(row, /Not a file this scorecard reads/);
    assert.match(await page.textContent('tr[data-file="empty.csv"]'), /The file is empty/);
    assert.equal(await cell(page, 'cp_plans', 'count', 'current'), 5);
    assert.equal(await page.isHidden('#panic'), true);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('changing the month and a setting recomputes; drill-down downloads as CSV', async () => {
  const { browser, page, requests, errors } = await open(server.url);
  try {
    const { dir, files, settings } = caseFiles('public_city');
    await page.setInputFiles('[data-testid="file-input"]', [settings, ...files]);
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 20000 });
    const afterLoad = requests.length;
    // Another month: the page shows what the CLI gives for it.
    await page.selectOption('[data-testid="month"]', '2017-09');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-09"]');
    await checkAgainst(page, cli(dir, ['--month', '2017-09', '--settings', settings, ...files]));
    // A setting: a target of -5% turns December's green re-referrals red.
    await page.selectOption('[data-testid="month"]', '2017-12');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]');
    assert.equal(await cell(page, 're_referrals', 'percent', 'target'), 24);
    await page.click('button.tab:has-text("Settings")');
    await page.fill('input[aria-label="Target for % re-referrals within 12 months"]', '-5');
    await page.press('input[aria-label="Target for % re-referrals within 12 months"]', 'Tab');
    await page.click('button.tab:has-text("Scorecard")');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]');
    assert.equal(await cell(page, 're_referrals', 'percent', 'target'), -5);
    const rating = await page.getAttribute('section.indicator[data-indicator="re_referrals"] [data-rating]', 'data-rating');
    // 0% against a target of -5 with a tolerance of 2 (lower is better): red.
    assert.equal(rating, 'red');
    // A team moves area and a population changes (applied to the counts
    // already made, not recounted): the page then shows what the native
    // engine gives from files and settings edited the same way.
    await page.click('button.tab:has-text("Settings")');
    const firstTeam = page.locator('tr', { has: page.locator('input[aria-label="Team"]') }).first();
    assert.equal(await firstTeam.locator('input[aria-label="Team"]').inputValue(), 'East Assessment Team');
    await firstTeam.locator('input[aria-label="Area"]').fill('SOUTH');
    await firstTeam.locator('input[aria-label="Area"]').press('Tab');
    const eastPopulation = page.locator('tr', { has: page.locator('input[aria-label="Population aged 0 to 17"]') }).first();
    assert.equal(await eastPopulation.locator('input[aria-label="Area"]').inputValue(), 'EAST');
    await eastPopulation.locator('input[aria-label="Population aged 0 to 17"]').fill('5000');
    await eastPopulation.locator('input[aria-label="Population aged 0 to 17"]').press('Tab');
    await page.click('button.tab:has-text("Scorecard")');
    const edited = fs.mkdtempSync(path.join(os.tmpdir(), 'edited-'));
    const teams = fs.readFileSync(path.join(dir, 'teams.csv'), 'utf8').replace('East Assessment Team,EAST,', 'East Assessment Team,SOUTH,');
    fs.writeFileSync(path.join(edited, 'teams.csv'), teams);
    const editedSettings = JSON.parse(fs.readFileSync(settings, 'utf8'));
    editedSettings.areas.find((a) => a.area === 'EAST').population_0_17 = 5000;
    editedSettings.indicators.re_referrals = { ...(editedSettings.indicators.re_referrals || {}), target: -5 };
    fs.writeFileSync(path.join(edited, 'settings.json'), JSON.stringify(editedSettings));
    const editedFiles = files.map((f) => (path.basename(f) === 'teams.csv' ? path.join(edited, 'teams.csv') : f));
    assert.ok(editedFiles.some((f) => f.startsWith(edited)), 'the case reads a teams file');
    const want = cli(dir, ['--month', '2017-12', '--settings', path.join(edited, 'settings.json'), ...editedFiles]);
    const wantRate = want.indicators.find((i) => i.id === 'children_in_care').columns.areas.EAST.rate_per_10k;
    for (let tries = 0; tries < 100 && !close(await cell(page, 'children_in_care', 'rate_per_10k', 'area:EAST'), wantRate); tries += 1) {
      await page.waitForTimeout(50);
    }
    await checkAgainst(page, want);
    // Drill-down: the CP plans behind December's count, downloaded as CSV.
    await page.click('section.indicator[data-indicator="cp_plans"] details.drill > summary');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('section.indicator[data-indicator="cp_plans"] details.drill button'),
    ]);
    const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'measure,area,file,row,child or worker,amount');
    assert.equal(csv.length, 1 + 5, 'five children on plans');
    assert.ok(csv.slice(1).every((line) => line.startsWith('count,') && line.includes('list7_cp_2017-12-31.csv')));
    // A commentary is the reader's text: typing it recomputes and
    // re-renders nothing (the page rewrites #timings after every compute),
    // and it is kept for the print.
    const timingsNow = () => page.$eval('#timings', (t) => ({ ...t.dataset }));
    const beforeTyping = await timingsNow();
    await page.evaluate(() => { window.__card = document.querySelector('[data-testid="scorecard"]'); });
    await page.fill('#commentary-cp_plans', 'Plans steady; two families moved in.');
    await page.waitForTimeout(500);
    assert.deepEqual(await timingsNow(), beforeTyping, 'no compute after typing a commentary');
    assert.ok(await page.evaluate(() => window.__card === document.querySelector('[data-testid="scorecard"]')), 'the scorecard was not rebuilt');
    assert.equal(await page.textContent('section.indicator[data-indicator="cp_plans"] .commentary-print'), 'Plans steady; two families moved in.');
    assert.equal(requests.length, afterLoad, 'no request after load');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('Load example gives the seed scorecard, generated in the browser', async () => {
  const { browser, page, requests, errors } = await open(server.url);
  try {
    // As an analyst who reads the page first: both workers are up and warm
    // (a load that comes sooner is read by the first worker alone).
    await page.waitForFunction(() => Number(document.getElementById('timings')?.dataset.workerWarmMs) > 0, null, { timeout: 20000 });
    const before = requests.length;
    const started = Date.now();
    await page.click('[data-testid="load-example"]');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 30000 });
    const seconds = (Date.now() - started) / 1000;
    console.log(`# example to scorecard: ${seconds.toFixed(2)} s`);
    // The seed's December 2017 figures (../shared/seed), read from the page.
    assert.equal(await cell(page, 'unallocated_cases', 'open_cases', 'current'), 7546);
    assert.equal(await cell(page, 'unallocated_cases', 'unallocated', 'area:NWC'), 1);
    assert.equal(await cell(page, 're_referrals', 'referrals', 'current'), 1234);
    assert.equal(await cell(page, 're_referrals', 're_referrals', 'current'), 268);
    assert.equal(await cell(page, 'assessments_in_timescale', 'inside', 'current'), 923);
    assert.equal(await cell(page, 'cp_plans', 'count', 'current'), 972);
    assert.equal(await cell(page, 'cp_plans', 'count', 'baseline'), 988);
    assert.equal(await cell(page, 'cp_visits', 'visited', 'current'), 776);
    assert.equal(await cell(page, 'cp_visits', 'due', 'current'), 891);
    assert.equal(await cell(page, 'children_in_care', 'count_excl_uasc', 'current'), 1758);
    assert.equal(await cell(page, 'supervision', 'supervised', 'current'), 419);
    assert.equal(Math.round(await cell(page, 'adoption_placement_order_to_match', 'average_days', 'current')), 232);
    assert.equal(Math.round(await cell(page, 'care_leavers_eet', 'percent', 'current')), 64);
    // 15 MB: the worker's second worker read the last files (load_share)
    // and sent their records back, and every figure is the native CLI's,
    // which reads all the files in one process.
    const second = Number(await page.getAttribute('#timings', 'data-second-reader-files'));
    assert.ok(second >= 3, `the second worker read ${second} files`);
    const example = path.join(path.dirname(new URL(import.meta.url).pathname), '../../examples/dec-2017');
    const exampleFiles = fs.readdirSync(example).filter((f) => f.endsWith('.csv'));
    assert.ok(await checkAgainst(page, cli(example, ['--month', '2017-12', '--settings', 'scorecard-settings.json', ...exampleFiles])) > 250);
    await page.screenshot({ path: path.join(path.dirname(new URL(import.meta.url).pathname), '../../target/page-example.png') });
    // The example's files are clean: the data-quality view reports none.
    await page.click('button.tab:has-text("Data quality")');
    assert.equal(await page.getAttribute('[data-testid="problems"]', 'data-value'), '0');
    // The example is made by the background worker: its three files, from
    // the page's own folder, are the only requests.
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
    await browser.close();
  }
});

test('the background worker reads the files, gives the same figures and can be cancelled', async () => {
  const { browser, page, requests, errors } = await open(server.url);
  try {
    const { dir, files, settings } = caseFiles('public_city');
    // Every text the progress line shows while the worker reads.
    await page.evaluate(() => {
      window.progressSeen = [];
      new MutationObserver(() => {
        const line = document.querySelector('.progress');
        const bar = line && line.querySelector('progress');
        if (line) window.progressSeen.push([line.textContent, bar ? Number(bar.value) : null]);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.setInputFiles('[data-testid="file-input"]', [settings, ...files]);
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 20000 });
    assert.match(await page.textContent('.progress'), /Read \d+ files? \(\d/);
    // The progress line named each file as it was read, with a bar.
    const seen = await page.evaluate(() => window.progressSeen);
    const last = path.basename(files[files.length - 1]);
    assert.ok(seen.some(([text, bar]) => text.includes(`Reading ${last} (file ${files.length + 1} of ${files.length + 1})`) && bar > 0.5),
      JSON.stringify(seen.slice(0, 5)));
    assert.ok(seen.some(([text]) => text.includes(`Opening ${last} (file ${files.length + 1} of ${files.length + 1})`)),
      'the line names each file as the worker opens it from disk');
    assert.ok(seen.some(([text]) => text.includes('Checking and merging the files')));
    assert.ok(Number(await page.getAttribute('#timings', 'data-worker-heap-bytes')) > 1e6, 'the worker reports its heap');
    // 0.3 MB: too little for the second worker (load_share), read in one.
    assert.equal(await page.getAttribute('#timings', 'data-second-reader-files'), '0');
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    await checkAgainst(page, expected);
    // The drill-down rows stay in the worker until the list is opened.
    assert.equal(await page.$('section.indicator[data-indicator="cp_plans"] table.drill-table'), null);
    await page.click('section.indicator[data-indicator="cp_plans"] details.drill > summary');
    await page.waitForSelector('section.indicator[data-indicator="cp_plans"] table.drill-table tbody tr');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('section.indicator[data-indicator="cp_plans"] details.drill button'),
    ]);
    const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
    assert.equal(csv.length, 1 + expected.indicators.find((i) => i.id === 'cp_plans').columns.current.count);
    // The month changes without reading again, in the worker.
    await page.selectOption('[data-testid="month"]', '2017-09');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-09"]');
    await checkAgainst(page, cli(dir, ['--month', '2017-09', '--settings', settings, ...files]));
    // Only the page's own files were fetched (the worker's among them).
    assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), []);
    assert.ok(requests.some((u) => u.endsWith('worker_loader.js')), 'the worker started');
    // Cancelling a read stops it and says so (the example's button is in
    // the drop zone, folded behind the files bar).
    await openFiles(page);
    await page.click('[data-testid="load-example"]');
    await page.click('.progress button:has-text("Cancel")', { timeout: 20000 });
    await page.waitForSelector('[data-testid="scorecard"]', { state: 'detached' });
    assert.match(await page.textContent('.progress'), /Reading cancelled/);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('an Excel workbook is read sheet by sheet (in the worker, which has the xlsx reader)', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    const workbook = path.join(path.dirname(new URL(import.meta.url).pathname), '../intake/annex_a_2017-12-31.xlsx');
    await page.setInputFiles('[data-testid="file-input"]', [workbook]);
    await page.waitForSelector('[data-testid="scorecard"]', { timeout: 20000 });
    const rows = await page.$$eval('tr[data-file]', (trs) => trs.map((tr) => [tr.dataset.file, tr.dataset.kind]));
    assert.ok(rows.length >= 2, JSON.stringify(rows));
    assert.ok(rows.every(([name]) => name.startsWith('annex_a_2017-12-31.xlsx › ')), JSON.stringify(rows));
    assert.ok(rows.some(([, kind]) => kind.startsWith('list')), JSON.stringify(rows));
    assert.match(await page.textContent('.progress'), /Read \d+ files? \(\d/);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
