/**
 * What the page shows, read from outside the extension: the highlight registry is shared with
 * the page's own world, so a test script in the page sees exactly the ranges that are painted.
 */
import type { Page } from 'puppeteer-core';

export const MENTION_HIGHLIGHT = 'context-cards-mention';

/** The text of every painted range, in document order. */
export function paintedTexts(page: Page): Promise<string[]> {
  return page.evaluate((name) => {
    const highlight = CSS.highlights.get(name);
    if (!highlight) return [];
    const ranges = [...(highlight as unknown as Iterable<AbstractRange>)].map((r) => {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      return live;
    });
    ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    return ranges.map((r) => r.toString());
  }, MENTION_HIGHLIGHT);
}

/** The centre of the first line box of the first painted range whose text is `text`. */
export function pointOnMention(page: Page, text: string, occurrence = 0): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    (name, wanted, nth) => {
      const ranges = [...((CSS.highlights.get(name) ?? []) as Iterable<AbstractRange>)]
        .map((r) => {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          return live;
        })
        .filter((r) => r.toString() === wanted)
        .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      const range = ranges[nth];
      if (!range) return null;
      range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const rect = range.getClientRects()[0];
      if (!rect) return null;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    },
    MENTION_HIGHLIGHT,
    text,
    occurrence,
  );
}
