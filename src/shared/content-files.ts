/**
 * The content script's files, and which run where (background/content-scripts.ts). From the
 * extension's root: Firefox reads a relative path against the calling page (popup/…), not the root
 * (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/scripting/executeScript).
 */
import type { Registration } from '../core/sites';

/** What every page pays for: the article check, and on a page that is not one, nothing else. */
const BOOTSTRAP_FILE = '/content/bootstrap.js';
/**
 * The half that reads the settings and scans where they say; injected into a page that listens for
 * nothing, it wakes it (or does nothing where the page is awake already).
 */
export const AWAKE_FILE = '/content/awake.js';
/** The scanner and the card (content/scanner-loader.ts). */
export const SCANNER_FILE = '/content/main.js';

export const REGISTRATION_FILES: Record<Exclude<Registration, 'none'>, string[]> = {
  /** The bootstrap alone, which wakes the page only on an article. */
  articles: [BOOTSTRAP_FILE],
  /** Sites the reader listed (or every site), and in "news" mode the bundled news sites: awake at once, no article check first. */
  sites: [AWAKE_FILE],
};
