/**
 * Which of a pack's mentions the reader gets, in one place for the content script, the options
 * page's preview and the test runs: the aliases of the topics that are shown, and — with "first
 * mention only" — the first mention of each topic. Pure: no DOM, no browser API.
 */
import type { AliasSpec } from './matcher';
import type { Language, Pack, Topic } from './pack';

/** Every alias of every topic not turned off in `shown` (a topic missing from it is shown), as the matcher takes them. */
export function aliasesOf(pack: Pick<Pack, 'topics'>, shown: Readonly<Record<string, boolean>> = {}): AliasSpec[] {
  return pack.topics
    .filter((topic) => shown[topic.id] !== false)
    .flatMap((topic) =>
      topic.aliases.map((alias) => ({ text: alias.text, topicId: topic.id, caseSensitive: alias.caseSensitive === true })),
    );
}

/** The topics turned off in `shown`, as a message carries them (shared/facts.ts); `shownExcept` reads them back. */
export function hiddenTopics(shown: Readonly<Record<string, boolean>>): string[] {
  return Object.keys(shown).filter((id) => shown[id] === false);
}

export function shownExcept(hidden: readonly string[]): Record<string, boolean> {
  return Object.fromEntries(hidden.map((id) => [id, false]));
}

/** Of mentions in page order, the first of each topic. */
export function firstOfEachTopic<M extends { topicId: string }>(ordered: readonly M[]): M[] {
  const seen = new Set<string>();
  return ordered.filter((mention) => !seen.has(mention.topicId) && Boolean(seen.add(mention.topicId)));
}

/** The language of the alias a mention's text is (`Apple  intelligence` is the English alias), if it is one of the topic's. */
export function aliasLanguage(topic: Pick<Topic, 'aliases'>, text: string): Language | undefined {
  const fold = (s: string, caseSensitive: boolean) => {
    const spaced = s.replace(/\s+/g, ' ').trim();
    return caseSensitive ? spaced : spaced.toLowerCase();
  };
  return topic.aliases.find((alias) => fold(alias.text, alias.caseSensitive === true) === fold(text, alias.caseSensitive === true))?.lang;
}
