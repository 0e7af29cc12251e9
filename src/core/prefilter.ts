/**
 * The matcher's native prefilter: one RegExp that rules out, in the engine's own code, the text the
 * automaton need not read — the sieve's quick test of every text node (sieve.ts) and the quick pass
 * over a block's pieces (matcher.ts, `readPiece`). Built from the aliases as the
 * automaton has them: white space collapsed to one space, each unit folded by `foldUnit`.
 */

/**
 * Up to this many aliases the native RegExp reads a page's pieces faster than the automaton (the
 * bundled pack's 8: half the scan of the largest saved page, measured here); with 200 it is twice
 * as slow, its alternation trying too many of them at each character. Between the two, unmeasured.
 */
const PREFILTER_MAX_ALIASES = 64;

/**
 * A native RegExp that matches every piece of text after which the automaton, started from the
 * root, is anywhere but at the root: a piece that holds an alias (its first group then holds what
 * it took for one), or that ends with the beginning of one (the match is then that end). It may
 * match more (it is only ever a reason to read the piece with the automaton) but never less:
 * - a space of an alias is `\s+`, and `\s` is exactly the automaton's white space;
 * - case is ignored by Unicode simple case folding (the `iu` flags), under which every unit
 *   equals its lower case whenever `foldUnit` lowers it (checked unit by unit in
 *   tests/unit/matcher.test.ts, and in each browser in tests/browser/extension.test.ts), so it is never stricter than the automaton's folding, which
 *   leaves units such as `İ` alone that case folding joins to others;
 * - case-sensitive aliases are matched without case too, and word edges are not looked at.
 */
export function buildPrefilter(texts: readonly string[]): RegExp | undefined {
  if (texts.length === 0 || texts.length > PREFILTER_MAX_ALIASES) return undefined;
  // With the `u` flag a RegExp reads a surrogate pair as one character, so half of one, which the
  // automaton carries into the next piece, would be ruled out: such aliases go without a prefilter.
  if (texts.some((text) => /[\ud800-\udfff]/.test(text))) return undefined;
  return new RegExp(`(${trieSource(texts, false)})|(?:${trieSource(texts, true)})$`, 'iu');
}

/**
 * The texts as one alternation shaped like their trie, so that the engine tries each character
 * once however many aliases share a beginning: `a(?:p(?:p(?:l(?:e))?)|l)` for "app", "apple" and "al". With
 * `everyBeginning`, each of their non-empty beginnings too: `a(?:p(?:p)?|l)?` for "app" and "al".
 */
function trieSource(texts: readonly string[], everyBeginning: boolean): string {
  const byFirst = new Map<string, string[]>();
  for (const text of texts) {
    const rests = byFirst.get(text[0]!);
    if (rests) rests.push(text.slice(1));
    else byFirst.set(text[0]!, [text.slice(1)]);
  }
  return [...byFirst]
    .map(([first, rests]) => {
      const longer = rests.filter((rest) => rest.length > 0);
      if (longer.length === 0) return unitSource(first);
      const mayEndHere = everyBeginning || longer.length < rests.length;
      return `${unitSource(first)}(?:${trieSource(longer, everyBeginning)})${mayEndHere ? '?' : ''}`;
    })
    .join('|');
}

/** One folded unit as RegExp source: letters and digits as they are, the space as a run of white space, anything else escaped. */
function unitSource(unit: string): string {
  if (unit === ' ') return '\\s+';
  if (/^[a-z0-9]$/.test(unit)) return unit;
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
