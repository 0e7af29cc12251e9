/** Tells the background how many mentions the page has, for the badge: once things settle, and only when the count changed. */
import { callBackground } from '../shared/messages';
import { isPageGone } from './browser-quirks';
import type { MentionIndex } from './mentions';

const SETTLE_MS = 100;
/** When the background does not answer (its service worker is starting again), ask again after these. */
const RETRY_MS = [250, 1000, 4000];

export function reportCounts(mentions: MentionIndex, signal: AbortSignal): { changed: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSent = '';
  let failures = 0;
  const send = (force: boolean) => {
    timer = undefined;
    const byTopic = mentions.topicCounts();
    const key = JSON.stringify(byTopic);
    if (!force && key === lastSent) return;
    lastSent = key;
    callBackground('reportMentions', { total: mentions.size, byTopic }).then(
      () => (failures = 0),
      () => {
        if (isPageGone()) return;
        // The background's service worker was stopped and is starting again: the badge would go
        // on showing the old count, so ask again a little later (and at the next change anyway).
        lastSent = '';
        const delay = RETRY_MS[failures++];
        if (delay !== undefined && !signal.aborted) timer ??= setTimeout(() => send(false), delay);
      },
    );
  };
  // Back from the back/forward cache: the tab's badge was reset by the navigation away.
  window.addEventListener('pageshow', (event) => event.persisted && send(true), { signal });
  // Stopped (the reader paused this site): the badge must not go on showing a count.
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    callBackground('reportMentions', { total: 0, byTopic: [] }).catch(() => undefined);
  });
  return {
    changed: () => {
      timer ??= setTimeout(() => send(false), SETTLE_MS);
    },
  };
}
