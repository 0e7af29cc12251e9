import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileAliases, compileMatcher, matcherFrom } from '../../src/core/matcher';
import { reachedReading } from '../support/read-in-pieces';
import { PACK_ALIASES, randomAliases, textUnit } from '../support/matcher-arbitraries';
import { naiveFind } from '../support/naive-matcher';
import { foldUnit, isSpaceUnit, isWordEdge, needsWordBoundary } from '../../src/core/text-rules';
import { NOT_AFTER_ASCII_LETTER_OR_DIGIT } from '../../src/core/prefilter';

const texts = (text: string, aliases = PACK_ALIASES) =>
  compileMatcher(aliases)
    .find(text)
    .map((m) => text.slice(m.start, m.end));

describe('the matcher', () => {
  it('finds each alias as written, and the longest of overlapping ones', () => {
    expect(texts('Alibaba Group and Apple Intelligence')).toEqual(['Alibaba Group', 'Apple Intelligence']);
  });

  it('lets any run of white space stand for a space', () => {
    expect(texts('Apple\n\t Intelligence, Apple\u00a0Intelligence, Alibaba\u3000Group')).toEqual([
      'Apple\n\t Intelligence',
      'Apple\u00a0Intelligence',
      'Alibaba\u3000Group',
    ]);
  });

  it('ignores case unless an alias is marked case-sensitive', () => {
    expect(texts('ALIBABA and apple intelligence')).toEqual(['ALIBABA', 'apple intelligence']);
    const sensitive = [{ text: 'AI', topicId: 'ai', caseSensitive: true }];
    expect(texts('AI, ai, Ai', sensitive)).toEqual(['AI']);
  });

  it('needs Latin word edges, but not next to CJK or punctuation', () => {
    expect(texts("Alibaba's (Alibaba) Alibaba.com Alibabas XAlibaba 2Alibaba Alibaba2")).toEqual(['Alibaba', 'Alibaba', 'Alibaba']);
    expect(texts('苹果与Alibaba合作，阿里巴巴集团和苹果智能')).toEqual(['Alibaba', '阿里巴巴', '苹果智能']);
    expect(texts('Alibabá')).toEqual([]);
  });

  it('falls back to a shorter alias when the longer one would glue into a word', () => {
    expect(texts('Alibaba Groupie')).toEqual(['Alibaba']);
  });

  it('reports offsets in UTF-16 units of the original text', () => {
    const text = '😀 Alibaba';
    const [match] = compileMatcher(PACK_ALIASES).find(text);
    expect(match).toEqual({ start: 3, end: 10, topicId: 'alibaba' });
  });

  it('keeps working with thousands of aliases', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ text: `term${i} x`, topicId: `t${i % 7}` }));
    const matcher = compileMatcher([...many, ...PACK_ALIASES]);
    expect(matcher.find('see term4999 x and Alibaba').map((m) => m.topicId)).toEqual(['t1', 'alibaba']);
  });

  it('sees in its quick pass every text that holds a mention, read in pieces', () => {
    const matcher = compileMatcher(PACK_ALIASES);
    expect(reachedReading(matcher, ['Apple In', 'tel', 'ligence'])).toBe(true);
    expect(reachedReading(matcher, ['Apple ', ' \n', '\u00a0Intelligence'])).toBe(true);
    expect(reachedReading(matcher, ['Apple In', 'side'])).toBe(false);
    expect(reachedReading(matcher, ['Ali', 'ba'])).toBe(false);
    // Ruled out natively, then carried across pieces: the Kelvin sign folds to k, the text's case and spaces vary.
    expect(reachedReading(matcher, ['no name here', 'and ALIBA', 'BA'])).toBe(true);
    expect(reachedReading(matcher, ['the end of one, then apple', '\u3000\n', 'INTELLIGENCE'])).toBe(true);
    expect(reachedReading(compileMatcher([{ text: 'kai', topicId: 'k' }]), ['\u212aAI'])).toBe(true);
    expect(reachedReading(compileMatcher([{ text: 'kai', topicId: 'k' }]), ['x \u212a', 'ai'])).toBe(true);
    expect(reachedReading(matcher, ['nothing', 'at all'])).toBe(false);
    // Aliases outside the BMP, begun in one piece and ended in the next (found in review).
    expect(reachedReading(compileMatcher([{ text: '𠮷野家', topicId: 'y' }]), ['𠮷', '野家'])).toBe(true);
    expect(reachedReading(compileMatcher([{ text: '😀x', topicId: 'e' }]), ['hi 😀', 'x'])).toBe(true);
    // Aliases that share their beginnings, one of them inside another.
    const family = compileMatcher(['Apple', 'Apple Watch', 'Apple Intelligence', 'App'].map((text) => ({ text, topicId: 'a' })));
    expect(reachedReading(family, ['an app'])).toBe(true);
    expect(reachedReading(family, ['the apple watch'])).toBe(true);
    expect(reachedReading(family, ['an ap', 'PLE'])).toBe(true);
    expect(reachedReading(family, ['a pale ', 'ape'])).toBe(false);
  });

  it('agrees with a naive reference on random text', () => {
    fc.assert(
      fc.property(fc.array(textUnit, { maxLength: 40 }), randomAliases, (parts, extra) => {
        const text = parts.join('');
        const aliases = [...PACK_ALIASES, ...extra];
        const matcher = compileMatcher(aliases);
        const expected = naiveFind(text, aliases);
        expect(matcher.find(text)).toEqual(expected);
        if (expected.length > 0) expect(reachedReading(matcher, parts)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the compiled aliases the background hands to a page', () => {
  it('make the same matcher as compiling them on the page, once through JSON as a message carries them', () => {
    fc.assert(
      fc.property(fc.array(textUnit, { maxLength: 40 }), randomAliases, (parts, extra) => {
        const aliases = [...PACK_ALIASES, ...extra];
        const text = parts.join('');
        const compiled = compileAliases(aliases);
        expect(compiled).not.toBeNull();
        const handed = matcherFrom(JSON.parse(JSON.stringify(compiled)));
        const local = compileMatcher(aliases);
        expect(handed.find(text)).toEqual(local.find(text));
        expect(reachedReading(handed, parts)).toBe(reachedReading(local, parts));
      }),
      { numRuns: 1000 },
    );
  });

  it('keep the links between aliases that end inside others', () => {
    const nested = ['Apple Intelligence', 'Intelligence', 'Alibaba Group', 'Group', 'Alibaba'].map((text) => ({ text, topicId: text }));
    // "xApple Intelligence" is glued to the x: what is left of it, "Intelligence", ends in the same
    // state, and is found only through that state's output link.
    const text = 'Apple Intelligence, xApple Intelligence, the Alibaba Group, xAlibaba Group';
    const handed = matcherFrom(JSON.parse(JSON.stringify(compileAliases(nested))));
    expect(handed.find(text)).toEqual(compileMatcher(nested).find(text));
    expect(handed.find(text).map((match) => match.topicId)).toEqual(['Apple Intelligence', 'Intelligence', 'Alibaba Group', 'Group']);
  });

  it('are not handed over where there are too many to be worth a message', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ text: `term${i} x`, topicId: `t${i % 7}` }));
    expect(compileAliases(many)).toBeNull();
  });

  it('are refused, saying what does not fit, where their tables disagree', () => {
    const compiled = compileAliases(PACK_ALIASES)!;
    const withDelta = (delta: number[]) => ({ ...compiled, automaton: { ...compiled.automaton, delta } });
    expect(() => matcherFrom(withDelta(compiled.automaton.delta.slice(1)))).toThrow(/transitions for \d+ states of \d+ classes/);
    expect(() => matcherFrom(withDelta(compiled.automaton.delta.map(() => 99_999)))).toThrow('a link to a state that is not there');
    expect(() => matcherFrom({ ...compiled, patterns: compiled.patterns.slice(1) })).toThrow(
      /the automaton's ends are not those of the \d+ aliases/,
    );
    expect(() => matcherFrom({ ...compiled, automaton: { ...compiled.automaton, final: [] } })).toThrow(
      'The compiled aliases do not fit together',
    );
  });
});

describe('the character rules', () => {
  it('treat JavaScript white space as space', () => {
    for (let unit = 0; unit < 0x10000; unit++) {
      expect(isSpaceUnit(unit), `U+${unit.toString(16)}`).toBe(/\s/.test(String.fromCharCode(unit)));
    }
  });

  it('fold case without changing length', () => {
    expect(String.fromCharCode(foldUnit(0x41))).toBe('a');
    expect(String.fromCharCode(foldUnit('Ä'.charCodeAt(0)))).toBe('ä');
    expect(foldUnit('İ'.charCodeAt(0))).toBe('İ'.charCodeAt(0));
  });

  it("let through, in the native prefilter, every unit that folds into an alias's unit", () => {
    // The prefilter (src/core/prefilter.ts) spells out the units that fold into an ASCII letter,
    // and leaves case to the `iu` flags where an alias has a letter with case beyond ASCII.
    const apart: string[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const folded = foldUnit(unit);
      if (folded === unit) continue;
      const [alias, text] = [String.fromCharCode(folded), String.fromCharCode(unit)];
      const quickTest = compileMatcher([{ text: alias, topicId: 't' }]).sieve().quickTest!;
      if (!quickTest.test(text)) apart.push(`U+${unit.toString(16)}`);
    }
    expect(apart).toEqual([]);
    // Both ways of spelling case are taken: the bundled pack's, and an alias with a letter beyond ASCII.
    expect(compileMatcher(PACK_ALIASES).sieve().quickTest!.flags).toBe('');
    expect(compileMatcher([{ text: 'Café', topicId: 'c' }]).sieve().quickTest!.flags).toBe('iu');
  });

  it('rule out in the native prefilter only a beginning that a word edge rules out, for every code point', () => {
    // With the `iu` flags, as the prefilter has it: case folding widens a class.
    const mayBeginAfter = new RegExp(`${NOT_AFTER_ASCII_LETTER_OR_DIGIT}a$`, 'iu');
    const ruledOut: number[] = [];
    for (let codePoint = 1; codePoint <= 0x10ffff; codePoint++) {
      if (!mayBeginAfter.test(`${String.fromCodePoint(codePoint)}a`)) ruledOut.push(codePoint);
    }
    expect(ruledOut.filter((codePoint) => !isWordEdge(codePoint))).toEqual([]);
    expect(ruledOut).toHaveLength(10 + 26 * 2 + 2); // ASCII letters and digits, the Kelvin sign and the long s
    expect(mayBeginAfter.test('a')).toBe(true); // at the start, what comes before is not known
  });

  it('take the same word edges on their fast paths (ASCII, the CJK Unified Ideographs) as by the Unicode classes', () => {
    // docs/ARCHITECTURE.md, "Matching semantics": letters, numbers and marks glue, except those of scripts written without spaces.
    const spaceless = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\p{Script=Hangul}]/u;
    const differ: string[] = [];
    for (const [from, to] of [
      [0, 0x7f],
      [0x4e00, 0x9fff],
    ] as const) {
      for (let codePoint = from; codePoint <= to; codePoint++) {
        const char = String.fromCodePoint(codePoint);
        const needs = /[\p{L}\p{Nd}]/u.test(char) && !spaceless.test(char);
        const glues = codePoint !== 0 && /[\p{L}\p{N}\p{M}]/u.test(char) && !spaceless.test(char);
        if (needsWordBoundary(codePoint) !== needs || isWordEdge(codePoint) !== glues) differ.push(`U+${codePoint.toString(16)}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('know which characters make word edges', () => {
    expect(needsWordBoundary('A'.codePointAt(0)!)).toBe(true);
    expect(needsWordBoundary('阿'.codePointAt(0)!)).toBe(false);
    expect(isWordEdge('é'.codePointAt(0)!)).toBe(true);
    expect(isWordEdge('\u0301'.codePointAt(0)!)).toBe(true);
    expect(isWordEdge('智'.codePointAt(0)!)).toBe(false);
    expect(isWordEdge('.'.codePointAt(0)!)).toBe(false);
  });
});

/** Tries every alias at every position, exactly as docs/ARCHITECTURE.md words the rules. */
