// A page that reads like a finished product (issue 17), the first checks:
// nothing acts on nothing (exports, print and the month wait for a
// scorecard, and say why), and the page's words are a person's: real
// plurals, never "(s)", and every number of four or more digits grouped
// with a thousands separator, on every view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, open, openFiles } from './harness.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

const ACTIONS = ['export-csv', 'export-json', 'export-xlsx', 'export-docx', 'export-commentary', 'print'];

test('exports, print and the month wait for a scorecard, and say why', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    for (const id of ACTIONS) {
      assert.equal(await page.isDisabled(`[data-testid="${id}"]`), true, `${id} disabled before data`);
      const why = await page.getAttribute(`[data-testid="${id}"]`, 'aria-describedby');
      assert.match(await page.textContent(`#${why}`), /once a scorecard shows/);
    }
    assert.equal(await page.isDisabled('[data-testid="month"]'), true);
    assert.match(await page.textContent('[data-testid="month"]'), /None yet/);
    await page.click('[data-testid="load-example"]');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 60000 });
    for (const id of ACTIONS) {
      assert.equal(await page.isDisabled(`[data-testid="${id}"]`), false, `${id} enabled with a scorecard`);
      assert.equal(await page.getAttribute(`[data-testid="${id}"]`, 'aria-describedby'), null);
    }
    assert.equal(await page.isDisabled('[data-testid="month"]'), false);
    assert.equal(await page.isHidden('#exports-why'), true);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

// Integers of four or more digits that may stand alone: years (and the
// month and date forms around them) and the example's ids, whose letters
// keep them from matching anyway.
const allowed = (match, text, at) => {
  const year = /^(19|20)\d\d$/.test(match);
  const before = text.slice(Math.max(0, at - 1), at);
  const after = text.slice(at + match.length, at + match.length + 1);
  // Parts of a dd/mm/yyyy date or yyyy-mm month are years by the test above;
  // a decimal's fractional digits follow a point.
  // Digits glued to letters are part of a name (`windows1252_…csv`).
  // So are a code page's digits after its name (`Windows-1252`).
  const inName = /[A-Za-z_]/.test(before) || /[A-Za-z]-$/.test(text.slice(Math.max(0, at - 2), at));
  return year || inName || before === '.' || (before === '/' && year) || after === '-';
};

test('no "(s)" and no ungrouped number on any view of a loaded scorecard', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    await page.click('[data-testid="load-example"]');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 60000 });
    // With the awkward-file corpus added, so Data quality has thousands of
    // problems and messages about rows to word; the file list open, as an
    // analyst checks it.
    const awkward = path.join(ROOT, 'tests/intake');
    const corpus = fs.readdirSync(awkward).filter((f) => f !== 'README.md').map((f) => path.join(awkward, f));
    await page.setInputFiles('[data-testid="file-input"]', corpus);
    await page.waitForFunction((n) => document.querySelector('[data-testid="files-toggle"]')?.textContent.trim() === `Files (${n})`, 25 + corpus.length, { timeout: 60000 });
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]');
    await openFiles(page);
    for (const tab of ['Scorecard', 'Data quality', 'Settings', 'Help']) {
      await page.click(`button.tab:has-text("${tab}")`);
      await page.waitForTimeout(300);
      const text = await page.evaluate(() => document.body.innerText);
      assert.ok(!text.includes('(s)'), `${tab}: "(s)" in ${text.slice(text.indexOf('(s)') - 60, text.indexOf('(s)') + 10)}`);
      const ungrouped = [...text.matchAll(/(?<![\d,])\d{4,}(?![\d,])/g)]
        .filter((m) => !allowed(m[0], text, m.index))
        .map((m) => text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 10).replace(/\s+/g, ' '));
      assert.deepEqual(ungrouped, [], `${tab}: numbers without a thousands separator`);
      if (tab === 'Data quality') {
        const problems = Number(await page.getAttribute('[data-testid="problems"]', 'data-value'));
        assert.ok(problems >= 1000, `${problems} problems`);
        assert.match(text, new RegExp(`Data quality: ${problems.toLocaleString('en-GB')} problems`));
        assert.doesNotMatch(text, /\(1 rows\)|\b1 rows\b/);
      }
      if (tab === 'Scorecard') {
        // The scan reads the figures: children in care, 1,758, grouped; the
        // drill-down's count of records too.
        assert.match(text, /\b1,758\b/);
        assert.match(text, /The [\d,]+ records behind these figures/);
      }
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

// The views are a tablist (WAI-ARIA; GOV.UK Design System): roles, the
// chosen tab selected and the only one in the Tab order, the panel
// labelled by it, arrows (wrapping), Home and End moving the choice.
test('the views are a proper tablist with arrow-key navigation', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    const tabs = await page.$$eval('[role="tablist"] [role="tab"]', (ts) => ts.map((t) => ({
      label: t.textContent.trim(), selected: t.getAttribute('aria-selected'), tabindex: t.getAttribute('tabindex'),
      controls: t.getAttribute('aria-controls'), id: t.id,
    })));
    assert.deepEqual(tabs.map((t) => t.label), ['Scorecard', 'Data quality', 'Settings', 'Help']);
    assert.deepEqual(tabs.map((t) => t.selected), ['true', 'false', 'false', 'false']);
    assert.deepEqual(tabs.map((t) => t.tabindex), ['0', '-1', '-1', '-1']);
    assert.ok(tabs.every((t) => t.controls === 'view-panel'));
    assert.equal(await page.getAttribute('[role="tabpanel"]#view-panel', 'aria-labelledby'), 'tab-scorecard');
    // No action lives in the tablist.
    assert.equal(await page.$$eval('[role="tablist"] > :not([role="tab"])', (n) => n.length), 0);
    const active = () => page.evaluate(() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute('aria-selected')]);
    await page.focus('#tab-scorecard');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await active(), ['Data quality', 'true']);
    assert.equal(await page.getAttribute('#view-panel', 'aria-labelledby'), 'tab-data-quality');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.deepEqual(await active(), ['Help', 'true'], 'Left from the first wraps to the last');
    await page.waitForSelector('[data-testid="help"]');
    await page.keyboard.press('Home');
    assert.deepEqual(await active(), ['Scorecard', 'true']);
    await page.keyboard.press('End');
    assert.deepEqual(await active(), ['Help', 'true']);
    assert.deepEqual(await page.$$eval('[role="tab"]', (ts) => ts.map((t) => t.getAttribute('tabindex'))), ['-1', '-1', '-1', '0']);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('once a scorecard shows, the intake folds to a "Files (25) · add more" bar that opens the file list', async () => {
  const { browser, page, errors } = await open(server.url, { width: 1280, height: 800 });
  try {
    // Nothing read: the drop zone, no bar.
    assert.equal(await page.isVisible('.dropzone'), true);
    assert.equal(await page.$('[data-testid="files-bar"]'), null);
    await page.click('[data-testid="load-example"]');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 60000 });
    const toggle = '[data-testid="files-toggle"]';
    await page.waitForSelector(toggle);
    assert.equal((await page.textContent(toggle)).trim(), 'Files (25)');
    assert.equal(await page.getAttribute(toggle, 'aria-expanded'), 'false');
    assert.equal(await page.isVisible('.dropzone'), false, 'the drop zone folded away');
    assert.equal(await page.isVisible('[data-testid="file-list"]'), false);
    assert.match(await page.textContent('[data-testid="files-bar"]'), /Every indicator has the files it needs/);
    // The tabs and the first summary cards are in view at 1280×800.
    const tabs = await page.$eval('[role="tablist"]', (t) => t.getBoundingClientRect().bottom);
    assert.ok(tabs < 400, `tabs end at ${tabs}px`);
    const card = await page.$eval('.summary-item', (c) => c.getBoundingClientRect().top);
    assert.ok(card < 800, `first card at ${card}px`);
    // "Files (25)" opens the drop zone and the file list, open, and closes them.
    await page.click(toggle);
    assert.equal(await page.getAttribute(toggle, 'aria-expanded'), 'true');
    assert.equal(await page.isVisible('.dropzone'), true);
    assert.equal(await page.isVisible('[data-testid="file-list"][open] tr[data-file="list7_cp_2017-12-31.csv"]'), true);
    await page.click(toggle);
    assert.equal(await page.isVisible('[data-testid="file-list"]'), false);
    // "add more" opens the file chooser at once; what is chosen is added.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid="add-more"]')]);
    await chooser.setFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('just,a\nnote,here\n') });
    await page.waitForFunction(() => document.querySelector('[data-testid="files-toggle"]')?.textContent.trim() === 'Files (26)');
    // A file dropped on the bar is taken too.
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['more,notes\n1,2\n'], 'more notes.csv', { type: 'text/csv' }));
      const bar = document.querySelector('[data-testid="files-bar"]');
      bar.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      bar.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelector('[data-testid="files-toggle"]')?.textContent.trim() === 'Files (27)');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
