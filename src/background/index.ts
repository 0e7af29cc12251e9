/**
 * The background: the toolbar badge for each tab, and the keyboard shortcut, which the browser
 * delivers here and which is forwarded to the tab's content script.
 */
import { badgeText } from '../core/badge';
import { browser } from '../shared/browser-api';
import { readFacts, type Facts } from '../shared/facts';
import { callTab, serve, type BackgroundApi } from '../shared/messages';

const NEXT_MENTION_COMMAND = 'next-mention';
const BADGE_COLOUR = '#8a5100';

/** Read once per background lifetime (a service worker's may be short). */
let facts: Promise<Facts> | undefined;

serve<BackgroundApi>({
  getFacts() {
    facts ??= readFacts().catch((error: unknown) => {
      facts = undefined;
      throw error;
    });
    return facts;
  },
  async reportMentions({ total }, sender) {
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId !== 0) return;
    if (!Number.isInteger(total) || total < 0) throw new Error(`reportMentions: total must be a count, got ${String(total)}`);
    await browser.action.setBadgeText({ tabId, text: badgeText(total) });
  },
  async injectScanner(_params, sender) {
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId === undefined) throw new Error('injectScanner: only a content script can ask');
    await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId] }, files: ['content/main.js'] });
  },
});

void browser.action.setBadgeBackgroundColor({ color: BADGE_COLOUR });

browser.commands.onCommand.addListener(async (command, tab) => {
  if (command !== NEXT_MENTION_COMMAND) return;
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return;
  // A tab without our content script (a browser page, a store) has nothing to move to.
  await callTab(tabId, 'focusNextMention', { direction: 1 }).catch(() => undefined);
});
