/**
 * The pointer path. Highlights take no pointer events, so the mention under the pointer is found
 * with a caret hit test plus a check that the point is really on the mention's text. Then, as the
 * reader chose: open its card after a short delay on hover (hover-timers.ts), or on click. One
 * opened by click stays until a click elsewhere or Escape. Fingers take their own path (touch.ts).
 */
import type { Settings } from '../core/settings';
import { caretFromPoint } from './browser-quirks';
import type { CardController } from './card/card-controller';
import type { CardHost } from './card/card-host';
import { rectIndexAtPoint } from './geometry';
import { HoverTimers } from './hover-timers';
import type { Mention } from './mentions';
import type { PageScan } from './scan/page-scan';

export interface PointerDeps {
  scan: PageScan;
  cards: CardController;
  host: CardHost;
  settings: () => Settings['card'];
}

export interface Hit {
  mention: Mention;
  /** Which of the mention's line boxes is under the pointer: the card goes next to that one. */
  anchor: number;
}

export function watchPointer(deps: PointerDeps, signal: AbortSignal): void {
  const { cards, host, settings } = deps;
  const hover = new HoverTimers<Hit>(
    {
      open: (hit) => cards.open(hit.mention, 'hover', { anchorIndex: hit.anchor }),
      close: () => cards.close(false),
      stillThere: (hit) => deps.scan.mentions.has(hit.mention),
      same: (a, b) => a.mention === b.mention,
      // The first card's host is built as the delay begins, so that the open only renders the card.
      delayStarted: () => host.prepare(),
    },
    () => settings().hoverDelayMs,
  );
  let frame = 0;
  signal.addEventListener('abort', () => {
    cancelAnimationFrame(frame);
    hover.cancel();
  });

  const onHover = (x: number, y: number, overCard: boolean) => {
    const hit = overCard ? undefined : paintedMentionAt(deps.scan, x, y);
    const open = cards.openMention;
    hover.moved(
      overCard ? 'card' : hit ? { target: hit } : 'nothing',
      open && { target: { mention: open, anchor: 0 }, closesOnLeave: cards.openedBy === 'hover' },
    );
  };

  const options = { capture: true, passive: true, signal };
  document.addEventListener(
    'pointermove',
    (event) => {
      if (event.pointerType === 'touch' || settings().openOn !== 'hover') return;
      const { clientX, clientY } = event;
      const overCard = host.owns(event.target);
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => onHover(clientX, clientY, overCard));
    },
    options,
  );

  // A click on a mention opens its card in "click" mode (links still follow); a click elsewhere
  // closes it. A finger's click is the touch path's (touch.ts), which has its own setting.
  document.addEventListener(
    'click',
    (event) => {
      if (host.owns(event.target) || event.pointerType === 'touch') return;
      const hit = settings().openOn === 'click' ? paintedMentionAt(deps.scan, event.clientX, event.clientY) : undefined;
      if (hit) cards.open(hit.mention, 'click', { anchorIndex: hit.anchor });
      else if (cards.openedBy === 'click' || cards.openedBy === 'tap') cards.close(false); // a touch laptop's mouse, after a tap
    },
    options,
  );
}

/** The painted mention under a point, if any. */
export function paintedMentionAt(scan: PageScan, x: number, y: number): Hit | undefined {
  scan.painter.ensureRegistered();
  const caret = caretFromPoint(x, y, [...scan.shadowRoots]);
  if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return undefined;
  const found = scan.mentions.at(caret.node, caret.offset);
  if (!found || !scan.painter.isPainted(found.mention)) return undefined;
  // The caret is the nearest one, even for a point in the blank space beyond a line's end.
  const anchor = rectIndexAtPoint(found.mention, x, y);
  return anchor >= 0 ? { mention: found.mention, anchor } : undefined;
}
