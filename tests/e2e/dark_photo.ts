// A photo as a phone takes it indoors with no window, made at test time from a shared
// fixture by the page's own canvas (no binary in the repository). Shared by the coach specs.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shared fixtures sit beside the project root; Playwright runs from the root. */
export const photos = join(process.cwd(), '..', 'shared', 'fixtures', 'photos');

/** A 1600×1200 JPEG of `fixture` at a quarter of its light. */
export async function darkenedJpeg(page: Page, fixture: string): Promise<Buffer> {
  const source = readFileSync(join(photos, fixture)).toString('base64');
  const dataUrl = await page.evaluate(async (b64: string) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
    const canvas = document.createElement('canvas');
    canvas.width = 1600;
    canvas.height = 1200;
    const ctx = canvas.getContext('2d')!;
    ctx.filter = 'brightness(0.25)';
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', 0.9);
  }, source);
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}
