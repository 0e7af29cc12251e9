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

/**
 * What a tap on these means is the page's: follow the link, press the button, type in the field,
 * play the video — and a tile a script made clickable says so with `cursor: pointer` (below).
 */
const INTERACTIVE = [
  'a[href]',
  'area[href]',
  'button',
  'input',
  'select',
  'textarea',
  'label',
  'summary',
  'audio[controls]',
  'video[controls]',
  '[onclick]',
  '[tabindex]:not([tabindex="-1"])',
  '[contenteditable]:not([contenteditable="false"])',
  ...['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'option', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'treeitem'].map(
    (role) => `[role="${role}"]`,
  ),
].join(', ');

interface Touch {
  x: number;
  y: number;
  at: number;
  /** Still one short, still finger: not after a second finger or a move. Such a tap outside closes the card. */
  still: boolean;
  /** It may also open a card: not on a control, nor while text is selected. */
  mayOpen: boolean;
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
      // The first finger of a new gesture: whatever an earlier one left (its end went unseen) is over.
      if (event.isPrimary) {
        down.clear();
        opened = undefined;
      }
      for (const other of down.values()) other.still = false; // a second finger: a pinch
      down.set(event.pointerId, touchStarting(event, down.size === 0));
    },
    options,
  );
  document.addEventListener(
    'pointermove',
    (event) => {
      const touch = down.get(event.pointerId);
      if (touch && Math.hypot(event.clientX - touch.x, event.clientY - touch.y) > TAP_SLOP_PX) touch.still = false;
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
      if (!touch?.still || event.timeStamp - touch.at > LONG_PRESS_MS) return;
      if (Math.hypot(event.clientX - touch.x, event.clientY - touch.y) > TAP_SLOP_PX) return;
      if (host.owns(event.target)) return; // inside the card: its own controls
      const hit = touch.mayOpen && settings().tapToOpen ? paintedMentionAt(scan, event.clientX, event.clientY) : undefined;
      if (hit) {
        if (cards.openMention !== hit.mention) cards.open(hit.mention, 'tap', { anchorIndex: hit.anchor });
        opened = event.pointerId;
      } else if (cards.openedBy === 'tap' || cards.openedBy === 'click') {
        cards.close(true); // a tap anywhere else, a control's too (which then does what it does)
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

/** A finger going down: `alone` when no other finger is on the screen. */
function touchStarting(event: PointerEvent, alone: boolean): Touch {
  const selecting = !(document.getSelection()?.isCollapsed ?? true);
  return { x: event.clientX, y: event.clientY, at: event.timeStamp, still: alone, mayOpen: !selecting && !onControl(event) };
}

/** Whether the touch began on something of the page's own that a tap works (its target's ancestors, across open shadow roots). */
function onControl(event: PointerEvent): boolean {
  const path = event.composedPath();
  if (path.some((node) => node instanceof Element && node.matches(INTERACTIVE))) return true;
  // `cursor` is inherited: one read tells whether a script made the target or a box around it clickable.
  const target = path.find((node): node is Element => node instanceof Element);
  return target !== undefined && getComputedStyle(target).cursor === 'pointer';
}
