// The page the server writes, as a phone without JavaScript (or before the app) sees it, and
// the app taking it over without moving anything.
import { expect } from '@playwright/test';
import { axeViolations, test } from './helpers';

test('with JavaScript off a product page shows its name, price and photo', async ({ browser, request }, info) => {
  const catalog = await (await request.get('/api/catalog')).json();
  const product = catalog.products.find((p: { photos: unknown[] }) => p.photos.length > 0);
  const context = await browser.newContext({ ...info.project.use, javaScriptEnabled: false });
  const page = await context.newPage();
  const res = await page.goto(`/produk/${product.id}`);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: product.name_id })).toBeVisible();
  await expect(page.locator('.price-big')).toContainText('Rp');
  const photo = page.locator('.gallery-main img');
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await expect(page).toHaveTitle(new RegExp(product.name_id));
  await page.screenshot({ path: `artifacts/screenshots/first-view-nojs-${info.project.name}.png`, fullPage: true });
  await context.close();
});

test('the app takes over the written page without layout shifts, and search still works', async ({ page }, info) => {
  await page.addInitScript(() => {
    (window as unknown as { __shift: number }).__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number }[]) {
        (window as unknown as { __shift: number }).__shift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
    // Where the written page's content starts, before the app replaces it.
    addEventListener('DOMContentLoaded', () => {
      (window as unknown as { __writtenTop: number }).__writtenTop = document.querySelector('main')!.getBoundingClientRect().top;
    });
  });
  for (const path of ['/', '/desa/sepatin']) {
    await page.goto(path);
    // The app's own page is there when the written one is gone.
    await expect(page.locator('#boot')).toHaveCount(0);
    await page.waitForTimeout(500);
    const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
    expect(shift, path).toBeLessThanOrEqual(0.02);
    // Layout-shift entries do not see a page replaced whole; the content's top edge does
    // (the header's search box is held empty until the app fills it).
    const [written, app] = await page.evaluate(() => [
      (window as unknown as { __writtenTop: number }).__writtenTop,
      document.querySelector('main')!.getBoundingClientRect().top,
    ]);
    expect(Math.abs(app - written), path).toBeLessThanOrEqual(1);
  }
  await page.screenshot({ path: `artifacts/screenshots/first-view-app-${info.project.name}.png`, fullPage: false });
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Cari produk' }).fill('madu');
  await expect(page).toHaveURL(/q=madu/);
  await expect(page.locator('.product-card').first()).toContainText(/madu/i);
});

test('an English browser lands on English twins, and the toggle moves between twins and is remembered', async ({ browser }, info) => {
  const context = await browser.newContext({ ...info.project.use, locale: 'en-US' });
  const page = await context.newPage();
  // The first visit to an Indonesian link, with no choice made, follows the browser.
  await page.goto('/desa/sepatin');
  await expect(page).toHaveURL(/\/en\/desa\/sepatin$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Products from this village' })).toBeVisible();
  await page.screenshot({ path: `artifacts/screenshots/twin-en-${info.project.name}.png` });

  // The toggle goes to the Indonesian twin within the app, and the choice outlives a reload
  // even though the browser asks for English.
  await page.getByRole('link', { name: 'ID: Ganti ke Bahasa Indonesia' }).click();
  await expect(page).toHaveURL(/\/desa\/sepatin$/);
  expect(new URL(page.url()).pathname).toBe('/desa/sepatin');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await expect(page.getByRole('heading', { name: 'Produk dari desa ini' })).toBeVisible();
  await page.reload();
  expect(new URL(page.url()).pathname).toBe('/desa/sepatin');
  await expect(page.getByRole('heading', { name: 'Produk dari desa ini' })).toBeVisible();

  // Back to English: the header and the cards now lead to English pages.
  await page.getByRole('link', { name: 'EN: Switch to English' }).click();
  await expect(page).toHaveURL(/\/en\/desa\/sepatin$/);
  await expect(page.getByRole('navigation', { name: /main/i }).getByRole('link', { name: 'About' })).toHaveAttribute('href', '/en/tentang');
  await page.locator('.product-card h3 a').first().click();
  await expect(page).toHaveURL(/\/en\/produk\//);
  await expect(page.locator('.price-big')).toBeVisible();
  // Going back returns to the English village page.
  await page.goBack();
  await expect(page).toHaveURL(/\/en\/desa\/sepatin$/);
  await context.close();
});

test('without JavaScript the language link works too, and the choice is remembered', async ({ browser }, info) => {
  const context = await browser.newContext({ ...info.project.use, locale: 'en-US', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/desa/sepatin');
  expect(new URL(page.url()).pathname).toBe('/en/desa/sepatin');
  await page.getByRole('link', { name: 'ID: Ganti ke Bahasa Indonesia' }).click();
  await expect(page).toHaveURL(/\/desa\/sepatin$/);
  expect(new URL(page.url()).pathname).toBe('/desa/sepatin');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  // A later visit from outside the site keeps the choice over the browser's English.
  await page.goto('/produk/kerupuk-udang-sepatin-250g');
  expect(new URL(page.url()).pathname).toBe('/produk/kerupuk-udang-sepatin-250g');
  await context.close();
});

test('with no choice stored, the inquiry form follows the browser languages', async ({ browser }, info) => {
  const context = await browser.newContext({ ...info.project.use, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto('/permintaan');
  expect(new URL(page.url()).pathname).toBe('/permintaan');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await context.close();
});

test('public pages in both languages pass axe-core once the app has them', async ({ browser, request }, info) => {
  const catalog = await (await request.get('/api/catalog')).json();
  const id = catalog.products[0].id;
  // axe-core is injected as a script, which the Content-Security-Policy rightly forbids.
  const context = await browser.newContext({ ...info.project.use, bypassCSP: true });
  const page = await context.newPage();
  for (const path of ['/', `/produk/${id}`, '/desa/sepatin', '/koperasi/sepatin', '/tentang', '/wawasan', '/en', `/en/produk/${id}`, '/en/desa/sepatin']) {
    await page.goto(path);
    await expect(page.locator('#boot')).toHaveCount(0);
    await expect(page.locator('main h1').first()).toBeVisible();
    expect(await axeViolations(page), path).toEqual([]);
  }
  await context.close();
});
