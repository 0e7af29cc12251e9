/**
 * The registered content script that every page pays for (background/content-scripts.ts), so it
 * does as little as it can: it checks whether the page is an article and, on a page that is not
 * one, makes no extension API call — it only watches for the page becoming an article later (a
 * single-page site moving on, signals brought late). On an article it asks the background to run
 * the second half, content/awake.js, in this frame; that half reads the settings, decides and scans
 * (docs/ARCHITECTURE.md, decision 3). Only this half is parsed on every page.
 */
import { callBackground } from '../shared/messages';
import { isPageGone } from './browser-quirks';
import { contentGlobal, RETRY_MS, RUNNING_CONTENT_SCRIPT, type RunningContentScript } from './content-globals';
import { isArticlePage } from './page-kind';
import { watchPageChanges } from './page-changes';

const isArticleHere = () => isArticlePage(document);
const running = () => contentGlobal[RUNNING_CONTENT_SCRIPT] as RunningContentScript | undefined;

function askToWake(failures = 0): void {
  callBackground('injectAwake', {}).catch((error: unknown) => {
    // Gone, or woken meanwhile by the popup: nobody needs the answer.
    if (isPageGone() || running()?.awake) return;
    const delay = RETRY_MS[failures];
    if (delay !== undefined) {
      setTimeout(() => askToWake(failures + 1), delay);
      return;
    }
    console.warn('Context Cards could not start on this page:', error);
    // Given up for now, not for good: the page's next change asks again (as do the popup and a change of sites).
    watchForArticle();
  });
}

/** Until the page is an article: watch it become one, at no cost to it, and ask to wake then. */
function watchForArticle(): void {
  const check = () => {
    if (!isArticleHere()) return;
    stopWatching();
    askToWake();
  };
  const stopWatching = watchPageChanges({ moved: check, recheck: check });
  contentGlobal[RUNNING_CONTENT_SCRIPT] = { awake: false, stopWatching } satisfies RunningContentScript;
}

function run(): void {
  // Injected again where a copy runs already (after a change of sites), or where the page is awake.
  if (running()) return;
  // A page closed before its content script ran (Firefox runs it anyway) needs nothing.
  if (isPageGone()) return;
  if (isArticleHere()) {
    contentGlobal[RUNNING_CONTENT_SCRIPT] = { awake: false, stopWatching() {} } satisfies RunningContentScript;
    askToWake();
  } else {
    watchForArticle();
  }
}

run();
