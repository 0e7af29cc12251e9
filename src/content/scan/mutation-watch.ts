/**
 * Keeps the mentions true to a page that changes after load — live blogs, infinite scroll,
 * single-page navigation. Records are gathered for a short moment and turned into the smallest
 * set of blocks to scan again, so a page that adds 10,000 paragraphs is scanned paragraph by
 * paragraph, not the whole page again each time.
 */
import { blockAround, roleOf } from './text-walker';

/** Changes show up within about half a second: this, plus the time the rescan takes. */
const GATHER_MS = 150;

export interface MutationHooks {
  isOwnNode(node: Node): boolean;
  /** Nodes were removed: mentions in them are gone. */
  removed(): void;
  /** These roots (blocks, shadow roots) changed and need a fresh scan (where they are scanned at all). */
  changed(roots: Node[]): void;
}

export class MutationWatch {
  readonly #observer: MutationObserver;
  #pending: MutationRecord[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  readonly #hooks: MutationHooks;

  constructor(hooks: MutationHooks, signal: AbortSignal) {
    this.#hooks = hooks;
    this.#observer = new MutationObserver((records) => this.#gather(records));
    signal.addEventListener('abort', () => {
      this.#observer.disconnect();
      clearTimeout(this.#timer);
    });
  }

  /** Watches a document or an open shadow root (a document's observer does not see into those). */
  observe(root: Node): void {
    this.#observer.observe(root, { childList: true, characterData: true, subtree: true });
  }

  #gather(records: MutationRecord[]): void {
    this.#pending.push(...records);
    this.#timer ??= setTimeout(() => this.#flush(), GATHER_MS);
  }

  #flush(): void {
    const records = this.#pending.concat(this.#observer.takeRecords());
    this.#pending = [];
    this.#timer = undefined;
    let removedAny = false;
    const roots = new Set<Node>();
    for (const record of records) {
      if (this.#hooks.isOwnNode(record.target)) continue;
      if (record.removedNodes.length > 0) removedAny = true;
      for (const root of rootsToRescan(record)) roots.add(root);
    }
    if (removedAny) this.#hooks.removed();
    const connected = [...roots].filter((root) => root.isConnected);
    if (connected.length > 0) this.#hooks.changed(outermost(connected));
  }
}

/**
 * Text changed or was removed: its block is scanned again (the change may join or split words).
 * Blocks added whole are scanned on their own; added text or inline elements, with their block.
 */
function rootsToRescan(record: MutationRecord): Node[] {
  if (record.type === 'characterData' || record.removedNodes.length > 0) return [blockAround(record.target)];
  const roots: Node[] = [];
  for (const added of record.addedNodes) {
    const isBlock = added.nodeType === Node.ELEMENT_NODE && roleOf(added as Element) === 'block';
    roots.push(isBlock ? added : blockAround(record.target));
  }
  return roots;
}

/** Drops roots inside other roots: in document order, a root's descendants follow it directly. */
function outermost(roots: Node[]): Node[] {
  roots.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const kept: Node[] = [];
  for (const root of roots) {
    const last = kept[kept.length - 1];
    if (!last || !last.contains(root)) kept.push(root);
  }
  return kept;
}
