// Push notices on the seller's phone: the dashboard explains what push does before the
// browser asks, and says plainly when this browser cannot; the service worker shows a
// pushed inquiry under its tag (a repeat replaces it) and keeps its inbox link.
// The server's side (VAPID, RFC 8291 encryption, 410 forgetting a browser) is tested in
// crates/server/tests/push_http.rs against a push service on loopback; a real browser
// push service cannot be reached from a test machine, so the push itself is delivered to
// the service worker through the DevTools protocol.
import { expect } from '@playwright/test';
import { DEMO_PASSWORD, axeViolations, signIn, test } from './helpers';

test.use({ bypassCSP: true });

test('a seller is told what push does, and a pushed inquiry shows on the phone', async ({ page, context, baseURL }, info) => {
  const origin = new URL(baseURL!).origin;
  await context.grantPermissions(['notifications'], { origin });
  await signIn(page, '/masuk', '0812 0000 0001', DEMO_PASSWORD, /\/penjual/);

  const panel = page.locator('section.push-settings');
  await expect(panel.getByRole('heading', { name: 'Pemberitahuan di ponsel' })).toBeVisible();
  await expect(panel).toContainText('Browser akan meminta izin');
  const turnOn = panel.getByRole('button', { name: 'Aktifkan pemberitahuan' });
  await expect(turnOn).toBeVisible();
  // The dashboard names itself (it kept the sign-in page's title, or none, before).
  await expect(page).toHaveTitle('Produk saya · Etalase Desa');
  expect(await axeViolations(page)).toEqual([]);
  for (const [w, h] of [[390, 844], [1280, 800]]) {
    await page.setViewportSize({ width: w, height: h });
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`push-panel-${w}.png`) });
  }

  // Headless Chromium has no push service to subscribe with: the seller is told why, in
  // their language, and the button stays to try again.
  await turnOn.click();
  // After the worker's install, if it is still going: seconds on a busy machine.
  await expect(panel.locator('.form-message')).toHaveText(
    'Layanan pemberitahuan browser tidak dapat dihubungi. Periksa koneksi lalu coba lagi.',
    { timeout: 30_000 },
  );
  await expect(turnOn).toBeEnabled();

  // The service worker shows what the server pushes.
  const cdp = await context.newCDPSession(page);
  const registration = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r: { scopeURL: string; isDeleted: boolean }) => r.scopeURL === `${origin}/` && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const registrationId = await registration;
  const push = async (title: string) =>
    cdp.send('ServiceWorker.deliverPushMessage', {
      origin,
      registrationId,
      data: JSON.stringify({
        title,
        body: 'Ketuk untuk membuka kotak masuk.',
        url: '/penjual/permintaan',
        tag: '41:seller:ud-sepatin:push',
      }),
    });
  const shown = () =>
    page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return (await registration.getNotifications()).map((n) => ({ title: n.title, tag: n.tag, url: n.data?.url }));
    });
  // A push reaches only an activated worker: on a busy machine the worker can still be
  // installing (it keeps both app shells first) or activating (`ready` already resolves
  // then), and a push delivered then is dropped.
  await page.evaluate(async () => {
    const worker = (await navigator.serviceWorker.ready).active!;
    while (worker.state !== 'activated') {
      await new Promise((resolve) => worker.addEventListener('statechange', resolve, { once: true }));
    }
  });
  await push('Permintaan baru: Hotel Tepian (PQ-2026-000041)');
  await expect.poll(shown).toEqual([
    { title: 'Permintaan baru: Hotel Tepian (PQ-2026-000041)', tag: '41:seller:ud-sepatin:push', url: '/penjual/permintaan' },
  ]);
  // The same notice again (a server restarted between sending and marking): one on screen.
  await push('Permintaan baru: Hotel Tepian (PQ-2026-000041)');
  await page.waitForTimeout(300);
  expect(await shown()).toHaveLength(1);
});

test('a seller whose browser blocks notifications is told how to allow them', async ({ page }) => {
  // Permission not granted, and the prompt dismissed: headless Chromium denies it.
  await signIn(page, '/masuk', '0812 0000 0001', DEMO_PASSWORD, /\/penjual/);
  const panel = page.locator('section.push-settings');
  await panel.getByRole('button', { name: 'Aktifkan pemberitahuan' }).click();
  await expect(panel.locator('.form-message')).toContainText('Pemberitahuan untuk situs ini diblokir');
});

test('a first visit on a slow connection is offered push while the app is still being kept', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await context.grantPermissions(['notifications'], { origin });
  // The buyer's app is fetched on a seller's page only by the service worker's install
  // (it keeps both app shells): holding it keeps the worker installing, as on weak data.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await context.route(/\/app-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await signIn(page, '/masuk', '0812 0000 0001', DEMO_PASSWORD, /\/penjual/);
  const panel = page.locator('section.push-settings');
  const turnOn = panel.getByRole('button', { name: 'Aktifkan pemberitahuan' });
  await expect(turnOn).toBeVisible();
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active ?? null)).toBeNull();
  await expect(panel).not.toContainText('Browser ini tidak dapat menerima pemberitahuan');

  // Turning it on waits for the install, and says so.
  await turnOn.click();
  await expect(panel.locator('.form-message')).toContainText('sedang disimpan di ponsel ini');
  await expect(turnOn).toBeDisabled();
  release();
  await expect(panel.locator('.form-message')).toHaveText(
    'Layanan pemberitahuan browser tidak dapat dihubungi. Periksa koneksi lalu coba lagi.',
    { timeout: 30_000 },
  );
  await expect(turnOn).toBeEnabled();
});
