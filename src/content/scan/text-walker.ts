/**
 * Reads the prose of one block: its text nodes in document order, as *segments*, the runs of text
 * that read as one (`Apple <em>Intelligence</em>` is one text), going down into inline elements
 * and passing over nested blocks (`<p>`, `<div>`, `<li>` …), which end a segment and are read on
 * their own if they hold a mention. What is never scanned (scripts, form fields, editable regions,
 * `hidden`) is passed over with its whole subtree. Whether text is rendered is decided later, and
 * only for text that holds a mention, because asking costs a style lookup. Which blocks are read
 * at all is the sieve's choice (root-scan.ts).
 *
 * A segment's pieces go through the matcher's quick pass as they are met, and only a segment that
 * may hold a match is joined into one text and handed on.
 *
 * Iterative rather than recursive (pages nest thousands of levels deep), and resumable, so a scan
 * can stop when its time slice is up and go on after the page has had its turn.
 */
import { startProgress, type Matcher } from '../../core/matcher';

/** One run of prose: its text, and where each piece of it comes from (`null`: a `<br>`). */
export interface Segment {
  text: string;
  nodes: Array<Text | null>;
  starts: number[];
}

export interface WalkSink {
  /** A segment that may hold a match. */
  segment(segment: Segment): void;
  /** An element skipped with its subtree for its `hidden` attribute, which the page may take away. */
  hiddenElement(element: Element): void;
}

// Element names as localName gives them (lower case), each list one string: they ship in the content script.

/** Elements that flow inside a line of text; any other element is a block and breaks segments. */
const INLINE = new Set(
  'a abbr b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr q ruby s samp small span strike strong sub sup time tt u var wbr'.split(
    ' ',
  ),
);

/** Never scanned, subtree included (docs/ARCHITECTURE.md, "Matching semantics"). */
const SKIPPED =
  'script style noscript template textarea input select option iframe frame object embed canvas video audio svg math head title rt rp'.split(
    ' ',
  );

// Node.TEXT_NODE and Node.ELEMENT_NODE, without a property read through the page's `Node` per node.
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Attributes that keep an element and its subtree from being scanned, whatever its tag. */
const SKIPPED_BY_ATTRIBUTE = '[hidden],[contenteditable]:not([contenteditable="false" i])';

/** The same rule as a selector, to ask whether a node sits inside something never scanned. */
export const SKIPPED_SELECTOR = SKIPPED.join(',') + ',' + SKIPPED_BY_ATTRIBUTE;

export type ElementRole = 'skip' | 'inline' | 'break' | 'block';

/** What an element's name alone says, learnt once per name: a walk meets the same few dozen names. */
const roleByName = new Map<string, ElementRole>();

export function nameRole(name: string): ElementRole {
  let role = roleByName.get(name);
  if (role === undefined) {
    const tag = name.toLowerCase(); // an element made with createElementNS may be named in capitals
    role = SKIPPED.includes(tag) ? 'skip' : tag === 'br' ? 'break' : INLINE.has(tag) ? 'inline' : 'block';
    roleByName.set(name, role);
  }
  return role;
}

export function roleOf(element: Element): ElementRole {
  const role = nameRole(element.localName);
  return role !== 'skip' && element.matches(SKIPPED_BY_ATTRIBUTE) ? 'skip' : role;
}

/** The nearest element, `node` itself included, that makes it never scanned; null if it is scanned. */
export function skippingElement(node: Node): Element | null {
  const element = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
  return element === null ? null : element.closest(SKIPPED_SELECTOR);
}

/** The nearest ancestor (or self) that is not inline: segments never cross it. */
export function blockAround(node: Node): Node {
  let current: Node = node;
  while (current.parentNode) {
    if (current.nodeType === Node.ELEMENT_NODE && roleOf(current as Element) === 'block') return current;
    current = current.parentNode;
  }
  return current;
}

/** How many nodes a walk steps through between two looks at the clock. */
export const CHECK_CLOCK_EVERY = 64;

export class TextWalker {
  #node: Node | null;
  /** The parent of `node` when the walk paused: if the page moved `node` meanwhile, the walk has lost its place. */
  #pausedUnder: Node | null;
  /** The pieces of the segment being read, and how far the matcher's quick pass has gone. */
  readonly #pieces: Array<Text | null> = [];
  readonly #progress = startProgress();

  readonly #block: Node;
  readonly #matcher: Matcher;
  readonly #sink: WalkSink;
  readonly #isOwnElement: (element: Element) => boolean;

  constructor(block: Node, matcher: Matcher, sink: WalkSink, isOwnElement: (element: Element) => boolean) {
    this.#block = block;
    this.#matcher = matcher;
    this.#sink = sink;
    this.#isOwnElement = isOwnElement;
    this.#node = block.firstChild;
    this.#pausedUnder = block;
  }

  /**
   * Walks until the clock passes `deadline` (a `performance.now()` time). Returns 'done' when the
   * block is finished, 'paused' to be called again, or 'lost' when the page moved or removed the
   * node it was at between two calls, so the block has to be read again.
   */
  walk(deadline: number): 'done' | 'paused' | 'lost' {
    let node = this.#node;
    if (node && (node.parentNode !== this.#pausedUnder || !this.#block.contains(node))) return 'lost';
    for (let visited = 0; node; visited++) {
      if (visited % CHECK_CLOCK_EVERY === CHECK_CLOCK_EVERY - 1 && performance.now() > deadline) {
        this.#node = node;
        this.#pausedUnder = node.parentNode;
        return 'paused';
      }
      node = this.#visit(node) ?? this.#nextAfter(node);
    }
    this.#flush();
    this.#node = null;
    return 'done';
  }

  /** Takes in one node; returns its first child if the walk goes down into it (an inline element). */
  #visit(node: Node): Node | null {
    const type = node.nodeType;
    if (type === TEXT_NODE) {
      this.#append(node as Text, (node as Text).data);
      return null;
    }
    if (type !== ELEMENT_NODE) return null;
    const element = node as Element;
    const role = roleOf(element);
    if (role === 'skip' || this.#isOwnElement(element)) {
      if (element.hasAttribute('hidden')) this.#sink.hiddenElement(element);
      return null;
    }
    if (role === 'break') {
      this.#append(null, '\n');
      return null;
    }
    if (role === 'block') {
      this.#flush();
      return null;
    }
    return element.firstChild;
  }

  /** The next node in document order that is not below `node`, within the block (only inline elements are gone into). */
  #nextAfter(node: Node): Node | null {
    for (let current = node; ;) {
      const next = current.nextSibling;
      if (next !== null) return next;
      const parent = current.parentNode;
      if (parent === null || parent === this.#block) return null;
      current = parent;
    }
  }

  #append(node: Text | null, data: string): void {
    if (data.length === 0) return;
    this.#pieces.push(node);
    this.#matcher.readPiece(data, this.#progress);
  }

  #flush(): void {
    if (this.#pieces.length === 0) return;
    if (this.#progress.reached) this.#sink.segment(segmentOf(this.#pieces));
    this.#pieces.length = 0;
    // Reset, not replaced: a block may hold many segments.
    this.#progress.state = 0;
    this.#progress.reached = false;
  }
}

/** Joins the pieces into one text (read again now: they are few, and keeping their text would cost every segment). */
export function segmentOf(pieces: ReadonlyArray<Text | null>): Segment {
  const segment: Segment = { text: '', nodes: [...pieces], starts: [] };
  for (const node of pieces) {
    segment.starts.push(segment.text.length);
    segment.text += node ? node.data : '\n';
  }
  return segment;
}
