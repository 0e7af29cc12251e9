/**
 * Where the card goes: below the line the reader is pointing at, or above it when there is more
 * room there, shifted sideways to stay in the viewport, and shortened (it scrolls) rather than
 * ever covering the mention it describes (docs/ARCHITECTURE.md, decision 4). The card is held by
 * its edge next to the mention — its top below the line, its bottom above it — so that when it
 * grows ("More"), it grows away from the mention, never over it. Pure, so it is tested in Node.
 */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** `top` or `bottom` (from the viewport's bottom edge) of the card's edge next to the mention. */
export type Placement = { left: number; maxHeight: number } & ({ side: 'below'; top: number } | { side: 'above'; bottom: number });

const GAP = 6;
/** Space kept between the card and the viewport's edges. */
export const MARGIN = 8;
/** A viewport narrower than this is a phone's: a card opened there by a tap is a bottom sheet instead. */
export const SHEET_BELOW_WIDTH = 600;
/** Open or not, the card is never taller than this: a glance, not a page. */
export const MAX_CARD_HEIGHT = 480;

export function placeCard(anchor: Box, card: { width: number; height: number }, viewport: { width: number; height: number }): Placement {
  const roomBelow = viewport.height - anchor.bottom - GAP - MARGIN;
  const roomAbove = anchor.top - GAP - MARGIN;
  const below = card.height <= roomBelow || roomBelow >= roomAbove;
  const maxHeight = Math.max(0, Math.min(MAX_CARD_HEIGHT, below ? roomBelow : roomAbove));
  const widest = viewport.width - card.width - MARGIN;
  const left = Math.max(MARGIN, Math.min(anchor.left, widest));
  return below
    ? { left, maxHeight, side: 'below', top: anchor.bottom + GAP }
    : { left, maxHeight, side: 'above', bottom: viewport.height - anchor.top + GAP };
}

/** The card's box in the viewport once placed, `height` tall at most. */
export function placedBox(placement: Placement, card: { width: number; height: number }, viewport: { height: number }): Box {
  const height = Math.min(card.height, placement.maxHeight);
  const top = placement.side === 'below' ? placement.top : viewport.height - placement.bottom - height;
  return { left: placement.left, top, right: placement.left + card.width, bottom: top + height };
}
