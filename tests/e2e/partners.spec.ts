// Village partnerships: a village page shows its partners and programmes, a partner page
// lists the villages it backs and their products, the product page carries the small mark,
// and the catalog's "backed by a partner" filter narrows the results.
import { expect } from '@playwright/test';
import { test } from './helpers';

function count(text: string): number {
  return Number(text.replace(/[^0-9]/g, ''));
}

test('village page shows its partners; the partner page lists villages and products', async ({ page }, info) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });

  await page.goto('/desa/lung-anai');
  const section = page.getByRole('region', { name: 'Mitra desa' });
  await expect(section).toBeVisible();
  const partner = section.getByRole('link', { name: 'PT Tambang Mahakam Lestari (demo)' });
  await expect(partner).toBeVisible();
  await expect(section.locator('.partnership').first()).toContainText('Pembinaan UMKM');
  await expect(section.locator('.partnership').first()).toContainText('Sejak 2025');
  await expect(section.locator('.partnership-status').first()).toHaveText('Berjalan');
  await expect(section.getByRole('note')).toContainText('Data contoh');
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: `artifacts/screenshots/village-partners-${info.project.name}.png` });
  await page.screenshot({ path: `artifacts/screenshots/village-partners-page-${info.project.name}.png`, fullPage: true });

  // The partner page, reached from the village.
  await partner.click();
  await expect(page).toHaveURL(/\/mitra\/tambang-mahakam-lestari$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PT Tambang Mahakam Lestari (demo)');
  await expect(page).toHaveTitle(/PT Tambang Mahakam Lestari/);
  await expect(page.getByRole('note')).toContainText('Data contoh');
  const programmes = page.getByRole('region', { name: 'Program dengan desa' });
  await expect(programmes.getByRole('link', { name: 'Lung Anai' }).first()).toBeVisible();
  await expect(programmes.getByRole('link', { name: 'Loa Duri Ilir' }).first()).toBeVisible();
  await expect(programmes.locator('.partnership-status', { hasText: 'MoU ditandatangani' })).toBeVisible();
  const products = page.getByRole('region', { name: 'Produk dari desa yang didukung' });
  await expect(products.locator('.product-card').first()).toBeVisible();
  await expect(products.locator('.card-origin', { hasText: 'Lung Anai' }).first()).toBeVisible();
  const firstPhoto = products.locator('.card-photo img').first();
  await expect.poll(() => firstPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 20_000 }).toBe(400);
  await page.screenshot({ path: `artifacts/screenshots/partner-${info.project.name}.png`, fullPage: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `artifacts/screenshots/partner-top-${info.project.name}.png`, fullPage: false });

  // English labels come from the same tables.
  await page.getByRole('link', { name: /English/ }).click();
  await expect(page.getByRole('region', { name: 'Programmes with villages' })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('Demo data');
  await page.getByRole('link', { name: /Indonesia/ }).click();

  // A product of a backed village carries the small mark, linking back to its partners.
  await products.locator('.card-title a').first().click();
  await expect(page).toHaveURL(/\/produk\//);
  const mark = page.locator('.backed-line');
  await expect(mark.locator('.badge.backed')).toHaveText('Didukung mitra');
  await expect(mark.getByRole('link', { name: 'PT Tambang Mahakam Lestari (demo)' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a village without partners has no partner section; an unknown partner is not found', async ({ page, request }) => {
  // Found in the catalog as it is now: other specs record partnerships on this server.
  const catalog = await (await request.get('/api/catalog')).json();
  const partnered = new Set(catalog.partnerships.flatMap((p: { village_slugs: string[] }) => p.village_slugs));
  const lone = catalog.products.map((p: { village_slug: string }) => p.village_slug).find((v: string) => !partnered.has(v));
  expect(lone).toBeTruthy();
  await page.goto(`/desa/${lone}`);
  await expect(page.locator('.village-products .product-card').first()).toBeVisible();
  await expect(page.locator('.village-partners')).toHaveCount(0);
  await page.goto('/produk/kerupuk-udang-sepatin-250g');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.backed-line')).toHaveCount(0);

  await page.goto('/mitra/tidak-ada');
  await expect(page.getByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeVisible();
  await expect(page.getByText('Mitra ini tidak ditemukan.')).toBeVisible();
});

test('the "backed by a partner" filter narrows the catalog', async ({ page }) => {
  await page.goto('/');
  const result = page.locator('.result-count');
  await expect(result).toContainText(/\d+ produk/);
  const all = count(await result.innerText());

  const toggle = page.getByRole('button', { name: 'Filter' });
  if (await toggle.isVisible()) await toggle.click();
  const box = page.getByRole('checkbox', { name: 'Didukung mitra' });
  await box.check();
  await expect(page).toHaveURL(/mitra=1/);
  const done = page.getByRole('button', { name: 'Lihat hasil' });
  if (await done.isVisible()) await done.click();
  await expect.poll(async () => count(await result.innerText())).toBeLessThan(all);
  const backed = count(await result.innerText());
  expect(backed).toBeGreaterThan(0);
  // Every card shown comes from a village with a signed or running partnership.
  const backedVillages = ['Lung Anai', 'Loh Sumber', 'Loa Kulu Kota', 'Jembayan Tengah', 'Loa Duri Ilir', 'Tani Baru', 'Muara Pantuan'];
  for (const origin of await page.locator('.product-card .card-origin').allTextContents()) {
    expect(backedVillages.some((v) => origin.includes(v)), origin).toBe(true);
  }
  // Saliki's only partnership is finished: its amplang is not in the list.
  await expect(page.locator('.product-card .card-origin', { hasText: 'Saliki' })).toHaveCount(0);

  // The filter survives a reload (it lives in the URL) and combines with search.
  await page.reload();
  await expect(result).toHaveText(`${backed} produk`);
  await page.goto('/?mitra=1&q=kopi');
  await expect(page.locator('.product-card .card-origin').first()).toContainText('Loa Kulu Kota');
});
