// Page load and search keystrokes of the real app in Debian's Chromium at a phone's size,
// against a running server (normally started by `cargo xtask bench-page` with 10,000 demo
// listings). Prints one JSON document on stdout (progress on stderr).
//
// Each round opens a fresh browser context (empty HTTP cache, service workers blocked), at
// 390×844, optionally with the page's main thread slowed by CDP `Emulation.setCPUThrottlingRate`.
//
// Page load, timed in the page from navigation start (performance.now()):
// - first paint / first contentful paint (Paint Timing API): the page the server wrote;
// - app started: Trunk's `TrunkApplicationStarted` (wasm fetched, compiled, app mounted);
// - catalog fetched: responseEnd of `/api/catalog/index`, the card index (Resource Timing);
// - first listing: a MutationObserver sees the first `.product-card` (the server writes the
//   first cards into the page); "visible" is the end of the next frame (requestAnimationFrame,
//   then a message posted from it, which runs after the frame's style, layout and paint);
// - app took over: the app removed the written first view (`#boot`), end of that frame;
// - search ready: the app's `search-ready` mark (its search worker has built the index);
// - main-thread long tasks (Long Tasks API) from navigation until search ready + 500 ms;
// - bytes before the first card / before the app's cards: transfer sizes of the document
//   and of every response that ended by then, the app's own files (wasm, JS, CSS, icons)
//   left out.
//
// Keystrokes: the search box is typed into one character at a time. For each one, from the
// keydown event's timestamp to the end of the first frame after the last change the
// keystroke caused in the catalog section (MutationObserver + requestAnimationFrame +
// message, as above); the next character is typed once nothing has changed for SETTLE_MS.
//
// Environment: BASE (server URL, required), ROUNDS (page loads per condition, default 9),
// TYPING_ROUNDS (default 3), THROTTLE (CPU slow-down factors, default "1,4"), QUERIES
// ("|"-separated, default "kerupuk udang|madu kelulut|amplagn"), WARMUP (unmeasured loads
// first, default 1), SETTLE_MS (default 150), TRACE ("0": skip the traced typing pass that
// splits a keystroke's main-thread time), DETAIL ("1": each load's long tasks and User Timing
// marks, and each keystroke's time, on stderr), CHROMIUM_PATH (default /usr/bin/chromium).
import { chromium, devices } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { launchOptions } from '../chromium.mjs';

const env = process.env;
const base = env.BASE;
if (!base) {
  console.error('BASE=http://127.0.0.1:PORT is required');
  process.exit(2);
}
const rounds = Number(env.ROUNDS ?? 9);
const typingRounds = Number(env.TYPING_ROUNDS ?? 3);
const throttles = (env.THROTTLE ?? '1,4').split(',').map(Number);
const queries = (env.QUERIES ?? 'kerupuk udang|madu kelulut|amplagn').split('|');
const warmup = Number(env.WARMUP ?? 1);
const settleMs = Number(env.SETTLE_MS ?? 150);
const viewport = { width: 390, height: 844 };

const launch = () => chromium.launch(launchOptions());
let browser = await launch();

// A round whose page or browser went away (a renderer crash, the machine's other load) is
// run again, at most twice, and reported: a rare lost round should not lose the whole run.
const retried = [];
async function withRetry(what, fn) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt > 2) throw err;
      retried.push(`${what}: ${String(err).split('\n')[0]}`);
      log(`${what} failed (${String(err).split('\n')[0]}); running it again`);
      if (!browser.isConnected()) browser = await launch();
    }
  }
}

const log = (...a) => console.error(...a);
const loadavg = () => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return null;
  }
};

/// Nearest-rank percentile of a sorted copy.
function pct(values, p) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
}
function summary(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (v.length === 0) return { n: 0, median: null, p95: null, min: null, max: null };
  const r = (x) => Math.round(x * 10) / 10;
  return {
    n: v.length,
    median: r(pct(v, 50)),
    p95: r(pct(v, 95)),
    min: r(Math.min(...v)),
    max: r(Math.max(...v)),
  };
}

// Installed before any of the page's scripts: notes when the app starts and when the first
// listing card appears, and the end of the frame after it.
function pageProbe() {
  const b = (window.__bench = { started: null, firstCard: null, firstCardFrame: null, cardTop: null, takeover: null, longTasks: [] });
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  addEventListener('TrunkApplicationStarted', () => { b.started = performance.now(); });
  const afterNextFrame = (done) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => done(performance.now());
      ch.port2.postMessage(null);
    });
  new MutationObserver((_, mo) => {
    const card = document.querySelector('.product-card');
    if (!card) return;
    mo.disconnect();
    b.firstCard = performance.now();
    b.cardTop = card.getBoundingClientRect().top;
    afterNextFrame((t) => { b.firstCardFrame = t; });
  }).observe(document, { childList: true, subtree: true });
  // The app takes over when it removes the server-written first view (`#boot`).
  let booted = false;
  new MutationObserver((_, mo) => {
    const boot = document.getElementById('boot');
    if (boot) { booted = true; return; }
    if (!booted) return;
    mo.disconnect();
    afterNextFrame((t) => { b.takeover = t; });
  }).observe(document, { childList: true, subtree: true });
}

async function newPage(rate) {
  const context = await browser.newContext({
    ...devices['Pixel 5'],
    viewport,
    // An Indonesian phone: an English one is sent to the English pages first.
    locale: 'id-ID',
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.addInitScript(pageProbe);
  return { context, page, errors };
}

async function loadOnce(rate) {
  const { context, page, errors } = await newPage(rate);
  try {
    await page.goto(base + '/', { waitUntil: 'commit' });
    // The app's own cards, not only its takeover: it may take over the written page (with
    // placeholders) before the catalog has arrived on a busy machine.
    await page.waitForFunction(() => window.__bench.firstCardFrame !== null && window.__bench.takeover !== null
      && document.querySelectorAll('.product-card').length > 0, null, {
      timeout: 120_000,
      polling: 50,
    });
    // The search is ready once the worker has built its index; the long tasks are counted
    // until half a second after.
    await page.waitForFunction(() => performance.getEntriesByName('search-ready').length > 0, null, { timeout: 180_000, polling: 50 });
    await page.waitForTimeout(500);
    const m = await page.evaluate(() => {
      const paint = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
      const resources = performance.getEntriesByType('resource').map((r) => ({
        path: new URL(r.name).pathname,
        transfer: r.transferSize,
        encoded: r.encodedBodySize,
        decoded: r.decodedBodySize,
        end: r.responseEnd,
      }));
      const nav = performance.getEntriesByType('navigation')[0];
      const catalog = resources.find((r) => r.path === '/api/catalog/index');
      const appFile = (p) => /\.(wasm|js|css|png|svg|ico)$/.test(p);
      const bytesBy = (t) => t === null ? null : (nav ? nav.transferSize : 0)
        + resources.filter((r) => r.end <= t && !appFile(r.path)).reduce((a, r) => a + r.transfer, 0);
      const ready = performance.getEntriesByName('search-ready')[0]?.startTime ?? null;
      const tasks = window.__bench.longTasks.filter((t) => ready === null || t.start <= ready + 500);
      return {
        fp: paint['first-paint'] ?? null,
        fcp: paint['first-contentful-paint'] ?? null,
        html: nav ? nav.responseEnd : null,
        started: window.__bench.started,
        catalog: catalog ? catalog.end : null,
        catalogBytes: catalog ? { encoded: catalog.encoded, decoded: catalog.decoded } : null,
        firstCard: window.__bench.firstCard,
        listings: window.__bench.firstCardFrame,
        takeover: window.__bench.takeover,
        searchReady: ready,
        longestTask: Math.max(0, ...tasks.map((t) => t.duration)),
        tasks: tasks.map((t) => [Math.round(t.start), Math.round(t.duration)]),
        marks: performance.getEntriesByType('mark').map((e) => [e.name, Math.round(e.startTime)]),
        tasksOver100: tasks.filter((t) => t.duration > 100).length,
        tasksOver50: tasks.filter((t) => t.duration > 50).length,
        bytesBeforeFirstCard: bytesBy(window.__bench.firstCard),
        bytesBeforeTakeover: bytesBy(window.__bench.takeover),
        cardTop: window.__bench.cardTop,
        cards: document.querySelectorAll('.product-card').length,
        count: document.querySelector('.result-count')?.textContent ?? '',
        resources,
      };
    });
    return { ...m, errors };
  } finally {
    await context.close();
  }
}

// The keystroke recorder, installed once the catalog is on screen.
function keystrokeProbe(settle) {
  const section = document.querySelector('#katalog') ?? document.body;
  const ks = (window.__ks = { cur: null, longTasks: [] });
  const afterNextFrame = (done) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => done(performance.now());
      ch.port2.postMessage(null);
    });
  // A frame after each change; the keystroke's time is the one after its last change.
  const frameAfter = (cur) => {
    const token = ++cur.seq;
    cur.frame = null;
    afterNextFrame((t) => {
      if (token === cur.seq) cur.frame = t;
    });
  };
  addEventListener('keydown', (e) => {
    ks.cur = { t0: e.timeStamp, keydown: performance.now(), input: null, url: null, firstChange: null, lastChange: null, frame: null, changes: 0, seq: 0, added: { cards: 0, filters: 0, other: 0 } };
    frameAfter(ks.cur);
  }, true);
  addEventListener('input', () => {
    const cur = ks.cur;
    if (!cur) return;
    cur.input = performance.now();
    frameAfter(cur);
  }, true);
  new MutationObserver((all) => {
    const cur = ks.cur;
    if (!cur) return;
    // A photo started when typing pauses (the app's `PhotoLoad`) is not the keystroke's
    // result: in the app before that change a card's photo loaded after its frame too.
    const records = all.filter((r) => !(r.type === 'attributes' && r.target.tagName === 'IMG'
      && (r.attributeName === 'src' || r.attributeName === 'data-src')));
    if (records.length === 0) return;
    // DOM nodes (elements and text) the keystroke inserted or removed, by where: result
    // cards, filter panel, the rest.
    for (const r of records) {
      const where = r.target.closest?.('.card-grid') ? 'cards' : r.target.closest?.('.filters') ? 'filters' : 'other';
      for (const n of [...r.addedNodes, ...r.removedNodes]) {
        cur.added[where] += 1 + (n.nodeType === 1 ? n.getElementsByTagName('*').length : 0);
      }
    }
    cur.changes += 1;
    cur.lastChange = performance.now();
    if (cur.firstChange === null) cur.firstChange = cur.lastChange;
    frameAfter(cur);
  }).observe(section, { childList: true, subtree: true, characterData: true, attributes: true });
  // The app writes the query into the address bar (history.replaceState) before searching.
  const replaceState = history.replaceState.bind(history);
  history.replaceState = (...args) => {
    const cur = ks.cur;
    if (cur && cur.url === null) cur.url = performance.now();
    return replaceState(...args);
  };
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) ks.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  } catch {}
  // The browser's own measure of the same keystroke (Event Timing, what INP reports): from
  // the event to the next frame presented after its handlers, in 8 ms steps. Entries under
  // its 16 ms floor are not reported; such a keystroke counts as 16 ms.
  ks.events = [];
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) ks.events.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch {}
  // Resolves once the current keystroke's frame is done and nothing changed for `settle` ms.
  ks.settled = () =>
    new Promise((resolve) => {
      const check = () => {
        const cur = ks.cur;
        const last = cur ? Math.max(cur.lastChange ?? 0, cur.input ?? 0, cur.keydown) : 0;
        if (!cur || (cur.frame !== null && performance.now() - last >= settle)) {
          resolve(cur && {
            ms: cur.frame - cur.t0,
            eventTiming: Math.max(16, ...ks.events.filter((e) => Math.abs(e.start - cur.t0) < 1).map((e) => e.duration)),
            inputToFrame: cur.input === null ? null : cur.frame - cur.input,
            inputToUrl: cur.input === null || cur.url === null ? null : cur.url - cur.input,
            inputToFirstChange: cur.input === null || cur.firstChange === null ? null : cur.firstChange - cur.input,
            inputToLastChange: cur.input === null || cur.lastChange === null ? null : cur.lastChange - cur.input,
            changes: cur.changes,
            added: cur.added,
            cards: document.querySelectorAll('.product-card').length,
            nodes: document.getElementsByTagName('*').length,
            count: document.querySelector('.result-count')?.textContent ?? '',
          });
        } else {
          setTimeout(check, 25);
        }
      };
      check();
    });
}

async function typeOnce(rate) {
  const { context, page, errors } = await newPage(rate);
  const samples = [];
  try {
    await page.goto(base + '/', { waitUntil: 'commit' });
    await page.waitForSelector('.product-card', { timeout: 120_000 });
    await page.waitForFunction(() => performance.getEntriesByName('search-ready').length > 0, null, { timeout: 180_000, polling: 50 });
    await page.waitForTimeout(500);
    await page.evaluate(keystrokeProbe, settleMs * rate);
    const box = page.locator('#site-search');
    for (const q of queries) {
      await box.focus();
      if ((await box.inputValue()) !== '') {
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        await page.evaluate(() => window.__ks.settled());
      }
      await page.evaluate(() => { window.__ks.longTasks = []; });
      let typed = '';
      for (const ch of q) {
        typed += ch;
        await page.keyboard.type(ch);
        const r = await page.evaluate(() => window.__ks.settled());
        samples.push({ query: q, typed, ...r });
      }
      const lt = await page.evaluate(() => window.__ks.longTasks);
      samples.push({ query: q, longTasks: lt });
    }
    return { samples, errors };
  } finally {
    await context.close();
  }
}

// One extra typing pass under Chromium's tracing (not part of the timings above: tracing
// slows the page down), to split a keystroke's main-thread time into script, style, layout
// and paint. Self time per trace event on the renderer's main thread, per keystroke.
const TRACE_GROUPS = [
  ['script', /^(FunctionCall|RunMicrotasks|EvaluateScript|v8\.|V8\.|EventDispatch|TimerFire|FireAnimationFrame|v8\.run)/],
  ['style', /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet)$/],
  ['layout', /^(Layout|UpdateLayerTree)$/],
  ['paint', /^(Paint|PrePaint|Layerize|Commit|PaintImage|UpdateLayer|RasterTask)$/],
];
async function traceTyping(query) {
  const { context, page, errors } = await newPage(1);
  try {
    await page.goto(base + '/', { waitUntil: 'commit' });
    await page.waitForSelector('.product-card', { timeout: 120_000 });
    await page.waitForFunction(() => performance.getEntriesByName('search-ready').length > 0, null, { timeout: 180_000, polling: 50 });
    await page.waitForTimeout(500);
    await page.locator('#site-search').focus();
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] });
    for (const ch of query) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(settleMs * 2);
    }
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const byThread = new Map();
    for (const e of events) {
      if (e.ph !== 'X' || !main.has(`${e.pid}:${e.tid}`)) continue;
      const k = `${e.pid}:${e.tid}`;
      if (!byThread.has(k)) byThread.set(k, []);
      byThread.get(k).push(e);
    }
    const totals = { script: 0, style: 0, layout: 0, paint: 0, other: 0 };
    for (const list of byThread.values()) {
      list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
      const stack = [];
      for (const e of list) {
        e.self = e.dur ?? 0;
        while (stack.length && stack.at(-1).ts + (stack.at(-1).dur ?? 0) <= e.ts) stack.pop();
        if (stack.length) stack.at(-1).self -= e.dur ?? 0;
        stack.push(e);
      }
      for (const e of list) {
        const group = TRACE_GROUPS.find(([, re]) => re.test(e.name))?.[0] ?? 'other';
        totals[group] += Math.max(0, e.self) / 1000;
      }
    }
    const perKey = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Math.round((v / query.length) * 10) / 10]));
    return { query, keys: query.length, perKey, errors };
  } finally {
    await context.close();
  }
}

const out = {
  date: new Date().toISOString().slice(0, 10),
  chromium: browser.version(),
  viewport,
  device: 'Pixel 5 (device scale factor 2.75, touch) at 390×844',
  rounds,
  typingRounds,
  warmup,
  settleMs,
  queries,
  loadavgStart: loadavg(),
  load: {},
  keystrokes: {},
};

for (let i = 0; i < warmup; i++) {
  log(`warm-up load ${i + 1}/${warmup}`);
  await withRetry('warm-up load', () => loadOnce(1));
}
for (const rate of throttles) {
  const runs = [];
  for (let i = 0; i < rounds; i++) {
    const r = await withRetry(`load ${rate}× ${i + 1}`, () => loadOnce(rate));
    log(`load ${rate}× ${i + 1}/${rounds}: fcp ${r.fcp?.toFixed(0)} ms, started ${r.started?.toFixed(0)} ms, catalog ${r.catalog?.toFixed(0)} ms, listings ${r.listings?.toFixed(0)} ms, app ${r.takeover?.toFixed(0)} ms, search ready ${r.searchReady?.toFixed(0)} ms, longest task ${r.longestTask?.toFixed(0)} ms (${r.cards} cards, ${r.count})`);
    if (env.DETAIL === '1') log(`  tasks ${JSON.stringify(r.tasks)} marks ${JSON.stringify(r.marks)}`);
    runs.push(r);
  }
  const last = runs[runs.length - 1];
  out.load[rate] = {
    fp: summary(runs.map((r) => r.fp)),
    fcp: summary(runs.map((r) => r.fcp)),
    html: summary(runs.map((r) => r.html)),
    started: summary(runs.map((r) => r.started)),
    catalog: summary(runs.map((r) => r.catalog)),
    firstCard: summary(runs.map((r) => r.firstCard)),
    listings: summary(runs.map((r) => r.listings)),
    takeover: summary(runs.map((r) => r.takeover)),
    searchReady: summary(runs.map((r) => r.searchReady)),
    longestTask: summary(runs.map((r) => r.longestTask)),
    tasksOver100: summary(runs.map((r) => r.tasksOver100)),
    tasksOver50: summary(runs.map((r) => r.tasksOver50)),
    bytesBeforeFirstCard: summary(runs.map((r) => r.bytesBeforeFirstCard)),
    bytesBeforeTakeover: summary(runs.map((r) => r.bytesBeforeTakeover)),
    cards: last.cards,
    count: last.count,
    cardTop: last.cardTop,
    catalogBytes: last.catalogBytes,
    resources: last.resources,
    errors: runs.flatMap((r) => r.errors),
  };
}
for (const rate of throttles) {
  const all = [];
  const longTasks = [];
  const errors = [];
  for (let i = 0; i < typingRounds; i++) {
    const r = await withRetry(`typing ${rate}× ${i + 1}`, () => typeOnce(rate));
    const keys = r.samples.filter((s) => s.ms !== undefined);
    for (const s of r.samples) if (s.longTasks) longTasks.push(...s.longTasks);
    log(`typing ${rate}× ${i + 1}/${typingRounds}: median ${summary(keys.map((s) => s.ms)).median} ms, p95 ${summary(keys.map((s) => s.ms)).p95} ms over ${keys.length} keystrokes`);
    if (env.DETAIL === '1') log(`  ${keys.map((s) => `${JSON.stringify(s.typed)} ${Math.round(s.ms)} (input→change ${Math.round(s.inputToLastChange ?? -1)}, +${s.added.cards} card nodes)`).join(', ')}`);
    all.push(...keys);
    errors.push(...r.errors);
  }
  const worst = [...all].sort((a, b) => b.ms - a.ms).slice(0, 5).map((s) => ({ typed: s.typed, ms: Math.round(s.ms) }));
  out.keystrokes[rate] = {
    keystroke: summary(all.map((s) => s.ms)),
    inputToFrame: summary(all.map((s) => s.inputToFrame)),
    eventTiming: summary(all.map((s) => s.eventTiming)),
    inputToUrl: summary(all.map((s) => s.inputToUrl)),
    inputToFirstChange: summary(all.map((s) => s.inputToFirstChange)),
    inputToLastChange: summary(all.map((s) => s.inputToLastChange)),
    unchanged: all.filter((s) => s.changes === 0).length,
    maxCards: Math.max(0, ...all.map((s) => s.cards)),
    addedCards: summary(all.map((s) => s.added.cards)),
    addedFilters: summary(all.map((s) => s.added.filters)),
    addedOther: summary(all.map((s) => s.added.other)),
    maxNodes: Math.max(0, ...all.map((s) => s.nodes)),
    longTasks: summary(longTasks),
    worst,
    perQuery: Object.fromEntries(queries.map((q) => [q, summary(all.filter((s) => s.query === q).map((s) => s.ms))])),
    finalCounts: Object.fromEntries(queries.map((q) => [q, all.filter((s) => s.query === q).at(-1)?.count ?? ''])),
    errors,
  };
}
// The server's search (`/api/catalog/search`, one page of 24) for every prefix typed, as
// a phone asks it while its worker builds the index: time to the whole answer, from Node.
{
  const times = [];
  for (let round = 0; round < typingRounds; round++) {
    for (const q of queries) {
      for (let i = 1; i <= q.length; i++) {
        const t0 = performance.now();
        const res = await fetch(`${base}/api/catalog/search?q=${encodeURIComponent(q.slice(0, i))}&limit=24`, { headers: { 'accept-encoding': 'br, gzip' } });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`server search: ${res.status}`);
        times.push(performance.now() - t0);
      }
    }
  }
  out.serverSearch = summary(times);
  log(`server search: median ${out.serverSearch.median} ms, p95 ${out.serverSearch.p95} ms over ${times.length} requests`);
}
if (env.TRACE !== '0') {
  const q = queries[0];
  out.trace = await withRetry('traced typing', () => traceTyping(q));
  log(`traced typing "${q}": main thread per keystroke ${JSON.stringify(out.trace.perKey)} ms`);
}
out.retried = retried;
out.loadavgEnd = loadavg();
await browser.close();
console.log(JSON.stringify(out));
