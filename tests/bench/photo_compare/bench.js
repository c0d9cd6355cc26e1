// The bench page's main thread: starts each tool's worker, hands it the same photo bytes,
// times photo → both JPEGs, and watches its own long tasks. Driven by run.mjs through
// `window.runBench(config)`; nothing here decodes or resizes a photo.

const longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });

// Long animation frames say which script (if any) ran during a long task.
const frames = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.duration < 50) continue;
    const scripts = e.scripts.map((s) => `${s.invoker.replace(location.origin, '')} ${Math.round(s.duration)} ms`);
    frames.push({ start: e.startTime, end: e.startTime + e.duration, scripts });
  }
}).observe({ type: 'long-animation-frame', buffered: true });

// "54 ms: Worker.onmessage 50 ms" or "54 ms: no script".
function describe(task) {
  const frame = frames.find((f) => task.start >= f.start && task.start <= f.end);
  const what = frame?.scripts.length ? frame.scripts.join(', ') : 'no script';
  return `${Math.round(task.duration)} ms: ${what}`;
}

const status = (text) => { document.getElementById('status').textContent = text; };

// A tool that lives in a dedicated worker and speaks our worker's protocol.
class WorkerTool {
  constructor(name, url, { module = false, options = null } = {}) {
    Object.assign(this, { name, url, module, options, worker: null, nextId: 1 });
  }

  async start() {
    this.worker = new Worker(this.url, this.module ? { type: 'module' } : {});
    await this.next((m) => m.type === 'ready', 60000);
  }

  stop() {
    this.worker?.terminate();
    this.worker = null;
  }

  // Resolves with the first message `accept`s, rejects on an error message or a crash.
  next(accept, timeoutMs) {
    return new Promise((resolve, reject) => {
      const w = this.worker;
      const done = (f, v) => { clearTimeout(timer); w.onmessage = w.onerror = null; f(v); };
      const timer = setTimeout(() => done(reject, new Error(`${this.name}: no answer in ${timeoutMs} ms`)), timeoutMs);
      w.onmessage = ({ data }) => {
        if (data.type === 'error') done(reject, new Error(`${this.name}: ${data.code}: ${data.detail}`));
        else if (accept(data)) done(resolve, data);
      };
      w.onerror = (e) => done(reject, new Error(`${this.name} crashed: ${e.message || e.type}`));
    });
  }

  // Our worker's warm-up (its own small photo, as the editor asks for when it opens).
  async warm() {
    const id = this.nextId++;
    const answer = this.next((m) => m.type === 'done' && m.id === id, 120000);
    this.worker.postMessage({ id, warm: true });
    await answer;
  }

  // `bytes` is transferred. Answers {large, thumb, width, height, memory?, stages?}; `stages`
  // is ms per stage (decode, resize, encode) from our worker's progress messages, as the page
  // sees them arrive.
  async run(bytes) {
    const id = this.nextId++;
    const request = { id, bytes };
    if (this.options) request.options = this.options;
    const seen = {};
    const answer = this.next((m) => {
      if (m.type === 'progress' && m.id === id) seen[m.stage] = performance.now();
      return m.type === 'done' && m.id === id;
    }, 120000);
    this.worker.postMessage(request, [bytes]);
    const d = await answer;
    const end = performance.now();
    const stages = seen.decode && seen.resize && seen.encode
      ? [seen.resize - seen.decode, seen.encode - seen.resize, end - seen.encode]
      : null;
    return { large: d.large, thumb: d.thumb, width: d.width, height: d.height, memory: d.wasmMemory, stages };
  }
}

// browser-image-compression: called on the page, as its README shows; with useWebWorker it
// starts a worker per call from `libURL` and does decode, resize and encode there. The
// thumbnail is made from its large output (as ours is from our large image).
class BicTool {
  constructor() { this.name = 'bic'; }
  async start() {
    if (typeof imageCompression !== 'function') throw new Error('browser-image-compression did not load');
  }
  stop() {}
  async run(bytes, fixture) {
    const common = {
      useWebWorker: true,
      libURL: new URL('/lib/browser-image-compression.js', location.href).href,
      initialQuality: 0.8,
      fileType: 'image/jpeg',
    };
    const file = new File([bytes], fixture, { type: 'image/jpeg' });
    const large = await imageCompression(file, { ...common, maxWidthOrHeight: 1600 });
    const thumb = await imageCompression(large, { ...common, maxWidthOrHeight: 400 });
    return { large: await large.arrayBuffer(), thumb: await thumb.arrayBuffer() };
  }
}

// pica on the page itself with its own worker pool ('ww', full build): for comparison with
// pica in our worker (the table's choice); not in the default tool list.
class PicaMainTool {
  constructor() { this.name = 'pica-main'; }
  async start() {
    await new Promise((resolve, reject) => {
      const script = Object.assign(document.createElement('script'), { src: '/lib/pica.js' });
      script.onload = resolve;
      script.onerror = () => reject(new Error('pica.js did not load'));
      document.head.append(script);
    });
    this.resizer = window.pica({ features: ['js', 'wasm', 'ww'] });
  }
  stop() {}
  async run(bytes) {
    const source = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }), { imageOrientation: 'from-image' });
    const fit = (w, h, edge) => {
      const long = Math.max(w, h);
      return long <= edge ? [w, h] : [w, h].map((x) => Math.max(1, Math.floor((x * edge + Math.floor(long / 2)) / long)));
    };
    const canvas = (w, h) => Object.assign(document.createElement('canvas'), { width: w, height: h });
    const [w, h] = fit(source.width, source.height, 1600);
    const large = canvas(w, h);
    await this.resizer.resize(source, large, { filter: 'lanczos3' });
    source.close();
    const [tw, th] = fit(w, h, 400);
    const thumb = canvas(tw, th);
    await this.resizer.resize(large, thumb, { filter: 'lanczos3' });
    const blob = async (c) => (await this.resizer.toBlob(c, 'image/jpeg', 0.8)).arrayBuffer();
    return { large: await blob(large), thumb: await blob(thumb), width: w, height: h };
  }
}

const TOOLS = {
  ours: () => new WorkerTool('ours', '/ours/full/worker_loader.js', { module: true }),
  'ours-nosimd': () => new WorkerTool('ours-nosimd', '/ours/nosimd/worker_loader.js', { module: true }),
  'ours-noscaled': () => new WorkerTool('ours-noscaled', '/ours/full/worker_loader.js', {
    module: true, options: { scaledDecode: false },
  }),
  pica: () => new WorkerTool('pica', '/pica_worker.js'),
  'pica-1thread': () => new WorkerTool('pica-1thread', '/pica_worker.js?features=js,wasm'),
  'pica-main': () => new PicaMainTool(),
  browser: () => new WorkerTool('browser', '/browser_worker.js'),
  bic: () => new BicTool(),
};

async function size(jpeg) {
  const bitmap = await createImageBitmap(new Blob([jpeg], { type: 'image/jpeg' }));
  const s = [bitmap.width, bitmap.height];
  bitmap.close();
  return s;
}

async function save(name, bytes) {
  const r = await fetch(`/out/${encodeURIComponent(name)}`, { method: 'POST', body: bytes });
  if (!r.ok) throw new Error(`saving ${name}: ${r.status}`);
}

// A seller's first photo on a fresh worker in a fresh page: the worker is started (and for
// 'ours-warmed' warmed up, as the editor does when it opens), then `pauseMs` pass (the seller
// finding the photo in the gallery) before the clock starts; only the photo is timed. run.mjs opens a new browser context for every call, since
// V8 shares compiled wasm (optimised code included) between workers of one renderer process.
window.coldStart = async (kind, fixture, pauseMs) => {
  const bytes = await (await fetch(`/fixtures/${fixture}`)).arrayBuffer();
  const tool = TOOLS[kind === 'ours-warmed' ? 'ours' : kind]();
  try {
    await tool.start();
    if (kind === 'ours-warmed') await tool.warm();
    await new Promise((r) => setTimeout(r, pauseMs));
    const t0 = performance.now();
    await tool.run(bytes, fixture);
    return performance.now() - t0;
  } finally {
    tool.stop();
  }
};

// config: {fixtures, tools, warmup, rounds, threePhotos}
window.runBench = async ({ fixtures, tools, warmup, rounds, threePhotos }) => {
  const results = [];
  const spans = [];
  for (const fixture of fixtures) {
    const bytes = await (await fetch(`/fixtures/${fixture}`)).arrayBuffer();
    // Fresh workers per fixture, so our worker's memory figure is this photo's peak.
    const running = tools.map((t) => TOOLS[t]());
    const rows = new Map(running.map((t) => [t.name, { tool: t.name, fixture, times: [], errors: [] }]));
    for (const tool of running) {
      try { await tool.start(); } catch (e) { rows.get(tool.name).errors.push(String(e)); }
    }
    for (let round = 0; round < warmup + rounds; round++) {
      // Rotate the order each round, so no tool always runs right after the same other one.
      const order = running.map((_, i) => running[(i + round) % running.length]);
      for (const tool of order) {
        const row = rows.get(tool.name);
        if (row.errors.length) continue;
        status(`${fixture} round ${round} ${tool.name}`);
        const copy = bytes.slice(0);
        const t0 = performance.now();
        let out;
        try {
          out = await tool.run(copy, fixture);
        } catch (e) {
          row.errors.push(String(e && e.message || e));
          continue;
        }
        const t1 = performance.now();
        spans.push({ tool: tool.name, start: t0, end: t1 });
        if (round >= warmup) {
          row.times.push(t1 - t0);
          if (out.stages) (row.stages ||= []).push(out.stages);
        }
        row.largeBytes = out.large.byteLength;
        row.thumbBytes = out.thumb.byteLength;
        if (out.memory) row.memory = Math.max(row.memory || 0, out.memory);
        if (round === warmup + rounds - 1) {
          [row.width, row.height] = out.width ? [out.width, out.height] : await size(out.large);
          await save(`${tool.name}__${fixture}`, out.large);
          await save(`thumbs__${tool.name}__${fixture}`, out.thumb);
        }
      }
    }
    running.forEach((t) => t.stop());
    results.push(...rows.values());
  }

  // The app's case: our worker starts on the first photo and processes three in a row, while
  // the page watches its main thread.
  let three = null;
  if (threePhotos) {
    const files = await Promise.all(threePhotos.map(async (f) => (await fetch(`/fixtures/${f}`)).arrayBuffer()));
    status('three photos');
    const t0 = performance.now();
    const tool = TOOLS.ours();
    await tool.start();
    const each = [];
    for (const bytes of files) {
      const s = performance.now();
      await tool.run(bytes);
      each.push(performance.now() - s);
    }
    tool.stop();
    const t1 = performance.now();
    // Long-task entries arrive after the task: give them a moment.
    await new Promise((r) => setTimeout(r, 200));
    const during = longTasks.filter((e) => e.start >= t0 && e.start <= t1).map(describe);
    three = { totalMs: t1 - t0, each, longTasks: during };
  }

  await new Promise((r) => setTimeout(r, 200));
  const perTool = {};
  for (const e of longTasks) {
    const span = spans.find((s) => e.start >= s.start && e.start <= s.end);
    const key = span ? span.tool : 'between';
    (perTool[key] ||= []).push({ duration: e.duration, what: describe(e) });
  }
  status('done');
  return { results, longTasks: perTool, three };
};

status('ready');
