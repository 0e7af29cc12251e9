/**
 * The matcher's engine: a deterministic Aho–Corasick automaton over the aliases' folded text
 * (matcher.ts prepares the aliases and decides what a match is; sieve.ts reads a page's text nodes
 * with it). Every fail link is followed in advance, so each unit of text costs one table lookup,
 * whatever the number of aliases. Pure: no DOM, no browser API.
 *
 * Its alphabet is *classes* of text units rather than the units themselves: one class for every
 * unit no alias contains (it always leads back to the root), one for white space, and one for each
 * other folded unit the aliases use. A run of white space reads as one space because the automaton
 * says so: a space read right after a space leaves the state as it is.
 */
import { foldUnit, isSpaceUnit } from './text-rules';

export interface Automaton {
  /** `delta[state * classCount + unitClass]`: the state after reading a unit of that class. */
  readonly delta: Uint16Array | Int32Array;
  readonly classCount: number;
  /**
   * The class of every UTF-16 unit of text, learnt on first sight, in pages of 256 units: a page
   * is made when the first unit of it is learnt (a text uses a few), as a table of all 64 Ki
   * units cost Chromium more to allocate than the rest of compiling the bundled pack. 0 means
   * "not learnt yet".
   */
  readonly classPages: Uint16Array[];
  readonly classOfFolded: Map<number, number>;
  /** Whether some alias ends in a state: most states end none, and this is the one check per unit. */
  readonly final: Uint8Array;
  /** The first alias whose text ends exactly in a state (-1: none); `sameText` leads to the next one. */
  readonly endsHere: Int32Array;
  /** For each alias, the next one with the same folded text (-1: none), in the aliases' order. */
  readonly sameText: Int32Array;
  /** The nearest state down the fail chain where an alias ends (0: none): the shorter aliases that end here too. */
  readonly outputLink: Int32Array;
}

/** The start state: nothing of any alias read. */
export const ROOT = 0;

const UNLEARNT = 0;
/** The page of every unit not learnt yet: shared, and never written to. */
const UNLEARNT_PAGE = new Uint16Array(256);
const OTHER_CLASS = 1;
const SPACE_CLASS = 2;
const SPACE = 32;

/** Builds the automaton for these texts, each already folded (`foldUnit`) with its white space collapsed to one space. */
export function buildAutomaton(texts: readonly string[]): Automaton {
  const classOfFolded = new Map<number, number>([[SPACE, SPACE_CLASS]]);
  let stateBound = 1;
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (!classOfFolded.has(unit)) classOfFolded.set(unit, SPACE_CLASS + classOfFolded.size);
    }
    stateBound += text.length;
  }
  const classCount = SPACE_CLASS + classOfFolded.size;
  // The trie first: while it is built, 0 in `delta` means "no child" (the root is nobody's child).
  const delta = stateBound <= 0xffff ? new Uint16Array(stateBound * classCount) : new Int32Array(stateBound * classCount);
  const endState = new Int32Array(texts.length);
  let states = 1;
  texts.forEach((text, index) => {
    let state = ROOT;
    for (let i = 0; i < text.length; i++) {
      const slot = state * classCount + classOfFolded.get(text.charCodeAt(i))!;
      if (delta[slot] === 0) delta[slot] = states++;
      state = delta[slot]!;
    }
    endState[index] = state;
  });
  const endsHere = new Int32Array(states).fill(-1);
  const sameText = new Int32Array(texts.length);
  for (let index = texts.length - 1; index >= 0; index--) {
    sameText[index] = endsHere[endState[index]!]!;
    endsHere[endState[index]!] = index;
  }
  const afterSpace = statesEnteredBySpace(delta, classCount, states);
  const outputLink = completeTransitions(delta, classCount, states, endsHere);
  for (const state of afterSpace) delta[state * classCount + SPACE_CLASS] = state;
  const final = new Uint8Array(states);
  for (let state = 1; state < states; state++) final[state] = endsHere[state]! >= 0 || outputLink[state] !== 0 ? 1 : 0;
  const classPages = new Array<Uint16Array>(256).fill(UNLEARNT_PAGE);
  return { delta: delta.subarray(0, states * classCount), classCount, classPages, classOfFolded, final, endsHere, sameText, outputLink };
}

/**
 * An automaton as plain data, which an extension message can carry (Chrome's are JSON, where a
 * typed array would arrive as an object): the background builds the automaton once and hands it
 * to every page (matcher.ts, `compileAliases`).
 */
export interface AutomatonData {
  delta: number[];
  classCount: number;
  /** `classOfFolded`'s entries. */
  classes: [number, number][];
  final: number[];
  endsHere: number[];
  sameText: number[];
  outputLink: number[];
}

export function toAutomatonData(automaton: Automaton): AutomatonData {
  const { delta, classCount, classOfFolded, final, endsHere, sameText, outputLink } = automaton;
  return {
    delta: Array.from(delta),
    classCount,
    classes: [...classOfFolded],
    final: Array.from(final),
    endsHere: Array.from(endsHere),
    sameText: Array.from(sameText),
    outputLink: Array.from(outputLink),
  };
}

/** The automaton `data` was made from; an error that says what does not fit where the tables disagree. */
export function fromAutomatonData(data: AutomatonData): Automaton {
  const states = data.final.length;
  const problems = [
    data.classCount !== SPACE_CLASS + data.classes.length && `${data.classCount} classes for ${data.classes.length} folded units`,
    data.delta.length !== states * data.classCount && `${data.delta.length} transitions for ${states} states of ${data.classCount} classes`,
    data.endsHere.length !== states && `${data.endsHere.length} ends for ${states} states`,
    data.outputLink.length !== states && `${data.outputLink.length} output links for ${states} states`,
    !(allWithin(data.delta, 0, states) && allWithin(data.outputLink, 0, states)) && 'a link to a state that is not there',
  ].filter((problem) => problem !== false);
  if (problems.length > 0) throw new Error(`The compiled aliases do not fit together: ${problems.join('; ')}.`);
  // Checked in plain loops and copied by the typed arrays' constructors, which copy an array of
  // numbers in the engine's own code: a spread of the tables and `Uint16Array.from` cost about
  // 0.1 ms each on a page's first (and only) use in Chromium, measured here.
  return {
    delta: states <= 0xffff ? new Uint16Array(data.delta) : new Int32Array(data.delta),
    classCount: data.classCount,
    classPages: new Array<Uint16Array>(256).fill(UNLEARNT_PAGE),
    classOfFolded: new Map(data.classes),
    final: new Uint8Array(data.final),
    endsHere: new Int32Array(data.endsHere),
    sameText: new Int32Array(data.sameText),
    outputLink: new Int32Array(data.outputLink),
  };
}

/** Whether every value in `list` is at least `min` and below `end`, as `>=` and `<` compare (NaN and `undefined` never are). */
export function allWithin(list: readonly number[], min: number, end: number): boolean {
  for (let i = 0; i < list.length; i++) {
    const value = list[i]!;
    if (!(value >= min && value < end)) return false;
  }
  return true;
}

/**
 * Runs the automaton over `text` from `from`, starting in `state`, until it enters a state where
 * some alias ends: returns the index of the unit that led there, or -1 at the end of the text;
 * `stateOut.state` is where it stopped. The one loop that reads every unit of a page, so it is
 * kept this tight.
 */
export function readToFinalState(automaton: Automaton, text: string, from: number, stateOut: { state: number }): number {
  const { delta, classCount, classPages, final } = automaton;
  let state = stateOut.state;
  for (let i = from; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let unitClass = classPages[unit >> 8]![unit & 0xff]!;
    if (unitClass === UNLEARNT) unitClass = learnClass(automaton, unit);
    state = delta[state * classCount + unitClass]!;
    if (final[state] !== 0) {
      stateOut.state = state;
      return i;
    }
  }
  stateOut.state = state;
  return -1;
}

/**
 * Runs the automaton over `text` from `stateOut.state`, as readToFinalState does, but stops as well
 * where it is back at the root, after which the text read before no longer matters. Returns -1
 * where it entered a state where an alias ends, the index of the unit that led it back to the
 * root, or the length of the text when it read all of it (`stateOut.state` is then where it is).
 */
export function readUntilRoot(automaton: Automaton, text: string, stateOut: { state: number }): number {
  const { delta, classCount, classPages, final } = automaton;
  let state = stateOut.state;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let unitClass = classPages[unit >> 8]![unit & 0xff]!;
    if (unitClass === UNLEARNT) unitClass = learnClass(automaton, unit);
    state = delta[state * classCount + unitClass]!;
    if (final[state] !== 0) return -1;
    if (state === ROOT) return i;
  }
  stateOut.state = state;
  return text.length;
}

/** The state after a run of white space read in `state` (a `<br>` reads as one). */
export function stateAfterSpace(automaton: Automaton, state: number): number {
  return automaton.delta[state * automaton.classCount + SPACE_CLASS]!;
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

function learnClass(automaton: Automaton, unit: number): number {
  const unitClass = isSpaceUnit(unit) ? SPACE_CLASS : (automaton.classOfFolded.get(foldUnit(unit)) ?? OTHER_CLASS);
  let page = automaton.classPages[unit >> 8]!;
  if (page === UNLEARNT_PAGE) page = automaton.classPages[unit >> 8] = new Uint16Array(256);
  page[unit & 0xff] = unitClass;
  return unitClass;
}
