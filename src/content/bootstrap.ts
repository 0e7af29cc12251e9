/**
 * The declared content script, which every page pays for. It reads the reader's settings, decides
 * whether to run here — an article, an allowed site, not a paused one — and only then loads the
 * scanner and card (DESIGN.md decisions 3 and 9). It follows settings changes at once: pausing a
 * site stops everything, resuming starts again, without a reload. It also answers the popup.
 */
import type { Settings } from '../core/settings';
import { decideSite, type SiteDecision } from '../core/sites';
import { callBackground, serve, type ContentApi, type PageState } from '../shared/messages';
import { loadSettings, onSettingsChanged } from '../shared/settings-store';
import { loadScanner } from './browser-quirks';
import type { Session } from './main';
import { isArticlePage } from './page-kind';

let session: Session | undefined;
let decision: SiteDecision = 'not-article';
/** "Scan this page" from the popup: run here although the page is not detected as news. */
let scanRequested = false;
let looksLikeArticle: boolean | undefined;
let deciding = Promise.resolve();

function decide(settings: Settings): Promise<void> {
  deciding = deciding.then(async () => {
    const host = location.hostname;
    decision = decideSite(settings, host, () => (looksLikeArticle ??= isArticlePage(document, host)));
    if (scanRequested && decision !== 'blocked') decision = 'run';
    if (decision !== 'run') {
      session?.stop();
      session = undefined;
    } else if (session) {
      session.update(settings);
    } else {
      // The scanner and the facts it shows load side by side.
      const [scanner, facts] = await Promise.all([loadScanner(), callBackground('getFacts', {})]);
      session = scanner.start(settings, facts);
    }
  });
  return deciding.catch((error: unknown) => console.warn('Context Cards could not start on this page:', error));
}

function pageState(): PageState {
  const host = location.hostname;
  if (session) return { host, ...session.state() };
  return { host, status: 'idle', reason: decision === 'run' ? 'not-article' : decision };
}

serve<ContentApi>({
  getPageState: pageState,
  async scanPage() {
    scanRequested = true;
    await decide((await loadSettings()).settings);
    return pageState();
  },
  focusNextMention: ({ direction }) => session?.focusNext(direction) ?? { moved: false },
  revealMention: ({ index }) => session?.reveal(index) ?? { moved: false },
});
onSettingsChanged(({ settings }) => void decide(settings));
void loadSettings().then(({ settings }) => decide(settings));
