/**
 * Which blocks of the page the reader sees now, so that a scan can take them first (docs/ARCHITECTURE.md,
 * decision 9): on a long page opened halfway down — a link to a later paragraph, a restored
 * scroll position — the highlights on screen should not wait for everything above them.
 */
import { caretFromPoint } from '../browser-quirks';
import { blockAround, insideSkipped } from './text-walker';

/** Points down the middle of the viewport, as fractions of its height. */
const PROBES = [0.1, 0.3, 0.5, 0.7, 0.9];

/**
 * The blocks under a few points down the viewport, top first, none inside another. A probe that
 * lands in a sticky header only adds that header: every block is a short walk of its own, and the
 * scan of the whole root goes round them afterwards.
 */
export function blocksInView(root: Node, isOwnNode: (node: Node) => boolean): Node[] {
  const blocks: Node[] = [];
  for (const fraction of PROBES) {
    const caret = caretFromPoint(window.innerWidth / 2, window.innerHeight * fraction, []);
    if (!caret) continue;
    const block = blockAround(caret.node);
    if (block === root || !root.contains(block) || isOwnNode(block) || insideSkipped(block)) continue;
    if (blocks.some((found) => found.contains(block))) continue;
    for (let i = blocks.length - 1; i >= 0; i--) if (block.contains(blocks[i]!)) blocks.splice(i, 1);
    blocks.push(block);
  }
  return blocks;
}
