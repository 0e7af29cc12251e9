/**
 * The mentions found on the page: what the highlights paint, what the pointer can hit, what the
 * badge counts and the keyboard walks through. One mention may be painted by several ranges when
 * the page splits it across elements (`Apple <em>Intelligence</em>`), one range per text node.
 */

export interface Mention {
  topicId: string;
  /** One `StaticRange` per text node, in document order. */
  ranges: StaticRange[];
}

export interface MentionListener {
  added(mention: Mention): void;
  removed(mention: Mention): void;
}

export class MentionIndex {
  readonly #all = new Set<Mention>();
  readonly #byNode = new WeakMap<Node, Mention[]>();

  readonly #listener: MentionListener;

  constructor(listener: MentionListener) {
    this.#listener = listener;
  }

  get size(): number {
    return this.#all.size;
  }

  add(mention: Mention): void {
    this.#all.add(mention);
    for (const range of mention.ranges) {
      const list = this.#byNode.get(range.startContainer);
      if (list) list.push(mention);
      else this.#byNode.set(range.startContainer, [mention]);
    }
    this.#listener.added(mention);
  }

  /** Drops every mention for which `test` holds. */
  removeWhere(test: (mention: Mention) => boolean): void {
    for (const mention of this.#all) {
      if (!test(mention)) continue;
      this.#all.delete(mention);
      for (const range of mention.ranges) {
        const list = this.#byNode.get(range.startContainer);
        const index = list?.indexOf(mention) ?? -1;
        if (index >= 0) list!.splice(index, 1);
      }
      this.#listener.removed(mention);
    }
  }

  /** The mention painted over this caret position, if any. */
  at(node: Node, offset: number): { mention: Mention; range: StaticRange } | undefined {
    for (const mention of this.#byNode.get(node) ?? []) {
      const range = mention.ranges.find((r) => r.startContainer === node && r.startOffset <= offset && offset <= r.endOffset);
      if (range) return { mention, range };
    }
    return undefined;
  }

  has(mention: Mention): boolean {
    return this.#all.has(mention);
  }

  inDocumentOrder(): Mention[] {
    return [...this.#all].sort((a, b) => compareRanges(a.ranges[0]!, b.ranges[0]!));
  }

  countByTopic(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mention of this.#all) counts.set(mention.topicId, (counts.get(mention.topicId) ?? 0) + 1);
    return counts;
  }
}

export function isConnected(mention: Mention): boolean {
  return mention.ranges.every((range) => range.startContainer.isConnected && range.endOffset <= (range.startContainer as Text).length);
}

function compareRanges(a: StaticRange, b: StaticRange): number {
  if (a.startContainer === b.startContainer) return a.startOffset - b.startOffset;
  const position = a.startContainer.compareDocumentPosition(b.startContainer);
  if (position & Node.DOCUMENT_POSITION_FOLLOWING) return -1;
  if (position & Node.DOCUMENT_POSITION_PRECEDING) return 1;
  return 0;
}
