/**
 * The content script's last part — the scanner and the card, content/main.js — and how awake.js loads
 * it once it has decided to run here (bootstrap.js is what every page pays for, awake.js what a page
 * that may be scanned pays for). The two browsers load it differently:
 * - Chrome: a dynamic `import()` of the module's extension URL (web-accessible, with a dynamic URL).
 * - Firefox: `import()` of a computed URL is what AMO's linter rejects as an "unsafe call to import"
 *   (https://github.com/mozilla/eslint-plugin-no-unsanitized/blob/main/docs/rules/method.md), and a
 *   relative one resolves against the page (https://bugzilla.mozilla.org/show_bug.cgi?id=1536094#c34).
 *   So the background injects main.js into this frame with `scripting.executeScript`: it runs in this
 *   content script's sandbox, whose global (not the page's window) then holds its exports. main.js
 *   need not be web-accessible in Firefox, so pages cannot probe for it.
 * `BUILD_TARGET` is a build-time constant, so each browser's bundle holds only its own branch.
 */
import type { Settings } from '../core/settings';
import { browser } from '../shared/browser-api';
import { SCANNER_FILE } from '../shared/content-files';
import type { Facts } from '../shared/facts';
import { callBackground, type PageState } from '../shared/messages';

/** A scan of one page, from its start to `stop()`. */
export interface Session {
  update(settings: Settings): void;
  stop(): void;
  state(): Omit<Extract<PageState, { status: 'running' }>, 'host'>;
  focusNext(direction: 1 | -1): { moved: boolean };
  reveal(index: number): { moved: boolean };
}

/** What content/main.js exports. */
export interface Scanner {
  start(settings: Settings, facts: Facts): Session;
}

/** The name under which content/main.js, built as a classic script for Firefox, leaves its exports. */
const SCANNER_GLOBAL = 'contextCardsScanner';

export async function loadScanner(): Promise<Scanner> {
  if (BUILD_TARGET === 'firefox') {
    const sandbox = globalThis as unknown as Record<string, Scanner | undefined>;
    if (!sandbox[SCANNER_GLOBAL]) await callBackground('injectScanner', {});
    const scanner = sandbox[SCANNER_GLOBAL];
    if (!scanner) throw new Error('content/main.js ran but left no scanner');
    return scanner;
  } else {
    return (await import(browser.runtime.getURL(SCANNER_FILE))) as Scanner;
  }
}

/** Firefox: what content/main.js, run as a classic script, leaves on the global for `loadScanner`. */
export function exposeScanner(scanner: Scanner): void {
  (globalThis as unknown as Record<string, Scanner>)[SCANNER_GLOBAL] = scanner;
}
