/** The reader's settings as the tests change and await them: stored, then reaching an open page. */
import type { Page } from 'puppeteer-core';
import type { ExtensionSession } from './extension-browser';
import { waitFor } from './waiting';

/** The stored settings once `done` holds for them (a save is gathered for a moment before it is written). */
export function storedOnce(session: ExtensionSession, done: (settings: any) => boolean, what: string): Promise<any> {
  return waitFor(
    async () => (await session.storedSettings()).settings,
    (settings: any) => settings !== undefined && done(settings),
    what,
  );
}

let markers = 0;
/**
 * Waits until an open page runs with the settings stored now. The content script applies all of
 * the settings together, reading them afresh at each change: so once a marker colour, stored
 * after them, shows in the page's highlight stylesheet, everything stored before it is applied.
 */
export async function settingsReached(session: ExtensionSession, page: Page): Promise<void> {
  const rgb = [10, 20, ++markers % 256];
  const hex = `#${rgb.map((n) => n.toString(16).padStart(2, '0')).join('')}`;
  await session.inExtension(async (colour) => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    const { settings } = await api.storage.sync.get('settings');
    await api.storage.sync.set({ settings: { ...settings, highlight: { ...settings.highlight, colour } } });
  }, hex);
  const stylesheet = () =>
    page.evaluate(() => [...document.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n'));
  await waitFor(
    stylesheet,
    (css: string) => css.includes(hex) || css.includes(`rgb(${rgb.join(', ')})`),
    `the marker colour ${hex} reaching the page`,
  );
}
