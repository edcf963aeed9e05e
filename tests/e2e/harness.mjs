// Shared set-up for the browser tests: serve dist/ on loopback, launch
// Debian's Chromium through playwright-core, and record every request so a
// test can prove the page sends nothing anywhere.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const DIST = path.join(ROOT, 'dist');
export const GOLDEN = path.join(ROOT, 'tests/golden');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
};

/** Serves dist/ (or another built page, `root`) on 127.0.0.1 at a free port. */
export async function serve(root = DIST) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A fresh browser and a blank page in it (a profiling aid opens it itself). */
export async function launch({ width = 1280, height = 800 } = {}) {
  // Playwright gives each launch a fresh, empty profile of its own.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    // CHROMIUM_EXTRA_FLAGS (space-separated) is for experiments, e.g.
    // `--js-flags=--no-liftoff` to see what V8's baseline tier costs.
    args: [...CHROMIUM_FLAGS, ...(process.env.CHROMIUM_EXTRA_FLAGS || '').split(' ').filter(Boolean)],
  });
  const page = await browser.newPage({ viewport: { width, height } });
  return { browser, page };
}

/** A browser, a page, and the lists of requests and console errors it makes. */
export async function open(url, size = {}) {
  const { browser, page } = await launch(size);
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('[data-testid="file-input"]', { state: 'attached', timeout: 20000 });
  return { browser, page, requests, errors };
}

/** The files of a golden case, in its cmd.json order, plus its settings file. */
export function caseFiles(name) {
  const dir = path.join(GOLDEN, name);
  const cmd = JSON.parse(fs.readFileSync(path.join(dir, 'cmd.json'), 'utf8'));
  const files = cmd.files.map((f) => path.join(dir, f));
  return { dir, cmd, files, settings: cmd.settings ? path.join(dir, cmd.settings) : null };
}

/** The `data-value` of a scorecard cell, as a number or null. */
export async function cell(page, indicator, measure, column) {
  const selector = `section.indicator[data-indicator="${indicator}"] td[data-measure="${measure}"][data-column="${column}"]`;
  const value = await page.getAttribute(selector, 'data-value');
  return value === null || value === '' ? null : Number(value);
}

export function close(a, b) {
  if (a === null || b === null || a === undefined || b === undefined) return a == b; // eslint-disable-line eqeqeq
  return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b), 1e-9);
}

/** The CLI's JSON scorecard on the same files (the native engine). */
export function cli(cwd, args) {
  const bin = ['release', 'debug'].map((p) => path.join(ROOT, 'target', p, 'scorecard'))
    .filter((b) => fs.existsSync(b))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  if (!bin) throw new Error('build the CLI first: cargo build -p csc-cli');
  return JSON.parse(execFileSync(bin, ['--format', 'json', ...args], { cwd, maxBuffer: 64 << 20 }).toString());
}

/** Opens the intake once folded behind the files bar ("Files (n)"), so
 * the file list's rows can be clicked and typed in. */
export async function openFiles(page) {
  const toggle = '[data-testid="files-toggle"]';
  await page.waitForSelector(toggle);
  if ((await page.getAttribute(toggle, 'aria-expanded')) !== 'true') await page.click(toggle);
  await page.waitForSelector('[data-testid="file-list"][open]', { state: 'visible' });
}

/** Drops files on the drop zone as a browser delivers a drop from a folder:
 * a DataTransfer of File objects on dragover and drop. Works with a
 * Playwright or a Puppeteer page (both have `evaluate(fn, arg)`). */
export async function dropFiles(page, paths) {
  const items = paths.map((f) => ({ name: path.basename(f), text: fs.readFileSync(f, 'utf8') }));
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const { name, text } of files) dt.items.add(new File([text], name, { type: 'text/csv' }));
    const zone = document.querySelector('.dropzone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, items);
}

/** Checks every figure the page shows (current, previous, baseline, areas,
 * target, benchmarks, rating, trend) against a JSON scorecard. */
export async function checkAgainst(page, expected) {
  await page.waitForSelector(`[data-testid="scorecard"][data-month="${expected.month}"]`, { timeout: 20000 });
  let checked = 0;
  for (const indicator of expected.indicators) {
    const columns = [['current', indicator.columns.current], ['previous', indicator.columns.previous]];
    if (indicator.columns.baseline) columns.push(['baseline', indicator.columns.baseline]);
    for (const [area, values] of Object.entries(indicator.columns.areas || {})) columns.push([`area:${area}`, values]);
    for (const [column, values] of columns) {
      for (const [measure, want] of Object.entries(values)) {
        if (measure === 'months' || measure === 'month' || measure === 'source') continue;
        const got = await cell(page, indicator.id, measure, column);
        assert.ok(close(got, want), `${indicator.id} ${measure} ${column}: expected ${want}, page shows ${got}`);
        checked += 1;
      }
    }
    for (const column of ['target', 'national', 'statistical_neighbours']) {
      const got = await cell(page, indicator.id, indicator.headline, column);
      assert.ok(close(got, indicator[column]), `${indicator.id} ${column}: expected ${indicator[column]}, page shows ${got}`);
    }
    const rating = await page.getAttribute(`section.indicator[data-indicator="${indicator.id}"] [data-rating]`, 'data-rating');
    assert.equal(rating, indicator.rating, `${indicator.id} rating`);
    const trend = await page.getAttribute(`section.indicator[data-indicator="${indicator.id}"] [data-trend]`, 'data-trend');
    assert.equal(trend, indicator.trend, `${indicator.id} trend`);
  }
  return checked;
}
