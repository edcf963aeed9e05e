// Shared set-up of the profiling aids (`profile-monthly.mjs`,
// `file-timeline.mjs`): a built page served on loopback and open in a
// fresh Chromium, and the data files to give it, from the command line
// `node SCRIPT [DIST] [DATA_DIR]` (defaults target/bench/dist and
// target/bench/monthly, which `scripts/bench monthly` makes).
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve } from '../harness.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

/** `{ root, dist, files, server, browser, page }`, the page not yet opened. */
export async function monthlyPage(argv = process.argv) {
  const dist = path.resolve(argv[2] ?? path.join(ROOT, 'target/bench/dist'));
  const dataDir = path.resolve(argv[3] ?? path.join(ROOT, 'target/bench/monthly'));
  const files = fs.readdirSync(dataDir)
    .filter((f) => f.endsWith('.csv') || f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dataDir, f));
  const server = await serve(dist);
  const { browser, page } = await launch();
  return { root: ROOT, dist, files, server, browser, page };
}
