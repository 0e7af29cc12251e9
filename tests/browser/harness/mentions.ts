/**
 * What the page shows, read from outside the extension: the highlight registry is shared with
 * the page's own world, so a test script in the page sees exactly the ranges that are painted.
 */
import type { Page } from 'puppeteer-core';
import type { Rect } from './browser-common';

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

/**
 * The line boxes, in the viewport, of the `occurrence`-th painted range (in document order) whose
 * text is `text`, and whose text node is in an `inElement` element if that is given; with
 * `scrollIntoView`, its block is scrolled to the middle of the view first.
 */
export function mentionBoxes(
  page: Page,
  text: string,
  occurrence = 0,
  { scrollIntoView = false, inElement }: { scrollIntoView?: boolean; inElement?: string } = {},
): Promise<Rect[]> {
  return page.evaluate(
    (name, wanted, nth, scroll, parent) => {
      const ranges = [...((CSS.highlights.get(name) ?? []) as Iterable<AbstractRange>)]
        .map((r) => {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          return live;
        })
        .filter((r) => r.toString() === wanted && (parent === undefined || r.startContainer.parentElement?.localName === parent))
        .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      const range = ranges[nth];
      if (!range) return [];
      if (scroll) range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      return [...range.getClientRects()].map(({ x, y, width, height }) => ({ x, y, width, height }));
    },
    MENTION_HIGHLIGHT,
    text,
    occurrence,
    scrollIntoView,
    inElement,
  );
}

/** The centre of the first line box of that mention, scrolled into view: where a reader points at it. */
export async function pointOnMention(page: Page, text: string, occurrence = 0): Promise<{ x: number; y: number } | null> {
  const [first] = await mentionBoxes(page, text, occurrence, { scrollIntoView: true });
  return first ? { x: first.x + first.width / 2, y: first.y + first.height / 2 } : null;
}
