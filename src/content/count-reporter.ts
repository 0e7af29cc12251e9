/** Tells the background how many mentions the page has, for the badge: once things settle, and only when the count changed. */
import { callBackground, type TopicCount } from '../shared/messages';
import type { MentionIndex } from './mentions';

const SETTLE_MS = 100;

export function reportCounts(mentions: MentionIndex, signal: AbortSignal): { changed(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSent = '';
  const send = (force: boolean) => {
    timer = undefined;
    const byTopic: TopicCount[] = [...mentions.countByTopic()].map(([topicId, count]) => ({ topicId, count }));
    const key = JSON.stringify(byTopic);
    if (!force && key === lastSent) return;
    lastSent = key;
    callBackground('reportMentions', { total: mentions.size, byTopic }).catch(() => {
      // The background is restarting; the next change or page show reports again.
      lastSent = '';
    });
  };
  // Back from the back/forward cache: the tab's badge was reset by the navigation away.
  window.addEventListener('pageshow', (event) => event.persisted && send(true), { signal });
  // Stopped (the reader paused this site): the badge must not go on showing a count.
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    callBackground('reportMentions', { total: 0, byTopic: [] }).catch(() => undefined);
  });
  return {
    changed() {
      timer ??= setTimeout(() => send(false), SETTLE_MS);
    },
  };
}
