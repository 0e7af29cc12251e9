/**
 * What colour the reader sees at a point: a 1×1 screenshot, decoded by the browser itself.
 * Highlights are painted, not in the DOM, so this is how a test sees their style.
 */
import type { Page } from 'puppeteer-core';

export interface Colour {
  r: number;
  g: number;
  b: number;
}

/** The colour at a point of the viewport (as `getBoundingClientRect` gives it), the page scrolled or not. */
export async function colourAt(page: Page, { x, y }: { x: number; y: number }): Promise<Colour> {
  // A screenshot's clip is in the document's coordinates, in both browsers (seen here: sampled at
  // viewport coordinates, a page scrolled down gave the colour of what was above the point).
  const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
  const clip = { x: Math.round(x + scroll.x), y: Math.round(y + scroll.y), width: 1, height: 1 };
  const png = await page.screenshot({ clip, encoding: 'base64' });
  return page.evaluate(async (data) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${data}`)).blob());
    const canvas = new OffscreenCanvas(1, 1);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const [r = 0, g = 0, b = 0] = context.getImageData(0, 0, 1, 1).data;
    return { r, g, b };
  }, png);
}

/** Whether a colour is a yellow-orange tint (the default highlight) rather than white paper. */
export function isTinted({ r, b }: Colour): boolean {
  return r > 200 && b < 200 && r - b > 40;
}
