/**
 * The pointer path: find the mention under the pointer (highlights take no pointer events, so
 * this is a caret hit test plus a check that the point is really on the mention's text), open its
 * card after a short delay, and close it a moment after the pointer has left both mention and
 * card — long enough to travel from one to the other.
 */
import { caretFromPoint } from './browser-quirks';
import type { CardController } from './card/card-controller';
import type { CardHost } from './card/card-host';
import { rectIndexAtPoint } from './geometry';
import type { Mention, MentionIndex } from './mentions';

export const HOVER_DELAY_MS = 300;
const CLOSE_GRACE_MS = 400;

export interface HoverDeps {
  mentions: MentionIndex;
  cards: CardController;
  host: CardHost;
  shadowRoots: () => ShadowRoot[];
  beforeHitTest: () => void;
}

export function watchPointer(deps: HoverDeps, signal: AbortSignal): void {
  let frame = 0;
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  let pending: { mention: Mention; anchor: number } | undefined;

  const cancel = (timer: ReturnType<typeof setTimeout> | undefined) => timer !== undefined && clearTimeout(timer);
  signal.addEventListener('abort', () => {
    cancelAnimationFrame(frame);
    cancel(openTimer);
    cancel(closeTimer);
  });

  const settle = (x: number, y: number, overCard: boolean) => {
    deps.beforeHitTest();
    const hit = overCard ? undefined : mentionAt(deps, x, y);
    const open = deps.cards.openMention;
    if (overCard || (hit && hit.mention === open)) {
      cancel(closeTimer);
      closeTimer = undefined;
    } else if (open && !deps.cards.openedByKeyboard && closeTimer === undefined) {
      closeTimer = setTimeout(() => {
        closeTimer = undefined;
        deps.cards.close(false);
      }, CLOSE_GRACE_MS);
    }
    if (hit?.mention === pending?.mention) return;
    cancel(openTimer);
    pending = hit && hit.mention !== open ? hit : undefined;
    if (!pending) return;
    const { mention, anchor } = pending;
    openTimer = setTimeout(() => {
      pending = undefined;
      if (deps.mentions.has(mention)) {
        cancel(closeTimer);
        closeTimer = undefined;
        deps.cards.open(mention, 'pointer', anchor);
      }
    }, HOVER_DELAY_MS);
  };

  const onMove = (event: PointerEvent) => {
    if (event.pointerType === 'touch') return;
    const { clientX, clientY } = event;
    const overCard = deps.host.owns(event.target);
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => settle(clientX, clientY, overCard));
  };
  document.addEventListener('pointermove', onMove, { capture: true, passive: true, signal });
  document.documentElement.addEventListener('pointerleave', () => settle(-1, -1, false), { passive: true, signal });
}

function mentionAt(deps: HoverDeps, x: number, y: number): { mention: Mention; anchor: number } | undefined {
  const caret = caretFromPoint(x, y, deps.shadowRoots());
  if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return undefined;
  const found = deps.mentions.at(caret.node, caret.offset);
  if (!found) return undefined;
  // The caret is the nearest one, even for a point in the blank space beyond a line's end.
  const anchor = rectIndexAtPoint(found.mention, x, y);
  return anchor >= 0 ? { mention: found.mention, anchor } : undefined;
}
