/**
 * Walks the text of a root in document order and hands on one *segment* at a time: the text
 * nodes that read as one run of prose, so that `Apple <em>Intelligence</em>` is one text, while a
 * nested block (`<p>`, `<div>`, `<li>` …) starts a new one. What is never scanned (scripts, form
 * fields, editable regions, `hidden`) is skipped with its whole subtree. Whether text is rendered is
 * decided later, and only for text that holds a mention, because asking costs a style lookup.
 *
 * A segment's pieces go through the matcher's quick pass as they are met, and only a segment that
 * may hold a match is joined into one text and handed on: on most pages that is a few in a
 * thousand, and the rest cost no string or array at all.
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
  shadowRoot(root: ShadowRoot): void;
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

function nameRole(name: string): ElementRole {
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

/** Whether a node is in something never scanned (itself included). */
export function insideSkipped(node: Node): boolean {
  const element = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
  return element !== null && element.closest(SKIPPED_SELECTOR) !== null;
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

const CHECK_CLOCK_EVERY = 64;

/**
 * The walk costs a few DOM reads per node and no more, as it runs over every element of the page:
 * an element's role comes from its name (learnt once per name) and from one query per root for
 * the attributes that skip, and whether each element it is inside is a block is kept on a stack
 * rather than asked again on the way up.
 */
export class TextWalker {
  #node: Node | null;
  /** The parent of `node` when the walk paused: if the page moved `node` meanwhile, the stack is wrong. */
  #pausedUnder: Node | null;
  /** For each element the walk is inside, below the root: whether leaving it ends a segment. */
  readonly #insideBlock: boolean[] = [];
  readonly #skippedByAttribute: ReadonlySet<Element>;
  /** The pieces of the segment being read, and how far the matcher's quick pass has gone. */
  readonly #pieces: Array<Text | null> = [];
  readonly #progress = startProgress();
  /** Text nodes read so far, for the popup's account of what a scan cost. */
  textNodes = 0;

  readonly #root: Node;
  readonly #matcher: Matcher;
  readonly #sink: WalkSink;
  readonly #isOwnElement: (element: Element) => boolean;
  /** Blocks inside the root that were scanned on their own already: passed over, as block edges. */
  readonly #scannedAlready: ReadonlySet<Node> | undefined;

  constructor(
    root: Node,
    matcher: Matcher,
    sink: WalkSink,
    isOwnElement: (element: Element) => boolean,
    scannedAlready?: ReadonlySet<Node>,
  ) {
    this.#root = root;
    this.#matcher = matcher;
    this.#sink = sink;
    this.#isOwnElement = isOwnElement;
    this.#scannedAlready = scannedAlready;
    this.#node = root.firstChild;
    this.#pausedUnder = root;
    const queryable = root as Partial<ParentNode>;
    this.#skippedByAttribute = new Set(queryable.querySelectorAll ? queryable.querySelectorAll(SKIPPED_BY_ATTRIBUTE) : []);
  }

  /**
   * Walks until the clock passes `deadline` (a `performance.now()` time). Returns 'done' when the
   * root is finished, 'paused' to be called again, or 'lost' when the page moved or removed the
   * node it was at between two calls, so the root has to be walked again.
   */
  walk(deadline: number): 'done' | 'paused' | 'lost' {
    let node = this.#node;
    if (node && (node.parentNode !== this.#pausedUnder || !this.#root.contains(node))) return 'lost';
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

  /** Takes in one node; returns its first child if the walk goes down into it. */
  #visit(node: Node): Node | null {
    const type = node.nodeType;
    if (type === TEXT_NODE) {
      this.#append(node as Text, (node as Text).data);
      return null;
    }
    if (type !== ELEMENT_NODE) return null;
    const element = node as Element;
    const role = nameRole(element.localName);
    if (role === 'skip' || this.#isOwnElement(element)) return null;
    if (this.#skippedByAttribute.size > 0 && this.#skippedByAttribute.has(element)) {
      if (element.hasAttribute('hidden')) this.#sink.hiddenElement(element);
      return null;
    }
    if (role === 'break') {
      this.#append(null, '\n');
      return null;
    }
    const isBlock = role === 'block';
    if (isBlock) this.#flush();
    if (this.#scannedAlready?.has(element)) return null;
    const shadow = element.shadowRoot;
    if (shadow) this.#sink.shadowRoot(shadow);
    const child = element.firstChild;
    if (child !== null) this.#insideBlock.push(isBlock); // an empty block ended its segment on entry already
    return child;
  }

  /** The next node in document order that is not below `node`; ends the segment at each block it leaves. */
  #nextAfter(node: Node): Node | null {
    for (let current = node; ;) {
      const next = current.nextSibling;
      if (next !== null) return next;
      const parent = current.parentNode;
      if (parent === null || parent === this.#root) return null;
      if (this.#insideBlock.pop()) this.#flush();
      current = parent;
    }
  }

  #append(node: Text | null, data: string): void {
    if (data.length === 0) return;
    if (node) this.textNodes++;
    this.#pieces.push(node);
    this.#matcher.readPiece(data, this.#progress);
  }

  #flush(): void {
    if (this.#pieces.length === 0) return;
    if (this.#progress.reached) this.#sink.segment(segmentOf(this.#pieces));
    this.#pieces.length = 0;
    // Reset, not replaced: a page has thousands of blocks.
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
