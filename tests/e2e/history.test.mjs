// The history of signed-off months in the page (history.md; issue 15):
// signing off downloads scorecard-history.json and keeps a copy in this
// browser, which a reload uses (a month from the history alone, marked
// published) until it is forgotten; and a history dropped with only
// December's extracts fills the previous 6 months, marked as published.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, open, cell, cli, close } from './harness.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const EXAMPLE = path.join(ROOT, 'examples/dec-2017');
const SETTINGS = path.join(EXAMPLE, 'scorecard-settings.json');
const KEPT = 'scorecard-history (kept in this browser).json';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

const exampleFiles = (keep = () => true) => fs.readdirSync(EXAMPLE)
  .filter((name) => name.endsWith('.csv') && keep(name))
  .sort()
  .map((name) => path.join(EXAMPLE, name));

/** A selector's attribute on an indicator's value cell. */
async function cellAttribute(page, indicator, measure, column, attribute) {
  return page.getAttribute(
    `section.indicator[data-indicator="${indicator}"] td[data-measure="${measure}"][data-column="${column}"]`,
    attribute,
  );
}

/** Clicks and gives the downloaded file's name and JSON. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), json: JSON.parse(fs.readFileSync(await file.path(), 'utf8')) };
}

test('sign-off downloads the history, asks before replacing it, and a reload uses the local copy', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    await page.click('[data-testid="load-example"]');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 60000 });
    assert.equal(await page.textContent('[data-testid="sign-off"]'), 'Sign off Dec-17');
    const count = await cell(page, 'cp_plans', 'count', 'current');
    const commentary = 'Checked with the head of service.';
    await page.fill('#commentary-cp_plans', commentary);

    const first = await download(page, '[data-testid="sign-off"]');
    assert.equal(first.name, 'scorecard-history.json');
    assert.equal(first.json.kind, 'csc-scorecard-history');
    const december = first.json.months['2017-12'];
    assert.equal(december.indicators.cp_plans.current.count, count);
    assert.equal(december.indicators.cp_plans.commentary, commentary);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(december.signed_off, today);
    // Names and dates of the files, never a row or a child.
    assert.ok(december.sources.some((s) => s.name === 'list7_cp_2017-12-31.csv' && s.kind === 'list7_cp'));
    const text = JSON.stringify(first.json);
    assert.doesNotMatch(text, /EX0\d{5}/, 'no child id from the example');
    assert.doesNotMatch(text, /Worker \d+/, 'no worker name from the example');

    // Kept in this browser and read again with the files: the month is now held.
    await page.waitForSelector(`tr[data-file="${KEPT}"][data-kind="history"]`, { state: 'attached', timeout: 60000 });
    await page.waitForSelector('[data-testid="kept-history"]');

    // Signed off again: the page asks first and says when it was signed off.
    let asked = null;
    page.once('dialog', async (dialog) => { asked = dialog.message(); await dialog.accept(); });
    const second = await download(page, '[data-testid="sign-off"]');
    assert.match(asked, /^Dec-17 was signed off on \d\d\/\d\d\/\d{4}\. Sign it off again/);
    assert.equal(second.json.months['2017-12'].indicators.cp_plans.commentary, commentary);
    // Declined: nothing is downloaded.
    page.once('dialog', (dialog) => dialog.dismiss());
    let downloaded = false;
    page.once('download', () => { downloaded = true; });
    await page.click('[data-testid="sign-off"]');
    await page.waitForTimeout(500);
    assert.equal(downloaded, false, 'a declined sign-off downloads nothing');

    // "Download history" gives every month held.
    const whole = await download(page, '[data-testid="download-history"]');
    assert.deepEqual(Object.keys(whole.json.months), ['2017-12']);

    // A reload: the example's files are gone (the page keeps no data), the
    // kept history is read again, and December shows from it alone.
    await page.reload();
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 60000 });
    await page.waitForSelector('[data-testid="kept-history"]');
    assert.equal(await page.getAttribute(`tr[data-file="${KEPT}"]`, 'data-kind'), 'history');
    assert.equal(await cell(page, 'cp_plans', 'count', 'current'), count);
    assert.equal(await cellAttribute(page, 'cp_plans', 'count', 'current', 'data-source'), 'history');
    assert.equal(await page.inputValue('#commentary-cp_plans'), commentary);
    assert.equal(await page.isVisible('[data-testid="marks-legend"]'), true);
    const mark = await page.textContent('section.indicator[data-indicator="cp_plans"] td[data-column="current"][data-measure="count"]');
    assert.match(mark, /published: from the history/);

    // Forgotten: the note and the file go, and so does the copy.
    await page.click('[data-testid="kept-history"] button:has-text("Forget it")');
    await page.waitForSelector('[data-testid="kept-history"]', { state: 'detached' });
    assert.equal(await page.evaluate(() => localStorage.getItem('csc-scorecard:history')), null);
    await page.reload();
    await page.waitForSelector('[data-testid="file-input"]', { state: 'attached' });
    await page.waitForTimeout(500);
    assert.equal(await page.$('[data-testid="scorecard"][data-month]'), null, 'nothing kept: nothing shown');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test("a history dropped with only December's extracts fills the previous 6 months, marked as published", async () => {
  // The history: June to December 2017 signed off by the CLI from every file.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-'));
  const history = path.join(dir, 'scorecard-history.json');
  for (const month of ['2017-06', '2017-07', '2017-08', '2017-09', '2017-10', '2017-11', '2017-12']) {
    const held = fs.existsSync(history) ? ['--history', history] : [];
    cli(dir, ['--month', month, '--settings', SETTINGS, '--today', '2018-01-10', ...held, '--sign-off', history, ...exampleFiles()]);
  }
  const every = cli(dir, ['--month', '2017-12', '--settings', SETTINGS, ...exampleFiles()]);
  const december = exampleFiles((name) => name.includes('2017-12-31') || name === 'teams.csv');

  const { browser, page, errors } = await open(server.url);
  try {
    await page.setInputFiles('[data-testid="file-input"]', [SETTINGS, ...december, history]);
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 60000 });
    assert.equal(await page.getAttribute('tr[data-file="scorecard-history.json"]', 'data-kind'), 'history');
    const unallocated = every.indicators.find((i) => i.id === 'unallocated_cases');
    // Allocation needs a List 6 as at each month: only December's is given,
    // so June to November come from the history.
    for (const measure of ['unallocated', 'open_cases', 'percent']) {
      const got = await cell(page, 'unallocated_cases', measure, 'previous');
      assert.ok(close(got, unallocated.columns.previous[measure]), `previous ${measure}: ${got}`);
    }
    assert.equal(await cellAttribute(page, 'unallocated_cases', 'unallocated', 'previous', 'data-source'), 'history');
    assert.equal(await cellAttribute(page, 'unallocated_cases', 'unallocated', 'current', 'data-source'), 'extracts');
    const heading = await page.textContent('section.indicator[data-indicator="unallocated_cases"] thead');
    assert.doesNotMatch(heading, /of 6 months/, 'six of six months');
    // Every indicator's previous 6 months as every extract gives them.
    for (const indicator of every.indicators) {
      const got = await cell(page, indicator.id, indicator.headline, 'previous');
      assert.ok(close(got, indicator.columns.previous[indicator.headline]), `${indicator.id} previous: ${got}`);
    }
    // Nothing was corrected: no restatement.
    assert.equal(await page.$('td[data-published]'), null);
    assert.equal(await page.isVisible('[data-testid="marks-legend"]'), true);
    assert.match(await page.textContent('[data-testid="marks-legend"]'), /Published: the figure as signed off/);

    // Last year and the year to date, once the settings say.
    await page.click('button.tab:has-text("Settings")');
    await page.check('[data-testid="show-last-year"]');
    await page.check('[data-testid="show-year-to-date"]');
    await page.click('button.tab:has-text("Scorecard")');
    await page.waitForSelector('section.indicator[data-indicator="re_referrals"] td[data-column="year_to_date"]');
    const referrals = every.indicators.find((i) => i.id === 're_referrals');
    assert.ok(close(await cell(page, 're_referrals', 'percent', 'year_to_date'), referrals.columns.year_to_date.percent));
    assert.ok(close(await cell(page, 're_referrals', 'percent', 'last_year'), referrals.columns.last_year.percent));
    assert.equal(await page.$('section.indicator[data-indicator="cp_plans"] td[data-column="year_to_date"]'), null, 'a snapshot has no year to date');

    // The print keeps the marks and the legend.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('section.indicator[data-indicator="unallocated_cases"] td[data-column="previous"] .mark.published'), true);
    assert.equal(await page.isVisible('[data-testid="marks-legend"]'), true);
    const pdf = path.join(ROOT, 'target', 'history-print.pdf');
    await page.pdf({ path: pdf, format: 'A4' });
    assert.ok(fs.statSync(pdf).size > 10000);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a restated figure shows what was published', async () => {
  // December signed off from the public city, then one CP plan ends in November.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'restated-'));
  const history = path.join(dir, 'scorecard-history.json');
  const files = exampleFiles((name) => name.includes('2017-12-31') || name === 'teams.csv');
  cli(dir, ['--month', '2017-12', '--settings', SETTINGS, '--today', '2018-01-10', '--sign-off', history, ...files]);
  const published = JSON.parse(fs.readFileSync(history, 'utf8')).months['2017-12'].indicators.cp_plans.current.count;
  const corrected = files.map((file) => {
    const target = path.join(dir, path.basename(file));
    let text = fs.readFileSync(file, 'utf8');
    if (path.basename(file).startsWith('list7_cp')) {
      const line = text.split('\n').slice(1).find((l) => {
        const cells = l.split(',');
        if (cells.length < 8 || cells[7] !== '') return false;
        const [d, m, y] = cells[5].split('/').map(Number);
        return y * 10000 + m * 100 + d < 20171101;
      });
      const cells = line.split(',');
      cells[7] = '30/11/2017';
      text = text.replace(line, cells.join(','));
    }
    fs.writeFileSync(target, text);
    return target;
  });
  const { browser, page, errors } = await open(server.url);
  try {
    await page.setInputFiles('[data-testid="file-input"]', [SETTINGS, ...corrected, history]);
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 60000 });
    assert.equal(await cell(page, 'cp_plans', 'count', 'current'), published - 1);
    assert.equal(Number(await cellAttribute(page, 'cp_plans', 'count', 'current', 'data-published')), published);
    const shown = await page.textContent('section.indicator[data-indicator="cp_plans"] td[data-column="current"][data-measure="count"]');
    assert.match(shown, new RegExp(`was ${published.toLocaleString('en-GB')}`));
    assert.match(shown, /restated: published as/);
    assert.match(await page.textContent('[data-testid="restatements"]'), /Children on a child protection plan|child protection/i);
    await page.click('button.tab:has-text("Data quality")');
    assert.match(await page.textContent('section.quality'), /restated/);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
