// A catalog too large for a phone to search (the server's `--search-on-server-above`, here
// 10 listings against the third test server's 346): every search with words is the
// server's, page by page as the reader scrolls, and a lost connection says so and keeps
// what was found.
import { expect, type Page } from '@playwright/test';
import { axeViolations, test } from './helpers';

const base = process.env.E2E_SERVER_SEARCH_URL!;

// axe-core is injected, which the app's Content-Security-Policy rightly forbids.
test.use({ bypassCSP: true });

type SearchPage = { total: number; listings: { product: { id: string; name_id: string } }[] };

async function serverSearch(page: Page, q: string, offset = 0): Promise<SearchPage> {
  const res = await page.request.get(`${base}/api/catalog/search`, { params: { q, offset, limit: 96 } });
  expect(res.ok()).toBe(true);
  return res.json();
}

/// Opens the catalog and waits for the app to have taken over from the written page.
async function openCatalog(page: Page) {
  await page.goto(base + '/');
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.locator('.card-grid .product-card').first()).toBeVisible();
}

test('the index says the server searches, and the page asks it for each search', async ({ page }) => {
  const index = await (await page.request.get(`${base}/api/catalog/index`)).json();
  expect(index.searched_by_server).toBe(true);
  expect(index.cards.ids.length).toBeGreaterThan(10);

  const asked: URL[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/catalog/search')) asked.push(new URL(r.url()));
  });
  await openCatalog(page);
  await page.locator('#site-search').fill('udang');
  const expected = await serverSearch(page, 'udang');
  await expect(page.locator('.result-count')).toHaveText(`${expected.total} produk`);
  // The cards are the server's, in its order.
  const names = expected.listings.slice(0, 4).map((l) => l.product.name_id);
  await expect(page.locator('.card-grid .card-title').first()).toBeVisible();
  const shown = await page.locator('.card-grid .card-title').allTextContents();
  expect(shown.slice(0, names.length).map((s) => s.trim())).toEqual(names);
  expect(asked.some((u) => u.searchParams.get('q') === 'udang')).toBe(true);
  // The page never built an index of its own: its search worker was stopped.
  expect(await page.evaluate(() => performance.getEntriesByName('search-ready').length)).toBe(1);
});

test("scrolling past the server's first pages asks for the next", async ({ page }) => {
  // The page asks for 24 listings first, then 96 at a time.
  const all = await serverSearch(page, 'desa');
  expect(all.total).toBeGreaterThan(24 + 96);
  const third = await serverSearch(page, 'desa', 24 + 96);

  const offsets: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/api/catalog/search' && u.searchParams.get('q') === 'desa') offsets.push(u.searchParams.get('offset') ?? '0');
  });
  await openCatalog(page);
  await page.locator('#site-search').fill('desa');
  await expect(page.locator('.result-count')).toHaveText(`${all.total} produk`);
  const cards = page.locator('.card-grid .product-card');
  const more = page.getByRole('button', { name: 'Tampilkan lebih banyak' });
  // Past the first two answers. The button also presses itself when scrolled near, moving
  // as cards come: a click event, as a keyboard's Enter gives, rather than a pointer aimed
  // at where it was.
  while ((await cards.count()) <= 24 + 96) {
    await more.dispatchEvent('click');
  }
  expect(offsets.slice(0, 3)).toEqual(['0', '24', '120']);
  const titles = page.locator('.card-grid .card-title');
  // In the server's order across its pages.
  await expect(titles.nth(24)).toHaveText(all.listings[24].product.name_id);
  await expect(titles.nth(120)).toHaveText(third.listings[0].product.name_id);
  // The button stays while the server has more.
  await expect(more).toBeVisible();
});

test('offline, a search says it needs the connection and tries again when asked', async ({ page, context }, info) => {
  await openCatalog(page);
  // With the service worker in control, which once answered offline with the last search
  // it had seen, whatever the words.
  // The worker installs in the background, keeping both app shells first: seconds on a busy machine.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
  await page.locator('#site-search').fill('madu');
  const madu = await serverSearch(page, 'madu');
  await expect(page.locator('.result-count')).toHaveText(`${madu.total} produk`);

  await context.setOffline(true);
  await page.locator('#site-search').fill('amplang');
  const alert = page.getByRole('alert').filter({ hasText: 'Pencarian perlu sambungan internet' });
  await expect(alert).toBeVisible();
  // What was found before stays on screen.
  await expect(page.locator('.result-count')).toHaveText(`${madu.total} produk`);
  await expect(page.locator('.card-grid .product-card').first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await alert.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('search-offline.png') });

  await context.setOffline(false);
  await alert.getByRole('button', { name: 'Coba lagi' }).click();
  const amplang = await serverSearch(page, 'amplang');
  await expect(page.locator('.result-count')).toHaveText(`${amplang.total} produk`);
  await expect(alert).toHaveCount(0);
  // The button went as it was pressed; focus is back in the search box.
  await expect(page.locator('#site-search')).toBeFocused();
});

test('a later page lost to the connection says so below what came, and comes when asked again', async ({ page, context }, info) => {
  const all = await serverSearch(page, 'desa');
  // The connection drops after the first page: every later page is lost until it is back
  // (a wide screen asks for the next page by itself as soon as the first shows).
  const later = (url: URL) => url.pathname === '/api/catalog/search' && Number(url.searchParams.get('offset') ?? 0) > 0;
  await context.route(later, (route) => route.abort('internetdisconnected'));
  await openCatalog(page);
  await page.locator('#site-search').fill('desa');
  await expect(page.locator('.result-count')).toHaveText(`${all.total} produk`);
  const cards = page.locator('.card-grid .product-card');
  const more = page.getByRole('button', { name: 'Tampilkan lebih banyak' });
  const alert = page.getByRole('alert').filter({ hasText: 'Hasil berikutnya belum bisa dimuat' });
  // Through the first page's 24 (a phone shows it a screenful at a time) and past it. The
  // button goes when the page fails: pressed only while it is there.
  await expect
    .poll(
      async () => {
        if (await more.isVisible()) await more.dispatchEvent('click', undefined, { timeout: 1_000 }).catch(() => {});
        return alert.isVisible();
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  // What came stays, the count is the server's, and nothing offers more until it comes.
  await expect(cards).toHaveCount(24);
  await expect(page.locator('.result-count')).toHaveText(`${all.total} produk`);
  await expect(more).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await alert.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('search-more-failed.png') });

  await context.unroute(later);
  await alert.getByRole('button', { name: 'Coba lagi' }).click();
  await expect(alert).toHaveCount(0);
  // Focus stays on the last listing that came before the ones asked for.
  await expect(page.locator('.card-grid > li').nth(23).locator('a').first()).toBeFocused();
  await expect(page.locator('.card-grid .card-title').nth(24)).toHaveText(all.listings[24].product.name_id);
  await expect(page.locator('.result-count')).toHaveText(`${all.total} produk`);
});

test('the filters without words still work on the phone, offline too', async ({ page, context }) => {
  await openCatalog(page);
  const all = await page.locator('.result-count').textContent();
  await context.setOffline(true);
  const toggle = page.getByRole('button', { name: 'Filter', exact: true });
  if (await toggle.isVisible()) await toggle.click();
  await page.locator('#f-kategori').selectOption('madu');
  await expect(page.locator('.result-count')).not.toHaveText(all!);
  await expect(page.locator('.card-category').first()).toHaveText('Madu');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await context.setOffline(false);
});

test("the inquiry form's product picker finds through the server too", async ({ page }) => {
  const udang = await serverSearch(page, 'udang');
  await page.goto(base + '/permintaan');
  await page.getByLabel('Tambah produk').fill('udang');
  const picks = page.locator('.picker-add');
  await expect(picks.first()).toContainText(udang.listings[0].product.name_id);
  await expect(picks).toHaveCount(6);
});

test('the picker says when nothing matches, and when the server cannot be reached', async ({ page, context }, info) => {
  await page.goto(base + '/permintaan');
  const box = page.getByLabel('Tambah produk');
  const status = page.locator('.picker-status');
  await box.fill('qwzx');
  await expect(status).toHaveText('Tidak ada produk yang cocok. Coba kata lain.');

  await context.setOffline(true);
  await box.fill('amplang');
  await expect(status).toHaveText('Pencarian perlu sambungan internet. Periksa koneksi, lalu cari lagi.');
  await expect(page.locator('.picker-add')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.locator('.picker').screenshot({ path: info.outputPath('picker-offline.png') });
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Cari lagi' }).click();
  await expect(box).toBeFocused();
  const amplang = await serverSearch(page, 'amplang');
  await expect(page.locator('.picker-add').first()).toContainText(amplang.listings[0].product.name_id);
  // Six are listed; when more match, the buyer is told so and how to narrow them.
  const listed = Math.min(6, amplang.listings.length);
  expect(amplang.total).toBeGreaterThan(listed);
  await expect(page.locator('.picker-add')).toHaveCount(listed);
  await expect(status).toHaveText(`${listed} teratas dari ${amplang.total} produk yang cocok. Tambah kata untuk mempersempit.`);
  await expect(page.getByRole('button', { name: 'Cari lagi' })).toHaveCount(0);
});
