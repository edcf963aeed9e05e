// The single-file build (issue 8): dist-single/scorecard.html opened from
// file:// as an analyst would by double-clicking it on a network drive, with
// no server. The main flow works (example, files through the input, a
// workbook in the background worker, print to PDF), no request leaves the
// file, and its policy forbids any network use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { open, caseFiles, cell, close } from './harness.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const SINGLE = path.join(ROOT, 'dist-single/scorecard.html');
const URL_OF = pathToFileURL(SINGLE).href;

/** Requests other than the file itself and what it makes in memory. */
const outside = (requests) => requests.filter((u) => !(u.startsWith('file://') || u.startsWith('blob:') || u.startsWith('data:')));

test('the single file is one file with a no-network policy', () => {
  assert.ok(fs.existsSync(SINGLE), 'build it first: scripts/build-single (scripts/test does)');
  const html = fs.readFileSync(SINGLE, 'utf8');
  const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1].replaceAll('&#x27;', "'");
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /connect-src 'none'/);
  assert.doesNotMatch(policy, /script-src[^;]*unsafe-inline/);
  // Nothing refers to another file.
  assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)="(?!data:)/);
  console.log(`# scorecard.html: ${(fs.statSync(SINGLE).size / 1e6).toFixed(1)} MB`);
});

test('opened from file://, the example, files, a workbook and printing all work', async () => {
  const { browser, page, requests, errors } = await open(URL_OF);
  try {
    // The example, generated in the page.
    await page.click('[data-testid="load-example"]');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 30000 });
    assert.equal(await cell(page, 'unallocated_cases', 'open_cases', 'current'), 7546);
    assert.equal(await cell(page, 'cp_plans', 'count', 'current'), 972);
    assert.equal(await cell(page, 'children_in_care', 'count_excl_uasc', 'current'), 1758);

    // Printing: an A4 PDF with the figures.
    await page.waitForSelector('section.indicator[data-indicator="agency_staff"] .charts svg');
    const pdf = path.join(ROOT, 'target/print/single-file.pdf');
    fs.mkdirSync(path.dirname(pdf), { recursive: true });
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    assert.match(execFileSync('pdfinfo', [pdf]).toString(), /\(A4\)/);
    assert.match(text, /December 2017/);
    assert.match(text, /Page 1 of \d+/);

    // The public case through the file input replaces nothing it should not:
    // remove the example by starting again, then choose the case's files.
    await page.reload();
    await page.waitForSelector('[data-testid="file-input"]', { state: 'attached' });
    const { dir, files, settings } = caseFiles('public_city');
    await page.setInputFiles('[data-testid="file-input"]', [settings, ...files]);
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 20000 });
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    for (const indicator of expected.indicators) {
      const want = indicator.columns.current[indicator.headline];
      const got = await cell(page, indicator.id, indicator.headline, 'current');
      assert.ok(close(got, want), `${indicator.id}: expected ${want}, page shows ${got}`);
    }

    // Dropping files on the drop zone.
    await page.reload();
    await page.waitForSelector('[data-testid="file-input"]', { state: 'attached' });
    const dropped = files.filter((f) => f.includes('list7_cp_')).map((f) => ({
      name: path.basename(f), text: fs.readFileSync(f, 'utf8'),
    }));
    await page.evaluate((items) => {
      const dt = new DataTransfer();
      for (const { name, text } of items) dt.items.add(new File([text], name, { type: 'text/csv' }));
      const zone = document.querySelector('.dropzone');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, dropped);
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 20000 });
    assert.equal(await cell(page, 'cp_plans', 'count', 'current'), 5);

    // A workbook goes to the background worker, which here is a blob: URL.
    await page.reload();
    await page.waitForSelector('[data-testid="file-input"]', { state: 'attached' });
    await page.setInputFiles('[data-testid="file-input"]', [path.join(ROOT, 'tests/intake/annex_a_2017-12-31.xlsx')]);
    await page.waitForSelector('tr[data-file="annex_a_2017-12-31.xlsx › List 7"]', { timeout: 30000 });
    assert.equal(await page.getAttribute('tr[data-file="annex_a_2017-12-31.xlsx › List 7"]', 'data-rows'), '2');
    assert.match(await page.textContent('.progress'), /in the background/);
    assert.ok(requests.some((u) => u.startsWith('blob:')), 'the worker started from a blob: URL');

    // Nothing was fetched from anywhere, and the policy stops any attempt.
    assert.deepEqual(outside(requests), []);
    const blocked = await page.evaluate(() => fetch('http://127.0.0.1:9/').then(() => 'sent', () => 'blocked'));
    assert.equal(blocked, 'blocked');
    assert.deepEqual(errors.filter((e) => !/Content Security Policy|127\.0\.0\.1:9/.test(e)), []);
  } finally {
    await browser.close();
  }
});
