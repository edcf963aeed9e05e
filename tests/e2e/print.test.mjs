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

// outputs.md, "Compact print": the example's fourteen indicators, each with
// a commentary of a head of service's length, on at most 5 A4 pages; every
// title, the caveats the reader must be told and the trend's direction and
// judgement in words; no indicator split across pages.
test('the compact print: the example on at most 5 pages, with the caveats and the trend in words', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    await page.click('[data-testid="load-example"]');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 60000 });
    const ids = await page.$$eval('section.indicator', (s) => s.map((e) => e.dataset.indicator));
    assert.equal(ids.length, 14);
    const commentary = 'Performance held steady this month. The service manager has reviewed the cases '
      + 'behind the figure with each team, and the actions agreed at the last meeting are on track; '
      + 'we expect the next two months to confirm the change.';
    for (const id of ids) await page.fill(`#commentary-${id}`, `${commentary} Ref ${id}.`);
    assert.equal(await page.inputValue('[data-testid="print-layout"]'), 'detailed');
    assert.equal(await page.isChecked('[data-testid="print-charts"]'), true);
    await page.selectOption('[data-testid="print-layout"]', 'compact');
    // Charts are off by default in compact.
    assert.equal(await page.isChecked('[data-testid="print-charts"]'), false);
    // The report's details, from the settings editor, head the print.
    await page.click('button.tab:has-text("Settings")');
    await page.fill('label.field:has-text("Subtitle") input', 'Agenda item 4');
    await page.press('label.field:has-text("Subtitle") input', 'Tab');
    await page.fill('label.field:has-text("Author") input', 'Performance and Intelligence Team');
    await page.press('label.field:has-text("Author") input', 'Tab');
    await page.click('button.tab:has-text("Scorecard")');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"] .subtitle');
    const compact = await printToText(page, 'compact');
    assert.ok(compact.pages.length <= 5, `${compact.pages.length} pages`);
    const flat = execFileSync('pdftotext', [compact.file, '-']).toString().replace(/\s+/g, ' ');
    const titles = await page.$$eval('section.indicator h3', (hs) => hs.map((h) => h.textContent.replace(/^\d+\.\) /, '')));
    // Each indicator whole on one page: its numbered heading and its
    // commentary's last words on the same page (a title wraps inside its
    // column, so compare without spaces).
    // In reading order (not -layout, which puts the two columns side by side on one line).
    const ordered = execFileSync('pdftotext', [compact.file, '-']).toString().split('\f');
    const squeezedPages = ordered.map((p) => p.replace(/\s+/g, ''));
    const heads = await page.$$eval('section.indicator', (ss) => ss.map((s) => [s.dataset.indicator, s.querySelector('h3').textContent]));
    for (const [id, head] of heads) {
      // The heading's first words (a long one wraps around its table's header).
      const start = head.replace(/\s+/g, '').slice(0, 18);
      const on = squeezedPages.filter((p) => p.includes(`Ref${id}.`));
      assert.equal(on.length, 1, `${id}: its commentary on ${on.length} pages`);
      assert.ok(on[0].includes(start), `${id}: its commentary ends on the page its heading "${head}" is on`);
    }
    assert.equal(titles.length, 14);
    const readingOrder = ordered.join(' ').replace(/\s+/g, ' ');
    const commentaries = readingOrder.split('we expect the next two months to confirm the change').length - 1;
    assert.equal(commentaries, 14, 'every commentary printed whole');
    assert.match(flat, /Performance scorecard Example City \(synthetic\) children's services · December 2017 Agenda item 4 Prepared by Performance and Intelligence Team/);
    // The caveats: benchmark year, population year, data as at.
    assert.match(flat, /National average \(\d{4}-\d{2}\)/);
    assert.match(flat, /Rates per 10,000 children use Mid-2016 population estimates/);
    assert.match(flat, /Data as at 31\/12\/2017 \(List 3/);
    // The trend: direction and judgement apart, never an arrow against the figure.
    assert.match(flat, /(up|down) · (improving|worsening)/);
    assert.doesNotMatch(flat, /▲ Improving|▼ Worsening/);
    // Charts off: no chart SVG printed; on again when asked.
    assert.equal(await page.isVisible('section.indicator .charts'), true, 'the screen keeps its charts');
    execFileSync('pdftoppm', ['-png', '-r', '60', compact.file, path.join(OUT, 'compact')]);
    await page.check('[data-testid="print-charts"]');
    const withCharts = await printToText(page, 'compact-charts');
    assert.ok(withCharts.pages.length > compact.pages.length, 'charts take room');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('in print, every table has the same column widths and no month heading wraps', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    await loadCase(page);
    for (const layout of ['detailed', 'compact']) {
      await page.selectOption('[data-testid="print-layout"]', layout);
      await page.emulateMedia({ media: 'print' });
      const tables = await page.$$eval('table.figures', (ts) => ts.map((t) => {
        const cells = [...t.tHead.rows[0].cells].map((c) => Math.round(c.getBoundingClientRect().width));
        return { columns: cells.length, rowNames: cells[0], values: cells.slice(1) };
      }));
      assert.ok(tables.length >= 14, `${tables.length} tables`);
      // One width for the row names everywhere; one for a figure in tables
      // of the same number of columns.
      assert.equal(new Set(tables.map((t) => t.rowNames)).size, 1, `${layout}: row-name widths ${tables.map((t) => t.rowNames)}`);
      const byColumns = new Map();
      for (const t of tables) {
        for (const w of t.values) {
          const widths = byColumns.get(t.columns) ?? new Set();
          // Within a pixel (sub-pixel rounding).
          if (![...widths].some((x) => Math.abs(x - w) <= 1)) widths.add(w);
          byColumns.set(t.columns, widths);
        }
      }
      for (const [columns, widths] of byColumns) {
        assert.equal(widths.size, 1, `${layout}: tables of ${columns} columns have figure widths ${[...widths]}`);
      }
      // "Dec-17" and the months of "Jun-17 – Nov-17" each on one line.
      const wrapped = await page.$$eval('table.figures thead .month-label', (ls) => ls.filter((l) => l.getClientRects().length !== 1).map((l) => l.textContent));
      assert.deepEqual(wrapped, [], `${layout}: month headings wrapped`);
      assert.ok(await page.$$eval('table.figures thead .month-label', (ls) => ls.length) >= 14);
      await page.emulateMedia({ media: 'screen' });
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
