/** A short piece of the sentence around a mention, for the popup's list of mentions. */
import { blockAround } from './scan/text-walker';
import { mentionText, type Mention } from './mentions';

const CONTEXT_CHARS = 50;

export function snippetOf(mention: Mention): { before: string; text: string; after: string } {
  const first = mention.ranges[0]!;
  const last = mention.ranges[mention.ranges.length - 1]!;
  const block = blockAround(first.startContainer);
  const range = document.createRange();
  range.selectNodeContents(block);
  try {
    range.setEnd(first.startContainer, first.startOffset);
    const before = range.toString();
    range.setStart(first.startContainer, first.startOffset);
    range.setEnd(last.endContainer, last.endOffset);
    const text = range.toString();
    range.setStart(last.endContainer, last.endOffset);
    range.setEndAfter(block.lastChild ?? block);
    const after = range.toString();
    return { before: clip(tidy(before).trimStart(), 'end'), text: tidy(text), after: clip(tidy(after).trimEnd(), 'start') };
  } catch {
    return { before: '', text: mentionText(mention), after: '' };
  }
}

/** Keeps the end (or the start) of a long text, marking what was cut with an ellipsis. */
function clip(text: string, keep: 'start' | 'end'): string {
  if (text.length <= CONTEXT_CHARS) return text;
  return keep === 'end' ? `…${text.slice(-CONTEXT_CHARS).trimStart()}` : `${text.slice(0, CONTEXT_CHARS).trimEnd()}…`;
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ');
}
