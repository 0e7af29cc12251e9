/**
 * Finds every mention of every alias in a text in one pass (DESIGN.md "Matching semantics"):
 * - all aliases at once (an Aho–Corasick automaton), overlaps resolved leftmost, then longest;
 * - any run of white space in the text matches one space in an alias;
 * - case-insensitive unless an alias is marked case-sensitive;
 * - an alias edge that is a letter or digit must not touch another letter or digit, except that
 *   CJK characters never count as touching (Chinese puts no spaces around English names).
 * Pure: no DOM, no browser API. Offsets are UTF-16 indices into the text given.
 */

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
}

export function compileMatcher(aliases: readonly AliasSpec[]): Matcher {
  const patterns = aliases.map(toPattern).filter((p) => p.folded.length > 0);
  const automaton = buildAutomaton(patterns);
  return { find: (text) => findMatches(text, patterns, automaton) };
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
 * The automaton over folded UTF-16 code units. Transitions live in one Map keyed by
 * `state * 65536 + unit`; `output[state]` lists the patterns ending there, fail links included.
 */
interface Automaton {
  next: Map<number, number>;
  fail: Int32Array;
  output: number[][];
  /** Units that start some pattern: everything else keeps the root state without a lookup. */
  startsPattern: Uint8Array;
  longest: number;
}

function buildAutomaton(patterns: readonly Pattern[]): Automaton {
  const next = new Map<number, number>();
  const outputs: number[][] = [[]];
  const startsPattern = new Uint8Array(65536);
  let longest = 0;
  patterns.forEach((pattern, index) => {
    let state = 0;
    for (let i = 0; i < pattern.folded.length; i++) {
      const key = state * 65536 + pattern.folded.charCodeAt(i);
      let target = next.get(key);
      if (target === undefined) {
        target = outputs.length;
        outputs.push([]);
        next.set(key, target);
      }
      state = target;
    }
    outputs[state]!.push(index);
    startsPattern[pattern.folded.charCodeAt(0)] = 1;
    longest = Math.max(longest, pattern.folded.length);
  });
  const fail = computeFailLinks(next, outputs);
  return { next, fail, output: outputs, startsPattern, longest };
}

/** Breadth-first, so that a state's fail target is final before its children need it. */
function computeFailLinks(next: Map<number, number>, outputs: number[][]): Int32Array {
  const children: Array<Array<[number, number]>> = outputs.map(() => []);
  for (const [key, target] of next) children[Math.floor(key / 65536)]!.push([key % 65536, target]);
  const fail = new Int32Array(outputs.length);
  const queue: number[] = children[0]!.map(([, target]) => target);
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    for (const [unit, child] of children[state]!) {
      let f = fail[state]!;
      while (f !== 0 && !next.has(f * 65536 + unit)) f = fail[f]!;
      const target = next.get(f * 65536 + unit);
      fail[child] = target !== undefined && target !== child ? target : 0;
      outputs[child]!.push(...outputs[fail[child]!]!);
      queue.push(child);
    }
  }
  return fail;
}

function findMatches(text: string, patterns: readonly Pattern[], automaton: Automaton): Match[] {
  const { next, fail, output, startsPattern, longest } = automaton;
  if (longest === 0) return [];
  // The original index of each recent folded unit; a ring as long as the longest pattern is enough.
  const ringSize = longest + 1;
  const originOf = new Int32Array(ringSize);
  const candidates: Match[] = [];
  let state = 0;
  let folded = 0;
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    let unit = text.charCodeAt(i);
    if (isSpaceUnit(unit)) {
      if (inSpace) continue;
      inSpace = true;
      unit = 32;
    } else {
      inSpace = false;
      unit = foldUnit(unit);
    }
    originOf[folded % ringSize] = i;
    folded++;
    if (state === 0 && startsPattern[unit] === 0) continue;
    let target = next.get(state * 65536 + unit);
    while (target === undefined && state !== 0) {
      state = fail[state]!;
      target = next.get(state * 65536 + unit);
    }
    state = target ?? 0;
    for (const index of output[state]!) {
      const pattern = patterns[index]!;
      const start = originOf[(folded - pattern.folded.length) % ringSize]!;
      if (accepts(text, start, i + 1, pattern)) candidates.push({ start, end: i + 1, topicId: pattern.topicId });
    }
  }
  return leftmostLongest(candidates);
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

function collapseSpaces(text: string): string {
  let out = '';
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (isSpaceUnit(unit)) {
      if (!inSpace) out += ' ';
      inSpace = true;
    } else {
      out += text[i];
      inSpace = false;
    }
  }
  return out;
}

function foldString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldUnit(text.charCodeAt(i)));
  return out;
}
