/**
 * The character rules the matcher and its reference share: what is white space, how case folds,
 * and which characters make a word edge. Kept apart so a test can check the fast matcher against a
 * naive one without the two drifting apart on what a "letter" is.
 */

/** JavaScript's `\s`: ASCII white space, no-break spaces, the Unicode space separators, U+FEFF. */
export function isSpaceUnit(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  if (unit < 0xa0) return false;
  return (
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000 ||
    unit === 0xfeff
  );
}

const FOLD_UNKNOWN = 0xffff;
const foldTable = new Uint16Array(65536).fill(FOLD_UNKNOWN);

/**
 * Lower case, one UTF-16 unit at a time. A unit whose lower case is not one unit (İ → i̇) and the
 * surrogates keep their own value, so a match never changes the length of what it covers.
 */
export function foldUnit(unit: number): number {
  if (unit < 0x80) return unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit;
  let folded = foldTable[unit]!;
  if (folded === FOLD_UNKNOWN) {
    const lower = unit >= 0xd800 && unit <= 0xdfff ? '' : String.fromCharCode(unit).toLowerCase();
    folded = lower.length === 1 ? lower.charCodeAt(0) : unit;
    foldTable[unit] = folded;
  }
  return folded;
}

/** Scripts written without spaces between words: a Latin name may touch them on either side. */
const SPACELESS_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\p{Script=Hangul}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;
const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;

/**
 * The CJK Unified Ideographs block, U+4E00–U+9FFF: Han where assigned, so never a word edge, nor
 * needing one. A fast path for the characters of Chinese names and text, which spares a page the
 * Unicode classes below: compiling them took Chromium a millisecond on their first use (a unit test
 * checks the block against them).
 */
const isUnifiedIdeograph = (codePoint: number) => codePoint >= 0x4e00 && codePoint <= 0x9fff;
const isAsciiLetterOrDigit = (codePoint: number) =>
  (codePoint >= 0x30 && codePoint <= 0x39) || (codePoint >= 0x41 && codePoint <= 0x5a) || (codePoint >= 0x61 && codePoint <= 0x7a);

/** Whether an alias that begins or ends with this code point needs a word edge there. */
export function needsWordBoundary(codePoint: number): boolean {
  if (codePoint < 0x80) return isAsciiLetterOrDigit(codePoint);
  if (isUnifiedIdeograph(codePoint)) return false;
  const char = String.fromCodePoint(codePoint);
  return LETTER_OR_DIGIT.test(char) && !SPACELESS_SCRIPT.test(char);
}

/** Whether this neighbour of a mention would glue it into a longer word (`Alibabas`, `XAlibaba`). */
export function isWordEdge(codePoint: number): boolean {
  if (codePoint < 0x80) return isAsciiLetterOrDigit(codePoint);
  if (isUnifiedIdeograph(codePoint)) return false;
  const char = String.fromCodePoint(codePoint);
  return WORD_CHARACTER.test(char) && !SPACELESS_SCRIPT.test(char);
}
