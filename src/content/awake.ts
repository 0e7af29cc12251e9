/**
 * The content script's second half, which runs once a page must be scanned (the first half,
 * bootstrap.js, is what every page pays for): it reads the settings, decides — an allowed site, not a
 * paused one — and only then loads the scanner and card (docs/ARCHITECTURE.md, decisions 3 and 9).
 * It runs where the bootstrap found an article (the background injects it there), on the sites the
 * reader listed, on every site, and in "news" mode on the bundled news sites (registered instead of
 * the bootstrap there), and where the popup or the background injects it into a page that listens
 * for nothing. Awake, it follows settings changes at once: pausing a site stops everything,
 * resuming starts again, without a reload; it decides again when a single-page site moves to another
 * URL or shows its article late; and it answers the popup, whose listener is in place by the time
 * this file has run (the popup messages the page as soon as its injection returns).
 */
import type { Settings } from '../core/settings';
import { decideSite, type SiteDecision } from '../core/sites';
import { hiddenTopics } from '../core/topics';
import { callBackground, MAX_TOPIC_ID, MAX_TOPICS, serveInTab, type PageState } from '../shared/messages';
import { onSettingsChanged } from '../shared/settings-store';
import { isPageGone } from './browser-quirks';
import { loadScanner, type Session } from './scanner-loader';
import { contentGlobal, RETRY_MS, RUNNING_CONTENT_SCRIPT, type RunningContentScript } from './content-globals';
import { isArticlePage } from './page-kind';
import { watchPageChanges } from './page-changes';

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
  decision = decideSite(next.sites, host, () => (looksLikeArticle ??= isArticlePage(document)));
  if (scanRequested && decision !== 'blocked') decision = 'run';
  if (decision !== 'run') {
    session?.stop();
    session = undefined;
  } else if (session) {
    session.update(next);
  } else {
    // The scanner and the facts it shows load side by side.
    const [scanner, facts] = await Promise.all([loadScanner(), callBackground('getFacts', { hiddenTopics: hiddenTopicsToAsk(next) })]);
    session = scanner.start(next, facts);
  }
  failure = undefined;
  failures = 0;
}

/**
 * The topics `settings` hides, as the request for the facts takes them. Stored settings may hold
 * any key (an id no pack has, or hundreds), which the request would refuse, and the page would
 * never start: those are left out. The tables that come back are checked against the topics shown
 * before they are used (main.ts), so leaving one out can only cost a compile on the page.
 */
function hiddenTopicsToAsk(settings: Settings): string[] {
  return hiddenTopics(settings.topics)
    .filter((id) => id.length > 0 && id.length <= MAX_TOPIC_ID)
    .slice(0, MAX_TOPICS);
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
  const now = isArticlePage(document);
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

/** Answers the popup, follows the settings and the page, and starts — for as long as the page lives. */
function wake(): void {
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

function run(): void {
  const running = contentGlobal[RUNNING_CONTENT_SCRIPT] as RunningContentScript | undefined;
  // Injected again into a frame that is awake already (by the popup, say): the first copy works.
  if (running?.awake) return;
  // A page closed before its content script ran (Firefox runs it anyway) needs nothing.
  if (isPageGone()) return;
  // The bootstrap's watch for an article has done its part: awake, this file watches the page itself.
  running?.stopWatching();
  contentGlobal[RUNNING_CONTENT_SCRIPT] = { awake: true } satisfies RunningContentScript;
  wake();
}

run();
