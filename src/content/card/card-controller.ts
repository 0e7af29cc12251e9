/**
 * Opens and closes the card the way WCAG 1.4.13 asks: it can be dismissed with Escape without
 * moving the pointer or focus, hovered without closing, and stays until pointer and focus have
 * both left. Opened from the keyboard it takes focus as a non-modal dialog, and Escape gives
 * focus back to where it was.
 */
import { renderToNode } from './dom-jsx';
import type { Language, Pack, Topic } from '../../core/pack';
import { formatList, message } from '../../shared/i18n';
import type { TopicCount } from '../../shared/messages';
import type { HighlightPainter } from '../highlights';
import type { Mention } from '../mentions';
import { anchorBox } from '../geometry';
import { Card } from '../../ui/Card';
import type { CardHost } from './card-host';
import { MARGIN, SHEET_BELOW_WIDTH, type Box } from './placement';

/**
 * How the card was opened decides how it closes: hover by leaving, click and tap by clicking or
 * tapping elsewhere, keyboard by focus. Opened by a tap on a phone, it is a bottom sheet.
 */
export type OpenedBy = 'hover' | 'click' | 'tap' | 'keyboard';

/** Where a mention reached by keyboard is among all of them; `counts` when the reader starts from none. */
export interface MentionPosition {
  index: number;
  total: number;
  counts?: TopicCount[];
}

export interface CardContext {
  /** The card's language for a mention, now (the reader's choice, the article's, the alias's). */
  language: (mention: Mention) => Language;
  /** The page's own date, if it gives one: the card says when it is newer than the facts. */
  articleDate: () => string | undefined;
  /** The topics the page mentions, now. */
  topicsOnPage: () => readonly string[];
}

export class CardController {
  #mention: Mention | undefined;
  #anchorIndex = 0;
  #opener: OpenedBy = 'hover';
  #returnFocusTo: Element | null = null;
  /** Whether the viewport was a phone's when the card opened. */
  #narrow = false;

  readonly #host: CardHost;
  readonly #painter: HighlightPainter;
  readonly #pack: Pack;
  readonly #context: CardContext;

  constructor(host: CardHost, painter: HighlightPainter, pack: Pack, context: CardContext, signal: AbortSignal) {
    this.#host = host;
    this.#painter = painter;
    this.#pack = pack;
    this.#context = context;
    const options = { capture: true, signal };
    document.addEventListener('keydown', (event) => this.#onKeyDown(event), options);
    document.addEventListener('focusin', () => this.#onFocusMoved(), options);
    window.addEventListener('scroll', () => this.#reposition(), { ...options, passive: true });
    window.addEventListener('resize', () => this.#onResize(), { ...options, passive: true });
  }

  get openMention(): Mention | undefined {
    return this.#mention;
  }

  /** How the open card was opened; undefined when none is open. */
  get openedBy(): OpenedBy | undefined {
    return this.#mention ? this.#opener : undefined;
  }

  /**
   * Opens the card for `mention`, next to its line box number `anchorIndex`. Reached by keyboard
   * (`position` given), it first has screen readers say where the reader is.
   */
  open(
    mention: Mention,
    openedBy: OpenedBy,
    { anchorIndex = 0, position }: { anchorIndex?: number; position?: MentionPosition } = {},
  ): void {
    const topic = this.#topicOf(mention.topicId);
    const anchor = anchorBox(mention, anchorIndex);
    if (!topic || !anchor) return;
    // Focus goes into a card opened by keyboard or by a tap (a sheet is where a screen reader's
    // touch exploration should go next); Escape or ✕ gives it back.
    const takesFocus = openedBy === 'keyboard' || openedBy === 'tap';
    if (takesFocus && !this.#host.hasFocus()) this.#returnFocusTo = document.activeElement;
    this.#mention = mention;
    this.#anchorIndex = anchorIndex;
    this.#opener = openedBy;
    this.#painter.setActive(mention);
    const language = this.#context.language(mention);
    if (position) this.#host.announce(this.#whereAmI(topic, position, language));
    const card = renderToNode(Card, {
      pack: this.#pack,
      topic,
      language,
      topicsOnPage: this.#context.topicsOnPage(),
      articleDate: this.#context.articleDate(),
      onClose: () => this.close(true),
    });
    const onDismiss = () => this.close(true);
    this.#narrow = this.#isNarrow();
    const sheet = openedBy === 'tap' && this.#narrow;
    this.#host.show(card, anchor, { sheet, onDismiss });
    // Where the page cannot scroll its mention clear of the sheet, the card goes next to it instead.
    if (sheet && !this.#scrollClearOfSheet(anchor)) this.#host.show(card, anchor);
    if (takesFocus) this.#host.focus();
  }

  /** Renders the open card again (the reader changed its language). */
  refresh(): void {
    if (this.#mention) this.open(this.#mention, this.#opener, { anchorIndex: this.#anchorIndex });
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

  /** "Found on this page: Alibaba (9) and Apple Intelligence (5). Mention 1 of 14: Alibaba". */
  #whereAmI(topic: Topic, { index, total, counts }: MentionPosition, language: Language): string {
    const number = (n: number) => n.toLocaleString(language);
    const here = message('announceMention', [number(index + 1), number(total), topic.name[language]], language);
    if (!counts) return here;
    const perTopic = counts.flatMap(({ topicId, count }) => {
      const name = this.#topicOf(topicId)?.name[language];
      return name && count > 0 ? [message('announceTopicCount', [name, number(count)], language)] : [];
    });
    return message('announceCounts', [formatList(perTopic, language), here], language);
  }

  #topicOf(id: string): Topic | undefined {
    return this.#pack.topics.find((t) => t.id === id);
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

  /**
   * A sheet covers the bottom of the page: where the mention would be under it, the page is
   * scrolled to show it above, if it can scroll that far. Whether the mention is clear of the
   * sheet then — measured again, for a mention in a fixed box or a page that scrolls elsewhere.
   */
  #scrollClearOfSheet(anchor: Box): boolean {
    const sheetTop = this.#host.sheetTop();
    if (sheetTop === undefined) return true;
    const covered = (box: Box) => box.bottom + MARGIN > sheetTop;
    if (!covered(anchor)) return true;
    const scroller = document.scrollingElement ?? document.documentElement;
    const needed = anchor.bottom + MARGIN - sheetTop;
    if (needed > scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop) return false;
    window.scrollBy({ top: needed + MARGIN, behavior: 'instant' });
    const now = this.#mention && anchorBox(this.#mention, this.#anchorIndex);
    return now !== undefined && !covered(now);
  }

  #reposition(): void {
    if (!this.#mention) return;
    const anchor = anchorBox(this.#mention, this.#anchorIndex);
    if (anchor) this.#host.place(anchor);
    else this.close(false);
  }

  /** Turned from portrait to landscape or back: a tap's card becomes the sheet, or stops being one. */
  #onResize(): void {
    if (this.openedBy === 'tap' && this.#narrow !== this.#isNarrow()) this.refresh();
    else this.#reposition();
  }

  /** A phone's viewport, where a tap's card is a sheet. */
  #isNarrow(): boolean {
    return document.documentElement.clientWidth < SHEET_BELOW_WIDTH;
  }
}
