/**
 * Walks the text of a root in document order and hands it on one *segment* at a time: the text
 * nodes that read as one run of prose, so that `Apple <em>Intelligence</em>` is one text, while a
 * nested block (`<p>`, `<div>`, `<li>` …) starts a new one. What is never scanned (scripts, form
 * fields, editable regions, `hidden`) is skipped with its whole subtree. Whether text is rendered is
 * decided later, and only for text that holds a mention, because asking costs a style lookup.
 *
 * Iterative rather than recursive (pages nest thousands of levels deep), and resumable, so a scan
 * can stop when its time slice is up and go on after the page has had its turn.
 */

/** One run of prose: its text, and where each piece of it comes from (`null`: a `<br>`). */
export interface Segment {
  text: string;
  nodes: Array<Text | null>;
  starts: number[];
}

export interface WalkSink {
  segment(segment: Segment): void;
  shadowRoot(root: ShadowRoot): void;
}

/** Elements that flow inside a line of text; any other element is a block and breaks segments. */
const INLINE = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'BIG', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'INS',
  'KBD', 'LABEL', 'MARK', 'NOBR', 'Q', 'RUBY', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRIKE', 'STRONG', 'SUB',
  'SUP', 'TIME', 'TT', 'U', 'VAR', 'WBR',
]);

/** Never scanned, subtree included (DESIGN.md "Matching semantics"). */
const SKIPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'IFRAME', 'FRAME',
  'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'SVG', 'MATH', 'HEAD', 'TITLE', 'RT', 'RP',
]);

/** The same rule as a selector, to ask whether a node sits inside something never scanned. */
export const SKIPPED_SELECTOR = [...SKIPPED].map((tag) => tag.toLowerCase()).join(',') + ',[hidden],[contenteditable]:not([contenteditable="false" i])';

export type ElementRole = 'skip' | 'inline' | 'break' | 'block';

export function roleOf(element: Element): ElementRole {
  const tag = element.tagName.toUpperCase();
  if (SKIPPED.has(tag) || element.hasAttribute('hidden') || isEditable(element)) return 'skip';
  if (tag === 'BR') return 'break';
  return INLINE.has(tag) ? 'inline' : 'block';
}

function isEditable(element: Element): boolean {
  const value = element.getAttribute('contenteditable');
  return value !== null && value.toLowerCase() !== 'false';
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

export class TextWalker {
  private node: Node | null;
  private pieces: Segment = emptySegment();

  constructor(
    private readonly root: Node,
    private readonly sink: WalkSink,
    private readonly isOwnElement: (element: Element) => boolean,
  ) {
    this.node = root.firstChild;
  }

  /**
   * Walks until the clock passes `deadline` (a `performance.now()` time). Returns 'done' when the
   * root is finished, 'paused' to be called again, or 'lost' when the page removed the node it was
   * at between two calls, so the root has to be walked again.
   */
  walk(deadline: number): 'done' | 'paused' | 'lost' {
    let node = this.node;
    if (node && !this.root.contains(node)) return 'lost';
    for (let visited = 0; node; visited++) {
      if (visited % CHECK_CLOCK_EVERY === CHECK_CLOCK_EVERY - 1 && performance.now() > deadline) {
        this.node = node;
        return 'paused';
      }
      node = this.visit(node) ? node.firstChild! : this.nextAfter(node);
    }
    this.flush();
    this.node = null;
    return 'done';
  }

  /** Takes in one node; returns whether to go down into its children. */
  private visit(node: Node): boolean {
    if (node.nodeType === Node.TEXT_NODE) {
      this.append(node as Text, (node as Text).data);
      return false;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return false;
    const element = node as Element;
    const role = roleOf(element);
    if (role === 'skip' || this.isOwnElement(element)) return false;
    if (role === 'break') {
      this.append(null, '\n');
      return false;
    }
    if (element.shadowRoot) this.sink.shadowRoot(element.shadowRoot);
    if (role === 'block') this.flush();
    return element.firstChild !== null;
  }

  /** The next node in document order that is not below `node`; flushes each block it leaves. */
  private nextAfter(node: Node): Node | null {
    let current: Node | null = node;
    while (current && current !== this.root && !current.nextSibling) {
      current = current.parentNode;
      if (current && current !== this.root && current.nodeType === Node.ELEMENT_NODE && roleOf(current as Element) === 'block') {
        this.flush();
      }
    }
    if (!current || current === this.root) return null;
    const next = current.nextSibling;
    if (current.nodeType === Node.ELEMENT_NODE && roleOf(current as Element) === 'block') this.flush();
    return next;
  }

  private append(node: Text | null, data: string): void {
    if (data.length === 0) return;
    this.pieces.nodes.push(node);
    this.pieces.starts.push(this.pieces.text.length);
    this.pieces.text += data;
  }

  private flush(): void {
    if (this.pieces.nodes.some((node) => node !== null)) this.sink.segment(this.pieces);
    if (this.pieces.nodes.length > 0) this.pieces = emptySegment();
  }
}

function emptySegment(): Segment {
  return { text: '', nodes: [], starts: [] };
}
