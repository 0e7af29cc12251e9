/**
 * The pointer path. Highlights take no pointer events, so the mention under the pointer is found
 * with a caret hit test plus a check that the point is really on the mention's text. Then, as the
 * reader chose: open its card after a short delay on hover, or on click. A card opened by hover
 * closes a moment after the pointer has left both mention and card — long enough to travel from
 * one to the other; one opened by click stays until a click elsewhere or Escape.
 */
import type { Settings } from '../core/settings';
import { caretFromPoint } from './browser-quirks';
import type { CardController } from './card/card-controller';
import type { CardHost } from './card/card-host';
import { rectIndexAtPoint } from './geometry';
import type { Mention, MentionIndex } from './mentions';

const CLOSE_GRACE_MS = 400;

export interface PointerDeps {
  mentions: MentionIndex;
  cards: CardController;
  host: CardHost;
  shadowRoots: () => ShadowRoot[];
  isPainted: (mention: Mention) => boolean;
  beforeHitTest: () => void;
  settings: () => Settings['card'];
}

interface Hit {
  mention: Mention;
  anchor: number;
}

export function watchPointer(deps: PointerDeps, signal: AbortSignal): void {
  let frame = 0;
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  let pending: Mention | undefined;
  const stopClosing = () => {
    clearTimeout(closeTimer);
    closeTimer = undefined;
  };
  signal.addEventListener('abort', () => {
    cancelAnimationFrame(frame);
    clearTimeout(openTimer);
    stopClosing();
  });

  const hitAt = (x: number, y: number): Hit | undefined => {
    deps.beforeHitTest();
    const hit = mentionAt(deps, x, y);
    return hit && deps.isPainted(hit.mention) ? hit : undefined;
  };

  const onHover = (x: number, y: number, overCard: boolean) => {
    const hit = overCard ? undefined : hitAt(x, y);
    const open = deps.cards.openMention;
    if (overCard || (hit && hit.mention === open)) stopClosing();
    else if (open && deps.cards.openedBy === 'hover' && closeTimer === undefined) {
      closeTimer = setTimeout(() => {
        closeTimer = undefined;
        deps.cards.close(false);
      }, CLOSE_GRACE_MS);
    }
    if (hit?.mention === pending) return;
    clearTimeout(openTimer);
    pending = hit && hit.mention !== open ? hit.mention : undefined;
    if (!hit || !pending) return;
    openTimer = setTimeout(() => {
      pending = undefined;
      if (!deps.mentions.has(hit.mention)) return;
      stopClosing();
      deps.cards.open(hit.mention, 'hover', hit.anchor);
    }, deps.settings().hoverDelayMs);
  };

  document.addEventListener(
    'pointermove',
    (event) => {
      if (event.pointerType === 'touch' || deps.settings().openOn !== 'hover') return;
      const { clientX, clientY } = event;
      const overCard = deps.host.owns(event.target);
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => onHover(clientX, clientY, overCard));
    },
    { capture: true, passive: true, signal },
  );

  // A click on a mention opens its card in "click" mode (links still follow); a click elsewhere closes it.
  document.addEventListener(
    'click',
    (event) => {
      if (deps.host.owns(event.target)) return;
      const hit = deps.settings().openOn === 'click' ? hitAt(event.clientX, event.clientY) : undefined;
      if (hit) deps.cards.open(hit.mention, 'click', hit.anchor);
      else if (deps.cards.openedBy === 'click') deps.cards.close(false);
    },
    { capture: true, passive: true, signal },
  );
}

function mentionAt(deps: PointerDeps, x: number, y: number): Hit | undefined {
  const caret = caretFromPoint(x, y, deps.shadowRoots());
  if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return undefined;
  const found = deps.mentions.at(caret.node, caret.offset);
  if (!found) return undefined;
  // The caret is the nearest one, even for a point in the blank space beyond a line's end.
  const anchor = rectIndexAtPoint(found.mention, x, y);
  return anchor >= 0 ? { mention: found.mention, anchor } : undefined;
}
