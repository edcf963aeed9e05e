// Real Annex A exports as a new user tries them (issue 13): a workbook in
// the Ofsted template's layout through the real file input, its sheets
// grouped under it with one as-at date; a file with no as-at date and an
// extract a few days late flagged at the top with the control that fixes
// each; several files dated at once. Figures are read by their data-*
// attributes and compared with the independently worked expected output
// (tests/golden, by tools/reference) or with the CLI given the same edit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, open, caseFiles, cell, cli, checkAgainst, openFiles } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

const WORKBOOK = 'Annex_A_extract.xlsx';
const SHEETS = ['List 1', 'List 2', 'List 3', 'List 4', 'List 5', 'List 6', 'List 7', 'List 8', 'List 9', 'List 10', 'List 11'];
const KINDS = ['list1_contacts', 'list2_early_help', 'list3_referrals', 'list4_assessments', 'list5_s47', 'list6_cin',
  'list7_cp', 'list8_cla', 'list9_care_leavers', 'list10_adoption', 'list11_adopters'];

/** The case's settings document (when it has one) and its files. */
const withSettings = (settings, files) => (settings ? [settings, ...files] : files);

const cliSettings = (settings) => (settings ? ['--settings', settings] : []);

/** The case's file names, as the CLI takes them in the case's folder. */
const names = (files) => files.map((f) => path.basename(f));

/** Waits until `read()` gives `want` (the page recomputes after an edit). */
async function until(page, read, want, what) {
  let got;
  for (let tries = 0; tries < 200; tries += 1) {
    got = await read();
    if (got === want) return;
    await page.waitForTimeout(50);
  }
  assert.equal(got, want, what);
}

test('an Annex A workbook: every sheet recognised, one as-at date, a full scorecard; its date set once', async () => {
  const { browser, page, requests, errors } = await open(server.url);
  try {
    const { dir, files, settings } = caseFiles('annex_a_workbook');
    await page.setInputFiles('[data-testid="file-input"]', [settings, ...files]);
    // The month the workbook covers is the default: no month chosen.
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    assert.equal(expected.month, '2018-01');
    const checked = await checkAgainst(page, expected);
    assert.ok(checked > 150, `checked ${checked} figures`);
    // The workbook is one entry with its eleven sheets under it, each
    // recognised and as at the workbook's latest date. (Fifteen files and
    // nothing wrong: the intake folds away behind the files bar.)
    await openFiles(page);
    const workbook = `tr[data-workbook="${WORKBOOK}"]`;
    assert.equal(await page.inputValue(`${workbook} [data-testid="workbook-as-at"]`), '2018-01-31');
    assert.match(await page.textContent(workbook), /latest date in the workbook/);
    for (const [i, sheet] of SHEETS.entries()) {
      const row = `tbody[data-input="${WORKBOOK}"] tr[data-file="${WORKBOOK} › ${sheet}"]`;
      assert.equal(await page.getAttribute(row, 'data-kind'), KINDS[i], sheet);
      assert.equal(await page.getAttribute(row, 'data-as-at'), '2018-01-31', sheet);
    }
    // Nothing needs the analyst.
    assert.equal(await page.isVisible('[data-testid="attention"]'), false);
    await page.screenshot({ path: path.join(dir, '../../../target/page-annex-a-workbook.png'), fullPage: true });

    // The workbook's as-at date set once: every sheet takes it, and the
    // figures are the CLI's with `--as-at Annex_A_extract.xlsx=2018-02-28`.
    await page.fill(`${workbook} [data-testid="workbook-as-at"]`, '2018-02-28');
    await page.dispatchEvent(`${workbook} [data-testid="workbook-as-at"]`, 'change');
    for (const sheet of SHEETS) {
      await until(page, () => page.getAttribute(`tr[data-file="${WORKBOOK} › ${sheet}"]`, 'data-as-at'), '2018-02-28', sheet);
    }
    assert.match(await page.textContent(workbook), /set by you/);
    await page.selectOption('[data-testid="month"]', '2018-02');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2018-02"]');
    const want = cli(dir, ['--today', '2026-11-26', '--month', '2018-02', '--settings', settings,
      '--as-at', `${WORKBOOK}=2018-02-28`, ...names(files)]);
    await checkAgainst(page, want);
    assert.equal(await cell(page, 'unallocated_cases', 'unallocated', 'current'),
      want.indicators.find((i) => i.id === 'unallocated_cases').columns.current.unallocated);
    assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), [], 'no request outside the page');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('a file with no as-at date is flagged at the top, the list opens, and once dated it counts', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    const { dir, files, settings } = caseFiles('list9_births_only');
    await page.setInputFiles('[data-testid="file-input"]', withSettings(settings, files));
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    await checkAgainst(page, expected);
    // The List 9 holding births only is flagged, with its own date box.
    const item = '[data-testid="attention"] li[data-reason="unknown"][data-attention="care_leavers_extract.csv"]';
    await page.waitForSelector(item);
    assert.match(await page.textContent(item), /no as-at date/);
    assert.equal(await page.getAttribute('[data-testid="file-list"]', 'open'), '', 'the file list opened by itself');
    assert.equal(await page.getAttribute('tr[data-file="care_leavers_extract.csv"]', 'data-as-at'), '');
    // Dated from the flag: it now counts, as the CLI counts it with --as-at.
    // (Playwright's fill of a date box fires its change event; the flag
    // then goes at once, so no second change is sent to a box now gone.)
    await page.fill(`${item} input[type=date]`, '2018-01-31');
    await page.waitForSelector(item, { state: 'detached' });
    await until(page, () => page.getAttribute('tr[data-file="care_leavers_extract.csv"]', 'data-as-at'), '2018-01-31', 'dated');
    const want = cli(dir, ['--today', '2026-11-26', '--month', '2018-01', ...cliSettings(settings),
      '--as-at', 'care_leavers_extract.csv=2018-01-31', ...names(files)]);
    const eet = want.indicators.find((i) => i.id === 'care_leavers_eet').columns.current.percent;
    assert.notEqual(eet, expected.indicators.find((i) => i.id === 'care_leavers_eet').columns.current.percent);
    await until(page, () => cell(page, 'care_leavers_eet', 'percent', 'current'), eet, 'EET once dated');
    await checkAgainst(page, want);
    assert.equal(await page.isVisible('[data-testid="attention"]'), false);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('an extract a few days late is flagged with the setting, and allowing it gives the month', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    const { dir, files, settings } = caseFiles('grace_days_default');
    await page.setInputFiles('[data-testid="file-input"]', withSettings(settings, files));
    await page.waitForSelector('[data-testid="scorecard"][data-month="2018-01"]', { timeout: 20000 });
    await page.selectOption('[data-testid="month"]', '2017-12');
    await checkAgainst(page, JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')));
    const item = '[data-testid="attention"] li[data-reason="late"][data-attention="list6_cin_2018-01-09.csv"]';
    await page.waitForSelector(item);
    assert.match(await page.textContent(item), /9 days after Dec-17 ends; allocation needs an extract within 7 days: change `as_at_grace_days`/);
    assert.equal(await cell(page, 'unallocated_cases', 'unallocated', 'current'), null);
    await page.click(`${item} [data-testid="allow-grace"]`);
    await page.waitForSelector(item, { state: 'detached' });
    // The CLI with `as_at_grace_days: 9` in the settings.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'grace-'));
    const edited = { ...(settings ? JSON.parse(fs.readFileSync(settings, 'utf8')) : { version: 1 }), as_at_grace_days: 9 };
    fs.writeFileSync(path.join(tmp, 'settings.json'), JSON.stringify(edited));
    const want = cli(dir, ['--today', '2026-11-26', '--month', '2017-12', '--settings', path.join(tmp, 'settings.json'), ...names(files)]);
    const unallocated = want.indicators.find((i) => i.id === 'unallocated_cases').columns.current.unallocated;
    assert.ok(unallocated > 0);
    await until(page, () => cell(page, 'unallocated_cases', 'unallocated', 'current'), unallocated, 'unallocated once allowed');
    await checkAgainst(page, want);
    await page.click('button.tab:has-text("Settings")');
    assert.equal(await page.getByLabel(/^As-at grace/).inputValue(), '9');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('several files are given one as-at date at once', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    const { dir, files, settings } = caseFiles('list9_births_only');
    await page.setInputFiles('[data-testid="file-input"]', withSettings(settings, files));
    await page.waitForSelector('[data-testid="scorecard"]', { timeout: 20000 });
    await page.check('input[aria-label="Select care_leavers_extract.csv"]');
    await page.check('input[aria-label="Select list6_cin_extract.csv"]');
    await page.fill('[data-testid="bulk-as-at-date"]', '2018-01-31');
    await page.dispatchEvent('[data-testid="bulk-as-at-date"]', 'change');
    await page.click('[data-testid="bulk-as-at-apply"]');
    for (const name of ['care_leavers_extract.csv', 'list6_cin_extract.csv']) {
      await until(page, () => page.getAttribute(`tr[data-file="${name}"]`, 'data-as-at'), '2018-01-31', name);
      assert.match(await page.textContent(`tr[data-file="${name}"]`), /set by you/);
    }
    // The file dated by its name keeps its own.
    assert.match(await page.textContent('tr[data-file="list9_care_leavers_2018-01-31.csv"]'), /from the file name/);
    await page.selectOption('[data-testid="month"]', '2018-01');
    await checkAgainst(page, cli(dir, ['--today', '2026-11-26', '--month', '2018-01', ...cliSettings(settings),
      '--as-at', 'care_leavers_extract.csv=2018-01-31', '--as-at', 'list6_cin_extract.csv=2018-01-31', ...names(files)]));
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
