/** The mentions on the page: counts per topic, then each in its sentence; choosing one shows it on the page with its card. */
import type { Language, Pack } from '../core/pack';
import { message } from '../shared/i18n';
import { callTab, type PageState } from '../shared/messages';

type Running = Extract<PageState, { status: 'running' }>;

export function MentionList({ state, tabId, pack, language }: { state: Running; tabId: number; pack: Pack; language: Language }) {
  const topicName = (id: string) => pack.topics.find((t) => t.id === id)?.name[language] ?? id;
  const reveal = async (index: number) => {
    const { moved } = await callTab(tabId, 'revealMention', { index });
    if (moved) window.close();
  };
  if (state.total === 0) return <p class="notice">{message('popupNoMentions', [])}</p>;
  return (
    <section aria-labelledby="mentions-title">
      <h2 id="mentions-title">{message('popupMentions', [])}</h2>
      <ul class="counts">
        {state.byTopic.map(({ topicId, count }) => (
          <li key={topicId}>{message('popupTopicCount', [topicName(topicId), String(count)])}</li>
        ))}
      </ul>
      <ol class="mentions">
        {state.mentions.map((mention, index) => (
          <li key={index}>
            <button type="button" title={message('popupJumpTo', [])} onClick={() => void reveal(index)}>
              <span class="context">{mention.before}</span>
              <mark>{mention.text}</mark>
              <span class="context">{mention.after}</span>
            </button>
          </li>
        ))}
      </ol>
      {state.total > state.mentions.length && (
        <p class="more">{message('popupMoreMentions', [String(state.total - state.mentions.length)])}</p>
      )}
      <p class="cost">{message('popupLastScan', [state.lastScan.milliseconds.toFixed(1), String(state.lastScan.textNodes)])}</p>
    </section>
  );
}
