// Launch day, on a phone and a desktop, against a server started as a district would start
// it: `--no-demo` (the real gazetteer, nothing else) and one admin made on the command line
// (see playwright.config.ts). Everything after that happens in browsers: the admin sets up
// Sepatin's cooperative and invites its operator and a facilitator; the facilitator imports
// IDM and records a CSR partnership; a new seller joins and publishes; the operator
// verifies them and buyers see it; a visitor reports the listing and the facilitator hides it.
// Both projects share this server, so each works with names and numbers of its own.
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import { axeViolations, signIn, test } from './helpers';
import { join } from 'node:path';

const launchUrl = process.env.E2E_LAUNCH_URL!;
const admin = { whatsapp: process.env.E2E_LAUNCH_ADMIN_WHATSAPP!, password: process.env.E2E_LAUNCH_ADMIN_PASSWORD! };
const photos = join(process.cwd(), '..', 'shared', 'fixtures', 'photos');

// axe-core is injected as a script, which the app's Content-Security-Policy rightly forbids.
test.use({ baseURL: launchUrl, bypassCSP: true });

async function newPage(browser: Browser, info: TestInfo): Promise<Page> {
  const context = await browser.newContext({ ...info.project.use, baseURL: launchUrl, bypassCSP: true });
  return context.newPage();
}

/** The admin makes an invitation link on /penjual/dpmd; returns its path. */
async function invite(page: Page, role: 'operator' | 'facilitator', name: string, whatsapp: string): Promise<string> {
  await page.getByLabel('Peran').selectOption(role);
  if (role === 'operator') await page.getByLabel('Koperasi desa (untuk operator)').selectOption('sepatin');
  await page.getByLabel('Nama', { exact: true }).fill(name);
  await page.getByLabel('Nomor WhatsApp').fill(whatsapp);
  await page.getByRole('button', { name: 'Buat tautan undangan' }).click();
  await expect(page.getByText(`Tautan untuk ${name} siap`)).toBeVisible();
  return new URL(await page.getByLabel('Tautan undangan').inputValue()).pathname;
}

/** The invitee opens the link in a browser of their own and chooses a password. */
async function claim(browser: Browser, info: TestInfo, path: string, password: string, lands: RegExp): Promise<Page> {
  const page = await newPage(browser, info);
  await page.goto(path);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Buat kata sandi dan masuk' }).click();
  await expect(page).toHaveURL(lands);
  return page;
}

function villageOption(page: Page, name: string) {
  return page.locator('.village-option', { has: page.locator('.village-option-name', { hasText: new RegExp(`^${name}$`) }) });
}

test('a district launches with no demo data: staff, IDM, a partnership, a verified seller, a hidden listing', async ({ page, browser, request }, info) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  const p = info.project.name === 'phone' ? 1 : 2;
  const tail = String(Date.now() % 100_000).padStart(5, '0');
  const number = (slot: number) => `0813 6${p}${slot}${tail}`;

  // The real gazetteer and nothing else: 237 villages, no products yet.
  const empty = await (await request.get('/api/catalog')).json();
  expect(empty.villages.length).toBeGreaterThanOrEqual(237);
  expect(empty.villages.some((v: { name: string; code: string }) => v.name === 'Sepatin' && v.code === '64.02.04.2001')).toBe(true);

  // The admin made on the command line signs in and sets up Sepatin's cooperative.
  await signIn(page, '/masuk?staf=1', admin.whatsapp, admin.password, /\/penjual\/moderasi$/);
  await page.getByRole('link', { name: 'Akun staf dan log audit' }).click();
  await expect(page).toHaveURL(/\/penjual\/dpmd$/);
  await page.getByLabel('Desa', { exact: true }).selectOption('sepatin');
  await page.getByLabel('Nama koperasi').fill('Koperasi Desa Merah Putih Sepatin');
  await page.getByLabel('WhatsApp koperasi (opsional)').fill('0812 9000 0100');
  await page.getByLabel('Alamat (opsional)').fill('Jl. Dermaga Sepatin, Anggana');
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();
  await expect(page.getByText('Tersimpan. Halaman koperasi sudah memakai data baru.')).toBeVisible();

  // …and invites the cooperative's operator and a facilitator, who each choose a password.
  const operatorLink = await invite(page, 'operator', `Wati Sepatin ${p}`, number(1));
  const facilitatorLink = await invite(page, 'facilitator', `Budi Pendamping ${p}`, number(2));
  await expect(page.locator('.audit-list')).toContainText('Mengubah data koperasi desa');
  await page.screenshot({ path: `artifacts/launch-admin-${info.project.name}.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
  const operator = await claim(browser, info, operatorLink, 'operator-sepatin-2026', /\/penjual\/koperasi$/);
  const facilitator = await claim(browser, info, facilitatorLink, 'pendamping-kukar-2026', /\/penjual\/fasilitator$/);

  // The facilitator imports the year's IDM: a bad row stops it, the fixed table is stored.
  await facilitator.goto('/penjual/idm');
  const table = [
    'kode_desa;nama_desa;iks;ike;ikl;nilai_idm;status_idm;tahun',
    '6402042001;Sepatin;0,7800;0,7300;0,7000;0,7367;MAJU;2025',
    '6402032002;Loa Duri Ulu;0,8000;0,7500;0,7000;1,7500;MAJU;2025',
  ].join('\n');
  await facilitator.getByLabel('Atau tempel isi tabel di sini').fill(table);
  await facilitator.getByRole('button', { name: 'Lihat pratinjau' }).click();
  await expect(facilitator.locator('.idm-summary')).toContainText('1 baris benar, 1 baris salah');
  await expect(facilitator.getByRole('button', { name: /^Simpan/ })).toHaveCount(0);
  await facilitator.getByLabel('Atau tempel isi tabel di sini').fill(table.replace(';1,7500;', ';0,7500;'));
  await facilitator.getByRole('button', { name: 'Lihat pratinjau' }).click();
  await facilitator.getByRole('button', { name: 'Simpan 2 baris' }).click();
  await expect(facilitator.getByRole('status').filter({ hasText: 'Tersimpan: 2 baris' })).toBeVisible();

  // …and records a mining company's CSR programme with three villages.
  const company = `PT Tambang Mahakam ${p}`;
  await facilitator.goto('/penjual/kemitraan');
  await facilitator.getByRole('button', { name: 'Tambah mitra' }).click();
  await facilitator.getByLabel('Nama mitra').fill(company);
  await facilitator.getByLabel('Jenis mitra').selectOption('company');
  await facilitator.getByRole('button', { name: 'Simpan mitra' }).click();
  await expect(facilitator.getByRole('status').filter({ hasText: `Mitra ${company} tersimpan` })).toBeVisible();
  await facilitator.getByRole('button', { name: 'Tambah kemitraan' }).click();
  await facilitator.getByLabel('Mitra', { exact: true }).selectOption({ label: company });
  for (const name of ['Sepatin', 'Loa Duri Ulu', 'Tani Baru']) {
    await facilitator.getByLabel('Cari desa').fill(name);
    await facilitator.getByRole('button', { name: `Tambah ${name}`, exact: true }).click();
  }
  await facilitator.getByLabel('Program', { exact: true }).selectOption('umkm-coaching');
  await facilitator.getByLabel('Rincian program (Bahasa Indonesia)').fill('Program CSR: pendampingan UMKM olahan ikan.');
  await facilitator.getByLabel('Tahun mulai').fill('2026');
  await facilitator.getByRole('button', { name: 'Simpan kemitraan' }).click();
  await expect(facilitator.getByRole('status').filter({ hasText: 'Kemitraan tersimpan' })).toBeVisible();

  // A new seller joins Sepatin through the village picker and publishes a listing.
  const seller = await newPage(browser, info);
  seller.on('pageerror', (err) => errors.push(String(err)));
  const sellerName = `KUB Amplang Sepatin ${p}`;
  await seller.goto('/masuk');
  await seller.getByRole('tab', { name: 'Daftar baru' }).click();
  await seller.getByLabel('Nama usaha').fill(sellerName);
  await seller.getByLabel('Nomor WhatsApp').fill(number(3));
  await seller.getByLabel('Kecamatan', { exact: true }).selectOption('Anggana');
  await villageOption(seller, 'Sepatin').click();
  await seller.getByLabel('Kata sandi', { exact: true }).fill('amplang-sepatin-2026');
  await seller.getByRole('button', { name: 'Daftar dan masuk' }).click();
  await expect(seller).toHaveURL(/\/penjual$/);
  const product = `Amplang Bandeng Sepatin ${p}${tail}`;
  await seller.getByRole('link', { name: 'Tambah produk' }).click();
  await seller.getByLabel('Nama produk (Bahasa Indonesia)').fill(product);
  await seller.getByLabel('Deskripsi (Bahasa Indonesia)').fill('Amplang renyah dari ikan bandeng tambak Sepatin.');
  await seller.getByLabel('Minimal pesanan').fill('20');
  await seller.getByLabel('Harga (Rp)').first().fill('30.000');
  await seller.getByLabel('Harga (Rp)').first().blur();
  await seller.locator('#f-photos').setInputFiles(join(photos, 'orientation-portrait-1.jpg'));
  await expect(seller.locator('.job').first().locator('progress')).toHaveAttribute('value', '100', { timeout: 60_000 });
  await seller.getByRole('button', { name: 'Terbitkan' }).click();
  await expect(seller.getByText('Produk tayang di katalog.')).toBeVisible();
  const listed = (await (await request.get('/api/catalog')).json()).products.find((x: { name_id: string }) => x.name_id === product);
  expect(listed).toBeTruthy();

  // The cooperative's operator knows them and verifies them; buyers see who did.
  await operator.reload();
  // They joined on their own, so they are not a member: the operator finds them among the
  // village's other sellers.
  const member = operator.locator('.village-sellers .member-row', { hasText: sellerName });
  await member.getByRole('button', { name: 'Verifikasi', exact: true }).click();
  await expect(member.getByText('Terverifikasi oleh Koperasi Desa Merah Putih Sepatin')).toBeVisible();
  const buyer = await newPage(browser, info);
  await buyer.goto(`/?q=${encodeURIComponent(product)}`);
  await expect(buyer.locator('.product-card', { hasText: product }).locator('.card-verified')).toHaveText('Terverifikasi');
  await buyer.goto(`/produk/${listed.id}`);
  await expect(buyer.getByRole('heading', { level: 1, name: product })).toBeVisible();
  await expect(buyer.locator('.verified-note')).toContainText('Diverifikasi oleh Koperasi Desa Merah Putih Sepatin');
  await buyer.screenshot({ path: `artifacts/launch-verified-${info.project.name}.png`, fullPage: true });

  // A visitor reports it; the facilitator hides it; it is gone from the catalog and search.
  await buyer.getByText('Laporkan produk ini').click();
  await buyer.getByLabel('Alasan').selectOption('other');
  await buyer.getByLabel(/Keterangan/).fill(`Harga tidak sesuai ${p}${tail}`);
  await buyer.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(buyer.getByRole('status').filter({ hasText: 'Terima kasih' })).toBeVisible();
  await facilitator.goto('/penjual/moderasi');
  const report = facilitator.locator('.moderation-item', { hasText: `Harga tidak sesuai ${p}${tail}` });
  await report.getByRole('button', { name: 'Sembunyikan' }).click();
  await report.getByLabel('Alasan untuk penjual (Bahasa Indonesia)').fill('Harga di foto berbeda dengan harga tertulis.');
  await report.getByLabel('Alasan (Bahasa Inggris)').fill('The price in the photo differs from the listed price.');
  await report.getByRole('button', { name: 'Sembunyikan dari katalog' }).click();
  await expect(facilitator.getByRole('status').filter({ hasText: 'Produk disembunyikan' })).toBeVisible();
  const after = await (await request.get('/api/catalog')).json();
  expect(after.products.some((x: { id: string }) => x.id === listed.id)).toBe(false);
  await buyer.goto(`/?q=${encodeURIComponent(product)}`);
  await expect(buyer.locator(`a[href="/produk/${listed.id}"]`)).toHaveCount(0);
  await buyer.goto(`/produk/${listed.id}`);
  await expect(buyer.getByText('tidak ditemukan atau sudah tidak dijual')).toBeVisible();
  await seller.goto('/penjual');
  await expect(seller.locator('.held-listings')).toContainText('Alasan: Harga di foto berbeda');

  // The partnership and IDM are public: Sepatin's page shows both.
  await buyer.goto('/desa/sepatin');
  await expect(buyer.locator('.village-partners').getByRole('link', { name: company })).toBeVisible();
  await expect(buyer.getByText(/Maju/).first()).toBeVisible();
  // A real district's catalog does not call itself demo data.
  await expect(buyer.locator('.site-footer')).not.toContainText('Data contoh');
  expect(errors).toEqual([]);
});
