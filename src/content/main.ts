/**
 * The content script proper, loaded by `awake.ts` where the reader's settings say to run:
 * scans the page, paints the mentions, keeps them true as the page changes, and opens the card
 * from pointer or keyboard. Everything it starts hangs off one AbortController, so `stop()`
 * removes every highlight, listener, observer and timer at once.
 */
import { compileMatcher, matcherFrom, type CompiledAliases, type Matcher } from '../core/matcher';
import type { Pack } from '../core/pack';
import type { Settings } from '../core/settings';
import { aliasLanguage, aliasesOf } from '../core/topics';
import type { PageFacts } from '../shared/facts';
import { resolveLanguage, setMessages } from '../shared/i18n';
import { MAX_LISTED_MENTIONS } from '../shared/messages';
import { articleDate } from './article-date';
import { CardController } from './card/card-controller';
import { CardHost } from './card/card-host';
import { reportCounts } from './count-reporter';
import { watchPointer } from './hover';
import { watchTouch } from './touch';
import { focusNextMention, revealMention } from './keyboard';
import { mentionText, type Mention } from './mentions';
import { PageScan } from './scan/page-scan';
import { exposeScanner, type Session } from './scanner-loader';
import { snippetOf } from './snippets';

/**
 * `facts` come from the background (shared/facts.ts), with the aliases of `initial`'s topics
 * compiled; the pack was validated by the build.
 */
export function start(initial: Settings, { pack, messages, compiledAliases }: PageFacts): Session {
  setMessages(messages);
  let settings = initial;
  const session = new AbortController();
  const { signal } = session;
  const host = new CardHost(signal);
  const scan = new PageScan({
    matcher: firstMatcher(pack, settings, compiledAliases),
    highlight: settings.highlight,
    isOwnNode: (node) => host.owns(node),
    signal,
  });
  const cards = new CardController(
    host,
    scan.painter,
    pack,
    {
      language: (mention) =>
        resolveLanguage(settings.card.language, { page: document.documentElement.lang, mention: aliasLanguageOf(pack, mention) }),
      articleDate: () => articleDate(document),
      topicsOnPage: () => scan.mentions.topicCounts().map((count) => count.topicId),
    },
    signal,
  );
  scan.mentions.subscribe({ removed: (mention) => cards.openMention === mention && cards.close(false) });
  const counts = reportCounts(scan.mentions, signal);
  scan.mentions.subscribe({ added: counts.changed, removed: counts.changed });
  scan.onSettled(counts.changed);
  scan.start();
  const pointerDeps = { scan, cards, host, settings: () => settings.card };
  watchPointer(pointerDeps, signal);
  watchTouch(pointerDeps, signal);

  return {
    update(next) {
      const previous = settings;
      if (JSON.stringify(previous) === JSON.stringify(next)) return; // decided again, nothing changed
      settings = next;
      if (JSON.stringify(previous.highlight) !== JSON.stringify(next.highlight)) scan.setHighlight(next.highlight);
      if (JSON.stringify(previous.topics) !== JSON.stringify(next.topics)) scan.setMatcher(matcherFor(pack, next));
      if (previous.card.language !== next.card.language) cards.refresh();
    },
    stop: () => session.abort(),
    state: () => ({
      status: 'running',
      total: scan.mentions.size,
      byTopic: scan.mentions.topicCounts(),
      mentions: scan.mentions
        .inDocumentOrder()
        .slice(0, MAX_LISTED_MENTIONS)
        .map((mention) => ({ topicId: mention.topicId, ...snippetOf(mention) })),
      lastScan: scan.lastScan,
      articleDate: articleDate(document),
      pageLanguage: document.documentElement.lang || undefined,
    }),
    focusNext: (direction) => focusNextMention(scan.mentions, cards, direction),
    reveal: (index) => revealMention(scan.mentions, cards, index),
  };
}

/** The language of the alias a mention is: a Chinese alias on any page gets the Chinese card under "the article's language". */
function aliasLanguageOf(pack: Pack, mention: Mention) {
  const topic = pack.topics.find((t) => t.id === mention.topicId);
  return topic && aliasLanguage(topic, mentionText(mention));
}

function matcherFor(pack: Pack, settings: Settings) {
  return compileMatcher(aliasesOf(pack, settings.topics));
}

/**
 * The page's first matcher: from the aliases the background compiled, where they are those of the
 * topics `settings` shows, else compiled here. A message that went wrong costs a compile, not the
 * page's highlights.
 */
function firstMatcher(pack: Pack, settings: Settings, compiled: CompiledAliases | null): Matcher {
  const aliases = aliasesOf(pack, settings.topics);
  const shown = new Set(aliases.map((alias) => alias.topicId));
  if (compiled && sameSet(shown, new Set(compiled.patterns.map((pattern) => pattern.topicId)))) {
    try {
      return matcherFrom(compiled);
    } catch (error) {
      console.warn('Context Cards compiles the aliases here:', error);
    }
  }
  return compileMatcher(aliases);
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}

exposeScanner({ start }); // for awake.js: see scanner-loader.ts
