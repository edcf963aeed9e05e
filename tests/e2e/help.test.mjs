// The Help tab: reachable by keyboard and by click, and lists the
// definitions of all fourteen indicators (rendered from the engine's
// registry, the same records docs/indicators.md is generated from), the
// privacy points and the latest changes; opening it sends nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, open } from './harness.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** Every indicator's title, read from the generated docs (itself checked
 * against the registry by `cargo test --lib definitions_doc`). */
function titles() {
  const markdown = fs.readFileSync(path.join(ROOT, 'docs/indicators.md'), 'utf8');
  return [...markdown.matchAll(/^## (\d+)\. (.+)$/gm)].map((m) => `${m[1]}. ${m[2]}`);
}

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

test('Help opens by keyboard and lists every indicator definition', async () => {
  const { browser, page, requests, errors } = await open(server.url);
  try {
    const afterLoad = requests.length;
    const help = page.locator('button.tab', { hasText: 'Help' });
    assert.equal(await help.getAttribute('aria-selected'), 'false');
    // Keyboard: Tab reaches the tablist (at its chosen tab), End goes to Help.
    await page.locator('[data-testid="load-example"]').focus();
    let focused = '';
    for (let i = 0; i < 20 && focused !== 'tab'; i += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('role') ?? '');
    }
    assert.equal(focused, 'tab', 'the tablist is reachable with Tab');
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid="help"]');
    assert.equal(await help.getAttribute('aria-selected'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Help');

    const want = titles();
    assert.ok(want.length >= 14, 'the fourteen of indicators.md at least');
    const shown = await page.$$eval('[data-testid="help"] article.definition h4', (hs) => hs.map((h) => h.textContent.trim()));
    assert.deepEqual(shown, want);
    const ids = await page.$$eval('[data-testid="help"] article.definition', (as) => as.map((a) => a.dataset.indicator));
    assert.equal(new Set(ids).size, want.length);
    // Each definition says what it needs and its default target.
    const first = await page.textContent('[data-testid="help"] article[data-indicator="assessments_in_timescale"]');
    assert.match(first, /Annex A List 4, assessments/);
    assert.match(first, /85%; amber up to 5 percentage points below it/);

    // The headings are in order: h2, then h3 sections, h4 within.
    assert.equal(await page.textContent('[data-testid="help"] h2'), 'Help');
    const sections = await page.$$eval('[data-testid="help"] h3', (hs) => hs.map((h) => h.textContent.trim()));
    for (const s of ['Which files', 'As-at dates and coverage', 'Settings', 'Indicator definitions', 'Your data and privacy', "What's new"]) {
      assert.ok(sections.includes(s), `section ${s}: ${sections}`);
    }
    // The latest changelog entry.
    const changes = await page.textContent('[data-testid="help"] section[aria-labelledby="help-changes"]');
    assert.match(changes, /Unreleased/);
    assert.match(changes, /Added/);

    // A template downloads from Help, made in the page.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="help"] button:has-text("download the CP visits template")'),
    ]);
    assert.equal(download.suggestedFilename(), 'cp_visits_template.csv');
    assert.equal(fs.readFileSync(await download.path(), 'utf8').trim(), 'Child Unique ID,Visit Date,Child Seen');

    // By click: back to the scorecard and to Help again.
    await page.click('button.tab:has-text("Scorecard")');
    await page.waitForSelector('[data-testid="help"]', { state: 'detached' });
    await help.click();
    await page.waitForSelector('[data-testid="help"] article.definition');
    assert.equal(await page.locator('[data-testid="help"] article.definition').count(), want.length);

    // Tabbing through the drop zone starts the background reader (files may
    // be coming): its three files are the only requests; Help makes none.
    const later = requests.slice(afterLoad).map((u) => new URL(u).pathname.split('/').pop());
    assert.deepEqual(later.filter((name) => !/^worker/.test(name)), [], 'Help makes no request');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
