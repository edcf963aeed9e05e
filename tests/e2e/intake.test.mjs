// Awkward and hostile files in the page (issue 6; inputs.md, "Encodings and
// delimiters", "Bad input"): the intake corpus through the real file input
// gives what tests/intake/expected.json says (the native suite checks the
// same file), and hostile files are each refused in one sentence while the
// good file's figure stays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, open, cell, openFiles } from './harness.mjs';

const CORPUS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../intake');
const EXPECTED = JSON.parse(fs.readFileSync(path.join(CORPUS, 'expected.json'), 'utf8'));
const GOOD = { name: EXPECTED.good_file.name };

/** A fresh folder holding the good file (Playwright takes paths or buffers, not both). */
function folderWithGoodFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-'));
  GOOD.path = path.join(dir, GOOD.name);
  fs.writeFileSync(GOOD.path, EXPECTED.good_file.text);
  return dir;
}

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

/** The page's data-quality report, downloaded as CSV, as [file, row, code] rows. */
async function problems(page) {
  await page.click('button.tab:has-text("Data quality")');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('section.quality button:has-text("CSV")'),
  ]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  await page.click('button.tab:has-text("Scorecard")');
  return parseCsv(text).slice(1).map(([file, row, , , , code]) => [file, row === '' ? null : Number(row), code]);
}

/** RFC 4180 rows (the report quotes values with commas and newlines). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** Waits for the scorecard and checks the good file's figure survived. */
async function goodFileIntact(page) {
  await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { timeout: 60000 });
  assert.equal(await cell(page, 'cp_plans', 'count', 'current'), EXPECTED.good_file.cp_count);
  assert.equal(await page.getAttribute(`tr[data-file="${GOOD.name}"]`, 'data-rows'), '3');
  assert.equal(await page.isHidden('#panic'), true, 'no panic');
}

test('the intake corpus gives in the page what it gives natively', async () => {
  const { browser, page, errors } = await open(server.url);
  const dir = folderWithGoodFile();
  try {
    await page.setInputFiles('[data-testid="file-input"]', [
      ...EXPECTED.cases.map((c) => path.join(CORPUS, c.file)),
      GOOD.path,
    ]);
    await goodFileIntact(page);
    const reported = await problems(page);
    for (const want of EXPECTED.cases) {
      const row = `tr[data-file="${want.file}"]`;
      assert.equal(await page.getAttribute(row, 'data-kind'), want.kind ?? '', `${want.file}: kind`);
      assert.equal(await page.getAttribute(row, 'data-rows'), String(want.rows), `${want.file}: rows`);
      if (want.error) assert.ok((await page.textContent(row)).includes(want.error), `${want.file}: says "${want.error}"`);
      for (const [code, at] of want.problems) {
        assert.ok(
          reported.some(([file, r, c]) => file === want.file && r === at && c === code),
          `${want.file}: ${code} at row ${at} in the page's report`,
        );
      }
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A raw deflate stream of `megabytes` MB of spaces: one compressed
 * megabyte repeated (non-final blocks), then an empty final block. */
function deflatedSpaces(megabytes) {
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20, 32), {
    level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH,
  });
  return Buffer.concat([...Array(megabytes).fill(block), Buffer.from([0x03, 0x00])]);
}

/** CRC-32 (IEEE), bit by bit: enough for a small part. */
function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ~crc >>> 0;
}

/** A zip archive written by hand, so a part's declared size can lie. */
function zipOf(parts) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const fields = (signature, isCentral) => {
      const h = Buffer.alloc(isCentral ? 46 : 30);
      let at = h.writeUInt32LE(signature, 0);
      if (isCentral) at = h.writeUInt16LE(20, at);
      at = h.writeUInt16LE(20, at);
      at = h.writeUInt16LE(0, at);
      at = h.writeUInt16LE(part.method, at);
      at = h.writeUInt32LE(0, at);
      at = h.writeUInt32LE(part.crc ?? 0, at); // the bomb's: never reached, the size limit comes first
      at = h.writeUInt32LE(part.data.length, at);
      at = h.writeUInt32LE(part.size, at);
      at = h.writeUInt16LE(name.length, at);
      at = h.writeUInt16LE(0, at);
      if (isCentral) h.writeUInt32LE(offset, 42);
      return Buffer.concat([h, name]);
    };
    const head = fields(0x04034b50, false);
    local.push(head, part.data);
    central.push(fields(0x02014b50, true));
    offset += head.length + part.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

const WORKBOOK_XML = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="List 3" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>';

test('hostile files are each refused in one sentence and the other files still count', async () => {
  const { browser, page, errors } = await open(server.url);
  const dir = folderWithGoodFile();
  try {
    // 400 MB of spaces in a 0.4 MB workbook that says its sheet is 1 KB.
    const bomb = zipOf([
      { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK_XML), method: 0, size: WORKBOOK_XML.length, crc: crc32(Buffer.from(WORKBOOK_XML)) },
      { name: 'xl/worksheets/sheet1.xml', data: deflatedSpaces(400), method: 8, size: 1024 },
    ]);
    fs.writeFileSync(path.join(dir, 'bomb.xlsx'), bomb);
    // A header line of ten million cells (20 MB).
    fs.writeFileSync(path.join(dir, 'wide.csv'), `${'a,'.repeat(10_000_000)}\nA,01/12/2017\n`);
    // Nested quotes: a hundred thousand doubled quotes in one field.
    fs.writeFileSync(path.join(dir, 'quotes_list3_2017-12-31.csv'),
      `Child Unique ID,Date of referral\n"${'""'.repeat(100_000)}",01/12/2017\nB,02/12/2017\n`);
    // 300 MB, sparse on disk: refused from its size before it is read.
    const big = path.join(dir, 'big.csv');
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, 300 * 1024 * 1024);
    // A renamed binary.
    fs.writeFileSync(path.join(dir, 'photo.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff, 0]));

    // The main thread's longest stall while it works, recorded in the page.
    await page.evaluate(() => {
      window.longestStall = 0;
      let last = performance.now();
      window.stallTimer = setInterval(() => {
        const now = performance.now();
        window.longestStall = Math.max(window.longestStall, now - last);
        last = now;
      }, 50);
    });
    await page.setInputFiles('[data-testid="file-input"]', [
      ...['bomb.xlsx', 'wide.csv', 'quotes_list3_2017-12-31.csv', 'big.csv', 'photo.csv'].map((f) => path.join(dir, f)),
      GOOD.path,
    ]);
    await goodFileIntact(page);
    const stall = await page.evaluate(() => { clearInterval(window.stallTimer); return window.longestStall; });
    console.log(`# longest main-thread stall while reading hostile files: ${Math.round(stall)} ms`);

    const says = async (file) => (await page.textContent(`tr[data-file="${file}"]`)) ?? '';
    assert.match(await says('bomb.xlsx'), /unpacks to more than 300 MB/);
    assert.match(await says('wide.csv'), /The header row has 10000001 cells/);
    assert.match(await says('photo.csv'), /This is not a text table/);
    // The nested quotes are one long id: read, not refused.
    assert.equal(await page.getAttribute('tr[data-file="quotes_list3_2017-12-31.csv"]', 'data-kind'), 'list3_referrals');
    // The 300 MB file is never read: the progress line says why.
    assert.equal(await page.$('tr[data-file="big.csv"]'), null);
    assert.match(await page.textContent('.progress'), /big\.csv: The file is 300 MB, over the 200 MB limit/);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// The page keeps the chosen files as the browser's handles, not their
// contents, and the background reader reads them again for each load: a
// file deleted from disk since it was chosen is then left out and named,
// and the other files still count.
{
  test('a file gone from disk since it was chosen is named and left out at the next read', async () => {
    const { browser, page, errors } = await open(server.url);
    const dir = folderWithGoodFile();
    try {
      const gone = path.join(dir, 'gone_list3_2017-12-31.csv');
      const extra = path.join(dir, 'extra_list3_2017-12-31.csv');
      fs.writeFileSync(gone, 'Child Unique ID,Date of referral\nA,01/12/2017\n');
      fs.writeFileSync(extra, 'Child Unique ID,Date of referral\nB,02/12/2017\n');
      await page.setInputFiles('[data-testid="file-input"]', [gone, extra, GOOD.path]);
      await goodFileIntact(page);
      assert.equal(await page.getAttribute('tr[data-file="gone_list3_2017-12-31.csv"]', 'data-rows'), '1');
      fs.rmSync(gone);
      // Removing another file reads the rest again.
      await openFiles(page);
      await page.click('button[aria-label="Remove extra_list3_2017-12-31.csv"]');
      await page.waitForSelector('tr[data-file="gone_list3_2017-12-31.csv"]', { state: 'detached' });
      await goodFileIntact(page);
      assert.match(await page.textContent('.progress'), /gone_list3_2017-12-31\.csv: the browser could not read it .*add it again/);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
