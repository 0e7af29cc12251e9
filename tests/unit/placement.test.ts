import { describe, expect, it } from 'vitest';
import { badgeText } from '../../src/core/badge';
import { placeCard, type Box } from '../../src/content/card/placement';

const viewport = { width: 1000, height: 800 };
const card = { width: 380, height: 300 };
const line = (left: number, top: number): Box => ({ left, top, right: left + 60, bottom: top + 20 });
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('where the card goes', () => {
  it('below the line when there is room', () => {
    expect(placeCard(line(100, 100), card, viewport)).toEqual({ left: 100, top: 126, maxHeight: 666, side: 'below' });
  });

  it('above the line near the bottom of the viewport', () => {
    const placement = placeCard(line(100, 700), card, viewport);
    expect(placement.side).toBe('above');
    expect(placement.top + Math.min(card.height, placement.maxHeight)).toBeLessThanOrEqual(700);
  });

  it('shifted left to stay inside the viewport', () => {
    expect(placeCard(line(900, 100), card, viewport).left).toBe(1000 - 380 - 8);
  });

  it('never over the mention, even when neither side has room for the whole card', () => {
    for (let top = 0; top < 780; top += 37) {
      const anchor = line(300, top);
      const p = placeCard(anchor, { width: 380, height: 900 }, viewport);
      const box = { left: p.left, top: p.top, right: p.left + 380, bottom: p.top + Math.min(900, p.maxHeight) };
      expect(overlaps(box, anchor), `line at ${top}`).toBe(false);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(viewport.height);
    }
  });
});

describe('the badge text', () => {
  it('is empty for no mentions, the count up to 999, then 999+', () => {
    expect([0, 1, 42, 999, 1000, 25000].map(badgeText)).toEqual(['', '1', '42', '999', '999+', '999+']);
  });
});
