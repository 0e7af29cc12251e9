/**
 * The content script proper, loaded by `bootstrap.ts` on article pages: scans the page, paints
 * the mentions, keeps them true as the page changes, and opens the card from pointer or keyboard.
 * Everything it starts hangs off one AbortController, the page session.
 */
import bundledPack from '../../assets/packs/apple-alibaba-2025.json';
import { compileMatcher, type AliasSpec } from '../core/matcher';
import type { Pack } from '../core/pack';
import { cardLanguage } from '../shared/i18n';
import { serve, type ContentApi } from '../shared/messages';
import { CardController } from './card/card-controller';
import { CardHost } from './card/card-host';
import { reportCounts } from './count-reporter';
import { HighlightPainter } from './highlights';
import { watchPointer } from './hover';
import { focusNextMention } from './keyboard';
import { MentionIndex, isConnected } from './mentions';
import { MutationWatch } from './scan/mutation-watch';
import { PageScanner } from './scan/page-scanner';

/** Validated by the build (build.mjs), so it is trusted here. */
const pack = bundledPack as Pack;

export function start(): AbortController {
  const session = new AbortController();
  const { signal } = session;
  const host = new CardHost(signal);
  const painter = new HighlightPainter(signal);
  const cards = new CardController(host, painter, pack, cardLanguage, signal);
  const shadowRoots = new Set<ShadowRoot>();

  let counts: { changed(): void } | undefined;
  const mentions = new MentionIndex({
    added: (mention) => {
      painter.add(mention);
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
      removed: () => mentions.removeWhere((mention) => !isConnected(mention)),
      changed: (roots) => roots.forEach((root) => scanner.scan(root)),
    },
    signal,
  );
  const scanner = new PageScanner(
    compileMatcher(aliasesOf(pack)),
    mentions,
    {
      isOwnElement: (element) => host.owns(element),
      foundShadowRoot: (root) => {
        if (shadowRoots.has(root)) return;
        shadowRoots.add(root);
        watch.observe(root);
      },
      settled: () => {
        painter.ensureRegistered();
        counts?.changed();
      },
    },
    signal,
  );
  watch.observe(document);
  scanner.scan(document.body ?? document.documentElement);

  watchPointer(
    { mentions, cards, host, shadowRoots: () => [...shadowRoots], beforeHitTest: () => painter.ensureRegistered() },
    signal,
  );
  serve<ContentApi>({ focusNextMention: ({ direction }) => focusNextMention(mentions, cards, direction) }, signal);
  return session;
}

function aliasesOf(pack: Pack): AliasSpec[] {
  return pack.topics.flatMap((topic) =>
    topic.aliases.map((alias) => ({ text: alias.text, topicId: topic.id, caseSensitive: alias.caseSensitive })),
  );
}
