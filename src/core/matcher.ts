/**
 * Finds every mention of every alias in a text in one pass (docs/ARCHITECTURE.md, "Matching semantics"):
 * - all aliases at once (an Aho–Corasick automaton), overlaps resolved leftmost, then longest;
 * - any run of white space in the text matches one space in an alias;
 * - case-insensitive unless an alias is marked case-sensitive;
 * - an alias edge that is a letter or digit must not touch another letter or digit, except that
 *   CJK characters never count as touching (Chinese puts no spaces around English names).
 * Pure: no DOM, no browser API. Offsets are UTF-16 indices into the text given.
 */

import { buildPrefilter } from './prefilter';
import { foldUnit, isSpaceUnit, isWordEdge, needsWordBoundary } from './text-rules';

export interface AliasSpec {
  text: string;
  topicId: string;
  caseSensitive?: boolean;
}

export interface Match {
  start: number;
  end: number;
  topicId: string;
}

export interface Matcher {
  find(text: string): Match[];
  /**
   * The quick pass: whether a text may hold a match, read a piece at a time with `progress`
   * carried from one piece to the next. It builds nothing, so a page's text can be ruled out
   * without joining its pieces. `progress.reached` says an alias's letters were seen; only `find`
   * says whether they make a mention (word edges, case).
   */
  readPiece(piece: string, progress: MatchProgress): void;
}

/** How far `readPiece` has read one text; each text starts from `startProgress()`. */
export interface MatchProgress {
  state: number;
  reached: boolean;
}

export const startProgress = (): MatchProgress => ({ state: 0, reached: false });

export function compileMatcher(aliases: readonly AliasSpec[]): Matcher {
  const patterns = aliases.map(toPattern).filter((p) => p.folded.length > 0);
  const automaton = buildAutomaton(patterns);
  const prefilter = buildPrefilter(patterns.map((pattern) => pattern.folded));
  return {
    find: (text) => findMatches(text, patterns, automaton),
    readPiece: (piece, progress) => readPiece(piece, progress, automaton, prefilter),
  };
}

/** An alias prepared for matching: white space collapsed, case folded, edge rules decided once. */
interface Pattern {
  folded: string;
  exact: string;
  topicId: string;
  caseSensitive: boolean;
  boundaryBefore: boolean;
  boundaryAfter: boolean;
}

function toPattern(alias: AliasSpec): Pattern {
  const exact = collapseSpaces(alias.text.trim());
  const first = exact.codePointAt(0) ?? 0;
  const last = exact.codePointAt(exact.length - (isLowSurrogateAt(exact, exact.length - 1) ? 2 : 1)) ?? 0;
  return {
    folded: foldString(exact),
    exact,
    topicId: alias.topicId,
    caseSensitive: alias.caseSensitive === true,
    boundaryBefore: needsWordBoundary(first),
    boundaryAfter: needsWordBoundary(last),
  };
}

/**
 * A deterministic Aho–Corasick automaton: every fail link is followed in advance, so each unit of
 * text costs one table lookup, whatever the number of aliases. Its alphabet is *classes* of text
 * units rather than the units themselves: class 0 is every unit no alias contains (it always leads
 * back to the root), class 1 is white space, and each other folded unit the aliases use has a class.
 * A run of white space reads as one space because the automaton says so: a space read right after
 * a space leaves the state as it is.
 */
interface Automaton {
  /** `delta[state * classCount + unitClass]`: the state after reading a unit of that class. */
  delta: Uint16Array | Int32Array;
  classCount: number;
  /** The class of every UTF-16 unit of text, learnt on first sight (`UNLEARNT` until then). */
  classOf: Uint16Array;
  classOfFolded: Map<number, number>;
  /** Whether some pattern ends in a state: most states end none, and this is the one check per unit. */
  final: Uint8Array;
  /** The first pattern whose text ends exactly in a state (-1: none); `samePattern` leads to the next one. */
  endsHere: Int32Array;
  /** For each pattern, the next one with the same folded text (-1: none), in the aliases' order. */
  samePattern: Int32Array;
  /** The nearest state down the fail chain where a pattern ends (0: none): the shorter patterns that end here too. */
  outputLink: Int32Array;
}

const OTHER_CLASS = 0;
const SPACE_CLASS = 1;
const UNLEARNT = 0xffff;

function buildAutomaton(patterns: readonly Pattern[]): Automaton {
  const classOfFolded = new Map<number, number>([[32, SPACE_CLASS]]);
  let stateBound = 1;
  for (const pattern of patterns) {
    for (let i = 0; i < pattern.folded.length; i++) {
      const unit = pattern.folded.charCodeAt(i);
      if (!classOfFolded.has(unit)) classOfFolded.set(unit, classOfFolded.size + 1);
    }
    stateBound += pattern.folded.length;
  }
  const classCount = classOfFolded.size + 1;
  // The trie first: while it is built, 0 in `delta` means "no child" (the root is nobody's child).
  const delta = stateBound <= 0xffff ? new Uint16Array(stateBound * classCount) : new Int32Array(stateBound * classCount);
  const endState = new Int32Array(patterns.length);
  let states = 1;
  patterns.forEach((pattern, index) => {
    let state = 0;
    for (let i = 0; i < pattern.folded.length; i++) {
      const slot = state * classCount + classOfFolded.get(pattern.folded.charCodeAt(i))!;
      if (delta[slot] === 0) delta[slot] = states++;
      state = delta[slot]!;
    }
    endState[index] = state;
  });
  const endsHere = new Int32Array(states).fill(-1);
  const samePattern = new Int32Array(patterns.length);
  for (let index = patterns.length - 1; index >= 0; index--) {
    samePattern[index] = endsHere[endState[index]!]!;
    endsHere[endState[index]!] = index;
  }
  const afterSpace = statesEnteredBySpace(delta, classCount, states);
  const outputLink = completeTransitions(delta, classCount, states, endsHere);
  for (const state of afterSpace) delta[state * classCount + SPACE_CLASS] = state;
  const final = new Uint8Array(states);
  for (let state = 1; state < states; state++) final[state] = endsHere[state]! >= 0 || outputLink[state] !== 0 ? 1 : 0;
  const classOf = new Uint16Array(65536).fill(UNLEARNT);
  return { delta: delta.subarray(0, states * classCount), classCount, classOf, classOfFolded, final, endsHere, samePattern, outputLink };
}

/**
 * Turns the trie into the automaton, breadth first so that a state's fail state (always
 * shallower) has its row complete before the state needs it: a missing transition becomes the
 * fail state's. Returns each state's output link (see `Automaton`), found on the way.
 */
function completeTransitions(delta: Uint16Array | Int32Array, classCount: number, states: number, endsHere: Int32Array): Int32Array {
  const fail = new Int32Array(states);
  const outputLink = new Int32Array(states);
  const queue = new Int32Array(states);
  let tail = 0;
  for (let c = 0; c < classCount; c++) if (delta[c] !== 0) queue[tail++] = delta[c]!;
  for (let head = 0; head < tail; head++) {
    const state = queue[head]!;
    const row = state * classCount;
    const failRow = fail[state]! * classCount;
    for (let c = 0; c < classCount; c++) {
      const child = delta[row + c]!;
      if (child === 0) {
        delta[row + c] = delta[failRow + c]!;
        continue;
      }
      const childFail = delta[failRow + c]!;
      fail[child] = childFail;
      outputLink[child] = endsHere[childFail]! >= 0 ? childFail : outputLink[childFail]!;
      queue[tail++] = child;
    }
  }
  return outputLink;
}

/**
 * The states a space leads into: the trie's children by a space. (A state stands for the longest
 * alias beginning that ends the text read, so after a space it is one of these, or the root,
 * which a space never leaves: no alias begins with one.)
 */
function statesEnteredBySpace(trie: Uint16Array | Int32Array, classCount: number, states: number): number[] {
  const found: number[] = [];
  for (let state = 0; state < states; state++) {
    const child = trie[state * classCount + SPACE_CLASS]!;
    if (child !== 0) found.push(child);
  }
  return found;
}

function classOfUnit(automaton: Automaton, unit: number): number {
  const unitClass = isSpaceUnit(unit) ? SPACE_CLASS : (automaton.classOfFolded.get(foldUnit(unit)) ?? OTHER_CLASS);
  automaton.classOf[unit] = unitClass;
  return unitClass;
}

function findMatches(text: string, patterns: readonly Pattern[], automaton: Automaton): Match[] {
  let candidates: Match[] | undefined;
  const progress = startProgress();
  for (let last = readToFinalState(text, 0, progress, automaton); last >= 0; last = readToFinalState(text, last + 1, progress, automaton)) {
    // Every pattern that ends here: this state's own, then those of the states down its output links.
    for (let state = progress.state; state !== 0; state = automaton.outputLink[state]!) {
      for (let index = automaton.endsHere[state]!; index >= 0; index = automaton.samePattern[index]!) {
        const pattern = patterns[index]!;
        const start = startOfMatch(text, last, pattern.folded.length);
        if (accepts(text, start, last + 1, pattern)) (candidates ??= []).push({ start, end: last + 1, topicId: pattern.topicId });
      }
    }
  }
  return candidates ? leftmostLongest(candidates) : [];
}

/**
 * The quick pass: once an alias's letters were seen, the rest of the text does not matter. A
 * piece read from the root that the prefilter rules out leaves the automaton at the root, so the
 * engine's own regular expression reads it instead of this file's loop.
 */
function readPiece(piece: string, progress: MatchProgress, automaton: Automaton, prefilter: RegExp | undefined): void {
  if (progress.reached) return;
  if (progress.state === 0 && prefilter !== undefined && !prefilter.test(piece)) return;
  if (readToFinalState(piece, 0, progress, automaton) >= 0) progress.reached = true;
}

/**
 * Runs the automaton over `text` from `from`, starting in `progress.state`, until it enters a
 * state where some alias ends: returns the index of the unit that led there, or -1 at the end of
 * the text. The one loop that reads every unit of a page, so it is kept this tight.
 */
function readToFinalState(text: string, from: number, progress: MatchProgress, automaton: Automaton): number {
  const { delta, classCount, classOf, final } = automaton;
  let state = progress.state;
  for (let i = from; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let unitClass = classOf[unit]!;
    if (unitClass === UNLEARNT) unitClass = classOfUnit(automaton, unit);
    state = delta[state * classCount + unitClass]!;
    if (final[state] !== 0) {
      progress.state = state;
      return i;
    }
  }
  progress.state = state;
  return -1;
}

/**
 * Where a match of `length` folded units that ends with the unit at `last` begins, counting a
 * run of white space as one unit. Matches are rare, so this walk back costs less than keeping
 * every unit's origin on the way.
 */
function startOfMatch(text: string, last: number, length: number): number {
  let start = last;
  for (let step = 1; step < length; step++) {
    start--;
    if (isSpaceUnit(text.charCodeAt(start))) while (start > 0 && isSpaceUnit(text.charCodeAt(start - 1))) start--;
  }
  return start;
}

function accepts(text: string, start: number, end: number, pattern: Pattern): boolean {
  if (pattern.boundaryBefore && isWordEdge(codePointBefore(text, start))) return false;
  if (pattern.boundaryAfter && isWordEdge(text.codePointAt(end) ?? 0)) return false;
  return !pattern.caseSensitive || collapseSpaces(text.slice(start, end)) === pattern.exact;
}

/** Sorted by start, then longest first; each kept match excludes every candidate that overlaps it. */
function leftmostLongest(candidates: Match[]): Match[] {
  if (candidates.length < 2) return candidates;
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Match[] = [];
  let reached = -1;
  for (const candidate of candidates) {
    if (candidate.start < reached) continue;
    kept.push(candidate);
    reached = candidate.end;
  }
  return kept;
}

function codePointBefore(text: string, index: number): number {
  if (index <= 0) return 0;
  const unit = text.charCodeAt(index - 1);
  if (unit >= 0xdc00 && unit <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(index - 2) ?? unit;
  }
  return unit;
}

function isLowSurrogateAt(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  return unit >= 0xdc00 && unit <= 0xdfff && index > 0;
}

/** Each run of white space as one space (`\s` is exactly `isSpaceUnit`; a unit test holds them together). */
function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function foldString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldUnit(text.charCodeAt(i)));
  return out;
}
