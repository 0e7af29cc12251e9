/**
 * The one element Context Cards adds to a page: a host with a closed shadow root that holds the
 * card, created on first use (docs/ARCHITECTURE.md, decision 4). It goes into the top layer as a popover where
 * the browser has them, so no page overlay can cover it, and its constructable stylesheet applies
 * under any page Content-Security-Policy.
 */
import { adoptStyleSheet } from '../browser-quirks';
import factsCss from '../../ui/facts.css';
import cardCss from '../../ui/card.css';
import { placeCard, type Box } from './placement';

export class CardHost {
  #host: HTMLElement | undefined;
  #shadow: ShadowRoot | undefined;

  constructor(signal: AbortSignal) {
    signal.addEventListener('abort', () => this.#remove());
  }

  /** Whether a node (an event target, a mutation record's) is ours. */
  owns(node: unknown): boolean {
    return node !== undefined && node === this.#host;
  }

  /** Shows `content` (built by card/dom-jsx.ts) and places its card next to `anchor` (a viewport rect). */
  show(content: Node, anchor: Box): void {
    const shadow = this.#ensureHost();
    shadow.replaceChildren(content);
    this.place(anchor);
  }

  place(anchor: Box): void {
    const card = this.#cardElement();
    if (!card) return;
    card.style.maxHeight = '';
    const size = card.getBoundingClientRect();
    const viewport = { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight };
    const placement = placeCard(anchor, { width: size.width, height: size.height }, viewport);
    card.style.left = `${placement.left}px`;
    card.style.top = `${placement.top}px`;
    card.style.maxHeight = `${placement.maxHeight}px`;
  }

  hide(): void {
    this.#shadow?.replaceChildren();
  }

  focus(): void {
    this.#cardElement()?.focus();
  }

  /** Whether focus is inside the card (a closed root's focus shows as the host from outside). */
  hasFocus(): boolean {
    return this.#host !== undefined && document.activeElement === this.#host;
  }

  #cardElement(): HTMLElement | null {
    return this.#shadow?.querySelector<HTMLElement>('.card') ?? null;
  }

  #ensureHost(): ShadowRoot {
    if (this.#shadow && this.#host?.isConnected) return this.#shadow;
    const host = this.#host ?? document.createElement('context-cards-card');
    if (!this.#shadow) {
      this.#shadow = host.attachShadow({ mode: 'closed' });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(factsCss + cardCss);
      adoptStyleSheet(this.#shadow, sheet);
    }
    this.#host = host;
    document.documentElement.append(host);
    if (typeof host.showPopover === 'function') {
      host.popover = 'manual';
      host.showPopover();
    }
    return this.#shadow;
  }

  #remove(): void {
    this.hide();
    this.#host?.remove();
  }
}
