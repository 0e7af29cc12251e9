/**
 * The touch path: a tap on a mention opens its card — on a phone as a bottom sheet (card-host.ts)
 * — and a tap elsewhere closes it. A finger means many things, so a touch is a tap only when it
 * is one short, still, single touch; and a tap that means something else is left alone: on a
 * link, a button or a form field, while text is selected, or while the reader scrolls, pinches or
 * long-presses (which selects). Hover is for pointers only (hover.ts ignores touch), so the
 * mouse events a browser makes up after a tap open nothing either.
 */
import type { Settings } from '../core/settings';
import type { CardController } from './card/card-controller';
import type { CardHost } from './card/card-host';
import { paintedMentionAt } from './hover';
import type { PageScan } from './scan/page-scan';

export interface TouchDeps {
  scan: PageScan;
  cards: CardController;
  host: CardHost;
  settings: () => Settings['card'];
}

/** A finger that moves further than this between down and up is scrolling, not tapping. */
const TAP_SLOP_PX = 10;
/** Held longer than this, a touch is a long press: the browser selects a word, we stay out of it. */
const LONG_PRESS_MS = 500;

/** What a tap on these means is the page's: follow the link, press the button, type in the field. */
const INTERACTIVE =
  'a[href], button, input, select, textarea, label, summary, [contenteditable]:not([contenteditable="false"]), [role="button"], [role="link"], [role="checkbox"], [role="tab"], [role="menuitem"]';

interface Touch {
  pointerId: number;
  x: number;
  y: number;
  at: number;
  /** Whether it can still be a tap: not after a second finger, a scroll, or on a control. */
  tap: boolean;
}

export function watchTouch(deps: TouchDeps, signal: AbortSignal): void {
  const { scan, cards, host, settings } = deps;
  const down = new Map<number, Touch>();
  /** The touch whose tap opened a card: its `touchend` is cancelled, so no click follows it. */
  let opened: number | undefined;

  const options = { capture: true, passive: true, signal };
  document.addEventListener(
    'pointerdown',
    (event) => {
      if (event.pointerType !== 'touch') return;
      opened = undefined; // a browser without touch events never ended the last one
      const onControl = event.composedPath().some((node) => node instanceof Element && node.matches(INTERACTIVE));
      const selecting = !(document.getSelection()?.isCollapsed ?? true);
      for (const other of down.values()) other.tap = false; // a second finger: a pinch
      down.set(event.pointerId, {
        pointerId: event.pointerId,
        x: event.clientX,
        y: event.clientY,
        at: event.timeStamp,
        tap: down.size === 0 && !onControl && !selecting,
      });
    },
    options,
  );
  document.addEventListener(
    'pointermove',
    (event) => {
      const touch = down.get(event.pointerId);
      if (touch && Math.hypot(event.clientX - touch.x, event.clientY - touch.y) > TAP_SLOP_PX) touch.tap = false;
    },
    options,
  );
  // The browser took the gesture over (a scroll, a pinch, a long press's menu).
  document.addEventListener('pointercancel', (event) => down.delete(event.pointerId), options);
  document.addEventListener(
    'pointerup',
    (event) => {
      const touch = down.get(event.pointerId);
      down.delete(event.pointerId);
      if (!touch?.tap || event.timeStamp - touch.at > LONG_PRESS_MS) return;
      if (Math.hypot(event.clientX - touch.x, event.clientY - touch.y) > TAP_SLOP_PX) return;
      if (host.owns(event.target)) return; // inside the card: its own controls
      const hit = settings().tapToOpen ? paintedMentionAt(scan, event.clientX, event.clientY) : undefined;
      if (hit) {
        if (cards.openMention !== hit.mention) cards.open(hit.mention, 'tap', { anchorIndex: hit.anchor });
        opened = event.pointerId;
      } else if (cards.openedBy === 'tap' || cards.openedBy === 'click') {
        cards.close(false);
      }
    },
    options,
  );
  // Pointer events come before the touch events of the same finger: cancelling this one's end
  // keeps the browser from also clicking (and mouse-pressing) what lies under the mention.
  document.addEventListener(
    'touchend',
    (event) => {
      if (opened === undefined) return;
      opened = undefined;
      if (event.cancelable) event.preventDefault();
    },
    { capture: true, passive: false, signal },
  );
}
