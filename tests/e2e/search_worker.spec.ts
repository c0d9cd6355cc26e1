// The catalog's search in its Web Worker (src/search_worker/): the worker's protocol driven
// directly, the page's results against the server's search for the same query, and the
// page still searching on its own when the worker cannot start.
import { expect, type Page } from '@playwright/test';
import { test } from './helpers';

// Runs in the page: starts the worker and speaks its protocol, returning what it answered.
async function talkToWorker(page: Page) {
  return page.evaluate(async () => {
    const worker = new Worker('/search-worker_loader.js', { type: 'module' });
    const inbox: { msg: any; index?: ArrayBuffer }[] = [];
    let wake: (() => void) | null = null;
    worker.onmessage = (e) => { inbox.push({ msg: JSON.parse(e.data.msg), index: e.data.index }); wake?.(); };
    const next = async () => {
      while (inbox.length === 0) await new Promise<void>((r) => { wake = r; setTimeout(r, 100); });
      return inbox.shift()!;
    };
    const send = (msg: object, extra: object = {}) => worker.postMessage({ msg: JSON.stringify(msg), ...extra });
    const ready = (await next()).msg;
    // A message of no kind the worker knows, one that is not the protocol's, a text that is
    // no card index.
    send({ type: 'search', id: 1, q: 'madu' });
    const unknown = (await next()).msg;
    worker.postMessage({ hello: 'world' });
    const stranger = (await next()).msg;
    const bytes = (text: string) => new TextEncoder().encode(text).buffer;
    const badJson = bytes('{"not":"an index"}');
    worker.postMessage({ msg: JSON.stringify({ type: 'index' }), json: badJson }, [badJson]);
    const bad = await next();
    const text = await (await fetch('/api/catalog/index')).text();
    const cards = JSON.parse(text);
    const json = bytes(text);
    worker.postMessage({ msg: JSON.stringify({ type: 'index' }), json }, [json]);
    // The buffer moved to the worker: nothing of it is left here.
    const moved = json.byteLength === 0;
    const indexed = await next();
    worker.terminate();
    const head = indexed.index ? Array.from(new Uint8Array(indexed.index, 0, 8)) : [];
    return {
      ready, unknown, stranger, moved, bad: { msg: bad.msg, index: bad.index === undefined },
      indexed: indexed.msg, version: cards.version, listings: cards.cards.ids.length,
      bytes: indexed.index?.byteLength ?? 0,
      mark: String.fromCharCode(...head.slice(0, 4)),
      count: head.length === 8 ? new DataView(indexed.index!).getUint32(4, true) : -1,
    };
  });
}

test('the worker speaks its protocol: ready, the index built and handed back, refusals', async ({ page }) => {
  await page.goto('/');
  const talk = await talkToWorker(page);
  expect(talk.ready).toEqual({ type: 'ready' });
  expect(talk.unknown.type).toBe('failed');
  expect(talk.stranger.type).toBe('failed');
  expect(talk.moved).toBe(true);
  expect(talk.bad).toEqual({ msg: expect.objectContaining({ type: 'failed' }), index: true });
  expect(talk.indexed).toMatchObject({ type: 'indexed', version: talk.version, listings: talk.listings });
  expect(talk.indexed.took_ms).toBeGreaterThanOrEqual(0);
  // SearchIndex::to_bytes: its mark, then the number of listings it indexes.
  expect(talk.mark).toBe('EIX1');
  expect(talk.count).toBe(talk.listings);
  expect(talk.bytes).toBeGreaterThan(1000);
});

// The count the page shows, and the listings' links in order.
async function shown(page: Page) {
  const count = Number((await page.locator('.result-count').innerText()).replace(/[^0-9]/g, ''));
  const links = await page.locator('.product-card .card-title a').evaluateAll(
    (as) => as.map((a) => (a as HTMLAnchorElement).pathname));
  return { count, links };
}

async function serverAnswer(page: Page, query: string) {
  const answer = await (await page.request.get(`/api/catalog/search?${query}&limit=96`)).json();
  return { total: answer.total as number, ids: answer.listings.map((l: any) => l.product.id as string) };
}

for (const worker of ['with the worker\'s index', 'without a worker']) {
  test(`typed searches find what the server's search finds, ${worker}`, async ({ page, context }) => {
    const warnings: string[] = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    const loaded: string[] = [];
    page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
    if (worker === 'without a worker') {
      // The context's route, not the page's: once the service worker controls the page,
      // the worker's files come through it, and its fetches pass the page's routes by.
      await context.route('**/search-worker_loader.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
    }
    await page.goto('/');
    await expect(page.locator('.result-count')).toContainText(/\d+ produk/);
    const search = page.getByRole('searchbox', { name: 'Cari produk' });
    for (const [typed, query] of [['madu kelulut', 'q=madu+kelulut'], ['amplagn', 'q=amplagn'], ['kerupuk udang', 'q=kerupuk+udang']]) {
      await search.fill(typed);
      const expected = await serverAnswer(page, query);
      expect(expected.total).toBeGreaterThan(0);
      await expect.poll(async () => (await shown(page)).count).toBe(expected.total);
      const { links } = await shown(page);
      expect(links.length).toBeGreaterThan(0);
      expect(links).toEqual(expected.ids.slice(0, links.length).map((id) => `/produk/${id}`));
    }
    if (worker !== 'without a worker') {
      expect(loaded.some((p) => /search-worker.*\.wasm$/.test(p))).toBe(true);
      expect(warnings.filter((w) => w.includes('search worker'))).toEqual([]);
    } else {
      expect(warnings.some((w) => w.includes('search worker'))).toBe(true);
    }
  });
}

test('while the worker is still starting, the server answers the search', async ({ page, context }) => {
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => { release = r; });
  // The worker's wasm is held back, as on a slow link; the page's own index is not built.
  // Held for the whole context: the service worker keeps the worker's files on install and
  // serves them once it controls the page, and a page route does not see its fetches (the
  // worker then started regardless, and answered before the server was asked).
  await context.route('**/search-worker_bg.wasm', async (route) => { await gate; await route.continue(); });
  const asked: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/api/catalog/search')) asked.push(new URL(r.url()).search); });

  // An address with a search in it, opened before the worker is ready.
  await page.goto('/?q=madu+kelulut&urut=harga-naik');
  const expected = await serverAnswer(page, 'q=madu+kelulut&urut=harga-naik');
  await expect.poll(async () => (await shown(page)).count).toBe(expected.total);
  expect((await shown(page)).links).toEqual(expected.ids.slice(0, (await shown(page)).links.length).map((id) => `/produk/${id}`));
  // And a search typed meanwhile.
  await page.getByRole('searchbox', { name: 'Cari produk' }).fill('amplagn');
  const typo = await serverAnswer(page, 'q=amplagn&urut=harga-naik');
  expect(typo.total).toBeGreaterThan(0);
  await expect.poll(async () => (await shown(page)).count).toBe(typo.total);
  expect(asked.some((q) => q.includes('q=amplagn'))).toBe(true);

  // Once the worker is ready, it answers: no more requests to the server.
  release();
  await page.waitForResponse((r) => r.url().includes('search-worker_bg.wasm'));
  const before = asked.length;
  await page.waitForTimeout(1500);
  await page.getByRole('searchbox', { name: 'Cari produk' }).fill('kerupuk udang');
  const kerupuk = await serverAnswer(page, 'q=kerupuk+udang&urut=harga-naik');
  await expect.poll(async () => (await shown(page)).count).toBe(kerupuk.total);
  expect(asked.length).toBe(before);
});
