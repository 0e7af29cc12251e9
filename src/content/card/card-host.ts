/**
 * The one element Context Cards adds to a page: a host with a closed shadow root that holds the
 * card, created on first use: the pointer first going over a mention, or a card opening
 * (docs/ARCHITECTURE.md, decision 4). It goes into the top layer as a popover where
 * the browser has them, so no page overlay can cover it, and its constructable stylesheet applies
 * under any page Content-Security-Policy. Beside the card it holds a live region, which tells
 * screen readers what the keyboard found: highlights are invisible to assistive technology.
 */
import { adoptStyleSheet } from '../browser-quirks';
import factsCss from '../../ui/facts.css';
import cardCss from '../../ui/card.css';
import { MARGIN, placeCard, type Box } from './placement';

/**
 * A live region's text is spoken when it changes: it is emptied, then given its text a moment
 * later, so that the same text twice is said twice, and a region just added (which not every
 * screen reader watches yet) is there before its text is.
 */
const ANNOUNCE_DELAY_MS = 150;
/** How far down a finger must swipe a sheet to dismiss it. */
const SWIPE_DISMISS_PX = 60;

export class CardHost {
  #host: HTMLElement | undefined;
  #shadow: ShadowRoot | undefined;
  #slot: HTMLElement | undefined;
  #liveRegion: HTMLElement | undefined;
  #announcing: ReturnType<typeof setTimeout> | undefined;
  #sheet = false;
  #onDismiss: () => void = () => {};
  /** Where a finger went down on the sheet, and whether its content was scrolled to the top then. */
  #swipe: { x: number; y: number; atTop: boolean } | undefined;

  constructor(signal: AbortSignal) {
    signal.addEventListener('abort', () => this.#remove());
  }

  /** Whether a node (an event target, a mutation record's) is ours. */
  owns(node: unknown): boolean {
    return node !== undefined && node === this.#host;
  }

  /**
   * Shows `content` (built by card/dom-jsx.ts) and places its card next to `anchor` (a viewport
   * rect) — or, as a `sheet`, along the viewport's bottom edge, where swiping it down calls `onDismiss`.
   */
  show(content: Node, anchor: Box, { sheet = false, onDismiss = () => {} } = {}): void {
    this.#ensureHost();
    this.#sheet = sheet;
    this.#onDismiss = onDismiss;
    this.#slot!.replaceChildren(content);
    const card = this.#cardElement();
    card?.classList.toggle('sheet', sheet);
    this.place(anchor);
  }

  /**
   * Builds the host, if it is not there yet, ahead of the first card: the reader's pointer went
   * over a mention and its hover delay runs (also when the pointer only crosses it). Adding the
   * host is the costly part of a page's first open (it joins the top layer, and its stylesheet is
   * parsed), so the open that ends the delay then only renders the card (measured in `npm run
   * bench`, "Opening the card").
   */
  prepare(): void {
    this.#ensureHost();
  }

  place(anchor: Box): void {
    const card = this.#cardElement();
    if (!card || this.#sheet) return; // a sheet's place is the stylesheet's: the viewport's bottom edge
    // The viewport without the page's scrollbars (CSS `100vw` counts them).
    const viewport = { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight };
    card.style.maxHeight = '';
    card.style.maxWidth = `${Math.max(0, viewport.width - 2 * MARGIN)}px`;
    const size = card.getBoundingClientRect();
    const placement = placeCard(anchor, { width: size.width, height: size.height }, viewport);
    card.style.left = `${placement.left}px`;
    card.style.top = placement.side === 'below' ? `${placement.top}px` : 'auto';
    card.style.bottom = placement.side === 'above' ? `${placement.bottom}px` : 'auto';
    card.style.maxHeight = `${placement.maxHeight}px`;
  }

  /** The viewport's y where the open sheet starts (its height is known only once it is shown). */
  sheetTop(): number | undefined {
    return this.#sheet ? this.#cardElement()?.getBoundingClientRect().top : undefined;
  }

  hide(): void {
    this.#sheet = false;
    this.#slot?.replaceChildren();
  }

  /** Has screen readers say `text` (politely: after what they are saying). The same text twice is said twice. */
  announce(text: string): void {
    this.#ensureHost();
    const region = this.#liveRegion!;
    region.textContent = '';
    clearTimeout(this.#announcing);
    this.#announcing = setTimeout(() => (region.textContent = text), ANNOUNCE_DELAY_MS);
  }

  focus(): void {
    this.#cardElement()?.focus();
  }

  /** Whether focus is inside the card (a closed root's focus shows as the host from outside). */
  hasFocus(): boolean {
    return this.#host !== undefined && document.activeElement === this.#host;
  }

  #cardElement(): HTMLElement | null {
    return this.#slot?.querySelector<HTMLElement>('.card') ?? null;
  }

  #ensureHost(): ShadowRoot {
    if (this.#shadow && this.#host?.isConnected) return this.#shadow;
    const host = this.#host ?? document.createElement('context-cards-card');
    if (!this.#shadow) {
      this.#shadow = host.attachShadow({ mode: 'closed' });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(factsCss + cardCss);
      adoptStyleSheet(this.#shadow, sheet);
      this.#liveRegion = document.createElement('div');
      this.#liveRegion.className = 'announcer';
      this.#liveRegion.setAttribute('role', 'status');
      this.#liveRegion.setAttribute('aria-atomic', 'true');
      this.#slot = document.createElement('div');
      this.#shadow.append(this.#liveRegion, this.#slot);
      this.#watchSwipes(this.#shadow);
    }
    this.#host = host;
    document.documentElement.append(host);
    if (typeof host.showPopover === 'function') {
      host.popover = 'manual';
      host.showPopover();
    }
    return this.#shadow;
  }

  /**
   * A sheet is dismissed as phones' sheets are: by swiping it down (from its content's top, so
   * that swiping down to scroll back up stays a scroll). Touch events, not pointer events: the
   * browser cancels the pointer as soon as it pans, but a touch always ends. Listened for on the
   * card's own root: the page's touches are not ours to slow down.
   */
  #watchSwipes(root: ShadowRoot): void {
    const options = { passive: true };
    root.addEventListener(
      'touchstart',
      (event) => {
        const touch = (event as TouchEvent).touches;
        const card = this.#cardElement();
        this.#swipe =
          this.#sheet && touch.length === 1 && card
            ? { x: touch[0]!.clientX, y: touch[0]!.clientY, atTop: card.scrollTop <= 0 }
            : undefined;
      },
      options,
    );
    // While it is a swipe down from the top, the page behind stays still (no scroll, no pull-to-refresh).
    root.addEventListener(
      'touchmove',
      (event) => {
        const start = this.#swipe;
        const touch = (event as TouchEvent).touches[0];
        if (start?.atTop && touch && touch.clientY > start.y && event.cancelable) event.preventDefault();
      },
      { passive: false },
    );
    root.addEventListener(
      'touchend',
      (event) => {
        const start = this.#swipe;
        const end = (event as TouchEvent).changedTouches[0];
        this.#swipe = undefined;
        if (!start?.atTop || !end) return;
        const [dx, dy] = [end.clientX - start.x, end.clientY - start.y];
        if (dy > SWIPE_DISMISS_PX && dy > 2 * Math.abs(dx)) this.#onDismiss();
      },
      options,
    );
  }

  #remove(): void {
    clearTimeout(this.#announcing);
    this.hide();
    this.#host?.remove();
  }
}
