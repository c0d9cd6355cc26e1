// Buyers' inquiries end to end: an export RFQ for seaweed sent while the connection drops
// (it waits in the outbox and goes out on reconnect), a hotel basket spanning two sellers,
// the buyer's tracking page, and the seller answering with a quote that the buyer then sees.
import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn, test } from './helpers';

const DEMO_SELLER_PRODUCT = 'kerupuk-udang-sepatin-250g'; // sold by the demo sign-in's business
const OTHER_SELLER_PRODUCT = 'rumput-laut-kering-tani-baru-karung';

function isoDaysAhead(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Signs in as the demo seller (who sells DEMO_SELLER_PRODUCT) and opens their inbox. */
async function openDemoInbox(page: Page) {
  await signIn(page, '/masuk', '0812 0000 0001', DEMO_PASSWORD, /\/penjual$/);
  await page.getByRole('link', { name: 'Permintaan masuk' }).click();
}

async function shot(page: Page, name: string, project: string) {
  await page.screenshot({ path: `artifacts/screenshots/${name}-${project}.png`, fullPage: true });
}

test('export RFQ survives a reload and a dropped connection, and is sent on reconnect', async ({ page, context }, info) => {
  test.setTimeout(90_000);
  await page.goto('/permintaan');
  await page.getByRole('tab', { name: 'RFQ ekspor' }).click();
  await page.getByLabel('Tambah produk').fill('rumput laut gracilaria');
  // Few enough match to list them all (the server's search, the same model code, counts
  // them), and the status says how many.
  const search = await page.request.get('/api/catalog/search', { params: { q: 'rumput laut gracilaria' } });
  const { total } = await search.json();
  expect(total).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(6);
  await expect(page.locator('.picker-add')).toHaveCount(total);
  await expect(page.locator('.picker-status')).toHaveText(`${total} produk cocok.`);
  await page.locator('.picker-add', { hasText: 'Rumput Laut Gracilaria Kering' }).first().click();
  await expect(page.locator('.basket-line')).toHaveCount(1);

  // Sending an empty form shows the shared rules' messages on the fields.
  await page.getByRole('button', { name: 'Kirim RFQ' }).click();
  await expect(page.locator('#f-company-error')).toHaveText('Wajib diisi.');
  await expect(page.locator('#f-company')).toBeFocused();

  await page.locator('#f-items-0-quantity').fill('2');
  await page.locator('#f-items-0-unit').selectOption('container-20ft');
  await page.locator('#f-items-0-specification').fill('Kadar air maks. 35%, bersih dari pasir');
  await page.locator('#f-items-0-target_price').fill('950');
  await page.locator('#f-items-0-target_price').blur();
  await page.getByLabel('Nama perusahaan').fill('Lion City Seaweed Trading Pte Ltd');
  await page.getByLabel('Nama kontak').fill('Mei Ling Tan');
  await page.getByLabel('Email').fill('buying@lioncity.example');
  await page.getByLabel('WhatsApp atau telepon').fill('+65 6123 4567');
  await page.locator('#f-country').selectOption('SG');
  await page.locator('#f-incoterm').selectOption('cif');
  await page.locator('#f-destination_country').selectOption('SG');
  await page.locator('#f-email').press('Tab'); // the form keeps going while focus moves
  await expect(page.locator('#f-destination_port-error')).toHaveText('Wajib diisi.'); // CIF names a port
  await page.locator('#f-destination_port').fill('Singapore');
  await page.locator('#f-required_by').fill(isoDaysAhead(60));
  await page.locator('#f-valid_until').fill(isoDaysAhead(20));
  await page.getByRole('checkbox', { name: 'Halal' }).check();
  await page.getByRole('checkbox', { name: 'Minta sampel dulu' }).check();

  // Nothing typed is lost on reload.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'RFQ ekspor' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#f-company')).toHaveValue('Lion City Seaweed Trading Pte Ltd');
  await expect(page.locator('#f-items-0-quantity')).toHaveValue('2');
  await expect(page.locator('#f-items-0-target_price')).toHaveValue('950.00');
  await expect(page.locator('#f-destination_port')).toHaveValue('Singapore');
  await shot(page, 'rfq-form', info.project.name);

  // The connection drops just as the buyer sends.
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Kirim RFQ' }).click();
  await expect(page.getByText('Tidak ada koneksi. Permintaan disimpan di perangkat ini')).toBeVisible();
  await expect(page.getByText('1 permintaan menunggu koneksi')).toBeVisible();
  await expect(page.locator('.main-nav .outbox-count').first()).toHaveText('1');

  await context.setOffline(false);
  await expect(page.getByText(/menunggu koneksi dan akan dikirim/)).toBeHidden({ timeout: 20_000 });
  const receipt = page.locator('.receipts li', { hasText: /RFQ-\d{4}-\d{6}/ }).first();
  await expect(receipt).toBeVisible();
  await receipt.getByRole('link').click();
  await expect(page).toHaveURL(/\/permintaan\/lacak\/[0-9a-f]{32}$/);
  await expect(page.locator('.part')).toHaveCount(1);
  await expect(page.locator('.part')).toContainText('Rumput Laut Gracilaria Kering');
  await expect(page.locator('.part')).toContainText("2 kontainer 20'");
  await expect(page.locator('.part .chip')).toHaveText('Baru');
});

test('hotel basket with two sellers: tracked per seller, the seller quotes, the buyer sees it', async ({ page, browser }, info) => {
  test.setTimeout(90_000);
  await page.goto(`/permintaan?produk=${DEMO_SELLER_PRODUCT}`);
  await expect(page).toHaveURL(/\/permintaan$/);
  await page.goto(`/permintaan?produk=${OTHER_SELLER_PRODUCT}`);
  await page.getByRole('tab', { name: /Pembelian/ }).click();
  await expect(page.locator('.basket-line')).toHaveCount(2);
  await expect(page.getByText('Produk dari 2 penjual')).toBeVisible();
  const hotel = `Hotel Tepian Mahakam ${info.project.name} ${Date.now() % 100000}`;
  await page.locator('#f-items-0-quantity').fill('40');
  await page.getByLabel('Nama hotel, restoran atau usaha').fill(hotel);
  await page.getByLabel('Nama kontak').fill('Rina Kartika');
  await page.getByLabel('Email').fill('purchasing@tepian.example');
  await page.getByLabel('Nomor WhatsApp').fill('0813 5000 1234');
  await page.getByLabel('Kota pengiriman').fill('Samarinda');
  await page.locator('#f-recurrence').selectOption('weekly');
  await page.locator('#f-wanted_by').fill(isoDaysAhead(14));
  await page.getByRole('button', { name: 'Kirim permintaan' }).click();
  const sent = page.locator('.notice.sent');
  await expect(sent).toContainText(/Permintaan PQ-\d{4}-\d{6} terkirim/);
  const reference = (await sent.locator('strong').innerText()).match(/PQ-\d{4}-\d{6}/)![0];
  await sent.getByRole('link', { name: 'Buka halaman lacak' }).click();
  const trackingUrl = page.url();
  await expect(page.locator('.part')).toHaveCount(2);
  const ownPart = page.locator('.part', { hasText: 'UD Kerupuk Udang Sepatin Jaya' });
  await expect(ownPart.locator('.part-head .chip')).toHaveText('Baru');
  const wa = await ownPart.getByRole('link', { name: /Hubungi .* lewat WhatsApp/ }).getAttribute('href');
  expect(decodeURIComponent(String(wa))).toContain(reference);

  // The seller signs in (another browser), finds it unread in the inbox, and quotes.
  const sellerContext = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
  const seller = await sellerContext.newPage();
  await openDemoInbox(seller);
  const item = seller.locator('.inbox-item', { hasText: reference });
  await expect(item.locator('.new-dot')).toBeVisible();
  await item.locator('summary').click();
  await expect(item.locator('.new-dot')).toBeHidden();
  await expect(item).toContainText('Kerupuk Udang Sepatin 250 g');
  await expect(item).not.toContainText('Rumput Laut Kering'); // the other seller's line
  await expect(item).toContainText(hotel);
  // A new part cannot be marked won before any conversation: not offered.
  await expect(item.getByRole('button', { name: 'Tandai: Berhasil (deal)' })).toHaveCount(0);
  const reply = 'Stok siap 40 pak tiap minggu, sampai Samarinda.';
  await item.getByLabel('Balasan untuk pembeli').fill(reply);
  await item.getByRole('button', { name: 'Kirim balasan' }).click();
  await expect(item.locator('.event-reply')).toHaveText(reply);
  // A price is a quote, not a status: no button marks a part quoted.
  await expect(item.getByRole('button', { name: 'Tandai: Penawaran terkirim' })).toHaveCount(0);
  await item.locator('#f-unit_price_idr').fill('24000');
  await item.locator('#f-lead_time_days').fill('2');
  await item.getByRole('button', { name: 'Kirim penawaran' }).click();
  await expect(item.locator('summary .chip.status-quoted')).toBeVisible();
  await expect(item.getByRole('button', { name: 'Tandai: Berhasil (deal)' })).toBeVisible();
  await shot(seller, 'inbox', info.project.name);
  // The service worker keeps the public catalog for offline use, but nothing private: the
  // next person on this phone must not be shown this seller's inbox or session offline.
  await seller.reload();
  await expect(item.locator('summary')).toBeVisible();
  const cached: string[] = await seller.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    }
    return urls;
  });
  expect(cached).toContain('/api/catalog/index');
  expect(cached.filter((u) => /^\/api\/(seller|auth|inquiries)\//.test(u))).toEqual([]);
  await sellerContext.close();

  // The buyer refreshes the tracking page: quoted, with the reply, by whom.
  await page.goto(trackingUrl);
  await expect(ownPart.locator('.part-head .chip')).toHaveText('Penawaran terkirim');
  await expect(ownPart.locator('.event-reply')).toHaveText(reply);
  await expect(ownPart.locator('.event-head').first()).toContainText('UD Kerupuk Udang Sepatin Jaya');
  await expect(ownPart.locator('.quote .quote-price')).toHaveText('Rp 24.000 / pak');
  await expect(page.locator('.part', { hasNotText: 'UD Kerupuk Udang Sepatin Jaya' }).locator('.part-head .chip')).toHaveText('Baru');
});

test('a long inbox comes a page at a time; tabs fetch their own stage with whole-inbox counts', async ({ page, request }, info) => {
  test.setTimeout(90_000);
  // More inquiries for the demo seller than one page holds (20), straight to the API.
  const catalog = await (await request.get('/api/catalog')).json();
  const product = catalog.products.find((p: { id: string }) => p.id === DEMO_SELLER_PRODUCT);
  const run = `${info.project.name}-${Date.now()}`;
  for (let i = 0; i < 21; i++) {
    const res = await request.post('/api/inquiries', {
      headers: { 'idempotency-key': `paging-${run}-${i}` },
      data: {
        kind: 'purchase',
        purchase: {
          organisation: `Rumah Makan Halaman ${i}`,
          contact_name: 'Sri Wahyuni',
          email: 'dapur@rumahmakan.example',
          whatsapp: '0812 5555 6666',
          city: 'Tenggarong',
          items: [{ product_id: product.id, quantity: Math.max(product.moq, 1), unit: product.unit }],
          recurrence: 'weekly',
          wanted_by: isoDaysAhead(10),
          note: '',
        },
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  }

  await openDemoInbox(page);

  const items = page.locator('.inbox-item');
  const allTab = page.locator('.filter-tab', { hasText: 'Semua' });
  await expect(items).toHaveCount(20);
  const total = Number(await allTab.locator('.count').innerText());
  expect(total).toBeGreaterThanOrEqual(21 + 5); // ours and the demo's
  await expect(items.first()).toContainText('Rumah Makan Halaman 20'); // newest first
  const more = page.getByRole('button', { name: 'Tampilkan yang lebih lama' });
  await expect(page.locator('.inbox-more')).toContainText(`20 dari ${total} permintaan ditampilkan`);
  await page.locator('.inbox-more').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `artifacts/screenshots/inbox-paged-${info.project.name}.png` });
  // The connection drops as the seller asks for more: said beside the button, nothing lost.
  await page.route(/\/api\/seller\/inquiries\?.*before=/, (route) => route.abort('internetdisconnected'));
  await more.click();
  const failed = page.locator('.inbox-more [role=alert]');
  await expect(failed).toHaveText('Tidak ada koneksi internet. Coba lagi saat sinyal kembali.');
  await expect(items).toHaveCount(20);
  await page.unroute(/\/api\/seller\/inquiries\?.*before=/);
  for (let shown = 20; shown < total; shown = Math.min(shown + 20, total)) {
    await more.click();
    await expect(items).toHaveCount(Math.min(shown + 20, total));
  }
  await expect(more).toBeHidden();
  const references = await page.locator('.inbox-ref').allInnerTexts();
  expect(new Set(references).size).toBe(total); // every part once

  // A stage's tab asks the server for that stage; the counts stay the whole inbox's.
  const newTab = page.locator('.filter-tab', { hasText: 'Baru' });
  const fresh = Number(await newTab.locator('.count').innerText());
  await newTab.click();
  await expect(items).toHaveCount(Math.min(fresh, 20));
  await expect(page.locator('.inbox-item summary .chip.status-new')).toHaveCount(Math.min(fresh, 20));
  await expect(allTab.locator('.count')).toHaveText(String(total));
  await expect(more).toBeVisible({ visible: fresh > 20 });
});

test('demand insights draw charts with a table alternative from stored inquiries', async ({ page }, info) => {
  await page.goto('/wawasan');
  await expect(page.getByRole('heading', { name: 'Wawasan permintaan' })).toBeVisible();
  const total = Number((await page.locator('.big-number').innerText()).match(/\d+/)![0]);
  expect(total).toBeGreaterThanOrEqual(30); // the demo inquiries, plus any sent by other tests
  for (const title of ['Menurut kategori produk', 'Menurut desa', 'Menurut negara tujuan', 'Menurut bulan']) {
    const chart = page.getByRole('figure', { name: title });
    await expect(chart.getByRole('img', { name: title })).toBeVisible();
    const bars = await chart.locator('rect.bar').count();
    expect(bars).toBeGreaterThan(0);
    await chart.locator('summary').click();
    await expect(chart.locator('tbody tr')).toHaveCount(bars);
  }
  const countries = page.getByRole('figure', { name: 'Menurut negara tujuan' });
  await expect(countries.locator('tbody')).toContainText('Singapura');
  // Every word on the charts is readable on a phone: rendered at 12 px or more.
  const smallest = await page.locator('.chart').evaluateAll((charts) => {
    let min = Infinity;
    for (const chart of charts) {
      const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement!;
        if (!node.textContent!.trim() || el.getClientRects().length === 0) continue;
        // A scaled SVG draws its text smaller than its font-size: measure what is drawn.
        const range = document.createRange();
        range.selectNodeContents(node);
        const drawn = range.getBoundingClientRect().height / 1.2;
        min = Math.min(min, parseFloat(getComputedStyle(el).fontSize), drawn);
      }
    }
    return min;
  });
  expect(smallest).toBeGreaterThanOrEqual(12);
  await shot(page, 'insights', info.project.name);
});
