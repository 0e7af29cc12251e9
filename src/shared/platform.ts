/** Facts about the browser the extension runs in, for the few places the UI must say them differently. */
import { browser, type Browser } from './browser-api';

/** Known at build time (build.mjs), like the bundle's other browser branches. */
export const isFirefox = BUILD_TARGET === 'firefox';

/** Pages no extension may script: the browsers' own pages and their extension stores. */
export function isRestrictedUrl(url: string | undefined): boolean {
  if (!url) return false;
  if (!/^https?:/.test(url)) return true;
  const { hostname, pathname } = new URL(url);
  return (
    hostname === 'chromewebstore.google.com' ||
    (hostname === 'chrome.google.com' && pathname.startsWith('/webstore')) ||
    hostname === 'addons.mozilla.org' ||
    hostname === 'microsoftedge.microsoft.com'
  );
}

/** The manifest's command for the keyboard shortcut (manifest/base.json, "commands"). */
export const NEXT_MENTION_COMMAND = 'next-mention';

/**
 * The keyboard-shortcut API, where the browser has one: Firefox for Android has none (no
 * `commands`: https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/commands#browser_compatibility),
 * and there the shortcut's part of the background and of the options page is left out.
 */
export function keyboardShortcuts(): Browser.Commands.Static | undefined {
  return browser.commands;
}
