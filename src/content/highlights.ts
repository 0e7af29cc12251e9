/**
 * Paints mentions with the CSS Custom Highlight API: the page's DOM is never touched
 * (DESIGN.md decision 1). The registry is shared with the page, which may clear it, so our
 * entries are put back whenever we find them gone; a `Highlight` is never iterated (Firefox
 * content scripts cannot) and `add`/`set` are never chained (Firefox 140 returned undefined).
 */
import { adoptStyleSheet, dropStyleSheet } from './browser-quirks';
import type { Mention } from './mentions';

export const MENTION_HIGHLIGHT = 'context-cards-mention';
export const ACTIVE_HIGHLIGHT = 'context-cards-active';

const HIGHLIGHT_CSS = `
::highlight(${MENTION_HIGHLIGHT}) {
  background-color: rgb(255 196 0 / 0.32);
  text-decoration-line: underline;
  text-decoration-color: rgb(214 142 0);
  text-decoration-thickness: 2px;
}
::highlight(${ACTIVE_HIGHLIGHT}) {
  background-color: rgb(255 180 0 / 0.6);
}`;

export class HighlightPainter {
  private readonly mentions = new Highlight();
  private readonly active = new Highlight();
  private readonly sheet = new CSSStyleSheet();
  /** Every document or shadow root that holds a range: `::highlight()` rules do not reach into shadow roots in Firefox. */
  private readonly styledRoots = new Set<Document | ShadowRoot>();
  private activeMention: Mention | undefined;

  constructor(signal: AbortSignal) {
    this.sheet.replaceSync(HIGHLIGHT_CSS);
    this.active.priority = 1;
    this.styleRoot(document);
    this.ensureRegistered();
    signal.addEventListener('abort', () => this.dispose());
  }

  add(mention: Mention): void {
    for (const range of mention.ranges) {
      this.mentions.add(range);
      const root = range.startContainer.getRootNode();
      if (root instanceof ShadowRoot) this.styleRoot(root);
    }
  }

  remove(mention: Mention): void {
    for (const range of mention.ranges) this.mentions.delete(range);
    if (mention === this.activeMention) this.setActive(undefined);
  }

  /** The mention whose card is open is painted stronger. */
  setActive(mention: Mention | undefined): void {
    this.active.clear();
    this.activeMention = mention;
    for (const range of mention?.ranges ?? []) this.active.add(range);
  }

  /** Puts our highlights back if the page cleared or replaced the registry's entries. */
  ensureRegistered(): void {
    if (!CSS.highlights.has(MENTION_HIGHLIGHT)) CSS.highlights.set(MENTION_HIGHLIGHT, this.mentions);
    if (!CSS.highlights.has(ACTIVE_HIGHLIGHT)) CSS.highlights.set(ACTIVE_HIGHLIGHT, this.active);
  }

  private styleRoot(root: Document | ShadowRoot): void {
    if (this.styledRoots.has(root)) return;
    this.styledRoots.add(root);
    adoptStyleSheet(root, this.sheet);
  }

  private dispose(): void {
    CSS.highlights.delete(MENTION_HIGHLIGHT);
    CSS.highlights.delete(ACTIVE_HIGHLIGHT);
    for (const root of this.styledRoots) dropStyleSheet(root, this.sheet);
    this.styledRoots.clear();
  }
}
