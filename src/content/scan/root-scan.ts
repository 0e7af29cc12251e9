/**
 * The scan of one root — the page's body, an open shadow root, a block the page changed — in two
 * passes (docs/ARCHITECTURE.md, decision 9), so that the text a page holds costs close to what the
 * engine's own code costs to read it:
 * 1. the sieve: the engine's TreeWalker hands over the root's text nodes, and the matcher's sieve
 *    (core/sieve.ts) rules out by a native RegExp nearly all of them; a second native walk over
 *    the root's elements finds its open shadow roots, each scanned as a root of its own;
 * 2. the blocks that hold a text node the sieve let through are read as prose (TextWalker), and
 *    their segments matched. On most pages that is a handful of blocks, or none.
 * Resumable like the walker, so that it can stop when its time slice is up.
 */
import type { Matcher } from '../../core/matcher';
import type { Sieve } from '../../core/sieve';
import { CHECK_CLOCK_EVERY, TextWalker, nameRole, roleOf, skippingElement, type WalkSink } from './text-walker';

export interface RootScanSink extends WalkSink {
  /** An open shadow root: it is scanned as a root of its own. */
  shadowRoot(root: ShadowRoot): void;
}

export interface RootScanOptions {
  /** Read the blocks the reader sees first, and say so when they are done ('in view read'). */
  inViewFirst: boolean;
}

export type RootScanOutcome = 'done' | 'paused' | 'lost' | 'in view read';

export class RootScan {
  /** Text nodes the sieve read, for the popup's account of what a scan cost. */
  textNodes = 0;

  readonly #texts: NativeWalk;
  readonly #elements: NativeWalk;
  readonly #sieve: Sieve;
  /** Whether each element met going up from a text node is in something never scanned (its text nodes share their ancestors). */
  readonly #inSkipped = new WeakMap<Element, boolean>();
  /** The text nodes the sieve let through, in document order. */
  readonly #letThrough: Text[] = [];
  /** Once the sieve is done: the blocks to read, in the order to read them, and how many are in view. */
  #blocks: Node[] | undefined;
  #blocksInView = 0;
  #nextBlock = 0;
  #reading: TextWalker | undefined;

  readonly #root: Node;
  readonly #matcher: Matcher;
  readonly #sink: RootScanSink;
  readonly #isOwnElement: (element: Element) => boolean;
  readonly #options: RootScanOptions;

  constructor(root: Node, matcher: Matcher, sink: RootScanSink, isOwnElement: (element: Element) => boolean, options: RootScanOptions) {
    this.#root = root;
    this.#matcher = matcher;
    this.#sink = sink;
    this.#isOwnElement = isOwnElement;
    this.#options = options;
    this.#sieve = matcher.sieve();
    this.#texts = new NativeWalk(root, NodeFilter.SHOW_TEXT);
    this.#elements = new NativeWalk(root, NodeFilter.SHOW_ELEMENT);
  }

  /**
   * Scans until the clock passes `deadline` (a `performance.now()` time). Returns 'done' when the
   * root is finished, 'paused' to be called again, 'in view read' (once, with `inViewFirst`) when
   * the blocks in view are read and the rest is still to come, or 'lost' when the page moved or
   * removed the node it was at between two calls, so the root has to be scanned again.
   */
  walk(deadline: number): RootScanOutcome {
    const sifted = this.#sift(deadline);
    if (sifted !== 'done') return sifted;
    const searched = this.#findShadowRoots(deadline);
    if (searched !== 'done') return searched;
    const blocks = (this.#blocks ??= this.#blocksToRead());
    while (this.#nextBlock < blocks.length) {
      const block = blocks[this.#nextBlock]!;
      this.#reading ??= new TextWalker(block, this.#matcher, this.#sink, this.#isOwnElement);
      const read = block.isConnected ? this.#reading.walk(deadline) : 'done'; // a block the page took away meanwhile has nothing to show
      if (read !== 'done') return read;
      this.#reading = undefined;
      this.#nextBlock++;
      if (this.#nextBlock === this.#blocksInView && this.#nextBlock < blocks.length) return 'in view read';
      if (performance.now() > deadline) return 'paused';
    }
    return 'done';
  }

  /**
   * The first pass: every text node through the sieve. The loops of both native walks are
   * written out, not given a function to call per node: they visit every node of the page.
   */
  #sift(deadline: number): 'done' | 'paused' | 'lost' {
    const texts = this.#texts;
    if (texts.done) return 'done';
    if (texts.lostPlace()) return 'lost';
    const { walker } = texts;
    const sieve = this.#sieve;
    const { quickTest } = sieve;
    let count = 0;
    for (let text = walker.nextNode() as Text | null; text !== null; text = walker.nextNode() as Text | null) {
      const data = text.data;
      if (sieve.carrying || (!(data.length >= LONG_TEXT && isNeverProse(text)) && (quickTest === undefined || quickTest.test(data)))) {
        // Whether a text node is in something never scanned costs a look up the tree: asked only
        // where a mention may be under way, before or after it. One in something never scanned
        // that may hold part of a mention goes on too: its `hidden` element is watched.
        const steppedOver = sieve.carrying && this.#isSteppedOver(text);
        const through = sieve.read(data, steppedOver);
        if (through || steppedOver || (sieve.carrying && this.#isSteppedOver(text))) this.#letThrough.push(text);
      }
      if (++count % CHECK_CLOCK_EVERY === 0 && performance.now() > deadline) {
        this.textNodes += count;
        texts.pauseAt(text);
        return 'paused';
      }
    }
    this.textNodes += count;
    texts.done = true;
    return 'done';
  }

  /** Every open shadow root in the root (outside what is never scanned), to be scanned as a root of its own. */
  #findShadowRoots(deadline: number): 'done' | 'paused' | 'lost' {
    const elements = this.#elements;
    if (elements.done) return 'done';
    if (elements.lostPlace()) return 'lost';
    const { walker } = elements;
    let count = 0;
    for (let element = walker.nextNode() as Element | null; element !== null; element = walker.nextNode() as Element | null) {
      const shadow = element.shadowRoot;
      if (shadow !== null && !this.#isOwnElement(element)) this.#foundShadowRoot(element, shadow);
      if (++count % CHECK_CLOCK_EVERY === 0 && performance.now() > deadline) {
        elements.pauseAt(element);
        return 'paused';
      }
    }
    elements.done = true;
    return 'done';
  }

  /** A shadow root is scanned as a root of its own, unless its host is in something never scanned, whose `hidden` element is watched then. */
  #foundShadowRoot(host: Element, shadow: ShadowRoot): void {
    const skipping = skippingElement(host);
    if (skipping === null) this.#sink.shadowRoot(shadow);
    else this.#watchIfHidden(skipping);
  }

  #watchIfHidden(skipping: Element): void {
    const hidden = skipping.closest('[hidden]');
    if (hidden) this.#sink.hiddenElement(hidden);
  }

  /** Whether the walk of prose would step over this text node, as in something never scanned (remembered for the sieve's pass only). */
  #isSteppedOver(text: Text): boolean {
    const unknown: Element[] = [];
    let skipped = false;
    for (let element = text.parentElement; element !== null && element !== this.#root; element = element.parentElement) {
      const known = this.#inSkipped.get(element);
      if (known !== undefined) {
        skipped = known;
        break;
      }
      unknown.push(element);
      if (roleOf(element) === 'skip') {
        skipped = true;
        break;
      }
    }
    for (const element of unknown) this.#inSkipped.set(element, skipped);
    return skipped;
  }

  /**
   * The blocks around the text nodes the sieve let through, each once; those in a subtree never
   * scanned are not read, but a `hidden` one is watched, as the page may show it later.
   */
  #blocksToRead(): Node[] {
    const blocks = new Set<Node>();
    for (const text of this.#letThrough) {
      if (!this.#root.contains(text)) continue; // moved away since: the page's change is scanned on its own
      // Asked afresh: the sieve's pass may have spanned many slices, in which the page can show or hide.
      const skipping = skippingElement(text);
      if (skipping !== null) {
        this.#watchIfHidden(skipping);
        continue;
      }
      const block = this.#blockToRead(text);
      if (block) blocks.add(block);
    }
    if (!this.#options.inViewFirst) return [...blocks];
    const { ordered, inView } = inViewFirst([...blocks]);
    this.#blocksInView = inView;
    return ordered;
  }

  /** The nearest block around `text`, or the root itself; undefined inside the extension's own elements. */
  #blockToRead(text: Text): Node | undefined {
    for (let current = text.parentNode; current && current !== this.#root; current = current.parentNode) {
      if (current.nodeType !== Node.ELEMENT_NODE) continue;
      const element = current as Element;
      if (this.#isOwnElement(element)) return undefined;
      if (nameRole(element.localName) === 'block') return element;
    }
    return this.#root;
  }
}

/**
 * Text at least this long is asked whether it is a script's or a style's before the sieve's RegExp
 * reads it: the pages of news sites hold 100 KB to 1 MB of script text in their body (yahoo,
 * nytimes and cnn in the corpus), many times their prose. Shorter text costs less to read than to ask.
 */
const LONG_TEXT = 256;

/**
 * Whether this text is never prose by the name of its element (`<script>`, `<style>`, `<textarea>`…),
 * whatever the page does with it: the reading of prose steps over such an element. Where no mention
 * is under way, such text cannot hold part of one, so the sieve need not read it.
 */
function isNeverProse(text: Text): boolean {
  const parent = text.parentNode;
  return parent !== null && parent.nodeType === Node.ELEMENT_NODE && nameRole((parent as Element).localName) === 'skip';
}

/** A native TreeWalker over a root, and where it stopped: a walk goes on later only if the page has not moved its place meanwhile. */
class NativeWalk {
  readonly walker: TreeWalker;
  done = false;
  readonly #root: Node;
  /** The parent of the node the walk stopped at. */
  #pausedUnder: Node | null;

  constructor(root: Node, whatToShow: number) {
    this.#root = root;
    this.walker = document.createTreeWalker(root, whatToShow);
    this.#pausedUnder = root.parentNode;
  }

  pauseAt(node: Node): void {
    this.#pausedUnder = node.parentNode;
  }

  /** Whether the page moved or removed the node the walk stopped at. */
  lostPlace(): boolean {
    const at = this.walker.currentNode;
    return at.parentNode !== this.#pausedUnder || (at !== this.#root && !this.#root.contains(at));
  }
}

/**
 * The blocks, those the reader sees first. They are in document order, which on most pages is the
 * order down the page, so the first one in view is found by halving (a 5 MB article has thousands
 * of blocks with mentions, and each box read costs); on a page laid out in another order, some of
 * the blocks in view are only read with the rest.
 */
function inViewFirst(blocks: Node[]): { ordered: Node[]; inView: number } {
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (placeOf(blocks[middle]!) === 'above') low = middle + 1;
    else high = middle;
  }
  let end = low;
  while (end < blocks.length && placeOf(blocks[end]!) !== 'below') end++;
  const inView = blocks.slice(low, end);
  if (inView.length === 0 || inView.length === blocks.length) return { ordered: blocks, inView: 0 };
  return { ordered: [...inView, ...blocks.slice(0, low), ...blocks.slice(end)], inView: inView.length };
}

/** Where a block's box is against the viewport; one without a box (`display: contents`, say) counts as above it. */
function placeOf(block: Node): 'above' | 'in view' | 'below' {
  if (!(block instanceof Element)) return 'above';
  const box = block.getBoundingClientRect();
  if ((box.width === 0 && box.height === 0) || box.bottom <= 0) return 'above';
  return box.top >= window.innerHeight ? 'below' : 'in view';
}
