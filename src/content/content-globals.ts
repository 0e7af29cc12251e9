/**
 * What the content script's files share: what they leave on their global — the content script's own world (its
 * isolated world in Chrome, its sandbox in Firefox), which the page cannot see — for each other.
 */

/** What runs in this frame: for a copy of either file injected later (by the popup or the background) to find. */
export const RUNNING_CONTENT_SCRIPT = 'contextCardsContentScript';

export type RunningContentScript =
  /** bootstrap.js, watching for the page to become an article; content/awake.js ends that watch when it takes over. */
  | { awake: false; stopWatching(): void }
  /** content/awake.js: it reads the settings, listens, and scans where they say, for as long as the page lives. */
  | { awake: true };

/** Where content/main.js, a classic script injected by the background, leaves its exports (scanner-loader.ts). */
export const SCANNER_GLOBAL = 'contextCardsScanner';

export const contentGlobal = globalThis as unknown as Record<string, unknown>;

/** After a failed request to the background (it was restarting, say), both files try again after these. */
export const RETRY_MS = [250, 1000, 4000];
