/**
 * The `::highlight()` rules for the reader's highlight settings. Shared by the content script and
 * the options page's live preview, so the preview is exactly what pages show. Only colour,
 * background-color, text-decoration and text-shadow work in `::highlight()`.
 */
import type { Settings } from './settings';

export const MENTION_HIGHLIGHT = 'context-cards-mention';
export const ACTIVE_HIGHLIGHT = 'context-cards-active';

/**
 * `originating`: the selector of the elements the rules are given to; by default every element.
 * Where highlight pseudos inherit from the parent element's, `:root` alone reaches every text, and
 * adding the rules restyles the document in less time (content/browser-quirks.ts).
 */
export function highlightCss({ style, colour }: Settings['highlight'], originating = ''): string {
  // A translucent tint keeps the page's own text colour readable on light and dark pages alike.
  const tint = `color-mix(in srgb, ${colour} 35%, transparent)`;
  const strong = `color-mix(in srgb, ${colour} 60%, transparent)`;
  const underline = `text-decoration-line: underline; text-decoration-color: ${colour}; text-decoration-thickness: 2px;`;
  const mention = style === 'background' ? `background-color: ${tint}; ${underline}` : style === 'underline' ? underline : '';
  // Forced colours (Windows High Contrast) would drop the reader's colour: system colours there,
  // a mention marked as the system marks text, the open card's mention as the system selects it.
  const forcedMention = style === 'none' ? '' : 'background-color: Mark; color: MarkText;';
  const mentions = `${originating}::highlight(${MENTION_HIGHLIGHT})`;
  const active = `${originating}::highlight(${ACTIVE_HIGHLIGHT})`;
  return `${mentions} { ${mention} }
${active} { background-color: ${strong}; ${underline} }
@media (forced-colors: active) {
  ${mentions} { ${forcedMention} }
  ${active} { background-color: Highlight; color: HighlightText; }
}`;
}
