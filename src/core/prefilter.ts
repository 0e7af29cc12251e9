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
 * Where an alias that needs a word edge before it may begin: not right after an ASCII letter or
 * digit, which always glues (text-rules.ts, `isWordEdge`). Under the `i` flag the class also
 * takes the two units that case-fold into it, the Kelvin sign and the long s; both are letters,
 * which glue too (checked for every code point in tests/unit/matcher.test.ts, and in each
 * browser). Other letters are left to the automaton: this need only never rule out a place where a
 * mention may begin, and the Unicode classes `isWordEdge` uses would cost every page about 2 ms to
 * compile under case folding.
 */
export const NOT_AFTER_ASCII_LETTER_OR_DIGIT = '(?<![0-9A-Za-z])';

/**
 * The units, besides an ASCII letter's own two cases, that `foldUnit` folds into it: the Kelvin
 * sign, whose lower case is k. (Every unit is checked against this in tests/unit/matcher.test.ts,
 * and in each browser.)
 */
export const ALSO_FOLDED_INTO: Readonly<Record<string, string>> = { k: '\u212a' };

/** An alias as the automaton has it, and whether a letter or digit before it would glue it into a longer word. */
export interface PrefilterAlias {
  folded: string;
  boundaryBefore: boolean;
}

/**
 * A native RegExp that matches every piece of text after which the automaton, started from the
 * root, may be on its way to a mention: a piece that holds an alias (its first group then holds what it took for one), or that ends with the beginning of one
 * where a mention may begin (the match is then that end). It may match more (it is only ever a
 * reason to read the piece with the automaton) but never less:
 * - a space of an alias is `\s+`, and `\s` is exactly the automaton's white space;
 * - case: where the aliases' only letters with case are ASCII ones (the bundled pack's), each
 *   letter is spelt out as every unit `foldUnit` folds into it (`[aA]`, `[kK\u212a]`), and a unit
 *   that has no upper case is one no other unit folds into (checked for every unit in
 *   tests/unit/matcher.test.ts, and in each browser in tests/browser/extension.test.ts). Other
 *   aliases have case ignored by Unicode simple case folding (the `i` flag), under which every
 *   unit equals its lower case whenever `foldUnit` lowers it (checked in the same two tests), so it
 *   is never stricter than the automaton's folding, which leaves units such as `İ` alone that case
 *   folding joins to others. The `i` flag is kept for those aliases only, because it costs more to
 *   compile: the bundled pack's RegExp took Chromium 1.2–3.5 ms on a page's first scan with it,
 *   0.8–1.1 ms without. The `u` flag goes with it, as case folding needs it; without it the
 *   RegExp reads UTF-16 units as the automaton does (its source spells each unit out), and in
 *   Chromium it tests a page's text nodes about a tenth faster (1.27 against 1.36 ms on
 *   wikipedia-2.html, 0.68 against 0.77 on archive-of-our-own.html, measured here);
 * - an end that begins an alias right after an ASCII letter or digit ("dat|a", "vi|a") is not one:
 *   no mention can begin there (see `NOT_AFTER_ASCII_LETTER_OR_DIGIT`). It is the one word edge looked at,
 *   because most text nodes that end with an alias's beginning end so inside a word. Its state is
 *   left behind: carried on, it could only ever reach an alias glued to a word. A piece's first
 *   character is never taken as glued, since what comes before it is in another piece;
 * - case-sensitive aliases are matched without case too, and the other word edges are not looked at.
 */
export function buildPrefilter(aliases: readonly PrefilterAlias[]): RegExp | undefined {
  const texts = aliases.map((alias) => alias.folded);
  if (texts.length === 0 || texts.length > PREFILTER_MAX_ALIASES) return undefined;
  // With the `u` flag (case folding needs it) a RegExp reads a surrogate pair as one character, so
  // half of one, which the automaton carries into the next piece, would be ruled out: such aliases
  // go without a prefilter, under either flag, so that one rule covers both.
  if (texts.some((text) => /[\ud800-\udfff]/.test(text))) return undefined;
  // A first unit shared by an alias that may touch a word (one that begins with a CJK character or a sign) is never guarded.
  const mayTouchWord = new Set(aliases.filter((alias) => !alias.boundaryBefore).map((alias) => alias.folded[0]));
  const guardOf = (first: string) => (mayTouchWord.has(first) ? '' : NOT_AFTER_ASCII_LETTER_OR_DIGIT);
  const caseFolding = texts.some(hasNonAsciiCase);
  const unit = (folded: string) => unitSource(folded, caseFolding);
  return new RegExp(`(${trieSource(texts, false, unit)})|(?:${trieSource(texts, true, unit, guardOf)})$`, caseFolding ? 'iu' : '');
}

/** Whether a folded text holds a unit beyond ASCII that has an upper case, so that other units may fold into it. */
function hasNonAsciiCase(text: string): boolean {
  for (const char of text) if (char.charCodeAt(0) >= 0x80 && char.toUpperCase() !== char) return true;
  return false;
}

/**
 * The texts as one alternation shaped like their trie, so that the engine tries each character
 * once however many aliases share a beginning: `a(?:p(?:p(?:l(?:e))?)|l)` for "app", "apple" and "al". With
 * `everyBeginning`, each of their non-empty beginnings too: `a(?:p(?:p)?|l)?` for "app" and "al".
 * `unit` spells out one unit; `guardOf` gives what goes before the branch of each first unit.
 */
function trieSource(
  texts: readonly string[],
  everyBeginning: boolean,
  unit: (folded: string) => string,
  guardOf: (first: string) => string = () => '',
): string {
  const byFirst = new Map<string, string[]>();
  for (const text of texts) {
    const rests = byFirst.get(text[0]!);
    if (rests) rests.push(text.slice(1));
    else byFirst.set(text[0]!, [text.slice(1)]);
  }
  return [...byFirst]
    .map(([first, rests]) => {
      const longer = rests.filter((rest) => rest.length > 0);
      const guard = guardOf(first);
      if (longer.length === 0) return guard + unit(first);
      const mayEndHere = everyBeginning || longer.length < rests.length;
      return `${guard}${unit(first)}(?:${trieSource(longer, everyBeginning, unit)})${mayEndHere ? '?' : ''}`;
    })
    .join('|');
}

/**
 * One folded unit as RegExp source: the space as a run of white space; without `caseFolding`, an
 * ASCII letter as every unit that folds into it; other letters and digits as they are, anything
 * else escaped.
 */
function unitSource(unit: string, caseFolding: boolean): string {
  if (unit === ' ') return '\\s+';
  if (!caseFolding && /^[a-z]$/.test(unit)) return `[${unit}${unit.toUpperCase()}${ALSO_FOLDED_INTO[unit] ?? ''}]`;
  if (/^[a-z0-9]$/.test(unit)) return unit;
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
