/**
 * Added to each corpus page by corpus-run.ts: counts the mentions a reader can see, independently
 * of the scanner — from the page's rendered text (`innerText`, which the browser lays out: no
 * hidden text, no scripts, a line break between blocks) with the naive reference matcher — and
 * checks what the extension painted.
 */
import type { AliasSpec } from '../../src/core/matcher';
import type { Topic } from '../../src/core/pack';
import { aliasesOf } from '../../src/core/topics';
import { SKIPPED_SELECTOR } from '../../src/content/scan/text-walker';
import { naiveFind } from '../support/naive-matcher';

const count = (text: string, aliases: AliasSpec[]) => text.split('\n').reduce((sum, line) => sum + naiveFind(line, aliases).length, 0);

/**
 * Mentions in the body's rendered text, less those inside what is never scanned (editable regions,
 * ruby text …) where that is rendered. `innerText` of an element that is not rendered is its
 * raw text, so such elements count as nothing, and a body that is not rendered (pages hidden until
 * their scripts run) has no mention a reader can see.
 */
function referenceCount(topics: Topic[]): number {
  const aliases = aliasesOf({ topics });
  const body = document.body;
  if (!body || !body.checkVisibility()) return 0;
  let total = count(body.innerText, aliases);
  const skipped = [...body.querySelectorAll(SKIPPED_SELECTOR)].filter((el) => !el.parentElement?.closest(SKIPPED_SELECTOR));
  for (const element of skipped) {
    if (!element.checkVisibility({ visibilityProperty: true })) continue; // not in the body's innerText either
    // SVG and MathML have no innerText, and their text content (an SVG <title>) is not what is drawn.
    if (element instanceof HTMLElement) total -= count(element.innerText, aliases);
  }
  return total;
}

/** Painted ranges whose text is not one of the aliases (white space and, where allowed, case aside). */
function strayHighlights(name: string, topics: Topic[]): string[] {
  const aliases = aliasesOf({ topics });
  const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
  const accepted = new Set(aliases.flatMap((a) => (a.caseSensitive ? [normalise(a.text)] : [normalise(a.text).toLowerCase()])));
  const caseSensitive = new Set(aliases.filter((a) => a.caseSensitive).map((a) => normalise(a.text)));
  const texts = joinedMentionTexts(name);
  return texts.filter((text) => !caseSensitive.has(normalise(text)) && !accepted.has(normalise(text).toLowerCase()));
}

/** The text of each painted mention; ranges of one mention split across elements are joined back. */
function joinedMentionTexts(name: string): string[] {
  const ranges = [...((CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get(name) ?? [])].map((r) => {
    const live = document.createRange();
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    return live;
  });
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const texts: string[] = [];
  let previous: Range | undefined;
  for (const range of ranges) {
    // A mention split over elements is painted as adjacent ranges with no text between them.
    const between = previous && document.createRange();
    if (between && previous) {
      between.setStart(previous.endContainer, previous.endOffset);
      between.setEnd(range.startContainer, range.startOffset);
    }
    if (between && !between.collapsed && between.toString() === '' && texts.length) texts[texts.length - 1] += range.toString();
    else if (between && between.collapsed && texts.length) texts[texts.length - 1] += range.toString();
    else texts.push(range.toString());
    previous = range;
  }
  return texts;
}

/** What the corpus run calls in the page (corpus-page.ts). */
export interface CorpusPageApi {
  referenceCount: typeof referenceCount;
  strayHighlights: typeof strayHighlights;
}

Object.assign(globalThis, { contextCardsReliability: { referenceCount, strayHighlights } satisfies CorpusPageApi });
