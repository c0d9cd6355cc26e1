// The catalog's search in its Web Worker (src/search_worker/): the worker's protocol driven
// directly, the page's results against the server's search for the same query, and the
// page still searching on its own when the worker cannot start.
import { test, expect, type Page } from '@playwright/test';

// Runs in the page: starts the worker and speaks its protocol, returning what it answered.
async function talkToWorker(page: Page) {
  return page.evaluate(async () => {
    const worker = new Worker('/search-worker_loader.js', { type: 'module' });
    const inbox: { msg: any; hits?: Uint32Array }[] = [];
    let wake: (() => void) | null = null;
    worker.onmessage = (e) => { inbox.push({ msg: JSON.parse(e.data.msg), hits: e.data.hits }); wake?.(); };
    const next = async () => {
      while (inbox.length === 0) await new Promise<void>((r) => { wake = r; setTimeout(r, 100); });
      return inbox.shift()!;
    };
    const send = (msg: object, extra: object = {}) => worker.postMessage({ msg: JSON.stringify(msg), ...extra });
    const ready = (await next()).msg;
    // A search before any index, and a message that is not the protocol's.
    send({ type: 'search', id: 1, q: 'madu' });
    const early = (await next()).msg;
    worker.postMessage({ hello: 'world' });
    const stranger = (await next()).msg;
    send({ type: 'index' }, { text: '{"not":"an index"}' });
    const bad = (await next()).msg;
    const text = await (await fetch('/api/catalog/index')).text();
    const index = JSON.parse(text);
    send({ type: 'index' }, { text });
    const indexed = (await next()).msg;
    send({ type: 'search', id: 2, q: 'madu kelulut' });
    const hit = await next();
    send({ type: 'search', id: 3, q: 'zzzzqqqq' });
    const none = await next();
    worker.terminate();
    return {
      ready, early, stranger, bad, indexed,
      version: index.version, listings: index.cards.ids.length,
      hits: { msg: hit.msg, positions: Array.from(hit.hits ?? []), ids: Array.from(hit.hits ?? []).map((i) => index.cards.ids[i]) },
      none: { msg: none.msg, count: none.hits?.length },
    };
  });
}

test('the worker speaks its protocol: ready, index, answers by version, refusals', async ({ page }) => {
  await page.goto('/');
  const talk = await talkToWorker(page);
  expect(talk.ready).toEqual({ type: 'ready' });
  expect(talk.early).toEqual({ type: 'failed', detail: 'no index yet' });
  expect(talk.stranger.type).toBe('failed');
  expect(talk.bad.type).toBe('failed');
  expect(talk.indexed).toMatchObject({ type: 'indexed', version: talk.version, listings: talk.listings });
  expect(talk.hits.msg).toEqual({ type: 'hits', id: 2, q: 'madu kelulut', version: talk.version });
  expect(talk.hits.positions.length).toBeGreaterThan(0);
  expect(new Set(talk.hits.positions).size).toBe(talk.hits.positions.length);
  expect(talk.none).toEqual({ msg: { type: 'hits', id: 3, q: 'zzzzqqqq', version: talk.version }, count: 0 });

  // The worker's listings for the words, in its order, are the server's search's (no
  // filters, relevance): the same model code on both sides of the wire.
  const server = await (await page.request.get('/api/catalog/search?q=madu+kelulut&limit=96')).json();
  expect(server.version).toBe(talk.version);
  expect(server.total).toBe(talk.hits.ids.length);
  expect(server.listings.map((l: any) => l.product.id)).toEqual(talk.hits.ids.slice(0, 96));
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

for (const worker of ['in the worker', 'without a worker']) {
  test(`typed searches find what the server's search finds, ${worker}`, async ({ page }) => {
    const warnings: string[] = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    const loaded: string[] = [];
    page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
    if (worker === 'without a worker') {
      await page.route('**/search-worker_loader.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
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
    if (worker === 'in the worker') {
      expect(loaded.some((p) => /search-worker.*\.wasm$/.test(p))).toBe(true);
      expect(warnings.filter((w) => w.includes('search worker'))).toEqual([]);
    } else {
      expect(warnings.some((w) => w.includes('search worker'))).toBe(true);
    }
  });
}

test('while the worker is still starting, the server answers the search', async ({ page }) => {
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => { release = r; });
  // The worker's wasm is held back, as on a slow link; the page's own index is not built.
  await page.route('**/search-worker_bg.wasm', async (route) => { await gate; await route.continue(); });
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
