/**
 * The toolbar popup: for the current tab, the mentions per topic and a list to jump to each; the
 * partnership at a glance; the "on this site" switch, "scan this page", and the way to settings.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Language, Pack } from '../core/pack';
import { browser } from '../shared/browser-api';
import { message, resolveLanguage } from '../shared/i18n';
import { AWAKE_FILE } from '../shared/content-files';
import { callTab, type PageState } from '../shared/messages';
import { isPausedOn, pauseOn, resumeOn } from '../core/sites';
import { isRestrictedUrl } from '../shared/platform';
import { ArticleAge, Provenance, Sources, Statistics, Timeline } from '../ui/facts';
import { HostAccessPrompt, useHostAccess } from '../ui/HostAccessPrompt';
import { useSettings, type SettingsHandle } from '../ui/use-settings';
import { MentionList } from './MentionList';

type TabView =
  { kind: 'loading' } | { kind: 'unavailable' } | { kind: 'no-answer'; tabId: number } | { kind: 'page'; tabId: number; state: PageState };

export function Popup({ pack }: { pack: Pack }) {
  const handle = useSettings();
  const [view, setView] = useState<TabView>({ kind: 'loading' });
  const [hostAccess, askHostAccess] = useHostAccess();
  // Read once access is known, and again when it changes: a page that could not be read may be now.
  useEffect(() => {
    if (hostAccess !== 'checking') void readTab().then(setView);
  }, [hostAccess]);
  // The count and list follow the page while the popup is open (a live blog, a pause).
  useEffect(() => {
    if (view.kind !== 'page') return;
    const timer = setInterval(() => void readTab().then(setView), 1000);
    return () => clearInterval(timer);
  }, [view.kind]);
  if (!handle) return null;
  const running = view.kind === 'page' && view.state.status === 'running' ? view.state : undefined;
  const language = resolveLanguage(handle.settings.card.language, { page: running?.pageLanguage });
  return (
    <main class="popup surface" aria-busy={view.kind === 'loading' || hostAccess === 'checking' || undefined}>
      <header class="title">
        <img src="/icons/icon-32.png" alt="" width={20} height={20} />
        <h1>{message('extName')}</h1>
        {view.kind === 'page' && <span class="host">{view.state.host}</span>}
      </header>
      <HostAccessPrompt access={hostAccess} onAsk={askHostAccess} />
      {/* Without access, "cannot run on this page" would be untrue: the prompt above says why. */}
      {!(view.kind === 'unavailable' && hostAccess !== 'granted') && (
        <TabSection view={view} handle={handle} pack={pack} language={language} onView={setView} />
      )}
      <AtAGlance pack={pack} language={language} articleDate={running?.articleDate} />
      <footer class="links">
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage().then(() => window.close())}>
          {message('popupOptions')}
        </button>
      </footer>
    </main>
  );
}

function TabSection(props: { view: TabView; handle: SettingsHandle; pack: Pack; language: Language; onView: (view: TabView) => void }) {
  const { view, handle, pack, language, onView } = props;
  if (view.kind === 'loading') return <section class="tab" aria-busy="true" />;
  if (view.kind === 'unavailable') {
    return (
      <section class="tab">
        <p class="notice">{message('popupUnavailable')}</p>
      </section>
    );
  }
  const scan = () => void scanTab(view.tabId).then(onView);
  if (view.kind === 'no-answer') {
    return (
      <section class="tab">
        <p class="notice">{message('popupNoAnswer')}</p>
        <button type="button" class="primary" onClick={scan}>
          {message('popupScanPage')}
        </button>
      </section>
    );
  }
  const { state } = view;
  const { sites } = handle.settings;
  const setOnThisSite = (on: boolean) => {
    const next = { ...handle.settings, sites: on ? resumeOn(sites, state.host) : pauseOn(sites, state.host) };
    void handle.saveNow(next).then(async () => onView(await readTab()));
  };
  return (
    <section class="tab">
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={!isPausedOn(sites, state.host)}
          onChange={(e) => setOnThisSite(e.currentTarget.checked)}
        />
        <span>{message('popupOnThisSite')}</span>
      </label>
      {state.status === 'idle' && <IdleNotice state={state} onScan={scan} />}
      {state.status === 'running' && <MentionList state={state} tabId={view.tabId} pack={pack} language={language} />}
    </section>
  );
}

/** Why the page is not scanned, and what the reader can do about it. */
function IdleNotice({ state, onScan }: { state: Extract<PageState, { status: 'idle' }>; onScan: () => void }) {
  switch (state.reason) {
    case 'blocked':
      return <p class="notice">{message('popupPausedHere', [state.host])}</p>;
    case 'deciding':
    case 'starting':
      return <p class="notice">{message('popupStarting')}</p>;
    case 'failed':
      return (
        <>
          <p class="notice" role="alert">
            {message('popupFailed', [state.error])}
          </p>
          <button type="button" class="primary" onClick={onScan}>
            {message('popupTryAgain')}
          </button>
        </>
      );
    case 'not-article':
    case 'not-listed':
      return (
        <>
          <p class="notice">{message(state.reason === 'not-listed' ? 'popupNotListed' : 'popupNotArticle')}</p>
          <button type="button" class="primary" onClick={onScan}>
            {message('popupScanPage')}
          </button>
        </>
      );
  }
}

function AtAGlance({ pack, language, articleDate }: { pack: Pack; language: Language; articleDate: string | undefined }) {
  return (
    <section class="glance" aria-labelledby="glance-title" lang={language}>
      <h2 id="glance-title">{message('popupAtAGlance', [])}</h2>
      <ArticleAge pack={pack} language={language} articleDate={articleDate} />
      <p class="story-title">{pack.title.text[language]}</p>
      <p>{pack.summary.text[language]}</p>
      <Provenance pack={pack} language={language} evidence={pack.summary.evidence} />
      <Statistics pack={pack} language={language} ids={pack.statistics.map((s) => s.id)} headingId="glance-statistics" />
      <Timeline pack={pack} language={language} headingId="glance-timeline" />
      <Sources pack={pack} language={language} headingId="glance-sources" />
    </section>
  );
}

/** The tab the popup is about: the active tab of its window. */
async function activeTab() {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

async function readTab(): Promise<TabView> {
  const tab = await activeTab();
  if (tab?.id === undefined || isRestrictedUrl(tab.url)) return { kind: 'unavailable' };
  try {
    return { kind: 'page', tabId: tab.id, state: await askTab(tab.id, 'getPageState') };
  } catch {
    return (await canScript(tab.id)) ? { kind: 'no-answer', tabId: tab.id } : { kind: 'unavailable' };
  }
}

/**
 * Asks the tab's content script. On a page that is not news it listens for nothing (and a paused
 * site has none): then content/awake.js is injected — what `activeTab` allows for the tab the reader
 * opened the popup on — which takes over from the bootstrap there, or starts where none runs; it
 * listens by the time the injection returns, and is asked again.
 */
async function askTab(tabId: number, name: 'getPageState' | 'scanPage'): Promise<PageState> {
  try {
    return await callTab(tabId, name, {});
  } catch {
    await browser.scripting.executeScript({ target: { tabId }, files: [AWAKE_FILE] });
    return callTab(tabId, name, {});
  }
}

/** Whether the extension may run in the tab at all (browsers refuse their own pages and stores). */
async function canScript(tabId: number): Promise<boolean> {
  try {
    // Firefox answers [null] instead of failing on its own pages (seen in ESR 153; MDN says results may
    // be missing: https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/scripting/executeScript):
    // only a `true` that ran counts.
    const [injection] = await browser.scripting.executeScript({ target: { tabId }, func: () => true });
    return injection?.result === true;
  } catch {
    return false;
  }
}

/** Scans a page that is not detected as news. */
async function scanTab(tabId: number): Promise<TabView> {
  try {
    return { kind: 'page', tabId, state: await askTab(tabId, 'scanPage') };
  } catch {
    return { kind: 'unavailable' };
  }
}
