/**
 * Which blocks holding mentions are near the viewport, so that only their mentions are in the
 * registry (docs/ARCHITECTURE.md, decision 11). Chromium spends time on every range of a highlight
 * in each frame in which the highlight changes (70 ms at 5,000 underlined ranges), so a long
 * article with thousands of mentions paid that in one frame when its scan ended; the reader sees a
 * screen, and a screen holds a few dozen.
 *
 * An `IntersectionObserver` follows every block; when a block is first tracked its place is read at
 * once, so that what is in view is painted in the frame after it is found (the scan finds it right
 * after a paint, when the layout is current). A frame in which the highlight changes also makes
 * Chromium compute every observed block's intersection again (15 ms at 9,000 blocks, measured
 * here), so while the page scrolls the changes are applied in batches, at most one every
 * `BATCH_MS`, and "near" reaches far enough that a fast scroll does not outrun them.
 */

import { isPageGone } from './browser-quirks';

/** Three viewports on every side: 2,400 px on a laptop, 400 ms of a fast scroll at 6,000 px a second. */
const NEAR_MARGIN = '300%';
const NEAR_VIEWPORTS = 3;
/** The shortest time between two changes of the registry made by scrolling. */
const BATCH_MS = 200;

export interface NearViewListener {
  /** The observer saw the block come near the viewport: its mentions are to be shown. */
  near(block: Element): void;
  /** The observer saw the block leave the margin around the viewport. */
  far(block: Element): void;
}

export class NearView {
  readonly #observer: IntersectionObserver;
  readonly #near = new WeakSet<Element>();
  readonly #listener: NearViewListener;
  /** What the observer reported since the last batch: whether each block is near now. */
  readonly #pending = new Map<Element, boolean>();
  #lastBatch = -Infinity;
  #batchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(listener: NearViewListener) {
    this.#listener = listener;
    this.#observer = new IntersectionObserver((entries) => this.#changed(entries), { rootMargin: NEAR_MARGIN });
  }

  /** Starts following `block`; says whether it is near now. */
  track(block: Element): boolean {
    this.#observer.observe(block);
    const near = isNearViewport(block.getBoundingClientRect());
    if (near) this.#near.add(block);
    return near;
  }

  isNear(block: Element): boolean {
    return this.#near.has(block);
  }

  untrack(block: Element): void {
    this.#observer.unobserve(block);
    this.#near.delete(block);
    this.#pending.delete(block);
  }

  disconnect(): void {
    this.#observer.disconnect();
    clearTimeout(this.#batchTimer);
  }

  /** The observer's reports: applied now if the last batch is long enough ago, else with the next one. */
  #changed(entries: IntersectionObserverEntry[]): void {
    // Firefox still delivers reports to a page that is closing or was left, where `setTimeout`
    // throws (browser-quirks.ts, isPageGone); such a page has nothing to paint.
    if (isPageGone()) return;
    for (const entry of entries) this.#pending.set(entry.target, entry.isIntersecting || hasNoBox(entry.boundingClientRect));
    if (this.#batchTimer !== undefined) return;
    const wait = this.#lastBatch + BATCH_MS - performance.now();
    if (wait <= 0) return this.#applyBatch();
    this.#batchTimer = setTimeout(() => this.#applyBatch(), wait);
  }

  #applyBatch(): void {
    this.#batchTimer = undefined;
    this.#lastBatch = performance.now();
    for (const [block, near] of this.#pending) {
      if (near === this.#near.has(block)) continue;
      if (near) {
        this.#near.add(block);
        this.#listener.near(block);
      } else {
        this.#near.delete(block);
        this.#listener.far(block);
      }
    }
    this.#pending.clear();
  }
}

/**
 * The first guess, from the block's box alone (the observer's first report corrects it for the
 * page's own scrolling boxes). A block without a box (`display: contents`, or not rendered) cannot
 * be placed: its mentions are shown, at worst at the cost of ranges that nobody sees.
 */
function isNearViewport(rect: DOMRect): boolean {
  if (hasNoBox(rect)) return true;
  const height = window.innerHeight * NEAR_VIEWPORTS;
  const width = window.innerWidth * NEAR_VIEWPORTS;
  return (
    rect.bottom >= -height && rect.top <= window.innerHeight + height && rect.right >= -width && rect.left <= window.innerWidth + width
  );
}

function hasNoBox(rect: DOMRectReadOnly): boolean {
  return rect.width === 0 && rect.height === 0;
}
