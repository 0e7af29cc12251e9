/**
 * Where Chrome and Firefox differ for the content script, in one place. Each entry says which
 * browser needs it and links the bug or the platform fact (docs/ARCHITECTURE.md, "Platform facts").
 */

/**
 * Whether the page this content script belongs to is gone: its tab closed, or it was navigated
 * away from. Firefox may still run a content script (injected at document_idle) and its promise
 * callbacks in such a window, where `setTimeout` throws NS_ERROR_NOT_INITIALIZED and extension
 * APIs fail with "An unexpected error occurred" (seen in Firefox ESR 153; Chrome runs nothing
 * there). Going away is normal: what notices it ends quietly.
 */
export function isPageGone(): boolean {
  return window.closed || document.defaultView === null;
}

/**
 * The text node and offset under a point, looking inside the open shadow roots given.
 * `caretPositionFromPoint` with `shadowRoots` is Chrome 128+ and Firefox 150+ (without the option,
 * Chrome returns the host for text in a shadow root); Chrome before 128 only has `caretRangeFromPoint`
 * (https://developer.mozilla.org/docs/Web/API/Document/caretPositionFromPoint#browser_compatibility).
 */
export function caretFromPoint(x: number, y: number, shadowRoots: ShadowRoot[]): { node: Node; offset: number } | undefined {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number, options?: { shadowRoots: ShadowRoot[] }) => CaretPosition | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (typeof doc.caretPositionFromPoint === 'function') {
    const position = doc.caretPositionFromPoint(x, y, { shadowRoots });
    return position ? { node: position.offsetNode, offset: position.offset } : undefined;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

/**
 * The elements of the document that our `::highlight()` rules are given to (see highlightCss).
 * Adding the rules restyles the whole document, the one long task a very long article had left.
 * In Chromium a highlight pseudo inherits from the parent element's (the CSS highlight inheritance
 * model, which `::highlight()` has had since it shipped in Chrome 105:
 * https://developer.chrome.com/blog/selection-styling), so rules on the root alone reach every
 * text, and the restyle takes 24–30 ms instead of 36–59 ms on the 5 MB benchmark article
 * (measured here). Firefox does not inherit them
 * (https://bugzilla.mozilla.org/show_bug.cgi?id=1703963): there every element gets the rules.
 */
export const HIGHLIGHT_RULES_ON = BUILD_TARGET === 'firefox' ? '' : ':root';

/**
 * Adds a stylesheet of ours to a document or shadow root, after the page's own.
 * Firefox content scripts see the page's `adoptedStyleSheets` through an Xray wrapper, where
 * assigning an array made in the content script's compartment has been seen to fail
 * (https://github.com/fishjar/kiss-translator/pull/918); the live array's `push` works in both
 * browsers (checked here: Chromium 156, Firefox ESR 153), so it goes first.
 */
export function adoptStyleSheet(target: Document | ShadowRoot, sheet: CSSStyleSheet): void {
  const sheets = target.adoptedStyleSheets;
  if (sheets.includes(sheet)) return;
  try {
    sheets.push(sheet);
  } catch {
    target.adoptedStyleSheets = [...sheets, sheet];
  }
}

export function dropStyleSheet(target: Document | ShadowRoot, sheet: CSSStyleSheet): void {
  const sheets = target.adoptedStyleSheets;
  const index = sheets.indexOf(sheet);
  if (index < 0) return;
  try {
    sheets.splice(index, 1);
  } catch {
    target.adoptedStyleSheets = sheets.filter((s) => s !== sheet);
  }
}
