// Accessibility (WCAG 2.2 AA, issue 8): axe-core finds nothing on each
// view; everything works by keyboard with a visible focus; the page reflows
// at 320 CSS px and at 200% zoom with no sideways scrolling of the page
// (wide data tables scroll inside their own region); charts point to their
// table; ratings carry a word, never colour alone; the accessibility
// statement is reachable from the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serve, open, caseFiles } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SHOTS = process.env.A11Y_SHOTS || '/tmp';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

/** Runs axe on the page as it is now; fails listing every violation. The
 * page's CSP allows no injected <script>, so axe goes in by evaluation. */
async function assertNoViolations(page, where) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
      count: v.nodes.length,
    }));
  }, TAGS);
  assert.deepEqual(violations, [], `axe on ${where}:\n${JSON.stringify(violations, null, 2)}`);
}

async function loadCase(page, name = 'public_city') {
  const { files, settings } = caseFiles(name);
  await page.setInputFiles('[data-testid="file-input"]', [settings, ...files]);
  await page.waitForSelector('[data-testid="scorecard"][data-month]', { timeout: 20000 });
  await page.waitForSelector('section.indicator .charts svg', { timeout: 20000 });
}

/** Presses Tab until the focused element matches `selector` (and has the
 * text `text`, when given): proves it is reachable by keyboard, in the
 * page's own tab order. */
async function tabTo(page, selector, text = null, max = 1000) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const reached = await page.evaluate(([s, t]) => {
      const el = document.activeElement;
      return (el?.matches(s) ?? false) && (t === null || el.textContent.trim() === t);
    }, [selector, text]);
    if (reached) return;
  }
  assert.fail(`${selector} ${text ?? ''} not reached by Tab in ${max} presses`);
}

/** The focused element (or, for the visually hidden file inputs, the label
 * drawn as their button) shows a solid outline at least 2 px wide. */
async function assertFocusVisible(page, what) {
  const style = await page.evaluate(() => {
    let el = document.activeElement;
    if (el.classList.contains('visually-hidden') && el.labels?.length) el = el.labels[0];
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), tag: el.tagName };
  });
  assert.ok(style.style !== 'none' && style.width >= 2, `${what}: focus outline ${JSON.stringify(style)}`);
}

/** The page itself never scrolls sideways at this width. */
async function assertNoSidewaysScroll(page, width, where) {
  const { scroll, wide } = await page.evaluate((w) => ({
    scroll: document.documentElement.scrollWidth,
    // Anything sticking out of the viewport, other than a table's cells
    // that scroll inside their region (absolutely placed ones escape it).
    wide: [...document.querySelectorAll('body *')]
      .filter((el) => {
        if (el.getBoundingClientRect().right <= w + 0.5 || el.getClientRects().length === 0) return false;
        const wrap = el.parentElement.closest('.table-wrap');
        return !wrap || (getComputedStyle(el).position === 'absolute' && getComputedStyle(wrap).position === 'static');
      })
      .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
  }), width);
  assert.ok(scroll <= width, `${where}: page is ${scroll} px wide at ${width} px; sticking out: ${wide.join(', ')}`);
  assert.deepEqual(wide, [], `${where}: cut off at ${width} px`);
}

test('axe finds no WCAG 2.2 AA violation on the empty page, the scorecard, data quality, settings and the statement', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    await assertNoViolations(page, 'the empty page');
    await loadCase(page, 'messy_inputs');
    // With a drill-down open, so its table is checked too.
    await page.click('section.indicator details.drill > summary');
    await page.waitForSelector('section.indicator details.drill[open] table');
    await assertNoViolations(page, 'the loaded scorecard');
    await page.click('button.tab:has-text("Data quality")');
    await page.waitForSelector('.quality-table');
    await assertNoViolations(page, 'the data-quality view');
    await page.click('button.tab:has-text("Settings")');
    await page.waitForSelector('section.settings');
    await assertNoViolations(page, 'the settings view');
    await page.click('footer button:has-text("Accessibility")');
    await page.waitForSelector('#accessibility-statement');
    await assertNoViolations(page, 'the accessibility statement');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('axe finds nothing on the file list with a workbook, ticked files and the files that need you', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    const workbook = caseFiles('annex_a_workbook');
    const late = caseFiles('grace_days_default');
    const undated = caseFiles('list9_births_only').files.filter((f) => f.endsWith('care_leavers_extract.csv'));
    await page.setInputFiles('[data-testid="file-input"]', [...workbook.files, ...late.files, ...undated]);
    await page.waitForSelector('[data-testid="scorecard"][data-month]', { timeout: 20000 });
    await page.selectOption('[data-testid="month"]', '2017-12');
    await page.waitForSelector('[data-testid="attention"] li[data-reason="late"]', { timeout: 20000 });
    await page.waitForSelector('[data-testid="attention"] li[data-reason="unknown"]');
    // Files that need the analyst keep the intake open, the list open in it.
    await page.waitForSelector('[data-testid="file-list"][open] tr.workbook-row');
    assert.equal(await page.getAttribute('[data-testid="files-toggle"]', 'aria-expanded'), 'true');
    await page.check('input[aria-label="Select care_leavers_extract.csv"]');
    await page.waitForSelector('[data-testid="bulk-as-at"]');
    await page.screenshot({ path: path.join(SHOTS, 'a11y-attention.png') });
    await assertNoViolations(page, 'the file list and the files that need you');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('tables have captions and headers; charts name their table; ratings are words', async () => {
  const { browser, page } = await open(server.url);
  try {
    await loadCase(page);
    const tables = await page.$$eval('table', (ts) => ts.map((t) => ({
      caption: t.caption?.textContent.trim() ?? '', headers: t.querySelectorAll('th').length,
    })));
    assert.ok(tables.length > 14);
    for (const t of tables) assert.ok(t.caption !== '' && t.headers > 0, JSON.stringify(t));
    // Each chart is an image with a text alternative, and its figure says the table has the figures.
    const figures = await page.$$eval('.charts figure', (fs) => fs.map((f) => ({
      svg: f.querySelector('svg')?.getAttribute('role'), alt: f.querySelector('svg')?.getAttribute('aria-label'),
      caption: f.querySelector('figcaption')?.textContent ?? '',
    })));
    assert.ok(figures.length >= 14);
    for (const f of figures) {
      assert.equal(f.svg, 'img');
      assert.ok(f.alt, 'chart has a text alternative');
      assert.match(f.caption, /table/i, 'the figure points to its table');
    }
    // Every rating shows its word (colour is never the only signal).
    const ratings = await page.$$eval('[data-rating]', (els) => els.map((e) => [e.dataset.rating, e.textContent.trim()]));
    const words = { green: /green|on target|good/i, amber: /amber|near/i, red: /red|off target|below/i, none: /.+/ };
    for (const [rating, text] of ratings) {
      assert.ok(text !== '', `rating ${rating} shows a word`);
      assert.match(text, words[rating], `rating ${rating} reads "${text}"`);
    }
  } finally {
    await browser.close();
  }
});

test('everything works by keyboard alone, with a visible focus', async () => {
  const { browser, page, errors } = await open(server.url);
  try {
    // Choose files: Tab to it, Enter opens the file chooser.
    await tabTo(page, '[data-testid="file-input"]');
    await assertFocusVisible(page, 'Choose files');
    const { files, settings } = caseFiles('public_city');
    const chosen = page.waitForEvent('filechooser');
    await page.evaluate(() => 0); // lets Playwright start catching the chooser first
    await page.keyboard.press('Enter');
    const chooser = await chosen;
    await chooser.setFiles([settings, ...files]);
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 20000 });

    // The files, folded behind the files bar once the scorecard shows:
    // opened with Enter (the file list open inside), an as-at date
    // reached, a file removed.
    assert.equal(await page.getAttribute('[data-testid="files-toggle"]', 'aria-expanded'), 'false');
    await tabTo(page, '[data-testid="files-toggle"]');
    await assertFocusVisible(page, 'files bar');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="file-list"][open]', { state: 'visible' });
    const name = 'list7_cp_2017-12-31.csv';
    const asAt = `input[aria-label="As-at date of ${name}"]`;
    await tabTo(page, asAt);
    await assertFocusVisible(page, 'as-at date');
    // Changing the date with the arrow keys recomputes and keeps the focus in the field.
    const original = await page.inputValue(asAt);
    await page.keyboard.press('ArrowUp');
    await page.waitForSelector(`tr[data-file="${name}"] .hint:text-is("set by you")`);
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(([s, v]) => document.querySelector(s).value === v, [asAt, original]);
    assert.equal(await page.evaluate((s) => document.activeElement.matches(s), asAt), true, 'focus stays in the date field');
    const oldest = 'list9_care_leavers_2016-12-31.csv';
    await tabTo(page, `button[aria-label="Remove ${oldest}"]`);
    await assertFocusVisible(page, 'remove button');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`tr[data-file="${oldest}"]`, { state: 'detached' });
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]');

    // The month: Tab to the select and change it with the arrow keys.
    await tabTo(page, '[data-testid="month"]');
    await assertFocusVisible(page, 'month');
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('[data-testid="scorecard"][data-month="2017-11"]');

    // Print: reached and pressed by keyboard.
    await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
    await tabTo(page, 'button', 'Print');
    await assertFocusVisible(page, 'print');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => window.printed), 1);

    // A drill-down opens with Enter and closes with Space; its download button is next.
    const summary = 'section.indicator[data-indicator="cp_plans"] details.drill > summary';
    await tabTo(page, summary);
    await assertFocusVisible(page, 'drill-down');
    await page.keyboard.press('Enter');
    await page.waitForSelector('section.indicator[data-indicator="cp_plans"] details.drill[open] table');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Download as CSV');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    assert.equal(await page.$eval('section.indicator[data-indicator="cp_plans"] details.drill', (d) => d.open), false);

    // Settings, by keyboard from the top of the page.
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press('Home');
    // The tablist is one Tab stop (its chosen tab); the arrows move along it.
    await tabTo(page, 'button.tab', 'Scorecard');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Settings');
    await assertFocusVisible(page, 'settings tab');
    await page.waitForSelector('section.settings');
    await tabTo(page, 'input[aria-label="Target for % re-referrals within 12 months"]');
    await assertFocusVisible(page, 'a setting');

    // The accessibility statement opens from the footer and takes the focus.
    await tabTo(page, 'footer button');
    await assertFocusVisible(page, 'accessibility link');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#accessibility-statement');
    assert.equal(await page.evaluate(() => document.activeElement.closest('#accessibility-statement') !== null), true);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('the accessibility statement says what the page meets, how it was tested and whom to tell', async () => {
  const { browser, page } = await open(server.url);
  try {
    await page.click('footer button:has-text("Accessibility")');
    const text = await page.textContent('#accessibility-statement');
    assert.match(text, /WCAG\) 2\.2/);
    assert.match(text, /AA/);
    assert.match(text, /axe-core/);
    assert.match(text, /keyboard/i);
    assert.match(text, /200%/);
    assert.match(text, /320/);
    assert.match(text, /contact your performance team/i);
    assert.match(text, /26 November 2026/);
    await page.click('#accessibility-statement button:has-text("Close")');
    await page.waitForSelector('#accessibility-statement', { state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Accessibility statement');
  } finally {
    await browser.close();
  }
});

for (const [label, width, height] of [['320 CSS px', 320, 640], ['200% zoom (1280×800 at 200% is 640×400 CSS px)', 640, 400]]) {
  test(`at ${label} the page reflows with no sideways scrolling, and axe still finds nothing`, async () => {
    const { browser, page, errors } = await open(server.url, { width, height });
    try {
      await assertNoSidewaysScroll(page, width, 'the empty page');
      await assertNoViolations(page, `the empty page at ${width} px`);
      await page.screenshot({ path: `${SHOTS}/a11y-${width}-empty.png`, fullPage: true });
      await loadCase(page, 'messy_inputs');
      await page.click('section.indicator details.drill > summary');
      await assertNoSidewaysScroll(page, width, 'the scorecard');
      await assertNoViolations(page, `the scorecard at ${width} px`);
      await page.screenshot({ path: `${SHOTS}/a11y-${width}-scorecard.png`, fullPage: true });
      await page.click('button.tab:has-text("Data quality")');
      await assertNoSidewaysScroll(page, width, 'data quality');
      await assertNoViolations(page, `data quality at ${width} px`);
      await page.screenshot({ path: `${SHOTS}/a11y-${width}-quality.png`, fullPage: true });
      await page.click('button.tab:has-text("Settings")');
      await assertNoSidewaysScroll(page, width, 'settings');
      await assertNoViolations(page, `settings at ${width} px`);
      await page.screenshot({ path: `${SHOTS}/a11y-${width}-settings.png`, fullPage: true });
      await page.click('footer button:has-text("Accessibility")');
      await assertNoSidewaysScroll(page, width, 'the statement');
      await assertNoViolations(page, `the statement at ${width} px`);
      // Wide tables scroll in a region that takes the focus, so keyboard users can scroll them.
      const regions = await page.$$eval('.table-wrap', (ws) => ws.map((w) => ({
        scrolls: w.scrollWidth > w.clientWidth, tabindex: w.getAttribute('tabindex'), name: w.getAttribute('aria-label') || w.getAttribute('aria-labelledby'),
      })));
      assert.ok(regions.length > 0);
      for (const r of regions) assert.ok(r.tabindex === '0' && r.name, JSON.stringify(r));
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
}
