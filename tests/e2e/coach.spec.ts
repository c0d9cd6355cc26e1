// The photo coach: a seller picks a photo shot in a dark room; the worker's coach says so,
// beside the processed photo, with a retake tip, and the upload completes all the same.
// The dark photo is made here from a shared fixture (no binary in the repository).
import { expect, type Page, type TestInfo } from '@playwright/test';
import { test } from './helpers';
import { join } from 'node:path';
import { darkenedJpeg, photos } from './dark_photo';

/** A WhatsApp number no other test (or project, or run) uses. */
function uniqueNumber(info: TestInfo, slot: number): string {
  const tail = String(Date.now() % 1_000_000).padStart(6, '0');
  return `0813${info.project.name === 'phone' ? 1 : 2}${slot}${tail}`;
}

async function registerSeller(page: Page, name: string, whatsapp: string) {
  await page.goto('/masuk');
  await page.getByRole('tab', { name: 'Daftar baru' }).click();
  await page.getByLabel('Nama usaha').fill(name);
  await page.getByLabel('Nomor WhatsApp').fill(whatsapp);
  await page.getByLabel('Kecamatan', { exact: true }).selectOption('Anggana');
  await page.locator('.village-option', { hasText: 'Sepatin' }).click();
  await page.getByLabel('Kata sandi', { exact: true }).fill('amplang-enak-2026');
  await page.getByRole('button', { name: 'Daftar dan masuk' }).click();
  await expect(page).toHaveURL(/\/penjual$/);
}


test('a dark photo gets a calm retake tip and is uploaded anyway', async ({ page }, info) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await registerSeller(page, 'KUB Bunga Tanjung', uniqueNumber(info, 1));
  await page.getByRole('link', { name: 'Tambah produk' }).click();
  await expect(page).toHaveURL(/\/penjual\/produk\/baru-[0-9a-f]{8}$/);
  await page.getByLabel('Nama produk (Bahasa Indonesia)').fill('Kopi Robusta Bubuk');

  const dark = await darkenedJpeg(page, 'phone-iphone6.jpg');
  await page.locator('#f-photos').setInputFiles({ name: 'kopi-gelap.jpg', mimeType: 'image/jpeg', buffer: dark });

  const job = page.locator('.job').first();
  const coach = job.locator('.coach[role="status"]');
  await expect(coach).toBeVisible({ timeout: 60_000 });
  await expect(coach).toContainText('Foto ini bisa lebih baik');
  await expect(coach.locator('li[data-hint="TooDark"]')).toContainText('Terlalu gelap');
  await expect(coach).toContainText('jendela');
  // Only the hint the photo earned: it is large and sharp.
  await expect(coach.locator('li')).toHaveCount(1);
  // The note sits beside the processed photo, which has loaded.
  await expect.poll(() => coach.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);

  // The upload completes whatever the coach said, and the note stays for the seller to read.
  await expect(job.locator('progress')).toHaveAttribute('value', '100', { timeout: 60_000 });
  await expect(job.locator('.job-phase')).toContainText('Selesai');
  await expect(page.locator('.photo-tile')).toHaveCount(1);
  await expect(coach).toBeVisible();

  await job.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `artifacts/screenshots/coach-${info.project.name}.png`, fullPage: false });
  await job.screenshot({ path: `artifacts/screenshots/coach-note-${info.project.name}.png` });

  // The same note in English after a language switch.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(coach.locator('li[data-hint="TooDark"]')).toContainText('Too dark');
  await expect(coach).toContainText('window');
  expect(errors).toEqual([]);
});

test('a good photo gets no note', async ({ page }, info) => {
  test.setTimeout(120_000);
  await registerSeller(page, 'KUB Bunga Tanjung', uniqueNumber(info, 2));
  await page.getByRole('link', { name: 'Tambah produk' }).click();
  await page.locator('#f-photos').setInputFiles(join(photos, 'phone-iphone6.jpg'));
  const job = page.locator('.job').first();
  await expect(job.locator('progress')).toHaveAttribute('value', '100', { timeout: 60_000 });
  await expect(job.locator('.coach')).toHaveCount(0);
});
