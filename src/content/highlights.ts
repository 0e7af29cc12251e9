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
import { adoptStyleSheet, dropStyleSheet } from './browser-quirks';
import type { Mention } from './mentions';

export class HighlightPainter {
  readonly #mentions = new Highlight();
  readonly #active = new Highlight();
  readonly #sheet = new CSSStyleSheet();
  /**
   * Every document or shadow root that holds a range, styled when its first range is painted:
   * adopting a stylesheet restyles the whole document (50 ms on a long Wikipedia page), which a
   * page without mentions should not pay for. Shadow roots too: `::highlight()` rules do not reach
   * into them in Firefox (https://bugzilla.mozilla.org/show_bug.cgi?id=1868009).
   */
  readonly #styledRoots = new Set<Document | ShadowRoot>();
  readonly #painted = new Set<Mention>();
  /** Found, to be painted with the next `paintFound()`. */
  readonly #found = new Set<Mention>();
  #firstOnly = false;

  constructor(signal: AbortSignal) {
    this.#active.priority = 1;
    this.ensureRegistered();
    signal.addEventListener('abort', () => this.#dispose());
  }

  configure(settings: Settings['highlight']): void {
    this.#sheet.replaceSync(highlightCss(settings));
    this.#firstOnly = settings.firstOnly;
  }

  /** Whether the reader can see this mention (with "first mention only", later ones are not painted). */
  isPainted(mention: Mention): boolean {
    return this.#painted.has(mention);
  }

  /** Paints what should be painted of `ordered` (all mentions, in document order), and nothing else. */
  repaint(ordered: readonly Mention[]): void {
    this.#found.clear();
    const wanted = this.#firstOnly ? firstOfEachTopic(ordered) : ordered;
    const keep = new Set(wanted);
    for (const mention of [...this.#painted]) if (!keep.has(mention)) this.remove(mention);
    for (const mention of wanted) this.#add(mention);
  }

  /** A newly found mention, painted with the next `paintFound()`; with "first mention only", by `repaint`, which knows the order. */
  added(mention: Mention): void {
    if (!this.#firstOnly) this.#found.add(mention);
  }

  /**
   * Paints the mentions found since the last call. A scan calls it when the blocks in view are
   * done and when it is done (ScannerHooks.showFound), not as it goes: in Chromium a frame in
   * which a highlight with a text decoration changed costs time in proportion to all its ranges
   * (100 ms at 6,000), so each batch is a frame the page pays for, and what is off screen can
   * wait for the end.
   */
  paintFound(): void {
    for (const mention of this.#found) this.#add(mention);
    this.#found.clear();
  }

  remove(mention: Mention): void {
    this.#found.delete(mention);
    if (!this.#painted.delete(mention)) return;
    for (const range of mention.ranges) this.#mentions.delete(range);
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

  #add(mention: Mention): void {
    if (this.#painted.has(mention)) return;
    this.#painted.add(mention);
    for (const range of mention.ranges) {
      this.#mentions.add(range);
      const root = range.startContainer.getRootNode();
      if (root === document || root instanceof ShadowRoot) this.#styleRoot(root as Document | ShadowRoot);
    }
  }

  #styleRoot(root: Document | ShadowRoot): void {
    if (this.#styledRoots.has(root)) return;
    this.#styledRoots.add(root);
    adoptStyleSheet(root, this.#sheet);
  }

  #dispose(): void {
    CSS.highlights.delete(MENTION_HIGHLIGHT);
    CSS.highlights.delete(ACTIVE_HIGHLIGHT);
    for (const root of this.#styledRoots) dropStyleSheet(root, this.#sheet);
    this.#styledRoots.clear();
  }
}
