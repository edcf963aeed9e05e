// Writes the screenshots and print pages committed under docs/ so reviewers
// can see the page and the print without building it:
// `node tests/e2e/docs-screenshots.mjs` after `trunk build --release --offline`.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, open, openFiles } from './harness.mjs';

const DOCS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../docs/screenshots');
fs.mkdirSync(DOCS, { recursive: true });
const server = await serve();
const { browser, page } = await open(server.url, { width: 1280, height: 800 });
await page.screenshot({ path: path.join(DOCS, 'empty-1280x800.png') });
await page.click('[data-testid="load-example"]');
await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 30000 });
await page.waitForSelector('section.indicator[data-indicator="agency_staff"] .charts svg');

await page.screenshot({ path: path.join(DOCS, 'example-1280x800.png') });
await page.locator('section.summary').screenshot({ path: path.join(DOCS, 'summary-grid.png') });
await page.locator('section.indicator[data-indicator="assessments_in_timescale"]').screenshot({ path: path.join(DOCS, 'indicator-3.png') });
await page.click('button.tab:has-text("Settings")');
await page.screenshot({ path: path.join(DOCS, 'settings-1280x800.png') });
await page.click('button.tab:has-text("Help")');
await page.screenshot({ path: path.join(DOCS, 'help-1280x800.png') });
await page.click('button.tab:has-text("Scorecard")');
await page.waitForSelector('section.indicator[data-indicator="agency_staff"] .charts svg');
// A phone-width window (320 CSS px): the page reflows, tables scroll inside.
await page.setViewportSize({ width: 320, height: 640 });
await page.screenshot({ path: path.join(DOCS, 'example-320x640.png') });
await page.setViewportSize({ width: 1280, height: 800 });
const pdf = path.join(DOCS, '..', 'example-scorecard.pdf');
await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
for (const n of [1, 3]) {
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(n), '-l', String(n), '-singlefile', pdf, path.join(DOCS, `print-page-${n}`)]);
}
fs.rmSync(pdf);
// The data-quality view on real problems: the awkward-file corpus
// (tests/intake: title rows, totals rows, odd encodings, a renamed binary,
// an old .xls…) added to the example.
const awkward = path.resolve(DOCS, '../../tests/intake');
const corpus = fs.readdirSync(awkward).filter((f) => f !== 'README.md' && !f.endsWith('.xlsx')).map((f) => path.join(awkward, f));
await page.setInputFiles('[data-testid="file-input"]', corpus);
await page.waitForFunction((n) => document.querySelector('[data-testid="files-toggle"]')?.textContent.trim() === `Files (${n})`, 25 + corpus.length, { timeout: 60000 });
await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]');
await page.click('button.tab:has-text("Data quality")');
await page.waitForTimeout(500);
await page.$eval('.toolbar', (e) => e.scrollIntoView());
await page.screenshot({ path: path.join(DOCS, 'data-quality-1280x800.png') });
await openFiles(page);
await page.$eval('[data-testid="file-list"]', (e) => e.scrollIntoView());
await page.screenshot({ path: path.join(DOCS, 'files-awkward-1280x800.png') });
await browser.close();
await server.close();
console.log(`screenshots in ${DOCS}`);
