// @vitest-environment happy-dom
/**
 * When the scan styles the page for what it found, shows it and settles
 * (src/content/scan/page-scanner.ts): each in a frame of its own when the scan has already used
 * more than a slice of the current one; and it settles once per run, after every root asked for. The page's frames are played by hand here:
 * `afterNextPaint` waits until the test paints.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MentionIndex } from '../../src/content/mentions';
import { PageScanner, type ScannerHooks } from '../../src/content/scan/page-scanner';
import { RootScan } from '../../src/content/scan/root-scan';
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

/** What happened, in order: the page painting, the scan walking a root, styling the page, showing what it found. */
let events: Array<'paint' | 'walk' | 'style' | 'show'> = [];

/** The page paints a frame: whatever waits for one goes on. */
function paint(): void {
  events.push('paint');
  for (const resolve of framesAsked.splice(0)) resolve();
}

beforeEach(() => {
  framesAsked.length = 0;
  events = [];
});

/** Lets every promise continuation that is ready run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * `styleMs`: how long styling the page for its first mentions takes (a long article's restyle);
 * later calls find the page styled and cost nothing, unless `styleMsEveryTime`.
 */
function scannerWith(
  settled: ScannerHooks['settled'],
  { styleMs = 0, styleMsEveryTime = false, signal = new AbortController().signal } = {},
) {
  const mentions = new MentionIndex();
  let styled = false;
  const hooks: ScannerHooks = {
    isOwnElement: () => false,
    foundShadowRoot: () => undefined,
    foundHidden: () => undefined,
    styleFound: () => {
      events.push('style');
      if (!styled || styleMsEveryTime) clock.now += styleMs;
      styled = true;
    },
    showFound: () => void events.push('show'),
    settled,
  };
  return { mentions, scanner: new PageScanner(compileMatcher(PACK_ALIASES), mentions, hooks, signal) };
}

const clock = { now: 0 };

/** The clock: `performance.now()` moves on by `step` ms at each reading. */
function clockStepping(step: number): void {
  clock.now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (clock.now += step));
}

describe('the scan settles', () => {
  beforeEach(() => {
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

describe('the scan shows the blocks in view', () => {
  beforeEach(() => {
    // One paragraph in view, one far below it: the one in view is shown before the other is read.
    document.body.innerHTML = '<p>Alibaba picked.</p><p class="below">Apple Intelligence too.</p>';
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      const top = this.classList.contains('below') ? 5000 : 0;
      return { top, bottom: top + 20, left: 0, right: 100, width: 100, height: 20 } as DOMRect;
    });
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the scan's own `this`
    const walk = RootScan.prototype.walk;
    vi.spyOn(RootScan.prototype, 'walk').mockImplementation(function (this: RootScan, deadline: number) {
      events.push('walk');
      return walk.call(this, deadline);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  /** Scans the page, and plays frames until the scan has settled. */
  async function scanToTheEnd(scanner: PageScanner, settled: () => boolean): Promise<void> {
    scanner.scan(document.body, { inViewFirst: true });
    await settle();
    for (let frames = 0; !settled(); frames++) {
      if (frames === 100) throw new Error('the scan did not settle in 100 frames');
      paint();
      await settle();
    }
  }

  it('in the frame it read them in when the scan used no more than a slice of it', async () => {
    clockStepping(0);
    const settled = vi.fn();
    const { mentions, scanner } = scannerWith(settled);
    await scanToTheEnd(scanner, () => settled.mock.calls.length > 0);
    expect(events.indexOf('show')).toBeGreaterThan(0);
    expect(events.slice(events.indexOf('show') - 2, events.indexOf('show'))).toEqual(['walk', 'style']);
    expect(mentions.size).toBe(2);
  });

  it('after a frame of its own for styling the page, when that took more than a slice', async () => {
    clockStepping(0);
    const settled = vi.fn();
    const { mentions, scanner } = scannerWith(settled, { styleMs: 25 });
    await scanToTheEnd(scanner, () => settled.mock.calls.length > 0);
    const shown = events.indexOf('show');
    expect(events.slice(shown - 3, shown + 2)).toEqual(['walk', 'style', 'paint', 'show', 'paint']);
    expect(settled).toHaveBeenCalledTimes(1);
    // Styled once more before settling, which finds nothing new to style.
    expect(events.filter((event) => event === 'style')).toHaveLength(2);
    expect(mentions.size).toBe(2);
  });

  it('and settles even when styling the page takes more than a slice every time it is asked', async () => {
    clockStepping(0);
    const settled = vi.fn();
    const { mentions, scanner } = scannerWith(settled, { styleMs: 25, styleMsEveryTime: true });
    await scanToTheEnd(scanner, () => settled.mock.calls.length > 0);
    expect(settled).toHaveBeenCalledTimes(1);
    expect(mentions.size).toBe(2);
  });

  it('in a frame of its own, after the page painted, when the scan used more than a slice of the frame', async () => {
    clockStepping(3); // each slice reads the clock a few times: more than a 4 ms slice of work
    const settled = vi.fn();
    const { mentions, scanner } = scannerWith(settled);
    await scanToTheEnd(scanner, () => settled.mock.calls.length > 0);
    const shown = events.indexOf('show');
    expect(shown).toBeGreaterThan(0);
    expect(events.slice(0, shown)).toContain('walk');
    // Styling the page took no more than a slice here: it shares the frame with the showing.
    expect(events.slice(shown - 2, shown)).toEqual(['paint', 'style']);
    // And the page paints what was shown before the scan reads on.
    expect(events[shown + 1]).toBe('paint');
    expect(settled).toHaveBeenCalledTimes(1);
    expect(mentions.size).toBe(2);
  });

  it('neither styles nor shows anything once the scan is stopped while it waits for a frame', async () => {
    clockStepping(3); // busy: styling and showing wait for a frame
    const settled = vi.fn();
    const session = new AbortController();
    const { mentions, scanner } = scannerWith(settled, { signal: session.signal });
    scanner.scan(document.body, { inViewFirst: true });
    await settle();
    for (let frames = 0; !events.includes('walk') || framesAsked.length === 0; frames++) {
      if (frames === 100) throw new Error('the scan did not wait for a frame');
      paint();
      await settle();
    }
    session.abort();
    for (let frames = 0; frames < 5; frames++) {
      paint();
      await settle();
    }
    expect(events).not.toContain('style');
    expect(events).not.toContain('show');
    expect(settled).not.toHaveBeenCalled();
    expect(mentions.size).toBe(1); // the block in view, read before the stop
  });
});
