// A hotel buyer's path through the catalog: search, filter, sort, open a product, check the
// rupiah terms and WhatsApp links, visit the village, share the filtered URL, go back.
import { expect, type Page } from '@playwright/test';
import { test } from './helpers';

function rupiah(text: string): number {
  return Number(text.replace(/[^0-9]/g, ''));
}

// The listings the category menu counts ("Madu (12)"), summed over its categories.
async function categoryTotal(page: Page): Promise<number> {
  const texts = await page.locator('#f-kategori option').allTextContents();
  return texts.map((t) => /\((\d+)\)$/.exec(t)?.[1]).filter((n) => n !== undefined).reduce((a, n) => a + Number(n), 0);
}

async function cardPrices(page: Page): Promise<number[]> {
  const texts = await page.locator('.card-price').allTextContents();
  return texts.map((t) => rupiah(t.split('/')[0]));
}

test('search, filter, sort, product, village, shared URL, back', async ({ page, context }, info) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });

  await page.goto('/');
  const count = page.locator('.result-count');
  await expect(count).toContainText(/\d+ produk/);
  const all = rupiah(await count.innerText());
  expect(all).toBeGreaterThanOrEqual(40);
  // Demo photos are real JPEGs served by the server (drawn on first request).
  const firstPhoto = page.locator('.card-photo img').first();
  await expect.poll(() => firstPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 20_000 }).toBe(400);
  await page.screenshot({ path: `artifacts/screenshots/catalog-${info.project.name}.png`, fullPage: false });

  // Typing filters instantly; a typo still finds kerupuk.
  const search = page.getByRole('searchbox', { name: 'Cari produk' });
  await search.fill('kerupk');
  await expect(page).toHaveURL(/q=kerupk/);
  const typo = rupiah(await count.innerText());
  expect(typo).toBeGreaterThan(0);
  await search.fill('kerupuk');
  await expect(page).toHaveURL(/q=kerupuk(&|$)/);
  await expect(page.locator('.card-title').first()).toContainText(/kerupuk/i);
  const kerupuk = rupiah(await count.innerText());
  expect(kerupuk).toBeLessThan(all);
  // The category menu counts what the search finds, and follows each keystroke.
  expect(await categoryTotal(page)).toBe(kerupuk);
  // Cards made while typing keep their photo in data-src, and the pause that writes the URL
  // starts it (PhotoLoad in product_card.rs): results typed past cost no photos.
  await page.evaluate(() => {
    const w = window as unknown as { waitingPhotos: number };
    w.waitingPhotos = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) {
        if (!(n instanceof Element)) continue;
        for (const img of n.querySelectorAll('img')) {
          if (img.hasAttribute('data-src') && !img.hasAttribute('src')) w.waitingPhotos++;
        }
      }
    }).observe(document.querySelector('.card-grid')!, { childList: true, subtree: true });
  });
  await search.fill('madu');
  await expect(page.locator('.card-title').first()).toContainText(/madu/i);
  await expect(page).toHaveURL(/q=madu/);
  expect(await page.evaluate(() => (window as unknown as { waitingPhotos: number }).waitingPhotos)).toBeGreaterThan(0);
  await expect(page.locator('.card-photo img[data-src]')).toHaveCount(0);
  const typedPhoto = page.locator('.card-photo img').first();
  await expect.poll(() => typedPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 20_000 }).toBe(400);
  const madu = rupiah(await count.innerText());
  expect(madu).not.toBe(kerupuk);
  await expect.poll(() => categoryTotal(page)).toBe(madu);
  await search.fill('kerupuk');
  await expect(count).toHaveText(`${kerupuk} produk`);
  await expect.poll(() => categoryTotal(page)).toBe(kerupuk);

  // Filters live in a drawer on phones.
  const toggle = page.getByRole('button', { name: 'Filter' });
  if (await toggle.isVisible()) await toggle.click();
  await page.getByLabel('Sertifikat berlaku').selectOption('halal');
  await expect(page).toHaveURL(/sertifikat=halal/);
  const done = page.getByRole('button', { name: 'Lihat hasil' });
  if (await done.isVisible()) await done.click();
  const halal = rupiah(await count.innerText());
  expect(halal).toBeGreaterThan(0);
  expect(halal).toBeLessThanOrEqual(kerupuk);
  for (const card of await page.locator('.product-card').all()) {
    await expect(card.locator('.badge.cert-halal')).toBeVisible();
  }

  await page.getByLabel('Urutkan').selectOption('harga-naik');
  await expect(page).toHaveURL(/urut=harga-naik/);
  // One page of eight cards (a phone's four rows) renders first; a wide screen has more.
  const page1 = Math.min(halal, 8);
  const prices = (await cardPrices(page)).slice(0, page1);
  expect(prices.length).toBe(page1);
  expect([...prices].sort((a, b) => a - b)).toEqual(prices);
  await page.screenshot({ path: `artifacts/screenshots/catalog-filtered-${info.project.name}.png`, fullPage: false });

  // The same URL in a fresh page gives the same view.
  const shared = page.url();
  const other = await context.newPage();
  await other.goto(shared);
  await expect(other.locator('.result-count')).toHaveText(await count.innerText());
  expect((await cardPrices(other)).slice(0, page1)).toEqual(prices);
  await expect(other.getByLabel('Sertifikat berlaku')).toHaveValue('halal');
  await other.close();

  // Open the cheapest product.
  const first = page.locator('.card-title a').first();
  const name = (await first.innerText()).trim();
  await first.click();
  await expect(page).toHaveURL(/\/produk\//);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page).toHaveTitle(new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const terms = page.locator('.terms');
  await expect(terms).toContainText('Minimal pesanan');
  await expect(terms.locator('.tiers strong').first()).toHaveText(/^Rp \d{1,3}(\.\d{3})*$/);
  await expect(terms).toContainText('US$');
  const contact = page.getByRole('link', { name: 'Hubungi penjual di WhatsApp' });
  await expect(contact).toHaveAttribute('href', /^https:\/\/wa\.me\/62\d+\?text=/);
  const share = page.getByRole('link', { name: 'Bagikan lewat WhatsApp' });
  const href = decodeURIComponent((await share.getAttribute('href')) ?? '');
  expect(href).toContain(name);
  expect(href).toContain('/produk/');
  await expect(page.getByRole('link', { name: 'Minta penawaran' }).last()).toHaveAttribute('href', /\/permintaan\?produk=/);
  await expect(page.locator('.gallery img')).toHaveAttribute('srcset', /400w.*1600w/);
  await page.screenshot({ path: `artifacts/screenshots/product-${info.project.name}.png`, fullPage: true });

  // Its village.
  await page.getByRole('link', { name: 'Lihat profil desa' }).click();
  await expect(page).toHaveURL(/\/desa\//);
  await expect(page.locator('.badge.idm')).toBeVisible();
  await expect(page.locator('.village-products .product-card').first()).toBeVisible();

  // Back twice returns to the filtered, sorted results.
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(shared);
  await expect(count).toHaveText(`${halal} produk`);
  expect(errors).toEqual([]);
});

test('more results come as the reader scrolls, and with the button from the keyboard', async ({ page }) => {
  await page.goto('/');
  const count = page.locator('.result-count');
  await expect(count).toContainText(/\d+ produk/);
  const all = rupiah(await count.innerText());
  const cards = page.locator('.product-card');
  await expect(cards.first()).toBeVisible();
  // A page is four full rows of the grid: eight cards in a phone's two columns, sixteen
  // in a wide screen's four.
  const columns = await page.locator('.card-grid').evaluate((grid) => getComputedStyle(grid).gridTemplateColumns.split(' ').length);
  const pageSize = columns * 4;
  const first = await cards.count();
  expect(first).toBe(pageSize);
  expect(first).toBeLessThan(all);

  const more = page.getByRole('button', { name: 'Tampilkan lebih banyak' });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(Math.min(first + pageSize, all));

  // Scrolling to the end keeps loading until every result is on the page.
  await expect.poll(async () => {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    return cards.count();
  }, { timeout: 20_000 }).toBe(all);
  await expect(more).toHaveCount(0);
});

test('a search typed and left at once is whole in the history when the reader comes back', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.product-card').first()).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Cari produk' });
  // Results follow every keystroke; the URL follows when typing pauses or the box loses
  // focus, which a click on a result does first.
  await search.pressSequentially('amplang');
  await expect(page.locator('.card-title').first()).toContainText(/amplang/i);
  await page.locator('.card-title a').first().click();
  await expect(page).toHaveURL(/\/produk\//);
  await page.goBack();
  await expect(page).toHaveURL(/\/\?q=amplang$/);
  await expect(search).toHaveValue('amplang');
  await expect(page.locator('.card-title').first()).toContainText(/amplang/i);
});

test('empty results offer to clear the filters', async ({ page }) => {
  await page.goto('/?q=kerupuk&moq=10&waktu=3&sertifikat=haccp');
  await expect(page.getByRole('heading', { name: 'Tidak ada produk yang cocok' })).toBeVisible();
  await page.locator('.empty-state').getByRole('button', { name: 'Hapus semua filter' }).click();
  await expect(page).toHaveURL(/\/\?q=kerupuk$/);
  await expect(page.locator('.product-card').first()).toBeVisible();
});

test.describe('without a service worker (older browsers, first visit)', () => {
test.use({ serviceWorkers: 'block' });
test('the catalog shows an error with retry when the server is unreachable, and a saved copy offline', async ({ page }) => {
  // First visit with the server unreachable and nothing saved: an error and a retry.
  await page.route('**/api/catalog/index', (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText('Katalog tidak dapat dimuat');
  await page.unroute('**/api/catalog/index');
  await page.getByRole('button', { name: 'Coba lagi' }).click();
  await expect(page.locator('.product-card').first()).toBeVisible();

  // After one good visit, the catalog works from the saved copy when offline.
  await page.route('**/api/catalog/index', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await expect(page.getByText('Anda sedang offline')).toBeVisible();
  await expect(page.locator('.product-card').first()).toBeVisible();
  // The copy is the card index in the Cache API; localStorage (5 MB, which a large
  // catalog outgrows) holds no catalog.
  expect(await page.evaluate(() => localStorage.getItem('etalase.catalog'))).toBeNull();
  expect(await page.evaluate(async () => {
    const saved = await (await caches.open('etalase-data')).match('/api/catalog/index');
    return saved ? (await saved.json()).cards.ids.length : 0;
  })).toBeGreaterThan(10);
});
});

// The village, kecamatan and cooperative lists are written into their menus as HTML (long
// lists, see filter_panel.rs), their choice set on the element: it must follow the address,
// the kecamatan chosen, and a change of language all the same.
test('the place and cooperative menus keep their choice from the address, a kecamatan and another language', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#boot')).toHaveCount(0); // the app's page, with its filters
  // Exact: "Hapus semua filter" is a button too once a filter is chosen.
  const toggle = page.getByRole('button', { name: 'Filter', exact: true });
  if (await toggle.isVisible()) await toggle.click();
  const village = page.getByLabel('Desa', { exact: true });
  const everywhere = await village.locator('option').count();
  await page.getByLabel('Kecamatan', { exact: true }).selectOption('Tenggarong Seberang');
  await expect(page).toHaveURL(/kec=Tenggarong(\+|%20)Seberang/);
  // Only the kecamatan's villages with listings, after "Semua".
  await expect.poll(() => village.locator('option').allTextContents()).toEqual(['Semua', 'Bangun Rejo', 'Bukit Raya']);
  expect(everywhere).toBeGreaterThan(3);
  await village.selectOption({ label: 'Bukit Raya' });
  await expect(page).toHaveURL(/desa=bukit-raya-tenggarong-seberang/);
  await page.getByLabel('Koperasi', { exact: true }).selectOption('bukit-raya-tenggarong-seberang');
  await expect(page).toHaveURL(/koperasi=bukit-raya-tenggarong-seberang/);
  const count = await page.locator('.result-count').innerText();

  // The address alone, in a fresh load, shows the same choices.
  await page.reload();
  await expect(page.locator('#boot')).toHaveCount(0);
  if (await toggle.isVisible()) await toggle.click();
  await expect(page.locator('.result-count')).toHaveText(count);
  await expect(page.getByLabel('Kecamatan', { exact: true })).toHaveValue('Tenggarong Seberang');
  await expect(village).toHaveValue('bukit-raya-tenggarong-seberang');
  await expect(page.getByLabel('Koperasi', { exact: true })).toHaveValue('bukit-raya-tenggarong-seberang');

  // In English the lists are written again, and keep them (read with the drawer shut).
  const done = page.getByRole('button', { name: 'Lihat hasil' });
  if (await done.isVisible()) await done.click();
  await page.getByRole('link', { name: 'Switch to English' }).click();
  await expect(page).toHaveURL(/\/en\?/);
  await expect(page.getByLabel('Village', { exact: true })).toHaveValue('bukit-raya-tenggarong-seberang');
  await expect(page.getByLabel('Village', { exact: true }).locator('option').first()).toHaveText('Any');
  await expect(page.getByLabel('Cooperative', { exact: true })).toHaveValue('bukit-raya-tenggarong-seberang');
});

test('after one visit, the app and catalog open with no connection at all', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.locator('#boot')).toHaveCount(0); // the app has the card index
  // Wait until the service worker controls the page (it claims it on activating).
  // The worker installs in the background, keeping both app shells first: seconds on a busy machine.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
  // Its activation leaves the page's own copy of the index alone (it once deleted it).
  await expect.poll(() => page.evaluate(async () =>
    (await (await caches.open('etalase-data')).match('/api/catalog/index')) !== undefined)).toBe(true);
  // Load once more, so the worker has cached the shell, the hashed assets and the catalog.
  await page.reload();
  await expect(page.locator('#boot')).toHaveCount(0);

  // Offline for the page and for the service worker's own fetches (setOffline alone does
  // not reach the worker in Chromium): every request to the server now fails.
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto('/desa/sepatin');
  await expect(page.locator('.badge.idm')).toBeVisible();
  await page.goto('/?q=madu');
  await expect(page.locator('.product-card').first()).toBeVisible();
  await expect(page.getByText('Anda sedang offline')).toBeVisible();
  // Searching offline: the search worker's files come from the service worker's cache too.
  await page.getByRole('searchbox', { name: 'Cari produk' }).fill('kerupuk udang');
  await expect(page.locator('.card-title').first()).toContainText(/kerupuk/i);
  // (The page warns when the worker cannot start and it searches on its own.)
  expect(warnings.filter((w) => w.includes('search worker'))).toEqual([]);
  await context.unroute('**/*');
  await context.setOffline(false);
});

test('an unknown product or village says so and links back', async ({ page }) => {
  await page.goto('/produk/tidak-ada-produk-ini');
  await expect(page.getByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' })).toBeVisible();
  await expect(page.getByText('Produk ini tidak ditemukan atau sudah tidak dijual.')).toBeVisible();
  await page.goto('/desa/tidak-ada');
  await expect(page.getByText('Desa ini tidak ditemukan.')).toBeVisible();
  await page.getByRole('link', { name: 'Kembali ke katalog' }).click();
  await expect(page).toHaveURL(/\/$/);
});
