// What several specs do the same way: their `test`, signing in, and asking axe-core about a page.
import { test as base, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Playwright's `test`, closing every browser context a test opened beside its own (another
 * role's browser, a second visitor): one left open lived on for the rest of the run, and every
 * later failure screenshot its page too, pushing the error itself out of a short log.
 */
export const test = base.extend<{ closeOpenedContexts: void }>({
  closeOpenedContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(browser.contexts().filter((c) => !before.has(c)).map((c) => c.close()));
    },
    { auto: true },
  ],
});

/** The demo data's password for every seeded seller and staff account. */
export const DEMO_PASSWORD = 'desa-demo-2026';

/** Signs in on the form at `path` and waits to land on `lands`. */
export async function signIn(page: Page, path: string, whatsapp: string, password: string, lands: RegExp) {
  await page.goto(path);
  await page.getByLabel('Nomor WhatsApp').fill(whatsapp);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page).toHaveURL(lands);
}

/** Signs in on the staff tab (demo staff accounts share the demo password). */
export async function staffSignIn(page: Page, whatsapp: string, lands: RegExp, password = DEMO_PASSWORD) {
  await signIn(page, '/masuk?staf=1', whatsapp, password, lands);
}

/**
 * axe-core's violations (WCAG rules and best practices, any impact) on the page as it is now.
 * The script is injected, which the app's Content-Security-Policy rightly forbids: specs that
 * use this run with `bypassCSP: true`.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const source = readFileSync(join('node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    // @ts-expect-error injected above
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: { id: string; nodes: unknown[] }) => `${v.id} (${v.nodes.length})`);
  });
}
