import { chromium, devices } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'], headless: true });
const ctx = await browser.newContext({ ...devices['Pixel 5'], viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.addInitScript(() => {
  window.__lcp = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) { const r = e.element?.getBoundingClientRect(); window.__lcp.push({ t: e.startTime, size: e.size, tag: e.element?.tagName, cls: e.element?.className, inBoot: !!e.element?.closest('#boot'), rect: r && [r.x, r.y, r.width, r.height] }); } }).observe({ type: 'largest-contentful-paint', buffered: true });
});
await page.goto(process.argv[2] ?? 'http://127.0.0.1:18300/');
await page.waitForTimeout(6000);
console.log(JSON.stringify(await page.evaluate(() => window.__lcp)));
console.log('app lead', await page.evaluate(() => { const p = document.querySelector('main .lead'); const b = p.getBoundingClientRect(); return [b.x,b.y,b.width,b.height]; }));
await browser.close();
