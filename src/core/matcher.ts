/**
 * Finds every mention of every alias in a text in one pass (docs/ARCHITECTURE.md, "Matching semantics"):
 * - all aliases at once (an Aho–Corasick automaton), overlaps resolved leftmost, then longest;
 * - any run of white space in the text matches one space in an alias;
 * - case-insensitive unless an alias is marked case-sensitive;
 * - an alias edge that is a letter or digit must not touch another letter or digit, except that
 *   CJK characters never count as touching (Chinese puts no spaces around English names).
 * The automaton that reads the text is automaton.ts; this file prepares the aliases for it and
 * decides which of the texts it finds are mentions.
 * Pure: no DOM, no browser API. Offsets are UTF-16 indices into the text given.
 */

import {
  allWithin,
  buildAutomaton,
  fromAutomatonData,
  readToFinalState,
  ROOT,
  toAutomatonData,
  type Automaton,
  type AutomatonData,
} from './automaton';
import { buildPrefilter } from './prefilter';
import { Sieve } from './sieve';
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
   * without joining its pieces. `progress.reached` says an alias's letters were seen (not after an
   * ASCII letter or digit glued to them, prefilter.ts); only `find` says whether they make a mention
   * (word edges, case). It is never false where `find` finds one.
   */
  readPiece(piece: string, progress: MatchProgress): void;
  /** A sieve for one walk over a root's text nodes (sieve.ts): which of them may hold part of a mention. */
  sieve(): Sieve;
}

/** How far `readPiece` has read one text; each text starts from `startProgress()`. */
export interface MatchProgress {
  state: number;
  reached: boolean;
}

export const startProgress = (): MatchProgress => ({ state: 0, reached: false });

export function compileMatcher(aliases: readonly AliasSpec[]): Matcher {
  const patterns = preparePatterns(aliases);
  return matcherOf(patterns, buildAutomaton(patterns.map((pattern) => pattern.folded)), buildPrefilter(patterns));
}

/**
 * The aliases compiled, as plain data that an extension message can carry. Compiling is mostly
 * the engine setting up the code that compiles, which a page pays for afresh (3–7 ms cold in
 * Chromium for the bundled pack, measured here); so the background compiles the aliases once and
 * hands this to each page, which only copies the tables (`matcherFrom`).
 */
export interface CompiledAliases {
  patterns: Pattern[];
  automaton: AutomatonData;
  /** The prefilter RegExp's source and flags; null where there is none (prefilter.ts). */
  prefilter: { source: string; flags: string } | null;
}

/**
 * Up to this many transitions, compiled aliases are worth handing over: the bundled pack's have
 * about 1,100 (5 KB of JSON). 5,000 aliases have millions, more to send and copy than to compile.
 */
const MAX_HANDED_TRANSITIONS = 65_536;

/** The aliases compiled as data; null where there are too many to be worth a message (the page then compiles them itself). */
export function compileAliases(aliases: readonly AliasSpec[]): CompiledAliases | null {
  const patterns = preparePatterns(aliases);
  const automaton = buildAutomaton(patterns.map((pattern) => pattern.folded));
  if (automaton.delta.length > MAX_HANDED_TRANSITIONS) return null;
  const prefilter = buildPrefilter(patterns);
  return {
    patterns,
    automaton: toAutomatonData(automaton),
    prefilter: prefilter ? { source: prefilter.source, flags: prefilter.flags } : null,
  };
}

/** The matcher `compileAliases` made the data of: the same as `compileMatcher` of the same aliases. */
export function matcherFrom(compiled: CompiledAliases): Matcher {
  const { patterns, automaton, prefilter } = compiled;
  const aliasIndicesFit = allWithin(automaton.endsHere, -1, patterns.length) && allWithin(automaton.sameText, -1, patterns.length);
  if (automaton.sameText.length !== patterns.length || !aliasIndicesFit)
    throw new Error(`The compiled aliases do not fit together: the automaton's ends are not those of the ${patterns.length} aliases.`);
  return matcherOf(patterns, fromAutomatonData(automaton), prefilter ? new RegExp(prefilter.source, prefilter.flags) : undefined);
}

function matcherOf(patterns: readonly Pattern[], automaton: Automaton, prefilter: RegExp | undefined): Matcher {
  return {
    find: (text) => findMatches(text, patterns, automaton),
    readPiece: (piece, progress) => readPiece(piece, progress, automaton, prefilter),
    sieve: () => new Sieve(automaton, prefilter),
  };
}

function preparePatterns(aliases: readonly AliasSpec[]): Pattern[] {
  return aliases.map(toPattern).filter((p) => p.folded.length > 0);
}

/** An alias prepared for matching: white space collapsed, case folded, edge rules decided once. */
export interface Pattern {
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

function findMatches(text: string, patterns: readonly Pattern[], automaton: Automaton): Match[] {
  let candidates: Match[] | undefined;
  const progress = startProgress();
  for (let last = readToFinalState(automaton, text, 0, progress); last >= 0; last = readToFinalState(automaton, text, last + 1, progress)) {
    // Every pattern that ends here: this state's own, then those of the states down its output links.
    for (let state = progress.state; state !== ROOT; state = automaton.outputLink[state]!) {
      for (let index = automaton.endsHere[state]!; index >= 0; index = automaton.sameText[index]!) {
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
 * piece read from the root that the prefilter rules out leaves nothing a mention could come of
 * (the automaton at the root, or only on its way to an alias glued to a word), so the engine's own
 * regular expression reads it instead of this file's loop.
 */
function readPiece(piece: string, progress: MatchProgress, automaton: Automaton, prefilter: RegExp | undefined): void {
  if (progress.reached) return;
  if (progress.state === ROOT && prefilter !== undefined && !prefilter.test(piece)) return;
  if (readToFinalState(automaton, piece, 0, progress) >= 0) progress.reached = true;
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
