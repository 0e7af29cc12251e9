/**
 * The `::highlight()` rules for the reader's highlight settings. Shared by the content script and
 * the options page's live preview, so the preview is exactly what pages show. Only colour,
 * background-color, text-decoration and text-shadow work in `::highlight()`.
 */
import type { Settings } from './settings';

export const MENTION_HIGHLIGHT = 'context-cards-mention';
export const ACTIVE_HIGHLIGHT = 'context-cards-active';

export function highlightCss({ style, colour }: Settings['highlight']): string {
  // A translucent tint keeps the page's own text colour readable on light and dark pages alike.
  const tint = `color-mix(in srgb, ${colour} 35%, transparent)`;
  const strong = `color-mix(in srgb, ${colour} 60%, transparent)`;
  const underline = `text-decoration-line: underline; text-decoration-color: ${colour}; text-decoration-thickness: 2px;`;
  const mention = style === 'background' ? `background-color: ${tint}; ${underline}` : style === 'underline' ? underline : '';
  // Forced colours (Windows High Contrast) would drop the reader's colour: system colours there,
  // a mention marked as the system marks text, the open card's mention as the system selects it.
  const forcedMention = style === 'none' ? '' : 'background-color: Mark; color: MarkText;';
  return `::highlight(${MENTION_HIGHLIGHT}) { ${mention} }
::highlight(${ACTIVE_HIGHLIGHT}) { background-color: ${strong}; ${underline} }
@media (forced-colors: active) {
  ::highlight(${MENTION_HIGHLIGHT}) { ${forcedMention} }
  ::highlight(${ACTIVE_HIGHLIGHT}) { background-color: Highlight; color: HighlightText; }
}`;
}
