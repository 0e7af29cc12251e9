/**
 * What the content script's files leave on their global — the content script's own world (its
 * isolated world in Chrome, its sandbox in Firefox), which the page cannot see — for each other.
 */

/** Set by content/run-here.js, which runs just before the bootstrap where it must scan without the article check. */
export const RUN_HERE = 'contextCardsRunHere';

/** The bootstrap that runs in this frame, for a second copy injected later (by the popup or the background) to wake. */
export const RUNNING_BOOTSTRAP = 'contextCardsBootstrap';

export interface RunningBootstrap {
  /** Read the settings, listen for them and for the popup, and scan where they say. */
  wake(): void;
}

export const contentGlobal = globalThis as unknown as Record<string, unknown>;
