// Main-thread responsiveness while a seller's 12 MP photo is processed in the worker and
// uploaded: registers a seller, opens the editor, picks the photo three times and prints the
// main thread's long tasks (>= 50 ms, PerformanceObserver 'longtask') for each round.
// Run against a running server: `cargo xtask run` in one shell, then
// `BASE=http://127.0.0.1:8080 node tests/bench/photo_longtasks.mjs`.
import { chromium } from '@playwright/test';
import { launchOptions } from '../chromium.mjs';
const b = await chromium.launch(launchOptions());
const base = process.env.BASE ?? 'http://127.0.0.1:8080';
const page = await b.newPage({ viewport: { width: 390, height: 844 } });
await page.goto(base + '/masuk');
await page.getByRole('tab', { name: 'Daftar baru' }).click();
await page.getByLabel('Nama usaha').fill('Bench');
await page.getByLabel('Nomor WhatsApp').fill('0812' + String(Date.now() % 10000000).padStart(7, '0'));
await page.getByLabel('Kecamatan', { exact: true }).selectOption('Anggana');
await page.locator('.village-option', { hasText: 'Sepatin' }).click();
await page.getByLabel('Kata sandi', { exact: true }).fill('amplang-enak-2026');
await page.getByRole('button', { name: 'Daftar dan masuk' }).click();
await page.waitForURL(/penjual$/);
await page.getByRole('link', { name: 'Tambah produk' }).click();
await page.waitForURL(/baru-/);
await page.waitForTimeout(1000);
for (let round = 0; round < 3; round++) {
  await page.evaluate(() => { window.__lt = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push(Math.round(e.duration)); }).observe({ type: 'longtask' }); window.__t0 = performance.now(); });
  await page.locator('#f-photos').setInputFiles(new URL('../../../shared/fixtures/photos/phone-12mp-orient6.jpg', import.meta.url).pathname);
  await page.locator('.job').last().getByText('Selesai').waitFor({ timeout: 60000 });
  const r = await page.evaluate(() => ({ lt: window.__lt, ms: Math.round(performance.now() - window.__t0) }));
  console.log(`round ${round}: total ${r.ms} ms (process+upload), main-thread long tasks: ${JSON.stringify(r.lt)}`);
}
await b.close();
