// A village seller's path on a phone: register, create a listing with a real 12 MP phone
// photo through the file input, watch it processed in the worker and uploaded, reload
// mid-draft, publish (also while offline), and find it upright in the catalog.
import { expect, type Page, type TestInfo } from '@playwright/test';
import { test } from './helpers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The shared fixtures sit beside the project root; Playwright runs from the root.
const photos = join(process.cwd(), '..', 'shared', 'fixtures', 'photos');

/** A WhatsApp number no other test (or project, or run) uses. */
function uniqueNumber(info: TestInfo, slot: number): string {
  const tail = String(Date.now() % 1_000_000).padStart(6, '0');
  return `0812${info.project.name === 'phone' ? 1 : 2}${slot}${tail}`;
}

async function registerSeller(page: Page, name: string, whatsapp: string) {
  await page.goto('/masuk');
  await page.getByRole('tab', { name: 'Daftar baru' }).click();
  await page.getByLabel('Nama usaha').fill(name);
  await page.getByLabel('Nomor WhatsApp').fill(whatsapp);
  // Kecamatan first, then the village from its list.
  const kecamatan = page.getByLabel('Kecamatan', { exact: true });
  await expect(kecamatan.locator('option')).toHaveCount(21); // "all" and the regency's 20
  await kecamatan.selectOption('Anggana');
  await villageOption(page, 'Sepatin').click();
  await expect(page.locator('.village-chosen')).toContainText('Desa Sepatin, Kec. Anggana');
  await page.getByLabel('Kata sandi', { exact: true }).fill('amplang-enak-2026');
  await page.getByRole('button', { name: 'Daftar dan masuk' }).click();
  await expect(page).toHaveURL(/\/penjual$/);
  await expect(page.getByRole('heading', { name: 'Produk saya' })).toBeVisible();
}

/** A hit of the village picker, by the village's name. */
function villageOption(page: Page, name: string) {
  return page.locator('.village-option', { has: page.locator('.village-option-name', { hasText: new RegExp(`^${name}$`) }) });
}

async function startListing(page: Page, name: string) {
  await page.getByRole('link', { name: 'Tambah produk' }).click();
  await expect(page).toHaveURL(/\/penjual\/produk\/baru-[0-9a-f]{8}$/);
  await page.getByLabel('Nama produk (Bahasa Indonesia)').fill(name);
  await page.getByLabel('Deskripsi (Bahasa Indonesia)').fill('Amplang renyah dari ikan pipih segar, tanpa pengawet.');
  await page.getByLabel('Minimal pesanan').fill('20');
  await page.getByLabel('Harga (Rp)').first().fill('25.000');
  await page.getByLabel('Harga (Rp)').first().blur();
}

async function addPhoto(page: Page, file: string) {
  await page.locator('#f-photos').setInputFiles(join(photos, file));
}

test('register, list with a 12 MP sideways photo, reload mid-draft, publish, find it upright', async ({ page }, info) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  const name = `Amplang Ikan Pipih ${info.project.name} ${Date.now() % 100000}`;
  await registerSeller(page, 'KUB Bunga Tanjung', uniqueNumber(info, 1));
  await startListing(page, name);

  await addPhoto(page, 'phone-12mp-orient6.jpg');
  const job = page.locator('.job').first();
  await expect(job.locator('.job-phase')).toContainText(/Membaca foto|Mengecilkan|Menyimpan JPEG|Mengunggah|Selesai/);
  await page.locator('.photo-jobs').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `artifacts/screenshots/editor-progress-${info.project.name}.png`, fullPage: false });
  await expect(job.locator('progress')).toHaveAttribute('value', '100', { timeout: 60_000 });
  await expect(job.locator('.job-phase')).toContainText('Selesai');
  const tile = page.locator('.photo-tile img').first();
  await expect.poll(() => tile.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const thumb = await tile.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
  expect(thumb).toEqual([300, 400]); // portrait: EXIF orientation 6 applied
  await page.screenshot({ path: `artifacts/screenshots/editor-${info.project.name}.png`, fullPage: true });

  // A reload loses nothing typed or uploaded.
  const draftUrl = page.url();
  await page.reload();
  await expect(page).toHaveURL(draftUrl);
  await expect(page.getByLabel('Nama produk (Bahasa Indonesia)')).toHaveValue(name);
  await expect(page.locator('.photo-tile')).toHaveCount(1);

  await page.getByRole('button', { name: 'Terbitkan' }).click();
  await expect(page.getByText('Produk tayang di katalog.')).toBeVisible();
  await expect(page).toHaveURL(/\/penjual\/produk\/amplang-ikan-pipih-/);

  // In the public catalog at once, with an upright large photo within the 330 KB budget
  // (etalase_photo::LARGE_TARGET_BYTES).
  await page.goto('/?q=' + encodeURIComponent(name));
  const card = page.locator('.product-card', { hasText: name });
  await expect(card).toHaveCount(1);
  await card.locator('.card-title a').click();
  const largeUrl = await page.locator('.gallery-main').getAttribute('href');
  expect(largeUrl).toMatch(/^\/media\/u\/[0-9a-f]{64}\.jpg$/);
  const dims = await page.evaluate(async (url) => {
    const img = new Image();
    img.src = String(url);
    await img.decode();
    return [img.naturalWidth, img.naturalHeight];
  }, largeUrl);
  expect(dims).toEqual([1200, 1600]);
  const res = await page.request.get(String(largeUrl));
  expect(res.status()).toBe(200);
  expect((await res.body()).length).toBeLessThanOrEqual(330_000);
  expect(res.headers()['cache-control']).toContain('immutable');
  // The phone-sized rendition was made and uploaded too, and the page offers it.
  const catalog = await (await page.request.get('/api/catalog')).json();
  const listed = catalog.products.find((p: { name_id: string }) => p.name_id === name);
  const medium = listed.photos[0].medium;
  expect(medium).toMatch(/^\/media\/u\/[0-9a-f]{64}\.jpg$/);
  await expect(page.locator('.gallery-main img')).toHaveAttribute('srcset', new RegExp(`${medium} 600w`));
  expect(errors).toEqual([]);
});

test('HEIC and damaged photos get a clear message, the editor keeps working', async ({ page }, info) => {
  test.setTimeout(120_000);
  await registerSeller(page, 'UD Terasi Muara', uniqueNumber(info, 2));
  await startListing(page, 'Terasi Udang Rebon');
  await addPhoto(page, 'phone-iphone13.heic');
  const heic = page.locator('.job.failed').first();
  await expect(heic).toContainText('HEIC', { timeout: 30_000 });
  await expect(heic).toContainText('Paling Kompatibel');
  await addPhoto(page, 'corrupted.jpg');
  // A damaged JPEG is either refused with a clear message or decoded as far as it goes.
  await expect(page.locator('.job').first().locator('.job-phase')).toContainText(/rusak|Selesai/, { timeout: 60_000 });
  await page.screenshot({ path: `artifacts/screenshots/editor-photo-errors-${info.project.name}.png`, fullPage: true });
  // Publishing without a usable photo is refused by the shared rules, by field.
  if (await page.locator('.photo-tile').count() === 0) {
    await page.getByRole('button', { name: 'Terbitkan' }).click();
    await expect(page.getByText('Periksa isian yang ditandai.')).toBeVisible();
  }
  // Messages already shown follow a language switch.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('.job').first().locator('.job-phase')).toContainText(/damaged|Done/);
  await expect(page.getByLabel('Product name (Indonesian)')).toHaveValue('Terasi Udang Rebon');
});

test('a photo cut short is refused with what to do; the photo before it and the draft stay', async ({ page }, info) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await registerSeller(page, 'KUB Amplang Sepatin', uniqueNumber(info, 4));
  await startListing(page, 'Amplang Ikan Belida');
  await addPhoto(page, 'orientation-landscape-1.jpg');
  await expect(page.locator('.photo-tile')).toHaveCount(1, { timeout: 60_000 });

  // Half of a 3264x2448 phone JPEG: what a photo still downloading from WhatsApp looks like.
  const whole = readFileSync(join(photos, 'phone-iphone6.jpg'));
  const cut = whole.subarray(0, Math.floor(whole.length / 2));
  await page.locator('#f-photos').setInputFiles({ name: 'IMG-20261205-WA0007.jpg', mimeType: 'image/jpeg', buffer: cut });
  const failed = page.locator('.job.failed');
  await expect(failed).toHaveCount(1, { timeout: 60_000 });
  await expect(failed).toContainText('Foto ini tidak lengkap (mungkin belum selesai diunduh)');
  await expect(failed).toContainText('Buka foto aslinya di galeri');
  await expect(failed).not.toContainText('Selesai');
  await failed.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `artifacts/screenshots/editor-cut-photo-${info.project.name}.png`, fullPage: false });

  // Nothing was uploaded for it; the earlier photo and the draft are untouched.
  await expect(page.locator('.photo-tile')).toHaveCount(1);
  await expect(page.getByLabel('Nama produk (Bahasa Indonesia)')).toHaveValue('Amplang Ikan Belida');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(failed).toContainText('This photo is incomplete (it may not have finished downloading)');
  // The page still works: the whole photo picked next goes through (a new pick replaces the
  // list of jobs, the refused one with it).
  await addPhoto(page, 'orientation-portrait-1.jpg');
  await expect(page.locator('.photo-tile')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.locator('.job.failed')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the editor starts the photo worker before the first photo; sign-in does not', async ({ page }, info) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(new URL(w.url()).pathname));
  await registerSeller(page, 'KWT Melati', uniqueNumber(info, 5));
  expect(workers).toEqual([]);
  // Opening the editor warms the worker up in idle time, while the seller types, so the first
  // photo does not wait for it (the benchmark's cold-start table measures what that saves).
  await page.getByRole('link', { name: 'Tambah produk' }).click();
  await expect.poll(() => workers, { timeout: 15_000 }).toEqual(['/worker_loader.js']);
  await page.getByLabel('Nama produk (Bahasa Indonesia)').fill('Madu Kelulut');
  await addPhoto(page, 'orientation-portrait-1.jpg');
  await expect(page.locator('.photo-tile')).toHaveCount(1, { timeout: 60_000 });
  // The warmed worker took the photo: no second one was started.
  expect(workers).toEqual(['/worker_loader.js']);
});

test('offline publish waits in the outbox, is sent on reconnect; another seller cannot open it', async ({ page, context, browser }, info) => {
  test.setTimeout(120_000);
  const name = `Rumput Laut Kering ${info.project.name} ${Date.now() % 100000}`;
  await registerSeller(page, 'Koperasi Desa Merah Putih Muara Badak', uniqueNumber(info, 3));
  await startListing(page, name);

  // The first upload attempt loses its connection: the seller sees the retry, then success.
  let dropped = 0;
  await page.route('**/api/uploads', async (route) => {
    if (dropped++ === 0) await route.abort('connectionreset');
    else await route.continue();
  });
  await addPhoto(page, 'orientation-landscape-1.jpg');
  await expect(page.locator('.job').first().locator('.job-phase')).toContainText('Koneksi terputus. Mencoba lagi dalam', { timeout: 30_000 });
  await expect(page.locator('.job').first().locator('progress')).toHaveAttribute('value', '100', { timeout: 60_000 });
  expect(dropped).toBeGreaterThanOrEqual(3); // aborted large, retried large, thumb
  await page.unroute('**/api/uploads');

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Terbitkan' }).click();
  await expect(page.getByText('Tidak ada koneksi. Perubahan disimpan di HP')).toBeVisible();
  await expect(page.locator('.editor-head .chip.waiting')).toBeVisible();
  await page.screenshot({ path: `artifacts/screenshots/editor-offline-${info.project.name}.png`, fullPage: false });
  // With no signal at all (also for the service worker's own fetches), a reload opens the
  // seller's app from the copy the service worker kept at install, the change still waiting.
  // The worker installs in the background, keeping both app shells first: seconds on a busy machine.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await expect(page.getByLabel('Nama produk (Bahasa Indonesia)')).toHaveValue(name);
  await expect(page.locator('.editor-head .chip.waiting')).toBeVisible();
  await context.unroute('**/*');
  await page.getByRole('link', { name: '← Produk saya' }).click();
  await expect(page.getByText(/1 perubahan menunggu koneksi/)).toBeVisible();

  await context.setOffline(false);
  await expect(page.getByText('Perubahan yang tertunda sudah terkirim.')).toBeVisible({ timeout: 20_000 });
  const row = page.locator('.listing-row', { hasText: name });
  await expect(row.locator('.chip.status-published')).toBeVisible();
  const href = await row.getByRole('link', { name: 'Ubah' }).getAttribute('href');

  await page.goto('/?q=' + encodeURIComponent(name));
  await expect(page.locator('.product-card', { hasText: name })).toHaveCount(1);

  // Seller B, in another browser, cannot open A's listing in the editor.
  const other = await browser.newContext();
  const pageB = await other.newPage();
  await registerSeller(pageB, 'KWT Melati', uniqueNumber(info, 4));
  await pageB.goto(String(href));
  await expect(pageB.getByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeVisible();
  await other.close();
});

test('a shared phone: the next seller neither sees nor sends the first seller\'s waiting draft', async ({ page }, info) => {
  test.setTimeout(120_000);
  const nameA = `Terasi Udang Papan ${info.project.name} ${Date.now() % 100000}`;
  const numberA = uniqueNumber(info, 5);
  await registerSeller(page, 'UMKM Terasi Sanga-Sanga', numberA);
  await startListing(page, nameA);

  // Every listing write is recorded and fails as if the signal dropped, so A's save
  // waits in the outbox and any attempt to send it later is seen here.
  const sent: string[] = [];
  await page.route('**/api/seller/listings/*', async (route) => {
    if (route.request().method() === 'PUT') {
      sent.push(route.request().postData() ?? '');
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  });
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page.getByText('Tidak ada koneksi. Perubahan disimpan di HP')).toBeVisible();
  await page.getByRole('link', { name: '← Produk saya' }).click();
  await expect(page.getByText(/1 perubahan menunggu koneksi/)).toBeVisible();
  sent.length = 0;

  // Signing out ends once the server has answered and the dashboard is gone; navigating
  // before that cancels the request, and A, still signed in, would rightly send the draft.
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeHidden();
  await registerSeller(page, 'KWT Anggrek', uniqueNumber(info, 6));
  await expect(page.locator('.listing-row', { hasText: nameA })).toHaveCount(0);
  await expect(page.getByText(/menunggu koneksi/)).toBeHidden();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.waitForTimeout(500);
  expect(sent.filter((body) => body.includes(nameA))).toEqual([]);

  // A signs in again on the same phone: the draft is there and goes out now.
  await page.unroute('**/api/seller/listings/*');
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeHidden();
  await page.goto('/masuk');
  await page.getByLabel('Nomor WhatsApp').fill(numberA);
  await page.getByLabel('Kata sandi', { exact: true }).fill('amplang-enak-2026');
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page).toHaveURL(/\/penjual$/);
  await expect(page.locator('.listing-row', { hasText: nameA }).locator('.chip.status-draft')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/menunggu koneksi/)).toBeHidden();
});

test('a seller who misspells their village and does not know its kecamatan still registers in it', async ({ page }, info) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto('/masuk');
  await page.getByRole('tab', { name: 'Daftar baru' }).click();
  await page.getByLabel('Nama usaha').fill('KUB Loa Duri');
  await page.getByLabel('Nomor WhatsApp').fill(uniqueNumber(info, 6));
  await page.getByLabel('Kata sandi', { exact: true }).fill('amplang-enak-2026');
  const search = page.getByLabel('Cari nama desa atau kelurahan');

  // No village: the rule's message is on the field, which gets the focus.
  await page.getByRole('button', { name: 'Daftar dan masuk' }).click();
  await expect(page.locator('#f-village_slug-error')).toBeVisible();
  await expect(search).toHaveAttribute('aria-invalid', 'true');
  await expect(search).toHaveAttribute('aria-describedby', /f-village_slug-error/);
  await expect(search).toBeFocused();

  // Searching every kecamatan, with typos: each hit says desa or kelurahan and its kecamatan.
  await search.fill('loa dury ulu');
  const hit = villageOption(page, 'Loa Duri Ulu');
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText('Desa');
  await expect(hit).toContainText('Kec. Loa Janan');
  await expect(page.getByRole('status').filter({ hasText: 'cocok' })).toHaveText('1 desa/kelurahan cocok.');
  await page.locator('.village-picker').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `artifacts/screenshots/village-picker-search-${info.project.name}.png`, fullPage: false });
  await search.fill('tenggarong');
  await expect(page.locator('.village-option .badge.kind-kelurahan').first()).toHaveText('Kelurahan');

  // The keyboard: ↓ to the first hit, Enter chooses it; the form is not sent meanwhile.
  await search.fill('loa dury');
  await search.press('Enter');
  await expect(villageOption(page, 'Loa Duri Ilir')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(villageOption(page, 'Loa Duri Ulu')).toBeFocused();
  await page.keyboard.press('Enter');
  const chosen = page.locator('.village-chosen');
  await expect(chosen).toContainText('Desa Loa Duri Ulu, Kec. Loa Janan');
  const change = page.getByRole('button', { name: 'Ganti desa' });
  await expect(change).toBeFocused();
  await expect(page.locator('#f-village_slug-error')).toBeHidden();
  await expect(page).toHaveURL(/\/masuk$/);
  await page.screenshot({ path: `artifacts/screenshots/village-picker-chosen-${info.project.name}.png`, fullPage: false });

  // Changing opens the chosen village's kecamatan with it marked; a name from another
  // kecamatan offers to search them all.
  await change.click();
  await expect(page.getByLabel('Kecamatan', { exact: true })).toHaveValue('Loa Janan');
  await expect(villageOption(page, 'Loa Duri Ulu')).toHaveAttribute('aria-current', 'true');
  await page.screenshot({ path: `artifacts/screenshots/village-picker-kecamatan-${info.project.name}.png`, fullPage: false });
  await search.fill('sepatn');
  await expect(page.getByText('Tidak ada yang cocok di Kec. Loa Janan.')).toBeVisible();
  await page.getByRole('button', { name: 'Cari di semua kecamatan' }).click();
  await expect(villageOption(page, 'Sepatin')).toContainText('Kec. Anggana');
  await search.fill('loa duri ulu');
  await villageOption(page, 'Loa Duri Ulu').click();

  // English says the same.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(chosen).toContainText('Desa Loa Duri Ulu, Loa Janan district');
  await expect(page.getByRole('group', { name: 'Village (desa or kelurahan)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Change village' })).toBeVisible();
  await page.getByRole('button', { name: 'Ganti ke Bahasa Indonesia' }).click();

  const sent = page.waitForRequest((req) => req.url().endsWith('/api/auth/register'));
  await page.getByRole('button', { name: 'Daftar dan masuk' }).click();
  expect((await sent).postDataJSON().village_slug).toBe('loa-duri-ulu');
  await expect(page).toHaveURL(/\/penjual$/);
  const me = await (await page.request.get('/api/auth/me')).json();
  expect(me.seller.village_slug).toBe('loa-duri-ulu');
  expect(me.seller.name).toBe('KUB Loa Duri');
  expect(errors).toEqual([]);
});
