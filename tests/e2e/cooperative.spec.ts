// A village cooperative's operator on a phone: signs in, adds a member business, lists
// amplang for them with a photo, publishes; a buyer sees "sold through the cooperative";
// the member opens the WhatsApp claim link, sets a password and sees the operator's change
// in the listing's history.
import { expect, type Page, type TestInfo } from '@playwright/test';
import { staffSignIn, test } from './helpers';
import { join } from 'node:path';
import { darkenedJpeg, photos } from './dark_photo';

/** A WhatsApp number no other test (or project, or run) uses. */
function uniqueNumber(info: TestInfo, slot: number): string {
  const tail = String(Date.now() % 1_000_000).padStart(6, '0');
  return `0813${info.project.name === 'phone' ? 3 : 4}${slot}${tail}`;
}

async function signInAsOperator(page: Page) {
  await staffSignIn(page, '0812 0000 0900', /\/penjual\/koperasi$/);
  await expect(page.getByRole('heading', { name: 'Koperasi Desa Merah Putih Sepatin' })).toBeVisible();
}

test('an operator adds a member, publishes for them, the buyer sees the cooperative, the member claims', async ({ page, browser }, info) => {
  test.setTimeout(150_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await signInAsOperator(page);
  await expect(page.locator('.member-row', { hasText: 'UD Kerupuk Udang Sepatin Jaya' })).toBeVisible();

  // The operator gives an address for their members' new inquiries (the e-mail itself is
  // tested against a real SMTP server in crates/server/tests/notices_smtp.rs).
  const notices = page.locator('section.notice-settings');
  await expect(notices.getByRole('heading', { name: 'Pemberitahuan email koperasi' })).toBeVisible();
  await notices.getByLabel('Email untuk pemberitahuan').fill(`operator-${info.project.name}@koperasi.test`);
  await notices.getByRole('button', { name: 'Simpan email' }).click();
  await expect(notices.locator('.form-message')).toHaveText('Tersimpan.');
  await page.reload();
  await expect(notices.getByLabel('Email untuk pemberitahuan')).toHaveValue(`operator-${info.project.name}@koperasi.test`);

  // Add a member; a bad number is refused on the field, before anything is sent.
  const member = `Amplang Ibu Rahmah ${info.project.name} ${Date.now() % 100000}`;
  await page.getByLabel('Nama usaha anggota').fill(member);
  await page.getByLabel('Nomor WhatsApp anggota').fill('0541 123');
  await page.getByRole('button', { name: 'Tambah anggota' }).click();
  await expect(page.locator('#f-whatsapp-error')).toBeVisible();
  await expect(page.getByLabel('Nomor WhatsApp anggota')).toBeFocused();
  const number = uniqueNumber(info, 1);
  await page.getByLabel('Nomor WhatsApp anggota').fill(number);
  await page.getByRole('button', { name: 'Tambah anggota' }).click();
  const panel = page.locator('.claim-panel');
  await expect(panel).toContainText(`${member} sudah ditambahkan`);
  const wa = await panel.getByRole('link', { name: 'Kirim tautan lewat WhatsApp' }).getAttribute('href');
  expect(wa).toMatch(new RegExp(`^https://wa\\.me/62${number.slice(1)}\\?text=`));
  const claimUrl = await panel.getByLabel('Tautan klaim (sekali pakai)').inputValue();
  expect(claimUrl).toMatch(/\/masuk\/klaim\/[0-9a-f]{48}$/);
  const row = page.locator('.member-row', { hasText: member });
  await expect(row.locator('.chip')).toContainText('Belum klaim akun');
  await page.screenshot({ path: `artifacts/screenshots/coop-members-${info.project.name}.png`, fullPage: true });

  // List a product for the member, with a photo, and publish it.
  await row.getByRole('link', { name: 'Kelola produk' }).click();
  await expect(page.getByRole('note')).toContainText(`Anda mengelola produk ${member}`);
  await page.getByRole('link', { name: 'Tambah produk anggota' }).click();
  await expect(page).toHaveURL(/\/penjual\/koperasi\/anggota\/[a-z0-9-]+\/produk\/baru-[0-9a-f]{8}$/);
  const product = `Kerupuk Amplang ${info.project.name} ${Date.now() % 100000}`;
  await page.getByLabel('Nama produk (Bahasa Indonesia)').fill(product);
  await page.getByLabel('Deskripsi (Bahasa Indonesia)').fill('Amplang ikan belida dari Sepatin, digoreng hari ini.');
  await page.getByLabel('Minimal pesanan').fill('20');
  await page.getByLabel('Harga (Rp)').first().fill('30.000');
  await page.getByLabel('Harga (Rp)').first().blur();
  // A photo taken in a dark room: the coach says so, and the upload goes on.
  const dark = await darkenedJpeg(page, 'phone-iphone6.jpg');
  await page.locator('#f-photos').setInputFiles({ name: 'amplang-gelap.jpg', mimeType: 'image/jpeg', buffer: dark });
  const job = page.locator('.job').first();
  const coach = job.locator('.coach[role="status"]');
  await expect(coach.locator('li[data-hint="TooDark"]')).toContainText('Terlalu gelap', { timeout: 60_000 });
  await expect(job.locator('progress')).toHaveAttribute('value', '100', { timeout: 60_000 });
  await job.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `artifacts/screenshots/coop-coach-${info.project.name}.png`, fullPage: false });
  await page.getByRole('button', { name: 'Terbitkan' }).click();
  await expect(page.getByText('Produk tayang di katalog.')).toBeVisible();
  await expect(page).toHaveURL(/\/penjual\/koperasi\/anggota\/[a-z0-9-]+\/produk\/kerupuk-amplang-/);
  const history = page.locator('.listing-history');
  await history.locator('summary').click();
  await expect(history).toContainText('Rahmawati (operator koperasi, demo) (operator koperasi) · Tayang');
  await page.screenshot({ path: `artifacts/screenshots/coop-editor-${info.project.name}.png`, fullPage: true });
  const productId = new URL(page.url()).pathname.split('/').pop()!;

  // A buyer sees it sold through the cooperative.
  const buyer = await browser.newContext();
  const buyerPage = await buyer.newPage();
  await buyerPage.goto(`/produk/${productId}`);
  await expect(buyerPage.locator('.sold-through')).toHaveText('Dijual melalui Koperasi Desa Merah Putih Sepatin');
  // The cooperative's page lists its members' products, with its contact and legal number.
  await buyerPage.locator('.sold-through').click();
  await expect(buyerPage).toHaveURL(/\/koperasi\/sepatin$/);
  await expect(buyerPage.getByRole('heading', { level: 1 })).toHaveText('Koperasi Desa Merah Putih Sepatin');
  await expect(buyerPage.locator('.product-card', { hasText: product })).toHaveCount(1);
  await expect(buyerPage.getByRole('link', { name: 'Hubungi koperasi lewat WhatsApp' })).toHaveAttribute('href', /^https:\/\/wa\.me\/6281200000900/);
  await expect(buyerPage.getByText('Nomor badan hukum')).toBeVisible();
  await buyerPage.screenshot({ path: `artifacts/screenshots/cooperative-page-${info.project.name}.png`, fullPage: true });
  // And the catalog filters by cooperative.
  await buyerPage.getByRole('link', { name: 'Lihat di katalog dengan filter' }).click();
  await expect(buyerPage).toHaveURL(/\?koperasi=sepatin/);
  await expect(buyerPage.locator('#f-koperasi')).toHaveValue('sepatin');
  await expect(buyerPage.locator('.product-card', { hasText: product })).toHaveCount(1);
  await buyer.close();

  // The member claims the account from the link and finds the listing, with its history.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto(new URL(claimUrl).pathname);
  await expect(memberPage.getByRole('heading', { name: 'Buat kata sandi Anda' })).toBeVisible();
  await memberPage.getByLabel('Kata sandi', { exact: true }).fill('rahmah-amplang-2026');
  await memberPage.getByRole('button', { name: 'Simpan kata sandi dan masuk' }).click();
  await expect(memberPage).toHaveURL(/\/penjual$/);
  await expect(memberPage.locator('.consent')).toContainText('Koperasi Desa Merah Putih Sepatin boleh menambah');
  await expect(memberPage.locator('.listing-row', { hasText: product })).toBeVisible();
  await memberPage.screenshot({ path: `artifacts/screenshots/coop-member-dashboard-${info.project.name}.png`, fullPage: true });

  // The link works once.
  const again = await browser.newContext();
  const againPage = await again.newPage();
  await againPage.goto(new URL(claimUrl).pathname);
  await againPage.getByLabel('Kata sandi', { exact: true }).fill('another-password-1');
  await againPage.getByRole('button', { name: 'Simpan kata sandi dan masuk' }).click();
  await expect(againPage.getByRole('alert')).toContainText('Tautan ini sudah dipakai');
  await again.close();

  // The member withdraws the cooperative's permission; the operator's list says so.
  await memberPage.getByRole('button', { name: 'Cabut izin koperasi' }).click();
  await expect(memberPage.locator('.consent')).toContainText('tidak lagi boleh');
  await memberContext.close();
  await page.goto('/penjual/koperasi');
  await expect(page.locator('.member-row', { hasText: member }).locator('.chip')).toContainText(['Punya akun', 'Izin dicabut']);
  await expect(page.locator('.member-row', { hasText: member }).getByRole('link', { name: 'Kelola produk' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the operator pages ask a seller or a visitor to sign in as operator', async ({ page }) => {
  await page.goto('/penjual/koperasi');
  await expect(page.getByText('Halaman ini untuk operator koperasi.')).toBeVisible();
  await page.getByRole('link', { name: 'Masuk sebagai operator' }).click();
  await expect(page.getByRole('tab', { name: 'Koperasi / pendamping' })).toHaveAttribute('aria-selected', 'true');
});

test('the facilitator view lists the developing villages with no product, with figures and a CSV', async ({ page }, info) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await staffSignIn(page, '0812 0000 0901', /\/penjual\/fasilitator$/);
  const toCoach = page.locator('.coach-list');
  await expect(toCoach.locator('li', { hasText: 'Tuana Tuha' })).toContainText('Tertinggal');
  await expect(toCoach.locator('li', { hasText: 'Jantur Baru' })).toContainText('Berkembang');
  await expect(toCoach.locator('li', { hasText: 'Sepatin' })).toHaveCount(0);
  const sepatin = page.locator('.village-table tbody tr', { hasText: 'Sepatin' });
  await expect(sepatin).toHaveCount(1);
  await expect(page.getByRole('img', { name: 'Produk tayang per kecamatan' })).toBeVisible();
  await page.screenshot({ path: `artifacts/screenshots/facilitator-${info.project.name}.png`, fullPage: true });

  // The CSV is the same report, for the facilitator's spreadsheet.
  const href = await page.getByRole('link', { name: 'Unduh CSV' }).getAttribute('href');
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text.split('\n')[0]).toContain('kecamatan,desa,status_idm');
  expect(text).toMatch(/Kenohan,Tuana Tuha,tertinggal,0,0,.*,ya/);
  expect(errors).toEqual([]);
});

test('an operator\'s publish made offline for a member waits, and is sent under the operator on reconnect', async ({ page, context }, info) => {
  test.setTimeout(120_000);
  await signInAsOperator(page);
  const row = page.locator('.member-row', { hasText: 'KUB Nelayan Sepatin Bersatu' });
  await row.getByRole('link', { name: 'Kelola produk' }).click();
  await page.getByRole('link', { name: 'Tambah produk anggota' }).click();
  const product = `Ikan Asin Offline ${info.project.name} ${Date.now() % 100000}`;
  await page.getByLabel('Nama produk (Bahasa Indonesia)').fill(product);
  await page.getByLabel('Deskripsi (Bahasa Indonesia)').fill('Ikan asin jemur dari nelayan Sepatin.');
  await page.getByLabel('Minimal pesanan').fill('10');
  await page.getByLabel('Harga (Rp)').first().fill('40.000');
  await page.getByLabel('Harga (Rp)').first().blur();
  await page.locator('#f-photos').setInputFiles(join(photos, 'orientation-landscape-1.jpg'));
  await expect(page.locator('.job').first().locator('progress')).toHaveAttribute('value', '100', { timeout: 60_000 });

  // The connection fails the way a weak signal does: the phone's network never goes away,
  // so no `online` event comes when it recovers, and only the outbox's retry every few
  // seconds sends what waits (it once counted a seller's own drafts only, and an
  // operator's waited for the network to change).
  const save = (url: URL) => /^\/api\/coop\/members\/[^/]+\/listings\/[^/]+$/.test(url.pathname);
  await context.route(save, (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Terbitkan' }).click();
  const waiting = page.locator('.editor-head .chip.waiting');
  await expect(waiting).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Produk baru');
  await context.unroute(save);
  // The outbox sends it with the operator's session, and the open editor follows: the
  // server's listing, no longer waiting, its history naming the operator.
  await expect(waiting).toHaveCount(0, { timeout: 25_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ubah produk');
  const history = page.locator('.listing-history');
  await history.locator('summary').click();
  await expect(history).toContainText('Rahmawati (operator koperasi, demo) (operator koperasi) · Tayang');
  // The member's list shows it sent: in the catalog, nothing waiting.
  await page.getByRole('link', { name: /← Produk KUB Nelayan Sepatin Bersatu/ }).click();
  const listed = page.locator('.listing-row', { hasText: product });
  await expect(listed.getByRole('link', { name: 'Lihat di katalog' })).toBeVisible();
  await expect(listed.locator('.chip.waiting')).toHaveCount(0);
});

test('an operator answers a member\'s inquiry; the history names the member and the operator', async ({ page }, info) => {
  await signInAsOperator(page);
  const row = page.locator('.member-row', { hasText: 'UD Kerupuk Udang Sepatin Jaya' });
  await row.getByRole('link', { name: 'Kelola produk' }).click();
  await page.getByRole('link', { name: 'Permintaan masuk' }).click();
  await expect(page).toHaveURL(/\/penjual\/koperasi\/anggota\/kerupuk-sepatin-jaya\/permintaan$/);
  await expect(page.getByRole('note')).toContainText('Anda mengelola produk UD Kerupuk Udang Sepatin Jaya');
  // The member's own export stays the member's.
  await expect(page.getByRole('link', { name: 'Unduh CSV' })).toHaveCount(0);
  // A part still open to replies (a final one has no reply box).
  const item = page.locator('.inbox-item').filter({ has: page.locator('textarea') }).first();
  await item.locator('summary').click();
  const reply = `Koperasi membalas untuk anggota (${info.project.name} ${Date.now() % 100000}).`;
  await item.getByLabel('Balasan untuk pembeli').fill(reply);
  await item.getByRole('button', { name: 'Kirim balasan' }).click();
  const last = item.locator('.events > li').last();
  await expect(last.locator('.event-reply')).toHaveText(reply);
  await expect(last.locator('.event-head')).toContainText('UD Kerupuk Udang Sepatin Jaya · Rahmawati (operator koperasi, demo)');
  await page.screenshot({ path: `artifacts/screenshots/coop-inbox-${info.project.name}.png`, fullPage: false });
});
