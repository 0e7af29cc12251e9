/**
 * The first pass of a scan (content/scan/root-scan.ts): it reads every text node of a root in
 * document order, as the engine's own TreeWalker hands them over, and says which of them may hold
 * a mention or part of one, so that only their blocks are read as prose. Most text nodes are ruled
 * out by the native prefilter (prefilter.ts) without a unit of them read here.
 *
 * It never rules out a text node that the prose reading would find a mention in (a unit test
 * checks it against the mentions `find` gives on random text): a mention may begin in one text node and end
 * in another (`Apple <em>Intelligence</em>`), or go on past text the scan steps over (a script, a
 * `hidden` element) or a `<br>`, which reads as a space; so the automaton's state at the end of a
 * text node is carried into the next, with and without a space after it. It may let through more
 * than it must: it knows nothing of blocks or case-sensitive aliases, and of word edges only that
 * a mention of an alias that needs one cannot begin right after an ASCII letter or digit
 * (prefilter.ts).
 */
import { ROOT, readToFinalState, readUntilRoot, stateAfterSpace, type Automaton } from './automaton';

/** What `#stateAfter` gives when an alias ended on the way. */
const REACHED_END = -1;

export class Sieve {
  /**
   * While no mention is under way, a text node this native test rules out need not be read: the
   * walk over a page's text nodes asks it itself, so that the nodes it rules out (nearly all) cost
   * no call here. Undefined: every text node is read.
   */
  readonly quickTest: RegExp | undefined;
  /** Whether a mention may be under way: then every text node is read, and the walk says whether it is one it steps over. */
  carrying = false;
  /** The states in which a mention begun in the text read so far may go on into the next text node. */
  #carried: number[] = [];
  readonly #at = { state: ROOT };

  readonly #automaton: Automaton;
  readonly #prefilter: RegExp | undefined;

  constructor(automaton: Automaton, prefilter: RegExp | undefined) {
    this.#automaton = automaton;
    this.#prefilter = prefilter;
    this.quickTest = prefilter;
  }

  /**
   * Reads the next text node's text; says whether it may hold a mention, or the end of one begun
   * before it. `steppedOver`: the node is in something never scanned (asked only while
   * `carrying`): it may hold a mention of its own (in a `hidden` element, shown later), and a
   * mention under way goes on past it.
   */
  read(text: string, steppedOver = false): boolean {
    if (this.carrying && !steppedOver) return this.#readCarried(text);
    const end = this.#readFromRoot(text, 0);
    if (end === REACHED_END) return true;
    if (!steppedOver) this.#carry([end]);
    return false;
  }

  /**
   * Reads on from each carried state only as long as the mention under way may go on (most end at
   * the node's first unit: "…data" then " is"); the rest of the node is read as from the root.
   */
  #readCarried(text: string): boolean {
    let restFrom = text.length;
    const ends: number[] = [];
    for (const state of this.#carried) {
      this.#at.state = state;
      const stop = readUntilRoot(this.#automaton, text, this.#at);
      if (stop < 0) return this.#letThrough();
      if (stop < text.length) restFrom = Math.min(restFrom, stop + 1);
      else ends.push(this.#at.state);
    }
    if (restFrom < text.length) {
      const end = this.#readFromRoot(text, restFrom);
      if (end === REACHED_END) return this.#letThrough();
      ends.push(end);
    }
    this.#carry(ends);
    return false;
  }

  /**
   * A mention that ends in this node is in its block, which is read as prose whole: what goes on
   * from this node into the next one of that block is read there too.
   */
  #letThrough(): true {
    this.#carried = [];
    this.carrying = false;
    return true;
  }

  /**
   * The state after `text` from `from` on, read from the root, or `REACHED_END` if it may hold an
   * alias. The prefilter says so in the engine's code, or finds the end of the text where a mention
   * may begin, which is all the automaton then reads; where it finds none, the root, even if the
   * text ends with an alias's beginning glued to a word, from which no mention can come.
   */
  #readFromRoot(text: string, from: number): number {
    const rest = from === 0 ? text : text.slice(from);
    if (this.#prefilter === undefined) return this.#stateAfter(rest, ROOT, 0);
    const match = this.#prefilter.exec(rest);
    if (match === null) return ROOT;
    if (match[1] !== undefined) return REACHED_END;
    return this.#stateAfter(rest, ROOT, match.index);
  }

  /** Carries these states, and each as it would be after a `<br>` (a space), leaving out the root. */
  #carry(states: readonly number[]): void {
    const carried: number[] = [];
    for (const state of states) {
      for (const next of [state, stateAfterSpace(this.#automaton, state)]) {
        if (next !== ROOT && !carried.includes(next)) carried.push(next);
      }
    }
    this.#carried = carried;
    this.carrying = carried.length > 0;
  }

  #stateAfter(text: string, state: number, from: number): number {
    this.#at.state = state;
    return readToFinalState(this.#automaton, text, from, this.#at) >= 0 ? REACHED_END : this.#at.state;
  }
}
