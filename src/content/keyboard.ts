/**
 * The keyboard path: the extension's shortcut (a browser command, forwarded by the background)
 * moves to the next mention, scrolls it into view and opens its card with focus inside, and has
 * screen readers say where the reader is ("Mention 3 of 12: Alibaba") — starting from no mention,
 * first how many of each topic the page has.
 */
import type { CardController } from './card/card-controller';
import { mentionRects } from './geometry';
import type { Mention, MentionIndex } from './mentions';

export function focusNextMention(mentions: MentionIndex, cards: CardController, direction: 1 | -1): { moved: boolean } {
  const ordered = mentions.inDocumentOrder();
  const fromNone = cards.openedBy !== 'keyboard'; // no mention has the keyboard's focus yet
  const start = startIndex(ordered, cards.openMention, direction);
  for (let step = 0; step < ordered.length; step++) {
    const index = (start + step * direction + ordered.length * 2) % ordered.length;
    const mention = ordered[index]!;
    if (!bringIntoView(mention)) continue;
    const counts = fromNone ? mentions.topicCounts() : undefined;
    cards.open(mention, 'keyboard', { position: { index, total: ordered.length, counts } });
    return { moved: true };
  }
  return { moved: false };
}

/** Opens the card of the mention at `index` in document order (the popup's list), scrolled into view. */
export function revealMention(mentions: MentionIndex, cards: CardController, index: number): { moved: boolean } {
  const ordered = mentions.inDocumentOrder();
  const mention = ordered[index];
  if (!mention || !bringIntoView(mention)) return { moved: false };
  cards.open(mention, 'keyboard', { position: { index, total: ordered.length } });
  return { moved: true };
}

/** After the open card's mention; with no card open, the first mention from the top of the viewport down. */
function startIndex(ordered: readonly Mention[], current: Mention | undefined, direction: 1 | -1): number {
  const index = current ? ordered.indexOf(current) : -1;
  if (index >= 0) return index + direction;
  const firstBelowTop = ordered.findIndex((mention) => (mentionRects(mention)[0]?.bottom ?? -1) >= 0);
  if (direction === 1) return Math.max(0, firstBelowTop);
  return (firstBelowTop < 0 ? ordered.length : firstBelowTop) - 1;
}

/** Scrolls the mention to the middle of the viewport unless it is already in view; false if it has no box. */
function bringIntoView(mention: Mention): boolean {
  let rect = mentionRects(mention)[0];
  if (!rect) return false;
  if (rect.top < 0 || rect.bottom > window.innerHeight) {
    mention.ranges[0]!.startContainer.parentElement?.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    rect = mentionRects(mention)[0] ?? rect;
    window.scrollBy({ top: rect.top - window.innerHeight / 2, behavior: 'instant' });
  }
  return true;
}
