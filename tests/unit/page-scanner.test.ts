// @vitest-environment happy-dom
/**
 * When the scan settles (src/content/scan/page-scanner.ts): once per run, after every root asked
 * for, and in a frame of its own when the scan has already used more than a slice of the current
 * one. The page's frames are played by hand here: `afterNextPaint` waits until the test paints.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MentionIndex } from '../../src/content/mentions';
import { PageScanner, type ScannerHooks } from '../../src/content/scan/page-scanner';
import { compileMatcher } from '../../src/core/matcher';
import { PACK_ALIASES } from '../support/matcher-arbitraries';

// What happy-dom lacks and the scanner's mentions use; this test is about when the scan settles.
globalThis.StaticRange ??= class {
  constructor(init: StaticRangeInit) {
    Object.assign(this, init);
  }
} as unknown as typeof StaticRange;
if (!('checkVisibility' in Element.prototype)) Object.assign(Element.prototype, { checkVisibility: () => true });

const framesAsked: Array<() => void> = [];
vi.mock('../../src/content/scan/scheduling', () => ({
  afterNextPaint: () => new Promise<void>((resolve) => framesAsked.push(resolve)),
  yieldToPage: () => Promise.resolve(),
}));

/** The page paints a frame: whatever waits for one goes on. */
function paint(): void {
  for (const resolve of framesAsked.splice(0)) resolve();
}

/** Lets every promise continuation that is ready run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function scannerWith(settled: ScannerHooks['settled']) {
  const mentions = new MentionIndex();
  const hooks: ScannerHooks = {
    isOwnElement: () => false,
    foundShadowRoot: () => undefined,
    foundHidden: () => undefined,
    showFound: () => undefined,
    settled,
  };
  return { mentions, scanner: new PageScanner(compileMatcher(PACK_ALIASES), mentions, hooks, new AbortController().signal) };
}

/** The clock: `performance.now()` moves on by `step` ms at each reading. */
function clockStepping(step: number): void {
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (now += step));
}

describe('the scan settles', () => {
  beforeEach(() => {
    framesAsked.length = 0;
    document.body.innerHTML = '<p>Alibaba picked.</p>';
  });
  afterEach(() => vi.restoreAllMocks());

  it('at once when the scan used no more than a slice of the frame', async () => {
    clockStepping(0);
    const settled = vi.fn();
    const { mentions, scanner } = scannerWith(settled);
    scanner.scan(document.body);
    await settle();
    expect(settled).toHaveBeenCalledTimes(1);
    expect(framesAsked).toHaveLength(0);
    expect(mentions.size).toBe(1);
  });

  it('in a frame of its own after a busy one, once, with what was queued while it waited', async () => {
    clockStepping(3); // each slice reads the clock a few times: more than a 4 ms slice of work
    const settled = vi.fn();
    const { mentions, scanner } = scannerWith(settled);
    scanner.scan(document.body);
    await settle();
    expect(settled).not.toHaveBeenCalled();
    expect(framesAsked).toHaveLength(1);
    // The page adds a paragraph while the scan waits for the frame.
    const added = document.createElement('p');
    added.textContent = 'Apple Intelligence too.';
    document.body.append(added);
    scanner.scan(added);
    while (framesAsked.length > 0) {
      paint();
      await settle();
    }
    expect(settled).toHaveBeenCalledTimes(1);
    expect(mentions.size).toBe(2);
  });
});
