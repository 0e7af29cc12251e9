/**
 * The content script's files, as each registration runs them (background/content-scripts.ts).
 * From the extension's root: Firefox reads a relative path against the calling page (popup/…), not
 * the root (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/scripting/executeScript).
 */
import type { Registration } from '../core/sites';

export const BOOTSTRAP_FILES: Record<Exclude<Registration, 'none'>, string[]> = {
  /** The bootstrap alone: the article check first, nothing else on a page that is not one. */
  articles: ['/content/bootstrap.js'],
  /** Told to run here: it reads the settings and scans where they say (or wakes the copy already running). */
  sites: ['/content/run-here.js', '/content/bootstrap.js'],
};
