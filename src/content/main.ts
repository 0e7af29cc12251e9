/**
 * The content script proper, loaded by `bootstrap.ts` where the reader's settings say to run:
 * scans the page, paints the mentions, keeps them true as the page changes, and opens the card
 * from pointer or keyboard. Everything it starts hangs off one AbortController, so `stop()`
 * removes every highlight, listener, observer and timer at once.
 */
import { compileMatcher, type AliasSpec } from '../core/matcher';
import type { Pack } from '../core/pack';
import type { Settings } from '../core/settings';
import type { Facts } from '../shared/facts';
import { resolveLanguage, setMessages } from '../shared/i18n';
import { MAX_LISTED_MENTIONS, type PageState } from '../shared/messages';
import { exposeScanner } from './browser-quirks';
import { CardController } from './card/card-controller';
import { CardHost } from './card/card-host';
import { reportCounts } from './count-reporter';
import { HighlightPainter } from './highlights';
import { watchPointer } from './hover';
import { focusNextMention, revealMention } from './keyboard';
import { MentionIndex, isConnected } from './mentions';
import { blocksInView } from './scan/in-view';
import { MutationWatch } from './scan/mutation-watch';
import { PageScanner, type ScanStats } from './scan/page-scanner';
import { blockAround, insideSkipped } from './scan/text-walker';
import { VisibilityWatch } from './scan/visibility-watch';
import { afterNextPaint } from './scan/scheduling';
import { snippetOf } from './snippets';

export interface Session {
  update(settings: Settings): void;
  stop(): void;
  state(): Omit<Extract<PageState, { status: 'running' }>, 'host'>;
  focusNext(direction: 1 | -1): { moved: boolean };
  reveal(index: number): { moved: boolean };
}

/** `facts` come from the background (shared/facts.ts); the pack was validated by the build. */
export function start(initial: Settings, { pack, messages }: Facts): Session {
  setMessages(messages);
  let settings = initial;
  const session = new AbortController();
  const { signal } = session;
  const host = new CardHost(signal);
  const painter = new HighlightPainter(signal);
  const cards = new CardController(host, painter, pack, () => resolveLanguage(settings.card.language), signal);
  const shadowRoots = new Set<ShadowRoot>();
  let lastScan: ScanStats = { textNodes: 0, milliseconds: 0 };

  let counts: { changed(): void } | undefined;
  const visibility = new VisibilityWatch((roots) => rescan(roots), signal);
  const mentions = new MentionIndex({
    added: (mention) => {
      painter.added(mention);
      const block = blockAround(mention.ranges[0]!.startContainer);
      if (block instanceof Element) visibility.watchShown(block);
      counts?.changed();
    },
    removed: (mention) => {
      painter.remove(mention);
      if (cards.openMention === mention) cards.close(false);
      counts?.changed();
    },
  });
  counts = reportCounts(mentions, signal);

  const watch = new MutationWatch(
    {
      isOwnNode: (node) => host.owns(node),
      removed: () => {
        mentions.removeWhere((mention) => !isConnected(mention));
        visibility.forgetRemoved();
      },
      changed: (roots) => rescan(roots),
    },
    signal,
  );
  const scanner = new PageScanner(
    matcherFor(pack, settings),
    mentions,
    {
      isOwnElement: (element) => host.owns(element),
      foundShadowRoot: (root) => {
        if (shadowRoots.has(root)) return;
        shadowRoots.add(root);
        watch.observe(root);
      },
      foundHidden: (element) => visibility.watchHidden(element),
      showFound: () => painter.paintFound(),
      settled: (stats) => {
        lastScan = stats;
        painter.paintFound();
        painter.ensureRegistered();
        // Only "first mention only" needs the order; a sort on every change would cost pages that churn.
        if (settings.highlight.firstOnly) painter.repaint(mentions.inDocumentOrder());
        counts?.changed();
      },
    },
    signal,
  );
  const rescan = (roots: Node[]) => {
    for (const root of roots) if (root.isConnected && !host.owns(root) && !insideSkipped(root)) scanner.scan(root);
  };
  const scanPage = () => {
    const root = document.body ?? document.documentElement;
    if (document.hidden) return scanner.scan(root); // nothing is in view
    // Finding the blocks in view takes hit tests, which force a layout if one is due: after a
    // paint there is none to do (a rescan follows a repaint of the highlights, which makes one due).
    void afterNextPaint().then(() => {
      if (!signal.aborted) scanner.scan(root, blocksInView(root, (node) => host.owns(node)));
    });
  };

  painter.configure(settings.highlight);
  watch.observe(document);
  scanPage();
  watchPointer(
    {
      mentions,
      cards,
      host,
      shadowRoots: () => [...shadowRoots],
      isPainted: (mention) => painter.isPainted(mention),
      beforeHitTest: () => painter.ensureRegistered(),
      settings: () => settings.card,
    },
    signal,
  );

  return {
    update(next) {
      const previous = settings;
      if (JSON.stringify(previous) === JSON.stringify(next)) return; // decided again, nothing changed
      settings = next;
      painter.configure(next.highlight);
      painter.repaint(mentions.inDocumentOrder());
      if (JSON.stringify(previous.topics) !== JSON.stringify(next.topics)) {
        scanner.setMatcher(matcherFor(pack, next));
        scanPage();
      }
      if (previous.card.language !== next.card.language) cards.refresh();
    },
    stop: () => session.abort(),
    state: () => ({
      status: 'running',
      total: mentions.size,
      byTopic: [...mentions.countByTopic()].map(([topicId, count]) => ({ topicId, count })),
      mentions: mentions
        .inDocumentOrder()
        .slice(0, MAX_LISTED_MENTIONS)
        .map((mention) => ({ topicId: mention.topicId, ...snippetOf(mention) })),
      lastScan,
    }),
    focusNext: (direction) => focusNextMention(mentions, cards, direction),
    reveal: (index) => revealMention(mentions, cards, index),
  };
}

function matcherFor(pack: Pack, settings: Settings) {
  const aliases: AliasSpec[] = pack.topics
    .filter((topic) => settings.topics[topic.id] !== false)
    .flatMap((topic) => topic.aliases.map((alias) => ({ text: alias.text, topicId: topic.id, caseSensitive: alias.caseSensitive })));
  return compileMatcher(aliases);
}

if (BUILD_TARGET === 'firefox') exposeScanner({ start }); // see loadScanner in browser-quirks.ts
