/**
 * Turns the page's text into mentions, in small time slices that yield to the page (docs/ARCHITECTURE.md,
 * decision 9). `scan(root)` queues a root — the whole page at first, later the blocks that a
 * mutation touched — and drops that root's old mentions before it scans it again (root-scan.ts).
 */
import type { Matcher } from '../../core/matcher';
import type { Mention, MentionIndex } from '../mentions';
import { RootScan } from './root-scan';
import { afterNextPaint, yieldToPage } from './scheduling';
import { blockAround, segmentOf, type Segment } from './text-walker';

export interface ScannerHooks {
  isOwnElement(element: Element): boolean;
  /** An open shadow root was found: it is scanned too, and needs watching. */
  foundShadowRoot(root: ShadowRoot): void;
  /** This element holds text that was left out because it is not rendered now (it may be later). */
  foundHidden(element: Element): void;
  /**
   * Before showing what was found, and before settling: style the page for the mentions found,
   * where it is not styled yet. For a document's first mentions that restyles all of it.
   */
  styleFound(): void;
  /**
   * Time to show what was found so far: the blocks in view are done, or a scan has kept going
   * for a second (a page that never stops changing). Everything else is shown when it settles.
   */
  showFound(): void;
  /** The queue ran empty: every root asked for has been scanned. */
  settled(stats: ScanStats): void;
}

export interface ScanStats {
  textNodes: number;
  milliseconds: number;
}

const SLICE_MS = 4;
/** The longest a scan keeps the page from painting: then it waits for a frame. */
const PAINT_EVERY_MS = 32;
/** The longest a scan that does not settle keeps what it found from being shown. */
const SHOW_FOUND_EVERY_MS = 1000;

interface QueuedRoot {
  root: Node;
  /** Read the blocks the reader sees first, and paint them before the rest. */
  inViewFirst: boolean;
}

export class PageScanner {
  readonly #queue: QueuedRoot[] = [];
  /** Queued roots whose old mentions are already dropped (see dropMentionsUnder). */
  readonly #cleared = new WeakSet<Node>();
  #current: { queued: QueuedRoot; scan: RootScan } | undefined;
  #running = false;
  #stats: ScanStats = { textNodes: 0, milliseconds: 0 };

  #matcher: Matcher;
  readonly #mentions: MentionIndex;
  readonly #hooks: ScannerHooks;
  readonly #signal: AbortSignal;

  constructor(matcher: Matcher, mentions: MentionIndex, hooks: ScannerHooks, signal: AbortSignal) {
    this.#matcher = matcher;
    this.#mentions = mentions;
    this.#hooks = hooks;
    this.#signal = signal;
  }

  /** Matches from now on with `matcher` (topics turned on or off); the caller queues the rescan. */
  setMatcher(matcher: Matcher): void {
    this.#matcher = matcher;
  }

  /**
   * Queues `root` for a fresh scan; a root already queued, or inside one, is not queued twice.
   * `inViewFirst`: the blocks the reader sees now are read first and painted before the rest, so
   * that the highlights on screen do not wait for the rest of a long page.
   */
  scan(root: Node, { inViewFirst = false } = {}): void {
    if (this.#queue.some((queued) => queued.root.contains(root))) return;
    for (let i = this.#queue.length - 1; i >= 0; i--) if (root.contains(this.#queue[i]!.root)) this.#queue.splice(i, 1);
    this.#queue.push({ root, inViewFirst });
    if (!this.#running) void this.#run();
  }

  /**
   * Slices until the queue is empty, then settles. Three steps can each cost a long article tens of
   * milliseconds: styling the page for its first mentions (a restyle of every element, 24–30 ms on
   * the 5 MB one), showing what was found, and settling. None of them joins a frame in which the
   * scan has already worked more than a slice: it waits for the next frame first.
   */
  async #run(): Promise<void> {
    this.#running = true;
    try {
      let lastPaint = performance.now(); // or the run's start
      let lastShown = lastPaint;
      /** The scan's own time since the last paint. */
      let sinceLastPaint = 0;
      const timed = <T>(work: () => T): T => {
        const started = performance.now();
        const result = work();
        const ms = performance.now() - started;
        this.#stats.milliseconds += ms;
        sinceLastPaint += ms;
        return result;
      };
      const nextFrame = async () => {
        await afterNextPaint();
        lastPaint = performance.now();
        sinceLastPaint = 0;
      };
      /** Waits for the next frame if the scan has worked more than a slice in this one; says whether it waited. */
      const nextFrameIfBusy = async () => {
        if (sinceLastPaint <= SLICE_MS) return false;
        await nextFrame();
        return true;
      };
      for (;;) {
        while (!this.#signal.aborted && (this.#current || this.#queue.length > 0)) {
          const next = timed(() => this.#slice(performance.now() + SLICE_MS));
          const show = next === 'paint' || performance.now() - lastShown >= SHOW_FOUND_EVERY_MS;
          if (show) {
            await nextFrameIfBusy();
            if (this.#signal.aborted) break;
            timed(() => this.#hooks.styleFound());
            await nextFrameIfBusy();
            if (this.#signal.aborted) break;
            timed(() => this.#hooks.showFound());
            lastShown = performance.now();
          }
          if (show || performance.now() - lastPaint >= PAINT_EVERY_MS) await nextFrame();
          else await yieldToPage();
        }
        if (this.#signal.aborted) break;
        // After a wait, what the page changed meanwhile is scanned first. Styling is asked once per
        // settling: were it asked again after its own frame, a styling step that keeps taking more
        // than a slice would never let the scan settle.
        if (await nextFrameIfBusy()) continue;
        timed(() => this.#hooks.styleFound());
        if (await nextFrameIfBusy()) {
          if (this.#signal.aborted) break;
          if (this.#current || this.#queue.length > 0) continue;
        }
        this.#hooks.settled(this.#stats);
        this.#stats = { textNodes: 0, milliseconds: 0 };
        // A root queued by what settling called is not left waiting for the next one.
        if (!this.#current && this.#queue.length === 0) break;
      }
    } finally {
      this.#running = false;
    }
  }

  /** Scans until `deadline`; says whether to let the page paint before the next slice. */
  #slice(deadline: number): 'paint' | 'yield' {
    while (performance.now() < deadline) {
      if (!this.#current) {
        const queued = this.#queue.shift();
        if (!queued) return 'yield';
        if (!queued.root.isConnected) continue;
        this.#startScan(queued);
      }
      const current = this.#current!;
      const outcome = current.scan.walk(deadline);
      if (outcome === 'paused') return 'yield';
      // The reader sees the blocks in view painted before the rest of the page is read.
      if (outcome === 'in view read') return 'paint';
      this.#current = undefined;
      this.#stats.textNodes += current.scan.textNodes;
      if (outcome === 'lost') this.scan(current.queued.root, { inViewFirst: current.queued.inViewFirst });
    }
    return 'yield';
  }

  #startScan(queued: QueuedRoot): void {
    const { root, inViewFirst } = queued;
    if (!this.#cleared.has(root)) this.#dropMentionsUnder([root, ...this.#queue.map((queued) => queued.root)]);
    this.#cleared.delete(root);
    const matcher = this.#matcher;
    const sink = {
      segment: (segment: Segment) => this.#matchSegment(segment, matcher),
      shadowRoot: (shadow: ShadowRoot) => {
        this.#hooks.foundShadowRoot(shadow);
        this.scan(shadow);
      },
      hiddenElement: (element: Element) => this.#hooks.foundHidden(element),
    };
    const isOwnElement = (element: Element) => this.#hooks.isOwnElement(element);
    this.#current = { queued, scan: new RootScan(root, matcher, sink, isOwnElement, { inViewFirst }) };
  }

  /**
   * Drops the mentions found earlier under roots about to be walked again. One pass for every
   * root queued: a page that adds hundreds of elements at once queues hundreds of roots, and a
   * pass over all mentions per root grew with the square of the page (slow in Firefox, where each
   * step up the tree crosses into the page's compartment).
   */
  #dropMentionsUnder(roots: Node[]): void {
    const set = new Set(roots);
    for (const root of roots) this.#cleared.add(root);
    this.#mentions.removeWhere((mention) => composedWithin(mention.ranges[0]!.startContainer, set));
  }

  /**
   * Matches one segment. Text that is not rendered must not count, but asking costs a style
   * lookup, so only the nodes of a candidate mention are asked; if one is hidden, the segment is
   * matched again without it (hidden text can split or join words).
   */
  #matchSegment(segment: Segment, matcher: Matcher): void {
    let rendered: Map<Element, boolean> | undefined;
    let current = segment;
    for (;;) {
      const matches = matcher.find(current.text);
      if (matches.length === 0) return; // the quick pass saw an alias's letters, not a mention
      rendered ??= new Map();
      const found = matches.map((match) => toMention(current, match.start, match.end, match.topicId));
      const hidden = new Set(
        found.flatMap((mention) => mention.ranges.map((r) => r.startContainer as Text)).filter((node) => !isRendered(node, rendered!)),
      );
      if (hidden.size === 0) {
        for (const mention of found) this.#mentions.add(mention);
        return;
      }
      const firstHidden = hidden.values().next().value!;
      const block = blockAround(firstHidden);
      if (block instanceof Element) this.#hooks.foundHidden(block);
      // The block's box may not change when the page shows what it hides inline (a `<span>` a class hides): that element is watched too.
      const inline = outermostUnrenderedBelow(firstHidden, block, rendered);
      if (inline) this.#hooks.foundHidden(inline);
      current = segmentOf(current.nodes.filter((node) => !node || !hidden.has(node)));
    }
  }
}

/** Whether `node` is inside one of `roots`, looking through shadow roots (a page rescan replaces their mentions too). */
function composedWithin(node: Node, roots: ReadonlySet<Node>): boolean {
  for (let current: Node | null = node; current; current = current instanceof ShadowRoot ? current.host : current.parentNode) {
    if (roots.has(current)) return true;
  }
  return false;
}

function toMention(segment: Segment, start: number, end: number, topicId: string): Mention {
  const ranges: StaticRange[] = [];
  segment.nodes.forEach((node, i) => {
    const pieceStart = segment.starts[i]!;
    const pieceEnd = segment.starts[i + 1] ?? segment.text.length;
    if (!node || pieceEnd <= start || pieceStart >= end) return;
    ranges.push(
      new StaticRange({
        startContainer: node,
        startOffset: Math.max(start, pieceStart) - pieceStart,
        endContainer: node,
        endOffset: Math.min(end, pieceEnd) - pieceStart,
      }),
    );
  });
  return { topicId, ranges };
}

function isRendered(node: Text, cache: Map<Element, boolean>): boolean {
  const parent = node.parentElement;
  return parent ? isElementRendered(parent, cache) : true;
}

function isElementRendered(element: Element, cache: Map<Element, boolean>): boolean {
  let rendered = cache.get(element);
  if (rendered === undefined) {
    rendered = element.checkVisibility({ visibilityProperty: true });
    cache.set(element, rendered);
  }
  return rendered;
}

/** The outermost element between `node` and its block that is not rendered, if any. */
function outermostUnrenderedBelow(node: Text, block: Node, cache: Map<Element, boolean>): Element | undefined {
  let outermost: Element | undefined;
  for (let element = node.parentElement; element && element !== block; element = element.parentElement) {
    if (isElementRendered(element, cache)) break;
    outermost = element;
  }
  return outermost;
}
