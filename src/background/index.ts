/**
 * The background: registers the content script where the settings say (content-scripts.ts),
 * answers content scripts (the facts, the settings, the badge), and forwards the keyboard
 * shortcut, which the browser delivers here, to the tab's content script.
 */
import { badgeText } from '../core/badge';
import { browser, type Browser } from '../shared/browser-api';
import { AWAKE_FILE, SCANNER_FILE } from '../shared/content-files';
import { compileAliases, type CompiledAliases } from '../core/matcher';
import { aliasesOf, shownExcept } from '../core/topics';
import { readFacts, type Facts, type PageFacts } from '../shared/facts';
import { callTab, serveInBackground } from '../shared/messages';
import { NEXT_MENTION_COMMAND, keyboardShortcuts } from '../shared/platform';
import { loadSettings, onSettingsChanged } from '../shared/settings-store';
import { followSites, registerFor, startInOpenTabs } from './content-scripts';

const BADGE_COLOUR = '#8a5100';

/** Read once per background lifetime (a service worker's may be short). */
let facts: Promise<Facts> | undefined;
/** The aliases compiled for each set of hidden topics asked for, once per background lifetime too. */
const compiled = new Map<string, CompiledAliases | null>();

serveInBackground({
  async getFacts({ hiddenTopics }) {
    facts ??= readFacts().catch((error: unknown) => {
      facts = undefined; // the next request reads again
      throw error;
    });
    const read = await facts;
    // Keyed by the pack's topics hidden, in the pack's order: ids it does not have change nothing.
    const key = read.pack.topics.filter((topic) => hiddenTopics.includes(topic.id)).map((topic) => topic.id);
    const cacheKey = JSON.stringify(key);
    if (!compiled.has(cacheKey)) compiled.set(cacheKey, compileAliases(aliasesOf(read.pack, shownExcept(key))));
    return { ...read, compiledAliases: compiled.get(cacheKey)! } satisfies PageFacts;
  },
  getSettings: () => loadSettings(),
  async reportMentions({ total }, sender) {
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId !== 0) return;
    await browser.action.setBadgeText({ tabId, text: badgeText(total) });
  },
  injectAwake: (_params, sender) => runBesideSender(sender, AWAKE_FILE),
  injectScanner: (_params, sender) => runBesideSender(sender, SCANNER_FILE),
});

/**
 * Runs one of the content script's files in the document that asked, in the same world as its
 * content script. By the document where the browser names it (Chrome 106+: a frame that has moved
 * on to another page since it asked gets nothing); by the frame where it does not (Firefox).
 */
async function runBesideSender(sender: Browser.Runtime.MessageSender, file: string): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId === undefined) throw new Error(`only a content script can ask to run ${file}`);
  const target = sender.documentId ? { tabId, documentIds: [sender.documentId] } : { tabId, frameIds: [sender.frameId] };
  await browser.scripting.executeScript({ target, files: [file] });
}

void browser.action.setBadgeBackgroundColor({ color: BADGE_COLOUR });

const sites = () => loadSettings().then(({ settings }) => settings.sites);
void registerFor(sites());
browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') void startInOpenTabs(sites());
});
onSettingsChanged(loadSettings, ({ settings }) => void followSites(settings.sites));

keyboardShortcuts()?.onCommand.addListener((command, tab) => {
  if (command === NEXT_MENTION_COMMAND) void moveToNextMention(tab?.id);
});

async function moveToNextMention(tabId: number | undefined): Promise<void> {
  tabId ??= (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return;
  // A tab without our content script (a browser page, a store) has nothing to move to.
  await callTab(tabId, 'focusNextMention', { direction: 1 }).catch(() => undefined);
}
