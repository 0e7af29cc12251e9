/**
 * Opens and closes the card the way WCAG 1.4.13 asks: it can be dismissed with Escape without
 * moving the pointer or focus, hovered without closing, and stays until pointer and focus have
 * both left. Opened from the keyboard it takes focus as a non-modal dialog, and Escape gives
 * focus back to where it was.
 */
import { renderToNode } from './dom-jsx';
import type { Language, Pack } from '../../core/pack';
import type { HighlightPainter } from '../highlights';
import type { Mention } from '../mentions';
import { mentionRects } from '../geometry';
import { Card } from '../../ui/Card';
import type { CardHost } from './card-host';

/** How the card was opened decides how it closes: hover by leaving, click by clicking elsewhere, keyboard by focus. */
export type OpenedBy = 'hover' | 'click' | 'keyboard';

export class CardController {
  #mention: Mention | undefined;
  #anchorIndex = 0;
  #opener: OpenedBy = 'hover';
  #returnFocusTo: Element | null = null;

  readonly #host: CardHost;
  readonly #painter: HighlightPainter;
  readonly #pack: Pack;
  readonly #language: () => Language;
  readonly #articleDate: () => string | undefined;

  /** `language`: the card's, now. `articleDate`: the page's own date, if it gives one (the card says when it is newer than the facts). */
  constructor(
    host: CardHost,
    painter: HighlightPainter,
    pack: Pack,
    { language, articleDate }: { language: () => Language; articleDate: () => string | undefined },
    signal: AbortSignal,
  ) {
    this.#host = host;
    this.#painter = painter;
    this.#pack = pack;
    this.#language = language;
    this.#articleDate = articleDate;
    const options = { capture: true, signal };
    document.addEventListener('keydown', (event) => this.#onKeyDown(event), options);
    document.addEventListener('focusin', () => this.#onFocusMoved(), options);
    window.addEventListener('scroll', () => this.#reposition(), { ...options, passive: true });
    window.addEventListener('resize', () => this.#reposition(), { ...options, passive: true });
  }

  get openMention(): Mention | undefined {
    return this.#mention;
  }

  /** How the open card was opened; undefined when none is open. */
  get openedBy(): OpenedBy | undefined {
    return this.#mention ? this.#opener : undefined;
  }

  /** Opens the card for `mention`, next to its line box number `anchorIndex`. */
  open(mention: Mention, openedBy: OpenedBy, anchorIndex = 0): void {
    const topic = this.#pack.topics.find((t) => t.id === mention.topicId);
    const rect = mentionRects(mention)[anchorIndex];
    if (!topic || !rect) return;
    if (openedBy === 'keyboard' && this.openedBy !== 'keyboard') this.#returnFocusTo = document.activeElement;
    this.#mention = mention;
    this.#anchorIndex = anchorIndex;
    this.#opener = openedBy;
    this.#painter.setActive(mention);
    const card = renderToNode(Card, {
      pack: this.#pack,
      topic,
      language: this.#language(),
      articleDate: this.#articleDate(),
      onClose: () => this.close(true),
    });
    this.#host.show(card, rect); // a DOMRect is a Box
    if (openedBy === 'keyboard') this.#host.focus();
  }

  /** Renders the open card again (the reader changed its language). */
  refresh(): void {
    if (this.#mention) this.open(this.#mention, this.#opener, this.#anchorIndex);
  }

  /** Closes the card; when it had focus, focus goes back to where the reader was before. */
  close(restoreFocus: boolean): void {
    if (!this.#mention) return;
    const hadFocus = this.#host.hasFocus();
    this.#mention = undefined;
    this.#painter.setActive(undefined);
    this.#host.hide();
    if (restoreFocus && hadFocus) {
      const target = this.#returnFocusTo;
      if (target instanceof HTMLElement && target.isConnected) target.focus({ preventScroll: true });
      else (document.activeElement as HTMLElement | null)?.blur?.();
    }
    this.#returnFocusTo = null;
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.#mention) return;
    const fromCard = this.#host.owns(event.target);
    this.close(true);
    if (fromCard) {
      // The page should not also act on an Escape meant for our card.
      event.stopPropagation();
      event.preventDefault();
    }
  }

  /** Focus moved somewhere else on the page: a card opened by keyboard goes with it. */
  #onFocusMoved(): void {
    if (this.openedBy === 'keyboard' && !this.#host.hasFocus()) this.close(false);
  }

  #reposition(): void {
    if (!this.#mention) return;
    const rects = mentionRects(this.#mention);
    const rect = rects[Math.min(this.#anchorIndex, rects.length - 1)];
    if (rect) this.#host.place(rect);
    else this.close(false);
  }
}
