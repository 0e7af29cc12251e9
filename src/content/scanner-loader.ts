/**
 * The content script's last part — the scanner and the card, content/main.js — and how awake.js loads
 * it once it has decided to run here (bootstrap.js is what every page pays for, awake.js what a page
 * that may be scanned pays for). The background injects it into this frame with
 * `scripting.executeScript`, in both browsers: it runs in this content script's world (Chrome's
 * isolated world, Firefox's sandbox), whose global — not the page's window — then holds its exports.
 * - So it need not be web-accessible, and pages cannot probe for it.
 * - Firefox leaves no other way: `import()` of a computed URL is what AMO's linter rejects as an
 *   "unsafe call to import" (https://github.com/mozilla/eslint-plugin-no-unsanitized/blob/main/docs/rules/method.md),
 *   and a relative one resolves against the page (https://bugzilla.mozilla.org/show_bug.cgi?id=1536094#c34).
 * - In Chrome, where a dynamic `import()` of the extension URL would work, the injection reached the
 *   first highlight about 12 ms sooner on the demo article (the bench's wake time, 27 loads each).
 */
import type { Settings } from '../core/settings';
import type { PageFacts } from '../shared/facts';
import { callBackground, type PageState } from '../shared/messages';
import { contentGlobal, SCANNER_GLOBAL } from './content-globals';

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
  start(settings: Settings, facts: PageFacts): Session;
}

export async function loadScanner(): Promise<Scanner> {
  if (!contentGlobal[SCANNER_GLOBAL]) await callBackground('injectScanner', {});
  const scanner = contentGlobal[SCANNER_GLOBAL] as Scanner | undefined;
  if (!scanner) throw new Error('content/main.js ran but left no scanner');
  return scanner;
}

/** What content/main.js, run as a classic script, leaves on its world's global for `loadScanner`. */
export function exposeScanner(scanner: Scanner): void {
  contentGlobal[SCANNER_GLOBAL] = scanner;
}
