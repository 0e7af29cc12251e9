/**
 * When a card opened by hover opens and closes (WCAG 1.4.13): it opens once the pointer has rested
 * on a mention for the reader's hover delay, and closes a moment after the pointer has left both
 * the mention and the card — long enough to travel from one to the other; moving onto the card, or
 * back onto its mention, keeps it. The pointer's moves come in; the two timers are all it keeps.
 */

/** How long a card opened by hover outlives the pointer that left it. */
export const CLOSE_GRACE_MS = 400;

/** Where the pointer is: over a mention (a target), over the open card, or over neither. */
export type PointerOver<T> = { target: T } | 'card' | 'nothing';

export interface HoverActions<T> {
  open(target: T): void;
  close(): void;
  /** Whether the target is still on the page when its delay is up (the page may have removed it). */
  stillThere(target: T): boolean;
  /** Whether two targets are the same mention (the pointer moves within one mention). */
  same(a: T, b: T): boolean;
  /** The pointer went over `target` and its delay began: what the open will need can be made ready meanwhile. */
  delayStarted(target: T): void;
}

export class HoverTimers<T> {
  #pending: T | undefined;
  #openTimer: ReturnType<typeof setTimeout> | undefined;
  #closeTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #actions: HoverActions<T>;
  readonly #openDelay: () => number;

  constructor(actions: HoverActions<T>, openDelay: () => number) {
    this.#actions = actions;
    this.#openDelay = openDelay;
  }

  /**
   * The pointer moved `over` something. `showing`: the card open now, its mention, and whether
   * leaving closes it (a card opened by click or keyboard stays).
   */
  moved(over: PointerOver<T>, showing: { target: T; closesOnLeave: boolean } | undefined): void {
    const target = typeof over === 'object' ? over.target : undefined;
    const onShown = target !== undefined && showing !== undefined && this.#actions.same(target, showing.target);
    if (over === 'card' || onShown) this.#stopClosing();
    else if (showing?.closesOnLeave && this.#closeTimer === undefined)
      this.#closeTimer = setTimeout(() => this.#closeNow(), CLOSE_GRACE_MS);

    if (this.#isPending(target)) return; // still on the mention whose delay runs
    clearTimeout(this.#openTimer);
    this.#pending = target !== undefined && !onShown ? target : undefined;
    const next = this.#pending;
    if (next === undefined) return;
    this.#openTimer = setTimeout(() => {
      this.#pending = undefined;
      if (!this.#actions.stillThere(next)) return;
      this.#stopClosing();
      this.#actions.open(next);
    }, this.#openDelay());
    this.#actions.delayStarted(next);
  }

  /** Forgets both timers (the session stops). */
  cancel(): void {
    clearTimeout(this.#openTimer);
    this.#stopClosing();
    this.#pending = undefined;
  }

  #isPending(target: T | undefined): boolean {
    if (target === undefined || this.#pending === undefined) return target === this.#pending;
    return this.#actions.same(target, this.#pending);
  }

  #closeNow(): void {
    this.#closeTimer = undefined;
    this.#actions.close();
  }

  #stopClosing(): void {
    clearTimeout(this.#closeTimer);
    this.#closeTimer = undefined;
  }
}
