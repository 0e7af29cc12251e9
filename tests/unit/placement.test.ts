import { describe, expect, it } from 'vitest';
import { badgeText } from '../../src/core/badge';
import { MAX_CARD_HEIGHT, placeCard, placedBox, type Box } from '../../src/content/card/placement';

const viewport = { width: 1000, height: 800 };
const card = { width: 380, height: 300 };
const line = (left: number, top: number): Box => ({ left, top, right: left + 60, bottom: top + 20 });
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('where the card goes', () => {
  it('below the line when there is room', () => {
    expect(placeCard(line(100, 100), card, viewport)).toEqual({ left: 100, top: 126, maxHeight: MAX_CARD_HEIGHT, side: 'below' });
  });

  it('above the line near the bottom of the viewport', () => {
    const placement = placeCard(line(100, 700), card, viewport);
    expect(placement).toMatchObject({ side: 'above', bottom: 800 - 700 + 6 });
    expect(placedBox(placement, card, viewport).bottom).toBeLessThanOrEqual(700);
  });

  it('shifted left to stay inside the viewport', () => {
    expect(placeCard(line(900, 100), card, viewport).left).toBe(1000 - 380 - 8);
  });

  it('never over the mention, even when neither side has room for the whole card', () => {
    for (let top = 0; top < 780; top += 37) {
      const anchor = line(300, top);
      const size = { width: 380, height: 900 };
      const box = placedBox(placeCard(anchor, size, viewport), size, viewport);
      expect(overlaps(box, anchor), `line at ${top}`).toBe(false);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(viewport.height);
    }
  });

  it('grows away from the mention: held by its bottom edge above it, by its top edge below it', () => {
    // The reader opens "More": the same placement, a taller card, still clear of the line.
    for (const anchor of [line(100, 100), line(100, 700)]) {
      const placement = placeCard(anchor, card, viewport);
      for (const height of [card.height, 700]) {
        const box = placedBox(placement, { width: card.width, height }, viewport);
        expect(overlaps(box, anchor)).toBe(false);
        expect(box.bottom - box.top).toBeLessThanOrEqual(MAX_CARD_HEIGHT);
      }
    }
  });

  it('inside a 320 px wide window, and in the 640×400 CSS px that 1280×800 is at 200% zoom', () => {
    for (const small of [
      { width: 320, height: 640 },
      { width: 640, height: 400 },
    ]) {
      const size = { width: Math.min(360, small.width - 16), height: 320 };
      for (let top = 0; top < small.height - 20; top += 23) {
        const anchor = line(Math.min(250, small.width - 60), top);
        const box = placedBox(placeCard(anchor, size, small), size, small);
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(small.width);
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.bottom).toBeLessThanOrEqual(small.height);
        expect(overlaps(box, anchor)).toBe(false);
      }
    }
  });
});

describe('the badge text', () => {
  it('is empty for no mentions, the count up to 999, then 999+', () => {
    expect([0, 1, 42, 999, 1000, 25000].map(badgeText)).toEqual(['', '1', '42', '999', '999+', '999+']);
  });
});
