/**
 * Where the card goes: below the line the reader is pointing at, or above it when there is more
 * room there, shifted sideways to stay in the viewport, and shortened (it scrolls) rather than
 * ever covering the mention it describes (docs/ARCHITECTURE.md, decision 4). Pure, so it is tested in Node.
 */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Placement {
  left: number;
  top: number;
  maxHeight: number;
  side: 'below' | 'above';
}

const GAP = 6;
const MARGIN = 8;

export function placeCard(anchor: Box, card: { width: number; height: number }, viewport: { width: number; height: number }): Placement {
  const roomBelow = viewport.height - anchor.bottom - GAP - MARGIN;
  const roomAbove = anchor.top - GAP - MARGIN;
  const side = card.height <= roomBelow || roomBelow >= roomAbove ? 'below' : 'above';
  const maxHeight = Math.max(0, side === 'below' ? roomBelow : roomAbove);
  const height = Math.min(card.height, maxHeight);
  const top = side === 'below' ? anchor.bottom + GAP : anchor.top - GAP - height;
  const widest = viewport.width - card.width - MARGIN;
  const left = Math.max(MARGIN, Math.min(anchor.left, widest));
  return { left, top, maxHeight, side };
}
