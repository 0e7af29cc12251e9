/** Where a mention is on screen. StaticRanges have no geometry, so a live Range is made to ask. */
import type { Box } from './card/placement';
import type { Mention } from './mentions';

export function mentionRects(mention: Mention): DOMRect[] {
  const rects: DOMRect[] = [];
  for (const staticRange of mention.ranges) {
    try {
      const range = document.createRange();
      range.setStart(staticRange.startContainer, staticRange.startOffset);
      range.setEnd(staticRange.endContainer, staticRange.endOffset);
      rects.push(...range.getClientRects());
    } catch {
      // The text changed under a range that is about to be rescanned: it has no place now.
    }
  }
  return rects.filter((rect) => rect.width > 0 && rect.height > 0);
}

/** Which of the mention's line boxes is under the point (a mention may wrap across lines), or -1. */
export function rectIndexAtPoint(mention: Mention, x: number, y: number): number {
  return mentionRects(mention).findIndex((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);
}

/**
 * What the card is placed against: the line box the reader pointed at, across, and every line
 * the mention takes, up and down — so that the card, above or below, covers no part of it.
 */
export function anchorBox(mention: Mention, lineIndex: number): Box | undefined {
  const rects = mentionRects(mention);
  const line = rects[Math.min(lineIndex, rects.length - 1)];
  if (!line) return undefined;
  return {
    left: line.left,
    right: line.right,
    top: Math.min(...rects.map((r) => r.top)),
    bottom: Math.max(...rects.map((r) => r.bottom)),
  };
}
