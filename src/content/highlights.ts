/**
 * Paints mentions with the CSS Custom Highlight API: the page's DOM is never touched
 * (docs/ARCHITECTURE.md, decision 1). The registry is shared with the page, which may clear it, so our
 * entries are put back whenever we find them gone; a `Highlight` is never iterated (Firefox
 * content scripts cannot: it is a setlike seen through an Xray wrapper,
 * https://firefox-source-docs.mozilla.org/dom/scriptSecurity/xray_vision.html) and `add`/`set` are
 * never chained (Firefox 140 returned undefined: seen here, docs/ARCHITECTURE.md "Platform facts").
 */
import { ACTIVE_HIGHLIGHT, MENTION_HIGHLIGHT, highlightCss } from '../core/highlight-css';
import type { Settings } from '../core/settings';
import { firstOfEachTopic } from '../core/topics';
import { HIGHLIGHT_RULES_ON, adoptStyleSheet, dropStyleSheet, isPageGone } from './browser-quirks';
import type { Mention } from './mentions';
import { NearView } from './near-view';
import { afterNextPaint } from './scan/scheduling';
import { blockAround } from './scan/text-walker';

export class HighlightPainter {
  readonly #mentions = new Highlight();
  readonly #active = new Highlight();
  /** Our rules for the document, and for shadow roots, where `:root` matches nothing (browser-quirks.ts, HIGHLIGHT_RULES_ON). */
  readonly #documentSheet = new CSSStyleSheet();
  readonly #shadowRootSheet = new CSSStyleSheet();
  /**
   * Every document or shadow root that holds a range, styled just before its first mentions are
   * painted (styleFound, or when they are painted): adopting a stylesheet restyles the whole
   * document (tens of milliseconds on a long page, see browser-quirks.ts, HIGHLIGHT_RULES_ON),
   * which a page without mentions should not pay for. Shadow roots too: `::highlight()` rules do
   * not reach into them in Firefox (https://bugzilla.mozilla.org/show_bug.cgi?id=1868009).
   */
  readonly #styledRoots = new Set<Document | ShadowRoot>();
  /**
   * The roots of the mentions found since the last `styleFound()`, which takes them: a second call
   * with nothing new found costs nothing, where asking every mention found for its root again (on
   * the 5 MB article, thousands) would cost each call as much as the first.
   */
  readonly #rootsFound = new Set<Node>();
  /** What the reader sees where the mention is: every mention, or the first of each topic. */
  readonly #painted = new Set<Mention>();
  /** Found, to be painted with the next `paintFound()`. */
  readonly #found = new Set<Mention>();
  /**
   * Of the painted mentions, those whose ranges are in the highlight: the ones in blocks near the
   * viewport, and those that have no block to follow (see NearView).
   */
  readonly #inRegistry = new Set<Mention>();
  /** The painted mentions of each block followed; a block is followed while it holds one. */
  readonly #byBlock = new Map<Element, Set<Mention>>();
  readonly #blockOf = new Map<Mention, Element>();
  readonly #nearView = new NearView({
    near: (block) => this.#byBlock.get(block)?.forEach((mention) => this.#register(mention)),
    far: (block) => this.#byBlock.get(block)?.forEach((mention) => this.#unregister(mention)),
  });
  #firstOnly = false;

  constructor(signal: AbortSignal) {
    this.#active.priority = 1;
    this.ensureRegistered();
    signal.addEventListener('abort', () => this.#dispose());
  }

  configure(settings: Settings['highlight']): void {
    this.#documentSheet.replaceSync(highlightCss(settings, HIGHLIGHT_RULES_ON));
    this.#shadowRootSheet.replaceSync(highlightCss(settings));
    this.#firstOnly = settings.firstOnly;
    if (this.#styledRoots.size > 0) restyleNow();
  }

  /**
   * Whether the reader can see this mention where it is (with "first mention only", later ones are
   * not painted); whether it is in the registry right now depends on where the page is scrolled.
   */
  isPainted(mention: Mention): boolean {
    return this.#painted.has(mention);
  }

  /** Paints what should be painted of `ordered` (all mentions, in document order), and nothing else. */
  repaint(ordered: readonly Mention[]): void {
    this.#found.clear();
    const wanted = this.#firstOnly ? firstOfEachTopic(ordered) : ordered;
    const keep = new Set(wanted);
    for (const mention of [...this.#painted]) if (!keep.has(mention)) this.remove(mention);
    this.#addAll(wanted);
  }

  /** A newly found mention, painted with the next `paintFound()`; with "first mention only", by `repaint`, which knows the order. */
  added(mention: Mention): void {
    if (this.#firstOnly) return;
    this.#found.add(mention);
    for (const root of rootsOf(mention)) this.#rootsFound.add(root);
  }

  /**
   * Styles the documents and shadow roots of the mentions to be painted next that are not styled
   * yet, so that the scan can give that restyle a frame of its own before it paints them
   * (ScannerHooks.styleFound). With "first mention only" they are styled when `repaint` paints them.
   */
  styleFound(): void {
    this.#style(this.#rootsFound);
    this.#rootsFound.clear();
  }

  /**
   * Paints the mentions found since the last call. A scan calls it when the blocks in view are
   * done and when it is done (ScannerHooks.showFound), not as it goes: in Chromium a frame in
   * which a highlight with a text decoration changed costs time in proportion to all its ranges
   * (100 ms at 6,000), so each batch is a frame the page pays for, and what is off screen can
   * wait for the end.
   */
  paintFound(): void {
    this.#addAll(this.#found);
    this.#found.clear();
  }

  remove(mention: Mention): void {
    this.#found.delete(mention);
    if (!this.#painted.delete(mention)) return;
    this.#unregister(mention);
    const block = this.#blockOf.get(mention);
    if (!block) return;
    this.#blockOf.delete(mention);
    const inBlock = this.#byBlock.get(block)!;
    inBlock.delete(mention);
    if (inBlock.size > 0) return;
    this.#byBlock.delete(block);
    this.#nearView.untrack(block);
  }

  /** The mention whose card is open is painted stronger. */
  setActive(mention: Mention | undefined): void {
    this.#active.clear();
    for (const range of mention?.ranges ?? []) this.#active.add(range);
  }

  /** Puts our highlights back if the page cleared or replaced the registry's entries. */
  ensureRegistered(): void {
    if (!CSS.highlights.has(MENTION_HIGHLIGHT)) CSS.highlights.set(MENTION_HIGHLIGHT, this.#mentions);
    if (!CSS.highlights.has(ACTIVE_HIGHLIGHT)) CSS.highlights.set(ACTIVE_HIGHLIGHT, this.#active);
  }

  /**
   * Paints these mentions: where each block is, is read for all of them first, and only then are
   * they styled and registered, because a document's first painted mention adopts our stylesheet,
   * after which a read of a box would wait for the whole page to be styled again.
   */
  #addAll(mentions: Iterable<Mention>): void {
    const added: Mention[] = [];
    const near: Mention[] = [];
    for (const mention of mentions) {
      if (this.#painted.has(mention)) continue;
      added.push(mention);
      if (this.#add(mention)) near.push(mention);
    }
    // Styled when painted, near or not: a mention far down would otherwise bring the restyle
    // into the middle of the reader's scroll.
    this.#style(added.flatMap(rootsOf));
    for (const mention of near) this.#register(mention);
  }

  /** Takes a mention in as painted; says whether it is to be in the registry now. */
  #add(mention: Mention): boolean {
    this.#painted.add(mention);
    const block = blockAround(mention.ranges[0]!.startContainer);
    if (!(block instanceof Element)) return true; // no box to follow
    this.#blockOf.set(mention, block);
    const inBlock = this.#byBlock.get(block);
    if (inBlock) {
      inBlock.add(mention);
      return this.#nearView.isNear(block);
    }
    this.#byBlock.set(block, new Set([mention]));
    return this.#nearView.track(block);
  }

  #register(mention: Mention): void {
    if (this.#inRegistry.has(mention)) return;
    this.#inRegistry.add(mention);
    for (const range of mention.ranges) this.#mentions.add(range);
  }

  #unregister(mention: Mention): void {
    if (!this.#inRegistry.delete(mention)) return;
    for (const range of mention.ranges) this.#mentions.delete(range);
  }

  /** Adopts our sheet in those of `roots` that are documents or shadow roots not styled yet, then restyles once. */
  #style(roots: Iterable<Node>): void {
    let adopted = false;
    for (const root of roots) {
      if (root !== document && !(root instanceof ShadowRoot)) continue; // a node the page took out
      if (this.#styledRoots.has(root as Document | ShadowRoot)) continue;
      this.#styledRoots.add(root as Document | ShadowRoot);
      adoptStyleSheet(root as Document | ShadowRoot, this.#sheetFor(root as Document | ShadowRoot));
      adopted = true;
    }
    if (adopted) restyleNow();
  }

  #sheetFor(root: Document | ShadowRoot): CSSStyleSheet {
    return root === document ? this.#documentSheet : this.#shadowRootSheet;
  }

  #dispose(): void {
    this.#nearView.disconnect();
    CSS.highlights.delete(MENTION_HIGHLIGHT);
    CSS.highlights.delete(ACTIVE_HIGHLIGHT);
    const styled = [...this.#styledRoots];
    this.#styledRoots.clear();
    this.#rootsFound.clear();
    const dropSheets = () => {
      for (const root of styled) dropStyleSheet(root, this.#sheetFor(root));
      if (styled.length > 0) restyleNow();
    };
    // Dropping the sheet restyles the whole page, as adopting it did: not in the frame that takes
    // the highlights down (on the 5 MB article the two made a 56 ms frame). A page that is gone has no frames.
    if (isPageGone()) dropSheets();
    else void afterNextPaint().then(dropSheets);
  }
}

/** The documents and shadow roots a mention's ranges are in (one, but each range is asked). */
function rootsOf(mention: Mention): Node[] {
  return mention.ranges.map((range) => range.startContainer.getRootNode());
}

/**
 * Restyles the page now (the document and its shadow roots), in the task that changed our
 * stylesheets, not in the next frame's rendering step. Any `::highlight()` rule restyles every
 * element it can reach (24–30 ms on the 5 MB benchmark article in Chromium; a rule without one,
 * 3 ms). Left to the rendering step, that restyle came after the wait for the frame's start, which
 * Chromium counts in the frame (Long Animation Frames, https://w3c.github.io/long-animation-frames/),
 * and with the painting of the first mentions: 50–55 ms frames. Done in the task, it runs during
 * that wait when the task follows a paint (the scan's styling step waits for one after a busy
 * frame), and the boxes read next do not wait for it. A hidden page draws no frame; a page that is
 * gone has none either, and Firefox may throw there.
 */
function restyleNow(): void {
  if (!document.hidden && !isPageGone()) void getComputedStyle(document.documentElement).color;
}
