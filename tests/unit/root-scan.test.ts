// @vitest-environment happy-dom
/**
 * The two-pass scan of a root (src/content/scan/root-scan.ts) against the reading it saves work
 * on: every block of the root read whole as prose (text-walker.ts). On random trees of blocks,
 * inline elements, `<br>`s, scripts and `hidden` elements holding pieces of the aliases, in text
 * long and short, both must find the same mentions, and every `hidden` element that may hold one
 * must be watched.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RootScan, type RootScanSink } from '../../src/content/scan/root-scan';
import { TextWalker, roleOf, skippingElement, type Segment } from '../../src/content/scan/text-walker';
import { compileMatcher } from '../../src/core/matcher';
import { PACK_ALIASES } from '../support/matcher-arbitraries';

const matcher = compileMatcher(PACK_ALIASES);

/** A tree as the page may hold it: text, or an element with children. */
type Tree = string | { tag: string; hidden: boolean; children: Tree[] };

/** Long enough for the sieve to ask whether it is a script's before reading it (root-scan.ts, LONG_TEXT). */
const LONG_FILLER = '; '.repeat(150);

const piece = fc.constantFrom(
  'Apple',
  'Apple ',
  ' Intelligence',
  'Intel',
  'ligence',
  'Ali',
  'baba',
  'Alibaba',
  'alibaba ',
  ' Group',
  'data',
  ' via ',
  'x',
  '苹果',
  '智能',
  '阿里',
  '巴巴',
  ' ',
  '',
  LONG_FILLER,
);
const text = fc.array(piece, { minLength: 1, maxLength: 3 }).map((pieces) => pieces.join(''));
const { tree } = fc.letrec<{ tree: Tree; element: Tree }>((self) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, self('element')),
  element: fc.record({
    tag: fc.constantFrom('p', 'div', 'em', 'span', 'br', 'br', 'script', 'b'),
    hidden: fc.constantFrom(false, false, true),
    children: fc.array(self('tree'), { maxLength: 4 }),
  }),
}));

function build(parent: Node, trees: readonly Tree[]): void {
  for (const node of trees) {
    if (typeof node === 'string') {
      parent.appendChild(document.createTextNode(node));
      continue;
    }
    const element = document.createElement(node.tag);
    if (node.hidden) element.setAttribute('hidden', '');
    if (node.tag !== 'br') build(element, node.children);
    parent.appendChild(element);
  }
}

/** Each mention as where it starts: the index of its text node in the document, and the offset there. */
function mentionsOf(segments: readonly Segment[], textNodes: readonly Text[]): string[] {
  const found: string[] = [];
  for (const segment of segments) {
    for (const match of matcher.find(segment.text)) {
      let piece = 0;
      while (piece + 1 < segment.starts.length && segment.starts[piece + 1]! <= match.start) piece++;
      const node = segment.nodes[piece]!;
      found.push(`${textNodes.indexOf(node)}:${match.start - segment.starts[piece]!}:${match.topicId}`);
    }
  }
  return found.sort();
}

function scanTwoPasses(root: HTMLElement): { segments: Segment[]; hidden: Set<Element> } {
  const segments: Segment[] = [];
  const hidden = new Set<Element>();
  const sink: RootScanSink = {
    segment: (segment) => segments.push(segment),
    hiddenElement: (element) => hidden.add(element),
    shadowRoot: () => {},
  };
  const scan = new RootScan(root, matcher, sink, () => false, { inViewFirst: false });
  expect(scan.walk(Infinity)).toBe('done');
  return { segments, hidden };
}

/** Every block of the root (and the root) not inside something never scanned, read whole. */
function readEveryBlock(root: HTMLElement): Segment[] {
  const segments: Segment[] = [];
  const sink = { segment: (segment: Segment) => segments.push(segment), hiddenElement: () => {} };
  const blocks = [root, ...root.querySelectorAll('*')].filter(
    (element) => element === root || (roleOf(element) === 'block' && skippingElement(element) === null),
  );
  for (const block of blocks) expect(new TextWalker(block, matcher, sink, () => false).walk(Infinity)).toBe('done');
  return segments;
}

function textNodesOf(root: Node): Text[] {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

describe('the two-pass scan of a root', () => {
  it('finds what reading every block whole finds, and watches every hidden element that may hold a mention', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 6 }), (trees) => {
        document.body.replaceChildren();
        build(document.body, trees);
        const textNodes = textNodesOf(document.body);
        const { segments, hidden } = scanTwoPasses(document.body);
        expect(mentionsOf(segments, textNodes)).toEqual(mentionsOf(readEveryBlock(document.body), textNodes));
        // A hidden element whose text, shown, holds a mention (read plainly, not as prose) is watched, or one inside it is.
        for (const element of document.body.querySelectorAll('[hidden]')) {
          if (element.parentElement?.closest('[hidden],script') || element.localName === 'script') continue;
          if (matcher.find(element.textContent ?? '').length === 0) continue;
          expect(
            [...hidden].some((watched) => element.contains(watched)),
            element.outerHTML,
          ).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('watches a hidden element whose mention is split across its text nodes', () => {
    document.body.innerHTML = '<p>Before.</p><p hidden>Apple <em>Intelligence</em></p>';
    const { segments, hidden } = scanTwoPasses(document.body);
    expect(segments).toEqual([]);
    expect([...hidden].map((element) => element.outerHTML)).toEqual(['<p hidden="">Apple <em>Intelligence</em></p>']);
  });

  it("does not read a long script's text, which the reading of prose steps over, where no mention is under way", () => {
    // Were the script's text read, the sieve would let it through for its alias, and the hidden
    // element around it would be watched (as a short script's is): showing it shows no prose.
    document.body.innerHTML = `<p>Before.</p><div hidden><script>${LONG_FILLER}Alibaba</script></div><div hidden><script>Alibaba</script></div>`;
    const [longScript, shortScript] = document.body.querySelectorAll('div');
    const { segments, hidden } = scanTwoPasses(document.body);
    expect(segments).toEqual([]);
    expect(hidden.has(longScript!)).toBe(false);
    expect(hidden.has(shortScript!)).toBe(true);
  });
});
