/**
 * The registered content script, which every page pays for (background/content-scripts.ts).
 * Where it runs alone, it checks whether the page is an article and, on a page that is not one,
 * does nothing else — no extension API call, only a watch for the page becoming an article later
 * (a single-page site moving on, signals brought late). Where it must scan (an article, a site the
 * reader listed, or `content/run-here.js` before it), it wakes: reads the settings, decides —
 * an allowed site, not a paused one — and only then loads the scanner and card
 * (docs/ARCHITECTURE.md, decisions 3 and 9). Awake, it follows settings changes at once: pausing a
 * site stops everything, resuming starts again, without a reload; it decides again when a
 * single-page site moves to another URL or shows its article late; and it answers the popup. A
 * page that listens for nothing is reached by injecting this file again, which wakes the copy
 * already running (the popup does, with `activeTab`).
 */
import type { Settings } from '../core/settings';
import { decideSite, type SiteDecision } from '../core/sites';
import { callBackground, serveInTab, type PageState } from '../shared/messages';
import { onSettingsChanged } from '../shared/settings-store';
import { isPageGone } from './browser-quirks';
import { loadScanner, type Session } from './scanner-loader';
import { contentGlobal, RUN_HERE, RUNNING_BOOTSTRAP, type RunningBootstrap } from './bootstrap-globals';
import { isArticlePage } from './page-kind';
import { watchPageChanges } from './page-changes';

/** After a failed start (the background was restarting, say), try again after these. */
const RETRY_MS = [250, 1000, 4000];

let session: Session | undefined;
let settings: Settings | undefined;
/** Undefined until the settings are read. */
let decision: SiteDecision | undefined;
/** Why the last start failed, while it has not succeeded since. */
let failure: string | undefined;
let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
/** "Scan this page" from the popup: run here although the page is not detected as news (until it is left). */
let scanRequested = false;
let looksLikeArticle: boolean | undefined;
/** Decisions run one after another; each one's failure is its own, never the next one's. */
let deciding = Promise.resolve();

const readSettings = () => callBackground('getSettings', {}).then(({ settings }) => settings);
const start = () => readSettings().then(decide, startFailed);

function decide(next: Settings): Promise<void> {
  settings = next;
  clearTimeout(retryTimer);
  deciding = deciding.then(() => apply(next)).catch((error: unknown) => startFailed(error));
  return deciding;
}

async function apply(next: Settings): Promise<void> {
  const host = location.hostname;
  decision = decideSite(next.sites, host, () => (looksLikeArticle ??= isArticlePage(document, host)));
  if (scanRequested && decision !== 'blocked') decision = 'run';
  if (decision !== 'run') {
    session?.stop();
    session = undefined;
  } else if (session) {
    session.update(next);
  } else {
    // The scanner and the facts it shows load side by side.
    const [scanner, facts] = await Promise.all([loadScanner(), callBackground('getFacts', {})]);
    session = scanner.start(next, facts);
  }
  failure = undefined;
  failures = 0;
}

function startFailed(error: unknown): void {
  if (isPageGone()) return;
  failure = error instanceof Error ? error.message : String(error);
  console.warn('Context Cards could not start on this page:', error);
  const delay = RETRY_MS[failures++];
  if (delay !== undefined) retryTimer = setTimeout(() => void start(), delay);
}

/** What decided "article or not" may have changed: read it again, and act if it did. */
function recheck(): void {
  const now = isArticlePage(document, location.hostname);
  if (now === looksLikeArticle) return;
  looksLikeArticle = now;
  if (settings) void decide(settings);
}

function pageState(): PageState {
  const host = location.hostname;
  if (session) return { host, ...session.state() };
  if (decision === 'run')
    return failure ? { host, status: 'idle', reason: 'failed', error: failure } : { host, status: 'idle', reason: 'starting' };
  return { host, status: 'idle', reason: decision ?? 'deciding' };
}

let awake = false;
/** Before it wakes, on a page that is not an article: the only thing it does. */
let stopArticleWatch: (() => void) | undefined;

/** Answers the popup, follows the settings and the page, and starts — for as long as the page lives. */
function wake(): void {
  if (awake) return;
  awake = true;
  // Awake, it watches the page for itself (below); the watch for an article has done its part.
  stopArticleWatch?.();
  const forever = new AbortController().signal;
  const started = start();
  serveInTab(
    {
      // Woken by the popup, it answers once it has decided rather than with "deciding".
      getPageState: () => started.then(pageState),
      async scanPage() {
        scanRequested = true;
        await decide(await readSettings());
        return pageState();
      },
      focusNextMention: ({ direction }) => session?.focusNext(direction) ?? { moved: false },
      revealMention: ({ index }) => session?.reveal(index) ?? { moved: false },
    },
    forever,
  );
  onSettingsChanged(
    () => callBackground('getSettings', {}),
    ({ settings: changed }) => void decide(changed),
    forever,
  );
  watchPageChanges({
    moved() {
      // "Scan this page" ended with the page it was asked on.
      scanRequested = false;
      looksLikeArticle = undefined;
      if (settings) void decide(settings);
    },
    recheck,
  });
}

/** Until the page is an article: watch it become one, at no cost to it, and wake then. */
function wakeOnArticle(): void {
  const host = location.hostname;
  if (isArticlePage(document, host)) {
    looksLikeArticle = true;
    wake();
    return;
  }
  const check = () => {
    if (isArticlePage(document, location.hostname)) wake();
  };
  stopArticleWatch = watchPageChanges({ moved: check, recheck: check });
}

function run(): void {
  const told = contentGlobal[RUN_HERE] === true;
  delete contentGlobal[RUN_HERE];
  const running = contentGlobal[RUNNING_BOOTSTRAP] as RunningBootstrap | undefined;
  // Injected again into a frame where it runs already: only the first copy works, woken if told.
  if (running) {
    if (told) running.wake();
    return;
  }
  // A page closed before its content script ran (Firefox runs it anyway) needs nothing.
  if (isPageGone()) return;
  contentGlobal[RUNNING_BOOTSTRAP] = { wake } satisfies RunningBootstrap;
  if (told) wake();
  else wakeOnArticle();
}

run();
