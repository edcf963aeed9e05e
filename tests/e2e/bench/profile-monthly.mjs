// Profiling aid for issue 18 (not a test, not part of scripts/bench): one
// file input → scorecard run of the monthly shape with Chromium's tracing
// on (the V8 sampling profiler on every thread, the page's and the
// workers'), then each thread's functions by self time and a timeline of
// what each thread did, so the time outside the engine's steps can be seen.
//
//   node tests/e2e/bench/profile-monthly.mjs DIST [DATA_DIR]   (default target/bench/monthly)
//
// DIST should keep the worker's function names (wasm-opt -g); the
// trace is written to target/bench/profile.json for chrome://tracing.
import fs from 'node:fs';
import path from 'node:path';
import { monthlyPage } from './monthly-page.mjs';

const { root: ROOT, files, server, browser, page } = await monthlyPage();
const { url } = server;
await page.goto(url);
await page.waitForFunction(() => Number(document.getElementById('timings')?.dataset.workerReadyMs) > 0, null, { timeout: 20000 }).catch(() => {});
// And for its engine's warm-up (a page without it is not waited for).
await page.waitForFunction(() => Number(document.getElementById('timings')?.dataset.workerWarmMs) > 0, null, { timeout: 10000 }).catch(() => {});
await page.waitForTimeout(300);
await browser.startTracing(page, {
  categories: ['disabled-by-default-v8.cpu_profiler', 'v8.execute', 'devtools.timeline', 'toplevel', 'blink.user_timing'],
});
const t0 = await page.evaluate(() => performance.now());
await page.setInputFiles('[data-testid="file-input"]', files);
await page.waitForSelector('[data-testid="scorecard"][data-month="2017-12"]', { state: 'attached', timeout: 60000 });
const t1 = await page.evaluate(() => performance.now());
await page.waitForTimeout(200);
const trace = JSON.parse((await browser.stopTracing()).toString());
fs.mkdirSync(path.join(ROOT, 'target/bench'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'target/bench/profile.json'), JSON.stringify(trace));
const steps = await page.evaluate(() => ({ ...document.getElementById('timings')?.dataset }));
await browser.close();
server.close();
console.log(`file input → scorecard: ${(t1 - t0).toFixed(0)} ms; #timings ${JSON.stringify(steps)}`);

// Threads by name.
const events = trace.traceEvents;
const threadName = new Map();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);

// Profiles: 'Profile' starts one (id), 'ProfileChunk' adds nodes and samples.
const profiles = new Map();
for (const e of events) {
  if (e.name === 'Profile') profiles.set(`${e.pid}:${e.id}`, { thread: `${e.pid}:${e.tid}`, nodes: new Map(), samples: [], deltas: [], start: e.args.data.startTime });
  if (e.name === 'ProfileChunk') {
    const p = profiles.get(`${e.pid}:${e.id}`);
    if (!p) continue;
    const d = e.args.data;
    for (const n of d.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    p.samples.push(...(d.cpuProfile?.samples ?? []));
    p.deltas.push(...(d.timeDeltas ?? []));
  }
}
for (const p of profiles.values()) {
  if (!p.samples.length) continue;
  const self = new Map();
  let total = 0;
  for (let i = 0; i < p.samples.length; i += 1) {
    const dt = (p.deltas[i + 1] ?? 0) / 1000;
    const node = p.nodes.get(p.samples[i]);
    const name = node?.callFrame?.functionName || `(${node?.callFrame?.url?.split('/').pop() || 'anonymous'})`;
    self.set(name, (self.get(name) ?? 0) + dt);
    if (name !== '(idle)' && name !== '(program)') total += dt;
  }
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
  console.log(`\n== ${threadName.get(p.thread) ?? p.thread}: ${total.toFixed(0)} ms busy in samples`);
  for (const [name, ms] of top) if (ms >= 1) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name.slice(0, 140)}`);
}

// A timeline: each thread's busy time in 100 ms bins from the file input
// (the page's first busy sample after the trace starts), and each bin's
// busiest function.
const startOf = (p) => p.start;
const origin = Math.min(...[...profiles.values()].filter((p) => p.samples.length).map(startOf));
console.log('\n== timeline (100 ms bins; busy ms per thread, busiest function)');
for (const p of profiles.values()) {
  if (!p.samples.length) continue;
  const bins = new Map();
  let t = p.start;
  for (let i = 0; i < p.samples.length; i += 1) {
    t += p.deltas[i] ?? 0;
    const dt = (p.deltas[i + 1] ?? 0) / 1000;
    const node = p.nodes.get(p.samples[i]);
    const name = node?.callFrame?.functionName || '(anon)';
    if (name === '(idle)' || name === '(program)') continue;
    const bin = Math.floor((t - origin) / 100000);
    if (!bins.has(bin)) bins.set(bin, { busy: 0, by: new Map() });
    const b = bins.get(bin);
    b.busy += dt;
    b.by.set(name, (b.by.get(name) ?? 0) + dt);
  }
  console.log(`-- ${threadName.get(p.thread) ?? p.thread}`);
  for (const [bin, b] of [...bins.entries()].sort((x, y) => x[0] - y[0])) {
    const top = [...b.by.entries()].sort((x, y) => y[1] - x[1]).slice(0, 2).map(([n, ms]) => `${n.replace(/::h[0-9a-f]{16}$/, '').slice(-50)} ${ms.toFixed(0)}`).join(', ');
    console.log(`${String(bin * 100).padStart(6)} ms: ${b.busy.toFixed(0).padStart(3)} busy  ${top}`);
  }
}
