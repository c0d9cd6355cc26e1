// Partnerships recorded by the district, on a phone and a desktop: a facilitator records a
// mining company's CSR programme with three villages (the model's rules stop a bad website
// and an end before the start, field by field), buyers see it on the partner's page and a
// village's page at once, and the facilitator ends it, which the partner's page shows.
import { expect, type Page } from '@playwright/test';
import { axeViolations, staffSignIn, test } from './helpers';


// axe-core is injected as a script, which the app's Content-Security-Policy rightly forbids.
test.use({ bypassCSP: true });

test("a facilitator records a mining company's CSR programme with three villages, buyers see it, then it ends", async ({ page, request }, info) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  // Both projects share one server: each records a company of its own.
  const company = info.project.name === 'phone' ? 'PT Contoh Tambang Kaltim' : 'PT Contoh Tambang Kaltim Timur';
  const slug = company.toLowerCase().replaceAll(' ', '-');
  const catalog = await (await request.get('/api/catalog')).json();
  const loaDuriUlu = catalog.villages.find((v: { name: string }) => v.name === 'Loa Duri Ulu');
  expect(loaDuriUlu).toBeTruthy();

  await staffSignIn(page, '0812 0000 0901', /\/penjual\/fasilitator$/);
  await page.getByRole('link', { name: 'Moderasi katalog' }).click();
  await page.getByRole('link', { name: 'Kemitraan desa' }).click();
  await expect(page).toHaveURL(/\/penjual\/kemitraan$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Kemitraan desa' })).toBeVisible();

  // The partner: a website without its scheme is refused on its field, then fixed.
  await page.getByRole('button', { name: 'Tambah mitra' }).click();
  await page.getByLabel('Nama mitra').fill(company);
  await page.getByLabel('Jenis mitra').selectOption('company');
  await page.getByLabel('Situs web (opsional)').fill('contoh-tambang.co.id');
  await page.getByRole('button', { name: 'Simpan mitra' }).click();
  await expect(page.locator('#f-website-error')).toHaveText('Alamat situs diawali http:// atau https://, contoh https://baznas.go.id.');
  await expect(page.getByLabel('Situs web (opsional)')).toBeFocused();
  await page.getByLabel('Situs web (opsional)').fill('https://contoh-tambang.example.co.id');
  await page.getByRole('button', { name: 'Simpan mitra' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Mitra ${company} tersimpan` })).toBeVisible();

  // The partnership: nothing filled in says what is missing, field by field.
  await page.getByRole('button', { name: 'Tambah kemitraan' }).click();
  await page.getByRole('button', { name: 'Simpan kemitraan' }).click();
  await expect(page.locator('#f-partner_slug-error')).toHaveText('Wajib diisi.');
  await expect(page.locator('#f-village_slugs-error')).toHaveText('Wajib diisi.');
  await expect(page.locator('#f-detail_id-error')).toHaveText('Wajib diisi.');
  await page.getByLabel('Mitra', { exact: true }).selectOption(slug);
  // Villages found by name, typos and all, anywhere in the regency.
  for (const [typed, name] of [['sepatn', 'Sepatin'], ['loa duri ulu', 'Loa Duri Ulu'], ['tanni baru', 'Tani Baru']]) {
    await page.getByLabel('Cari desa').fill(typed);
    await page.getByRole('button', { name: `Tambah ${name}`, exact: true }).click();
    await expect(page.locator('.chosen-villages')).toContainText(name);
  }
  await expect(page.getByRole('list', { name: 'Desa terpilih: 3' })).toBeVisible();
  await page.getByLabel('Program', { exact: true }).selectOption('umkm-coaching');
  await page.getByLabel('Rincian program (Bahasa Indonesia)').fill('Pendampingan pembukuan dan pemasaran daring untuk UMKM olahan ikan dan kerupuk.');
  await page.getByLabel('Rincian program (Bahasa Inggris, opsional)').fill('Coaching in bookkeeping and selling online for fish-product and cracker businesses.');
  await page.getByLabel('Tanggal MoU (opsional)').fill('2025-03-14');
  await page.getByLabel('Tahun mulai').fill('2025');
  await page.getByLabel('Tahun selesai (opsional)').fill('2024');
  await page.getByRole('button', { name: 'Simpan kemitraan' }).click();
  await expect(page.locator('#f-end_year-error')).toHaveText('Tahun selesai tidak boleh sebelum tahun mulai.');
  await page.screenshot({ path: `artifacts/partnerships-form-${info.project.name}.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Tahun selesai (opsional)').fill('2027');
  await page.getByRole('button', { name: 'Simpan kemitraan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kemitraan tersimpan' })).toBeVisible();
  const row = page.locator('.partnership-row').filter({ hasText: company });
  await expect(row).toContainText('Sepatin, Loa Duri Ulu, Tani Baru');
  await expect(row).toContainText('MoU ditandatangani');
  await page.screenshot({ path: `artifacts/partnerships-list-${info.project.name}.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);

  // Buyers see it at once: the partner's page and a village's page.
  await page.getByRole('link', { name: 'Lihat halaman mitra' }).click();
  await expect(page).toHaveURL(new RegExp(`/mitra/${slug}$`));
  await expect(page.getByRole('heading', { level: 1, name: company })).toBeVisible();
  await expect(page.getByRole('link', { name: 'contoh-tambang.example.co.id' })).toHaveAttribute('href', 'https://contoh-tambang.example.co.id');
  const programme = page.locator('.partner-programmes .partnership');
  await expect(programme).toContainText('Pembinaan UMKM');
  await expect(programme).toContainText('MoU ditandatangani');
  await expect(programme).toContainText('Tahun 2025–2027');
  for (const name of ['Sepatin', 'Loa Duri Ulu', 'Tani Baru']) {
    await expect(programme.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await page.goto(`/desa/${loaDuriUlu.slug}`);
  const partners = page.locator('.village-partners');
  await expect(partners.getByRole('link', { name: company })).toBeVisible();
  await expect(partners).toContainText('Pendampingan pembukuan dan pemasaran daring');

  // Ended: finished with its end year, kept on the partner's page as history.
  await page.goto('/penjual/kemitraan');
  await page.getByRole('button', { name: `Akhiri kemitraan ${company}: Pembinaan UMKM` }).click();
  await page.getByLabel('Tahun berakhir').fill('2026');
  await page.getByRole('button', { name: 'Akhiri kemitraan', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kemitraan diakhiri' })).toBeVisible();
  await expect(page.locator('.partnership-row').filter({ hasText: company })).toContainText('Selesai');
  await page.goto(`/mitra/${slug}`);
  await expect(page.locator('.partner-programmes .partnership')).toContainText('Selesai');
  await expect(page.locator('.partner-programmes .partnership')).toContainText('Tahun 2025–2026');
  expect(errors).toEqual([]);
});
