// The app shell in a real browser: language switch, 404 page, deep-link reload (server
// fallback), and no console errors along the way.
import { expect, type Page } from '@playwright/test';
import { test } from './helpers';

function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  return errors;
}

test('home loads in Indonesian and switches to English, remembered across reloads', async ({ page }, info) => {
  const errors = collectConsoleErrors(page);
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await expect(page.getByRole('searchbox', { name: 'Cari produk' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Menu utama' })).toBeVisible();
  await expect(page).toHaveTitle(/Etalase Desa/);
  await page.screenshot({ path: `artifacts/screenshots/shell-home-${info.project.name}.png`, fullPage: true });

  const origin = page.locator('.card-origin').first();
  await expect(origin).toHaveText(/^Desa /);
  await page.getByRole('link', { name: 'Switch to English' }).click();
  // The home page's English twin.
  await expect(page).toHaveURL(/\/en$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('searchbox', { name: 'Search products' })).toBeVisible();
  // Result cards follow the language too (each card is rebuilt when it changes).
  await expect(origin).toHaveText(/ village$/);
  await expect(page.locator('.card-terms').first()).toContainText('days');
  await expect(page.getByRole('link', { name: 'Request a quote' })).toBeVisible();

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('searchbox', { name: 'Search products' })).toBeVisible();
  await expect(page).toHaveURL(/\/en$/);
  await page.getByRole('link', { name: 'Ganti ke Bahasa Indonesia' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  expect(new URL(page.url()).pathname).toBe('/');
  expect(errors).toEqual([]);
});

test('unknown route shows the 404 page with a way back', async ({ page }, info) => {
  const errors = collectConsoleErrors(page);
  // A real 404 for crawlers, with the page the app then keeps showing; Chromium logs the
  // document's status, which is the one error expected here.
  const res = await page.goto('/tidak-ada/halaman-ini');
  expect(res?.status()).toBe(404);
  const documentStatus = 'Failed to load resource: the server responded with a status of 404 (Not Found)';
  await expect(page.getByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' })).toBeVisible();
  await expect(page).toHaveTitle(/Halaman tidak ditemukan/);
  await page.screenshot({ path: `artifacts/screenshots/shell-404-${info.project.name}.png`, fullPage: true });
  await page.getByRole('link', { name: 'Kembali ke katalog' }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(errors.filter((e) => e !== documentStatus)).toEqual([]);
});

test('a deep link survives a reload (server falls back to the app)', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.goto('/');
  await page.getByRole('link', { name: 'Tentang' }).click();
  await expect(page).toHaveURL(/\/tentang$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tentang Etalase Desa' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Tentang Etalase Desa' })).toBeVisible();
  // The about page asks the real server for its health.
  await expect(page.getByText('Server dan basis data berjalan normal')).toBeVisible();
  const res = await page.request.get('/desa/sepatin');
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toBe('no-cache');
  expect(errors).toEqual([]);
});

// Chromium fetches the icon again after every same-document navigation (each search pause,
// each filter): it must come from the browser's cache, and be an image that is cheap to
// decode, not an SVG document.
test('both shells name one content-hashed PNG icon that browsers may keep', async ({ page }) => {
  for (const shell of ['/', '/penjual']) {
    await page.goto(shell);
    const icons = page.locator('link[rel="icon"]');
    await expect(icons).toHaveCount(1);
    const href = (await icons.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/favicon-[0-9a-f]{12,}\.png$/);
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('image/png');
    expect(res.headers()['cache-control']).toContain('immutable');
  }
});

test('keyboard users can skip to the content', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('searchbox')).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Langsung ke isi' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});

test('the Content-Security-Policy blocks nothing the app itself does, and is really enforced', async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const res = await page.goto('/');
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  for (const path of ['/', '/permintaan', '/wawasan', '/masuk', '/tentang']) {
    await page.goto(path);
    await expect(page.locator('#boot')).toHaveCount(0); // the wasm app mounted
    expect(await page.evaluate(() => (window as any).__csp), path).toEqual([]);
  }
  // An injected inline script is refused: the policy is not decorative.
  const ran = await page.evaluate(() => {
    (window as any).__injected = false;
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.appendChild(s);
    return (window as any).__injected;
  });
  expect(ran).toBe(false);
  expect((await page.evaluate(() => (window as any).__csp)).join()).toContain('script-src');
});

test('buyer and seller apps are separate bundles, linked both ways, Back still works', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const wasm: string[] = [];
  page.on('request', (req) => { if (req.url().endsWith('.wasm')) wasm.push(new URL(req.url()).pathname); });
  await page.goto('/');
  await expect(page.locator('.product-card').first()).toBeVisible();
  // A buyer downloads only the buyer's app (and, once the catalog is in, the search
  // worker's wasm): no seller bundle, no photo worker.
  expect(wasm.filter((p) => /\/app-[0-9a-f]+_bg\.wasm$/.test(p))).toHaveLength(1);
  expect(wasm.filter((p) => !/\/app-[0-9a-f]+_bg\.wasm$/.test(p) && p !== '/search-worker_bg.wasm')).toEqual([]);

  // The header's sign-in link leads into the seller's app (a full load of its shell).
  await page.getByRole('link', { name: 'Masuk', exact: true }).click();
  await expect(page).toHaveURL(/\/masuk$/);
  await expect(page.getByRole('tab', { name: 'Daftar baru' })).toBeVisible();
  await expect(page).toHaveTitle(/Etalase Desa/);
  expect(wasm.some((p) => /\/seller-[0-9a-f]+_bg\.wasm$/.test(p))).toBe(true);

  // And back: the brand link opens the catalog again, and Back returns to the sign-in page.
  await page.getByRole('link', { name: /Etalase Desa/ }).first().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.product-card').first()).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/masuk$/);
  await expect(page.getByRole('tab', { name: 'Daftar baru' })).toBeVisible();
  expect(errors).toEqual([]);
});
