// Papers for a committee from the page (outputs.md; issue 16): the Excel
// workbook and the Word document download, made by the background reader,
// and open as the files they claim to be; Word carries the page's charts;
// the commentary pack goes out with the boxes' commentary and, edited and
// dropped back, replaces those commentaries and says which changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, open, caseFiles } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

/** Clicks and gives the downloaded file's name and path. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click(selector)]);
  return { name: file.suggestedFilename(), path: await file.path() };
}

/** A zip's entry names, and one entry's bytes (Python's zipfile: no unzip needed). */
const entries = (zip) => execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', zip])
  .toString().trim().split('\n');
const entryBytes = (zip, name) => execFileSync('python3', ['-c', 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))', zip, name], { maxBuffer: 1 << 26 });
const entry = (zip, name) => entryBytes(zip, name).toString();

test('Excel and Word download before any print, with the figures, the charts and the marking', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    // Nothing to make a paper of yet.
    assert.equal(await page.isDisabled('[data-testid="export-xlsx"]'), true);
    assert.equal(await page.isDisabled('[data-testid="export-docx"]'), true);
    const { files, settings } = caseFiles('public_city');
    await page.setInputFiles('[data-testid="file-input"]', [settings, ...files]);
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 30000 });
    await page.fill('#commentary-cp_plans', 'Plans steady; two families moved in.');

    const word = await download(page, '[data-testid="export-docx"]');
    assert.equal(word.name, 'scorecard-2017-12.docx');
    const document = entry(word.path, 'word/document.xml');
    assert.equal((document.match(/<w:tbl>/g) || []).length, 15, 'the summary and fourteen indicator tables');
    assert.ok(document.includes('Plans steady; two families moved in.'), 'the commentary typed on the page');
    // The page's charts, drawn as PNG: a series chart for every indicator
    // with its figures, and area bars where it has areas.
    const media = entries(word.path).filter((n) => n.startsWith('word/media/') && !n.endsWith('/'));
    assert.ok(media.length >= 14, `${media.length} charts`);
    const png = entryBytes(word.path, media[0]);
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    const headers = entries(word.path).filter((n) => /^word\/(header|footer)\d*\.xml$/.test(n));
    for (const part of headers) assert.ok(entry(word.path, part).includes('OFFICIAL'), `${part} carries the marking`);

    const excel = await download(page, '[data-testid="export-xlsx"]');
    assert.equal(excel.name, 'scorecard-2017-12.xlsx');
    const workbook = entry(excel.path, 'xl/workbook.xml');
    for (const sheet of ['Scorecard', 'Series', 'About', 'Data quality']) {
      assert.ok(workbook.includes(`name="${sheet}"`), `sheet ${sheet}`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('the commentary pack goes out and, edited, comes back into the boxes', async () => {
  const { browser, page, errors } = await open(server.url);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-'));
  try {
    const { files, settings } = caseFiles('public_city');
    await page.setInputFiles('[data-testid="file-input"]', [settings, ...files]);
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 30000 });
    await page.fill('#commentary-cp_plans', 'Draft for the head of service.');
    const pack = await download(page, '[data-testid="export-commentary"]');
    assert.equal(pack.name, 'scorecard-commentary-2017-12.csv');
    const lines = fs.readFileSync(pack.path, 'utf8').trim().split('\n');
    assert.match(lines[0], /^Indicator,Month,Commentary,/);
    const cpRow = lines.find((l) => l.startsWith('cp_plans,2017-12,'));
    assert.ok(cpRow.includes('Draft for the head of service.'), cpRow);
    // The head of service rewrites two commentaries and sends it back.
    const edited = lines.map((line) => {
      if (line.startsWith('cp_plans,2017-12,')) return line.replace('Draft for the head of service.', 'Plans fell after the review of long plans.');
      if (line.startsWith('re_referrals,2017-12,')) {
        const [id, month, , ...rest] = line.split(',');
        return [id, month, '"Re-referrals are within target, we are watching one team."', ...rest].join(',');
      }
      return line;
    });
    const back = path.join(dir, 'commentary back from heads of service.csv');
    fs.writeFileSync(back, `${edited.join('\n')}\n`);
    await page.setInputFiles('[data-testid="file-input"]', [back]);
    await page.waitForFunction(() => document.querySelector('#commentary-cp_plans')?.value === 'Plans fell after the review of long plans.', null, { timeout: 30000 });
    assert.equal(await page.inputValue('#commentary-re_referrals'), 'Re-referrals are within target, we are watching one team.');
    const notice = await page.textContent('.progress');
    assert.match(notice, /2 commentaries replaced/);
    assert.match(notice, /5\. Children with a child protection plan/);
    assert.equal(await page.getAttribute('tr[data-file="commentary back from heads of service.csv"]', 'data-kind'), 'commentary');
    // Kept like typed text: a reload of the page shows them again.
    await page.reload();
    await page.setInputFiles('[data-testid="file-input"]', [settings, ...files]);
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 30000 });
    assert.equal(await page.inputValue('#commentary-cp_plans'), 'Plans fell after the review of long plans.');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
