/**
 * The mentions found on the page: what the highlights paint, what the pointer can hit, what the
 * badge counts and the keyboard walks through. One mention may be painted by several ranges when
 * the page splits it across elements (`Apple <em>Intelligence</em>`), one range per text node.
 */
import type { TopicCount } from '../shared/messages';

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
  /** `inDocumentOrder()` until the mentions change: the keyboard asks for it at every step. */
  #ordered: readonly Mention[] | undefined;

  readonly #listeners: MentionListener[] = [];

  /** Calls `listener` for every mention added or removed from now on. */
  subscribe(listener: Partial<MentionListener>): void {
    this.#listeners.push({ added: listener.added ?? (() => undefined), removed: listener.removed ?? (() => undefined) });
  }

  get size(): number {
    return this.#all.size;
  }

  add(mention: Mention): void {
    this.#all.add(mention);
    this.#ordered = undefined;
    for (const range of mention.ranges) {
      const list = this.#byNode.get(range.startContainer);
      if (list) list.push(mention);
      else this.#byNode.set(range.startContainer, [mention]);
    }
    for (const listener of this.#listeners) listener.added(mention);
  }

  /** Drops every mention for which `test` holds. */
  removeWhere(test: (mention: Mention) => boolean): void {
    for (const mention of this.#all) {
      if (!test(mention)) continue;
      this.#all.delete(mention);
      this.#ordered = undefined;
      for (const range of mention.ranges) {
        const list = this.#byNode.get(range.startContainer);
        const index = list?.indexOf(mention) ?? -1;
        if (index >= 0) list!.splice(index, 1);
      }
      for (const listener of this.#listeners) listener.removed(mention);
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

  /**
   * In the order of the page. `compareDocumentPosition` costs time in proportion to the siblings
   * it passes: sorting 5,000 mentions with it took 200 ms on a long article, each time the popup
   * opened. So one walk numbers the page's nodes, and mentions are sorted by the number of their
   * text node (of the outermost shadow host, for those in shadow trees, which the walk does not enter).
   */
  inDocumentOrder(): readonly Mention[] {
    if (this.#ordered) return this.#ordered;
    // Most pages have none (the popup asks all the same): no walk for an order that is already one.
    if (this.#all.size < 2) return (this.#ordered = [...this.#all]);
    const position = new Map<Node, number>();
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) position.set(node, position.size);
    // Then by offset in the same text node; mentions under one shadow host keep the order they were
    // found in (the sort is stable), which is theirs in its tree.
    return (this.#ordered = [...this.#all]
      .map((mention) => ({
        mention,
        key: position.get(inDocument(mention.ranges[0]!.startContainer)) ?? -1,
        offset: mention.ranges[0]!.startOffset,
      }))
      .sort((a, b) => a.key - b.key || a.offset - b.offset)
      .map(({ mention }) => mention));
  }

  /** How many mentions each topic has, as the badge and the popup report them. */
  topicCounts(): TopicCount[] {
    const counts = new Map<string, number>();
    for (const mention of this.#all) counts.set(mention.topicId, (counts.get(mention.topicId) ?? 0) + 1);
    return [...counts].map(([topicId, count]) => ({ topicId, count }));
  }
}

/** The mention's own text, as the page has it (white space and case included). */
export function mentionText(mention: Mention): string {
  return mention.ranges.map((r) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset)).join('');
}

export function isConnected(mention: Mention): boolean {
  return mention.ranges.every((range) => range.startContainer.isConnected && range.endOffset <= (range.startContainer as Text).length);
}

/** The node itself if it is in the document, else the outermost shadow host it is under. */
function inDocument(node: Node): Node {
  let current = node;
  for (let root = current.getRootNode(); root instanceof ShadowRoot; root = current.getRootNode()) current = root.host;
  return current;
}
