// Printing the scorecard to PDF as a head of service would receive it:
// A4, every indicator present, the protective marking on every page, page
// numbers, nothing from the controls, the same text each time, and the
// publishable option suppressing small numbers in print only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, open, caseFiles, cell } from './harness.mjs';

const OUT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../target/print');
let server;
before(async () => { server = await serve(); fs.mkdirSync(OUT, { recursive: true }); });
after(async () => { await server.close(); });

async function printToText(page, name) {
  const file = path.join(OUT, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  return { file, text, pages: text.split('\f').filter((p) => p.trim() !== '') };
}

async function loadCase(page) {
  const { files, settings } = caseFiles('public_city');
  await page.setInputFiles('[data-testid="file-input"]', [settings, ...files]);
  await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 20000 });
  await page.waitForSelector('section.indicator[data-indicator="agency_staff"] .charts svg');
}

test('the print is an A4 document with every indicator, marking and page numbers', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    await loadCase(page);
    const expected = JSON.parse(fs.readFileSync(path.join(caseFiles('public_city').dir, 'expected.json'), 'utf8'));
    const first = await printToText(page, 'scorecard');
    const pages = first.pages;
    assert.ok(pages.length >= 6 && pages.length <= 20, `${pages.length} pages`);
    const info = execFileSync('pdfinfo', [first.file]).toString();
    assert.match(info, /Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    const flat = first.text.replace(/\s+/g, ' ');
    for (const indicator of expected.indicators) {
      assert.ok(flat.includes(indicator.title), `missing title: ${indicator.title}`);
    }
    assert.ok(flat.includes('Public Example City (synthetic)'));
    assert.ok(flat.includes('December 2017'));
    assert.ok(flat.includes('About these figures'));
    pages.forEach((text, i) => {
      const markings = text.match(/OFFICIAL/g) || [];
      assert.ok(markings.length >= 2, `page ${i + 1}: marking at top and bottom`);
      assert.match(text, new RegExp(`Page ${i + 1} of ${pages.length}`), `page ${i + 1} number`);
    });
    for (const control of ['Choose files', 'Load example', 'Export CSV', 'Remove', 'Start again from the draft', 'Download', 'Landscape']) {
      assert.ok(!flat.includes(control), `control text printed: ${control}`);
    }
    // Printing again gives the same text (the print date is the only date).
    const second = await printToText(page, 'scorecard-again');
    assert.equal(second.text, first.text);
    // Two pages as pictures for reviewers (docs/), and to look at.
    for (const n of [1, 2]) {
      execFileSync('pdftoppm', ['-png', '-r', '70', '-f', String(n), '-l', String(n), '-singlefile', first.file, path.join(OUT, `page-${n}`)]);
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('landscape and the publishable print', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    await loadCase(page);
    await page.check('label.print-option:has-text("Landscape") input');
    const landscape = await printToText(page, 'landscape');
    assert.match(execFileSync('pdfinfo', [landscape.file]).toString(), /Page size:\s+84[12]\.\d+ x 59[45]\.\d+ pts/);
    // Suppress counts under 5: CP plans' EAST count (1) prints as <5; the screen keeps 1.
    await page.click('button.tab:has-text("Settings")');
    await page.fill('label.field:has-text("Publishable print") input', '5');
    await page.press('label.field:has-text("Publishable print") input', 'Tab');
    await page.click('button.tab:has-text("Scorecard")');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]');
    await page.check('label.print-option:has-text("Publishable") input');
    assert.equal(await cell(page, 'cp_plans', 'count', 'area:EAST'), 1);
    assert.equal((await page.textContent('section.indicator[data-indicator="cp_plans"] td[data-measure="count"][data-column="area:EAST"]')).includes('1'), true);
    const published = await printToText(page, 'publishable');
    const cpPage = published.pages.find((p) => p.includes('Children with a child protection plan at month end') && p.includes('No. of children on a CP plan'));
    const row = cpPage.split('\n').find((l) => l.includes('No. of children on a CP plan'));
    assert.match(row, /<5/, row);
    assert.doesNotMatch(row, /\s1\s/, row);
    assert.ok(published.text.includes('are shown as <5'), 'footnote on the convention');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
