// Trust in a public catalog, on a phone and a desktop: a buyer sees who verified a seller and
// reports a listing; a facilitator hides it with a reason in both languages, and it is gone
// for buyers; its seller reads why and asks for a review; the district's admin restores it
// and reads the audit log. Each role in a browser context of its own.
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import { axeViolations, DEMO_PASSWORD, staffSignIn, test } from './helpers';

// axe-core is injected as a script, which the app's Content-Security-Policy rightly forbids.
test.use({ bypassCSP: true });

async function newPage(browser: Browser, info: TestInfo): Promise<Page> {
  const context = await browser.newContext({ ...info.project.use, bypassCSP: true });
  return context.newPage();
}

test('a report leads to a hidden listing, its seller asks for review, the admin restores it', async ({ page, browser, request }, info) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  const catalog = await (await request.get('/api/catalog')).json();
  const product = catalog.products.find((p: { seller_id: string }) => p.seller_id === 'kerupuk-sepatin-jaya');
  expect(product).toBeTruthy();

  // A buyer sees who verified the seller, and reports the listing.
  await page.goto(`/produk/${product.id}`);
  await expect(page.getByRole('heading', { level: 1, name: product.name_id })).toBeVisible();
  await expect(page.locator('.verified-note')).toContainText('Diverifikasi oleh Koperasi Desa Merah Putih Sepatin');
  await page.getByText('Laporkan produk ini').click();
  await page.getByLabel('Alasan').selectOption('other');
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.locator('#report-text-error')).toBeVisible(); // "other" needs words
  await page.getByLabel(/Keterangan/).fill(`Foto bukan produk ini (${info.project.name})`);
  await page.screenshot({ path: `artifacts/moderation-report-${info.project.name}.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Terima kasih' })).toBeVisible();

  // A facilitator hides it, with a reason in both languages.
  const facilitator = await newPage(browser, info);
  await staffSignIn(facilitator, '0812 0000 0901', /\/penjual\/fasilitator$/);
  await facilitator.getByRole('link', { name: 'Moderasi katalog' }).click();
  const report = facilitator.locator('.moderation-item', { hasText: `Foto bukan produk ini (${info.project.name})` });
  await expect(report).toBeVisible();
  await report.getByRole('button', { name: 'Sembunyikan' }).click();
  await report.getByRole('button', { name: 'Sembunyikan dari katalog' }).click();
  await expect(report.locator('.field-error').first()).toBeVisible(); // both languages required
  await report.getByLabel('Alasan untuk penjual (Bahasa Indonesia)').fill('Foto tidak menunjukkan produk. Ganti dengan foto kerupuk Anda sendiri.');
  await report.getByLabel('Alasan (Bahasa Inggris)').fill('The photos do not show the product. Use photos of your own crackers.');
  await report.getByRole('button', { name: 'Sembunyikan dari katalog' }).click();
  await expect(facilitator.getByRole('status').filter({ hasText: 'Produk disembunyikan' })).toBeVisible();
  await expect(facilitator.locator('.moderation-item', { hasText: 'Foto tidak menunjukkan produk' })).toBeVisible();

  // Gone for buyers: the catalog and the product page.
  const after = await (await request.get('/api/catalog')).json();
  expect(after.products.some((p: { id: string }) => p.id === product.id)).toBe(false);
  const buyer = await newPage(browser, info);
  await buyer.goto(`/produk/${product.id}`);
  await expect(buyer.getByText('tidak ditemukan atau sudah tidak dijual')).toBeVisible();

  // The seller reads why and asks for a review.
  const seller = await newPage(browser, info);
  await seller.goto('/masuk');
  await seller.getByLabel('Nomor WhatsApp').fill('0812 0000 0001');
  await seller.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD);
  await seller.getByRole('button', { name: 'Masuk', exact: true }).click();
  const held = seller.locator('.held-listings');
  await expect(held).toContainText('Alasan: Foto tidak menunjukkan produk');
  await held.getByRole('button', { name: 'Sudah diperbaiki, minta ditinjau' }).click();
  await expect(held.getByText('Permintaan tinjau ulang terkirim.')).toBeVisible();

  // The admin sees the request first, restores the listing and reads the audit log.
  const admin = await newPage(browser, info);
  await staffSignIn(admin, '0812 0000 0902', /\/penjual\/moderasi$/);
  const item = admin.locator('.moderation-item', { hasText: 'Penjual minta ditinjau ulang' }).first();
  await expect(item).toBeVisible();
  await admin.screenshot({ path: `artifacts/moderation-queue-${info.project.name}.png`, fullPage: true });
  expect(await axeViolations(admin)).toEqual([]);
  await item.getByRole('button', { name: 'Tampilkan lagi' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Produk tampil lagi' })).toBeVisible();
  const back = await (await request.get('/api/catalog')).json();
  expect(back.products.some((p: { id: string }) => p.id === product.id)).toBe(true);
  await admin.getByRole('link', { name: 'Akun staf dan log audit' }).click();
  await expect(admin.locator('ol.audit-list li').first()).toContainText('Menampilkan kembali produk');
  await expect(admin.locator('ol.audit-list')).toContainText('Rahmat Hidayat (demo) · Menyembunyikan produk');
  // Notices that failed are listed for the admin; here every one went to the test relay.
  const failed = admin.locator('.failed-notices');
  await expect(failed.getByRole('heading', { name: 'Pemberitahuan yang gagal terkirim' })).toBeVisible();
  await expect(failed).toContainText('Tidak ada: semua pemberitahuan terkirim');
  await expect(admin.locator('.staff-item', { hasText: 'Pendamping desa' }).first()).toContainText('Aktif');
  await admin.screenshot({ path: `artifacts/district-admin-${info.project.name}.png`, fullPage: true });
  expect(await axeViolations(admin)).toEqual([]);
  expect(errors).toEqual([]);
});

test('a facilitator imports IDM figures: a bad row stops it, the fixed table is stored, the village shows its trend', async ({ page }, info) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  // The ministry's shape: semicolons, decimal commas, dotless codes; two years of Sepatin
  // and one of Loa Duri Ulu, whose status contradicts its score.
  const table = [
    'kode_desa;nama_desa;iks;ike;ikl;nilai_idm;status_idm;tahun',
    '6402042001;Sepatin;0,6800;0,6300;0,6000;0,6367;BERKEMBANG;2024',
    '6402042001;Sepatin;0,7800;0,7300;0,7000;0,7367;MAJU;2025',
    '6402032002;Loa Duri Ulu;0,8000;0,7500;0,7000;0,7500;MANDIRI;2025',
  ].join('\n');
  await staffSignIn(page, '0812 0000 0901', /\/penjual\/fasilitator$/);
  await page.getByRole('link', { name: 'Moderasi katalog' }).click();
  await page.getByRole('link', { name: 'Impor data IDM' }).click();
  await expect(page).toHaveURL(/\/penjual\/idm$/);
  await page.getByLabel('Berkas CSV').setInputFiles({ name: 'idm-kukar.csv', mimeType: 'text/csv', buffer: Buffer.from(table) });
  await expect(page.getByLabel('Atau tempel isi tabel di sini')).toHaveValue(/Loa Duri Ulu/);
  await page.getByRole('button', { name: 'Lihat pratinjau' }).click();
  await expect(page.locator('.idm-summary')).toContainText('2 baris benar, 1 baris salah');
  await expect(page.locator('tr.bad-row')).toContainText('Loa Duri Ulu');
  await expect(page.getByRole('button', { name: /^Simpan/ })).toHaveCount(0);
  await page.screenshot({ path: `artifacts/idm-preview-${info.project.name}.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);

  await page.getByLabel('Atau tempel isi tabel di sini').fill(table.replace(';MANDIRI;', ';MAJU;'));
  await page.getByRole('button', { name: 'Lihat pratinjau' }).click();
  await expect(page.locator('.idm-summary')).toContainText('3 baris benar, 0 baris salah');
  await page.getByRole('button', { name: 'Simpan 3 baris' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tersimpan: 3 baris untuk tahun 2024, 2025' })).toBeVisible();

  await page.goto('/desa/sepatin');
  await expect(page.locator('.idm-trend')).toHaveText('Tren IDM: Berkembang 2024 → Maju 2025');
  expect(errors).toEqual([]);
});

test('the admin edits Sepatin\'s cooperative and invites an operator, who chooses a password and starts', async ({ page, browser }, info) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await staffSignIn(page, '0812 0000 0902', /\/penjual\/moderasi$/);
  await page.getByRole('link', { name: 'Akun staf dan log audit' }).click();
  await expect(page).toHaveURL(/\/penjual\/dpmd$/);

  // The cooperative's details, as buyers will see them.
  const address = `Jl. Dermaga Sepatin No. 1 (${info.project.name})`;
  await page.getByLabel('Desa', { exact: true }).selectOption('sepatin');
  await expect(page.getByLabel('Nama koperasi')).toHaveValue('Koperasi Desa Merah Putih Sepatin');
  await page.getByLabel('Alamat (opsional)').fill(address);
  await page.getByLabel('WhatsApp koperasi (opsional)').fill('0541 123');
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();
  await expect(page.locator('#f-coop_whatsapp-error')).toBeVisible();
  await page.getByLabel('WhatsApp koperasi (opsional)').fill('0812 0000 0900');
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();
  await expect(page.getByText('Tersimpan. Halaman koperasi sudah memakai data baru.')).toBeVisible();

  // An invitation for a new operator of Sepatin's cooperative.
  const number = `0813 7${info.project.name === 'phone' ? 1 : 2}${String(Date.now() % 1_000_000).padStart(6, '0')}`;
  await page.getByLabel('Peran').selectOption('operator');
  await page.getByLabel('Koperasi desa (untuk operator)').selectOption('sepatin');
  await page.getByLabel('Nama', { exact: true }).fill(`Wati Operator ${info.project.name}`);
  await page.getByLabel('Nomor WhatsApp').fill(number);
  await page.getByRole('button', { name: 'Buat tautan undangan' }).click();
  await expect(page.getByRole('link', { name: 'Kirim lewat WhatsApp' })).toHaveAttribute('href', /^https:\/\/wa\.me\/62813/);
  const link = await page.getByLabel('Tautan undangan').inputValue();
  await expect(page.locator('ol.audit-list li').first()).toContainText('Mengundang staf');
  await expect(page.locator('ol.audit-list')).toContainText('Mengubah data koperasi desa');
  expect(link).toMatch(/\/masuk\/undangan\/[0-9a-f]{48}$/);
  await page.screenshot({ path: `artifacts/district-invite-${info.project.name}.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);

  // The invitee opens the link on their own phone and chooses a password.
  const context = await browser.newContext({ ...info.project.use, bypassCSP: true });
  const invitee = await context.newPage();
  await invitee.goto(new URL(link).pathname);
  await expect(invitee.getByText(`Wati Operator ${info.project.name}, Anda diundang sebagai Operator koperasi`)).toBeVisible();
  await expect(invitee.getByText('Untuk Koperasi Desa Merah Putih Sepatin')).toBeVisible();
  expect(await axeViolations(invitee)).toEqual([]);
  await invitee.getByLabel('Kata sandi', { exact: true }).fill('operator-sepatin-2026');
  await invitee.getByRole('button', { name: 'Buat kata sandi dan masuk' }).click();
  await expect(invitee).toHaveURL(/\/penjual\/koperasi$/);
  await expect(invitee.getByRole('heading', { name: 'Koperasi Desa Merah Putih Sepatin' })).toBeVisible();
  // The link worked once.
  const again = await context.newPage();
  await again.goto(new URL(link).pathname);
  await expect(again.getByText('sudah dipakai atau kedaluwarsa')).toBeVisible();

  // Buyers see the cooperative's address.
  const buyer = await browser.newPage();
  await buyer.goto('/koperasi/sepatin');
  await expect(buyer.getByText(`Alamat: ${address}`)).toBeVisible();
  expect(errors).toEqual([]);
});

test('buyers can keep to verified sellers', async ({ page, request }) => {
  const catalog = await (await request.get('/api/catalog')).json();
  const verified = new Set(catalog.sellers.filter((s: { verified?: unknown }) => s.verified).map((s: { id: string }) => s.id));
  const unverified = catalog.products.find((p: { seller_id: string }) => !verified.has(p.seller_id));
  expect(unverified).toBeTruthy();
  await page.goto(`/?q=${encodeURIComponent(unverified.name_id)}`);
  await expect(page.locator(`a[href="/produk/${unverified.id}"]`).first()).toBeVisible();
  await expect(page.locator('#boot')).toHaveCount(0); // the app has taken over the written page
  const box = page.getByLabel('Hanya penjual terverifikasi');
  if (!(await box.isVisible())) await page.getByRole('button', { name: /Filter/ }).first().click();
  await box.check();
  await expect(page).toHaveURL(/terverifikasi=1/);
  await expect(page.locator(`a[href="/produk/${unverified.id}"]`)).toHaveCount(0);
});

test('buyers who source for impact pick several IDM statuses and put developing villages first', async ({ page, request }) => {
  const catalog = await (await request.get('/api/catalog')).json();
  const status = new Map(catalog.villages.map((v: { slug: string; idm_status?: string }) => [v.slug, v.idm_status]));
  // The URL a buyer shares carries both statuses; the panel shows them ticked.
  await page.goto('/?idm=berkembang,tertinggal');
  // In order: Sangat Tertinggal, Tertinggal, Berkembang, Maju, Mandiri (the phone's panel
  // is folded away, so by position rather than by role).
  const boxes = page.locator('.idm-choices input[type=checkbox]');
  await expect(boxes).toHaveCount(5);
  await expect(boxes.nth(1)).toBeChecked();
  await expect(boxes.nth(2)).toBeChecked();
  await expect(boxes.nth(3)).not.toBeChecked();
  await expect(page.locator('.card-grid a[href^="/produk/"]').first()).toBeVisible();
  const hrefs = await page.locator('.card-grid a[href^="/produk/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of new Set(hrefs)) {
    const product = catalog.products.find((p: { id: string }) => `/produk/${p.id}` === href);
    expect(['tertinggal', 'berkembang']).toContain(status.get(product.village_slug));
  }
  await page.goto('/?urut=desa-berkembang');
  await expect(page.getByLabel(/Urutkan|Sort/).first()).toHaveValue('desa-berkembang');
});
