// The photo pipeline against the browser's usual alternatives, in one headless Chromium page:
// our worker (etalase-photo in wasm, the real protocol), pica, browser-image-compression and
// the browser's own createImageBitmap + OffscreenCanvas path, each turning the same phone
// photo into a 1600 px JPEG + 400 px thumbnail (quality 0.8 / 80; ours starts the large one at
// 84 within its byte budget) inside a Web Worker.
//
//   node tests/bench/photo_compare/run.mjs --ours DIR [--ours-nosimd DIR] --out DIR
//        [--fixtures a.jpg,b.jpg] [--tools ours,pica,bic,browser] [--warmup 1] [--rounds 7]
//        [--three-photos] [--cold N] [--fixtures-dir DIR]
//
// Tools (--tools, comma-separated): ours, ours-nosimd (needs --ours-nosimd), ours-noscaled (our
// worker asked for Options { scaled_decode: false }), pica (in a worker, with its own nested
// worker pool), bic (browser-image-compression), browser (createImageBitmap + OffscreenCanvas);
// for comparison only: pica-1thread (in a worker, no pool) and pica-main (on the page, with its
// pool: it blocks the main thread for seconds). The default is the first six.
//
// DIR for --ours holds wasm-bindgen's `--target web` output of the worker binary (worker.js,
// worker_bg.wasm) and a worker_loader.js; trunk's dist/ is such a directory. `cargo xtask
// bench-photo` builds them and runs this. Every tool's last large and thumbnail JPEG are
// written to --out (`<tool>__<fixture>`, `thumbs__<tool>__<fixture>`) for the SSIM report.
//
// Prints tab-separated lines on stdout (progress on stderr):
//   chromium <version>
//   time <tool> <fixture> <median ms> <p95 ms> <runs> <large bytes> <thumb bytes> <WxH> <peak wasm bytes|-> <error|->
//   stages <tool> <fixture> <median decode ms> <median resize ms> <median encode ms>   (our worker)
//   longtasks <tool|between> <count ≥ 50 ms> <max ms> <each: "ms: scripts that ran" ('; ')>
//   three <total ms> <per photo ms, comma-separated> <long tasks as above, or ->
//   cold <ours|ours-warmed|browser> <pause ms> <fixture> <median ms> <min ms> <max ms> <runs> <error|->
//     (with --cold N: the first fixture as a seller's first photo, N fresh workers each, each in
//     a browser context of its own; ours started, ours started and warmed up as the editor
//     does, the browser's own path; the photo sent at once, or after a pause of 1000 ms)
// `--tools none --cold N` runs the cold starts alone.
// and exits non-zero if a tool failed.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { launchOptions } from '../../chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

function parseArgs(argv) {
  const args = {
    fixtures: 'phone-12mp-orient6.jpg,phone-nokia-4608x1976.jpg,phone-iphone6.jpg',
    tools: null, warmup: '1', rounds: '7', 'fixtures-dir': path.join(root, '../shared/fixtures/photos'),
  };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (key === 'three-photos') args[key] = true;
    else args[key] = argv[++i];
  }
  if (!args.ours || !args.out) {
    console.error('usage: run.mjs --ours DIR [--ours-nosimd DIR] --out DIR [options]');
    process.exit(2);
  }
  args.tools ??= ['ours', ...(args['ours-nosimd'] ? ['ours-nosimd'] : []), 'ours-noscaled', 'pica', 'bic', 'browser'].join(',');
  return args;
}

const args = parseArgs(process.argv.slice(2));
const out = path.resolve(args.out);
fs.mkdirSync(path.join(out, 'thumbs'), { recursive: true });

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.jpg': 'image/jpeg',
  '.json': 'application/json', '.map': 'application/json',
};

// URL prefix → directory. Only these are served; names are reduced to their last part.
const mounts = {
  '/lib/pica.js': path.join(root, 'node_modules/pica/dist/pica.js'),
  '/lib/pica_main.js': path.join(root, 'node_modules/pica/dist/pica_main.js'),
  '/lib/pica_worker.js': path.join(root, 'node_modules/pica/dist/pica_worker.js'),
  '/lib/browser-image-compression.js': path.join(root, 'node_modules/browser-image-compression/dist/browser-image-compression.js'),
};
const dirs = {
  '/fixtures/': args['fixtures-dir'],
  '/ours/full/': path.resolve(args.ours),
  ...(args['ours-nosimd'] ? { '/ours/nosimd/': path.resolve(args['ours-nosimd']) } : {}),
  '/': here,
};
// trunk's loader, for a wasm-bindgen output directory that has none.
const LOADER = "import init from './worker.js';await init();";

function resolve(urlPath) {
  if (mounts[urlPath]) return mounts[urlPath];
  for (const [prefix, dir] of Object.entries(dirs)) {
    if (urlPath.startsWith(prefix)) {
      const rest = urlPath.slice(prefix.length);
      if (rest.includes('/') || rest.startsWith('.')) return null;
      return path.join(dir, rest || 'index.html');
    }
  }
  return null;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const name = decodeURIComponent(url.pathname);
  if (req.method === 'POST' && name.startsWith('/out/')) {
    const file = path.basename(name);
    const [dir, base] = file.startsWith('thumbs__') ? ['thumbs', file.slice(8)] : ['', file];
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      fs.writeFileSync(path.join(out, dir, base), Buffer.concat(chunks));
      res.writeHead(204).end();
    });
    return;
  }
  const file = resolve(name);
  let body;
  try {
    body = file && fs.readFileSync(file);
  } catch {
    if (file && path.basename(file) === 'worker_loader.js') body = Buffer.from(LOADER);
  }
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

// EXTRA_CHROMIUM_ARGS (space-separated) for experiments, e.g. --js-flags=--no-liftoff.
const browser = await chromium.launch(
  launchOptions((process.env.EXTRA_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean)),
);
let failed = false;
try {
  console.log(`chromium\t${browser.version()}`);
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.error(`[page] ${m.text()}`); });
  page.on('pageerror', (e) => console.error(`[page] ${e}`));
  const progress = setInterval(async () => {
    const s = await page.locator('#status').textContent().catch(() => null);
    if (s) console.error(`  ${s}`);
  }, 15000);
  await page.goto(base + '/');
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  const fixtures = args.fixtures.split(',');
  const report = await page.evaluate((config) => window.runBench(config), {
    fixtures,
    // `--tools none`: no timed rounds (with --cold N, the cold starts alone).
    tools: args.tools.split(',').filter((t) => t !== 'none'),
    warmup: Number(args.warmup),
    rounds: Number(args.rounds),
    threePhotos: args['three-photos'] ? fixtures : null,
  });
  clearInterval(progress);

  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  // Nearest rank: with fewer than 20 runs the p95 is the slowest run.
  const pick = (xs, q) => (xs.length ? sorted(xs)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] : NaN);
  const median = (xs) => {
    const s = sorted(xs);
    const n = s.length;
    return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  };
  for (const r of report.results) {
    const error = r.errors.length ? r.errors.join(' | ').replace(/\s+/g, ' ') : '-';
    if (r.errors.length || !r.times.length) failed = true;
    console.log(['time', r.tool, r.fixture, median(r.times).toFixed(1), pick(r.times, 0.95).toFixed(1),
      r.times.length, r.largeBytes ?? '-', r.thumbBytes ?? '-', r.width ? `${r.width}x${r.height}` : '-',
      r.memory ?? '-', error].join('\t'));
    if (r.stages?.length) {
      const stage = (i) => median(r.stages.map((s) => s[i])).toFixed(1);
      console.log(['stages', r.tool, r.fixture, stage(0), stage(1), stage(2)].join('\t'));
    }
  }
  for (const [tool, tasks] of Object.entries(report.longTasks)) {
    const longest = Math.round(Math.max(...tasks.map((t) => t.duration)));
    console.log(`longtasks\t${tool}\t${tasks.length}\t${longest}\t${tasks.map((t) => t.what).join('; ')}`);
  }
  if (report.three) {
    const t = report.three;
    console.log(['three', t.totalMs.toFixed(0), t.each.map((x) => x.toFixed(0)).join(','),
      t.longTasks.length ? t.longTasks.join('; ') : '-'].join('\t'));
  }
  // A seller's first photo: every run of every kind in a browser context of its own (its own
  // renderer process, so no compiled wasm is shared), in a rotating order; the photo picked
  // at once after the worker started, and after a pause of a second.
  const coldRuns = Number(args.cold ?? 0);
  if (coldRuns > 0) {
    const fixture = fixtures[0];
    const kinds = ['ours', 'ours-warmed', 'browser'];
    for (const pause of [0, 1000]) {
      const rows = kinds.map((kind) => ({ kind, times: [], errors: [] }));
      for (let run = 0; run < coldRuns; run++) {
        for (let k = 0; k < kinds.length; k++) {
          const row = rows[(k + run) % kinds.length];
          console.error(`  cold start, pause ${pause} ms, ${run + 1}/${coldRuns}: ${row.kind}`);
          const context = await browser.newContext();
          try {
            const cold = await context.newPage();
            await cold.goto(base + '/');
            await cold.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
            row.times.push(await cold.evaluate(([kind, f, p]) => window.coldStart(kind, f, p), [row.kind, fixture, pause]));
          } catch (e) {
            row.errors.push(String(e && e.message || e));
          } finally {
            await context.close();
          }
        }
      }
      for (const r of rows) {
        if (r.errors.length || !r.times.length) failed = true;
        const error = r.errors.length ? r.errors.join(' | ').replace(/\s+/g, ' ') : '-';
        const t = sorted(r.times);
        const mid = t.length % 2 ? t[(t.length - 1) / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
        console.log(['cold', r.kind, pause, fixture, mid.toFixed(1), t[0]?.toFixed(1) ?? '-',
          t[t.length - 1]?.toFixed(1) ?? '-', t.length, error].join('\t'));
      }
    }
  }
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
