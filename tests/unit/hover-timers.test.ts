/**
 * When a hover card opens and closes (WCAG 1.4.13), on fake timers: after the hover delay, not
 * before; kept while the pointer is on the card or back on its mention; closed a moment after the
 * pointer left both; never for a mention the page removed meanwhile.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_GRACE_MS, HoverTimers } from '../../src/content/hover-timers';

const DELAY = 300;
let events: string[];
/** The mentions whose delay began, for which the open got ready. */
let readied: string[];
let removed: Set<string>;
let showing: { target: string; closesOnLeave: boolean } | undefined;
let timers: HoverTimers<string>;

beforeEach(() => {
  vi.useFakeTimers();
  events = [];
  readied = [];
  removed = new Set();
  showing = undefined;
  timers = new HoverTimers<string>(
    {
      open: (target) => {
        events.push(`open ${target}`);
        showing = { target, closesOnLeave: true };
      },
      close: () => {
        events.push('close');
        showing = undefined;
      },
      stillThere: (target) => !removed.has(target),
      same: (a, b) => a === b,
      delayStarted: (target) => readied.push(target),
    },
    () => DELAY,
  );
});
afterEach(() => vi.useRealTimers());

const over = (target: string) => timers.moved({ target }, showing);
const overCard = () => timers.moved('card', showing);
const overNothing = () => timers.moved('nothing', showing);

describe('a card opened by hover', () => {
  it('opens once the pointer has rested on a mention for the delay, not before', () => {
    over('alibaba');
    vi.advanceTimersByTime(DELAY - 1);
    expect(events).toEqual([]);
    over('alibaba'); // moving within the same mention does not start the delay again
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['open alibaba']);
  });

  it('gets the open ready as the delay begins, once for each mention the pointer goes over', () => {
    over('alibaba');
    expect(readied).toEqual(['alibaba']);
    over('alibaba');
    overNothing();
    over('apple');
    vi.advanceTimersByTime(DELAY);
    expect(events).toEqual(['open apple']);
    over('apple'); // on the mention whose card is open: no delay, nothing to get ready
    expect(readied).toEqual(['alibaba', 'apple']);
  });

  it('does not open for a mention the pointer only crossed', () => {
    over('alibaba');
    vi.advanceTimersByTime(DELAY / 2);
    overNothing();
    vi.advanceTimersByTime(DELAY * 2);
    expect(events).toEqual([]);
  });

  it('stays while the pointer moves onto the card, and closes a moment after it leaves both', () => {
    over('alibaba');
    vi.advanceTimersByTime(DELAY);
    overNothing(); // on the way from the mention to the card
    vi.advanceTimersByTime(CLOSE_GRACE_MS - 1);
    overCard();
    vi.advanceTimersByTime(CLOSE_GRACE_MS * 3);
    expect(events).toEqual(['open alibaba']);
    overNothing();
    vi.advanceTimersByTime(CLOSE_GRACE_MS);
    expect(events).toEqual(['open alibaba', 'close']);
  });

  it('stays when the pointer comes back onto its mention in time', () => {
    over('alibaba');
    vi.advanceTimersByTime(DELAY);
    overNothing();
    vi.advanceTimersByTime(CLOSE_GRACE_MS / 2);
    over('alibaba');
    vi.advanceTimersByTime(CLOSE_GRACE_MS * 2);
    expect(events).toEqual(['open alibaba']);
  });

  it('moves to another mention after its delay', () => {
    over('alibaba');
    vi.advanceTimersByTime(DELAY);
    over('apple');
    vi.advanceTimersByTime(DELAY);
    expect(events).toEqual(['open alibaba', 'open apple']);
  });

  it('never opens for a mention the page removed while the delay ran', () => {
    over('alibaba');
    removed.add('alibaba');
    vi.advanceTimersByTime(DELAY);
    expect(events).toEqual([]);
  });

  it('does not close by leaving when it was opened by click or keyboard', () => {
    showing = { target: 'alibaba', closesOnLeave: false };
    overNothing();
    vi.advanceTimersByTime(CLOSE_GRACE_MS * 2);
    expect(events).toEqual([]);
  });

  it('forgets both timers when cancelled', () => {
    over('alibaba');
    timers.cancel();
    vi.advanceTimersByTime(DELAY * 2);
    expect(events).toEqual([]);
  });
});
