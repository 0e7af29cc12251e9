import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcher, type AliasSpec, type Match } from '../../src/core/matcher';
import { foldUnit, isSpaceUnit, isWordEdge, needsWordBoundary } from '../../src/core/text-rules';

const PACK_ALIASES: AliasSpec[] = [
  { text: 'Apple Intelligence', topicId: 'apple-intelligence' },
  { text: '苹果智能', topicId: 'apple-intelligence' },
  { text: 'Apple 智能', topicId: 'apple-intelligence' },
  { text: 'Alibaba', topicId: 'alibaba' },
  { text: 'Alibaba Group', topicId: 'alibaba' },
  { text: '阿里巴巴', topicId: 'alibaba' },
];

const texts = (text: string, aliases = PACK_ALIASES) =>
  compileMatcher(aliases).find(text).map((m) => text.slice(m.start, m.end));

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
    expect(texts("Alibaba's (Alibaba) Alibaba.com Alibabas XAlibaba 2Alibaba Alibaba2")).toEqual([
      'Alibaba',
      'Alibaba',
      'Alibaba',
    ]);
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

  it('agrees with a naive reference on random text', () => {
    const unit = fc.constantFrom(
      'a', 'A', 'b', 'B', 'l', 'L', 'i', 'I', 'p', 'e', 'n', 'g', 'c', 'G', 'r', 'o', 'u', 'P', '1', '_',
      ' ', '  ', '\n', '\u00a0', '\u3000', '\t', '.', "'", '-', '(',
      '苹', '果', '智', '能', '阿', '里', '巴', '集', '团', 'の', '한',
      '\u0301', '\u200d', '😀', '\ud800', '\udc00', 'é', 'İ', 'ß', 'K', '\u05d0',
      'Alibaba', 'alibaba', 'ALIBABA', 'Apple', 'apple', 'Intelligence', 'Group', '阿里巴巴', '苹果智能',
    );
    const aliasText = fc
      .array(fc.constantFrom('a', 'b', 'A', 'l', 'i', ' ', '苹', '果', 'p', 'é', '1'), { minLength: 1, maxLength: 5 })
      .map((parts) => parts.join('').trim())
      .filter((text) => text.length > 0);
    const randomAliases = fc.array(
      fc.record({ text: aliasText, topicId: fc.constantFrom('x', 'y'), caseSensitive: fc.boolean() }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), randomAliases, (parts, extra) => {
        const text = parts.join('');
        const aliases = [...PACK_ALIASES, ...extra];
        expect(compileMatcher(aliases).find(text)).toEqual(naiveFind(text, aliases));
      }),
      { numRuns: 3000 },
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

  it('know which characters make word edges', () => {
    expect(needsWordBoundary('A'.codePointAt(0)!)).toBe(true);
    expect(needsWordBoundary('阿'.codePointAt(0)!)).toBe(false);
    expect(isWordEdge('é'.codePointAt(0)!)).toBe(true);
    expect(isWordEdge('\u0301'.codePointAt(0)!)).toBe(true);
    expect(isWordEdge('智'.codePointAt(0)!)).toBe(false);
    expect(isWordEdge('.'.codePointAt(0)!)).toBe(false);
  });
});

/** Tries every alias at every position, exactly as DESIGN.md words the rules. */
function naiveFind(text: string, aliases: readonly AliasSpec[]): Match[] {
  const candidates: Match[] = [];
  for (let start = 0; start < text.length; start++) {
    for (const alias of aliases) {
      const end = matchAt(text, start, alias);
      if (end > start && edgesAllowed(text, start, end, alias.text.trim())) {
        candidates.push({ start, end, topicId: alias.topicId });
      }
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Match[] = [];
  for (const candidate of candidates) {
    if (kept.length === 0 || candidate.start >= kept[kept.length - 1]!.end) kept.push(candidate);
  }
  return kept;
}

function matchAt(text: string, start: number, alias: AliasSpec): number {
  const pattern = alias.text.trim();
  let i = start;
  for (let p = 0; p < pattern.length; p++) {
    const want = pattern.charCodeAt(p);
    if (isSpaceUnit(want)) {
      if (p > 0 && isSpaceUnit(pattern.charCodeAt(p - 1))) continue;
      if (i >= text.length || !isSpaceUnit(text.charCodeAt(i))) return -1;
      while (i < text.length && isSpaceUnit(text.charCodeAt(i))) i++;
      continue;
    }
    if (i >= text.length) return -1;
    const have = text.charCodeAt(i);
    if (alias.caseSensitive ? have !== want : foldUnit(have) !== foldUnit(want)) return -1;
    i++;
  }
  return i;
}

function edgesAllowed(text: string, start: number, end: number, pattern: string): boolean {
  const first = pattern.codePointAt(0)!;
  const last = [...pattern].at(-1)!.codePointAt(0)!;
  const before = start > 0 ? [...text.slice(0, start)].at(-1)!.codePointAt(0)! : 0;
  const after = end < text.length ? text.codePointAt(end)! : 0;
  if (needsWordBoundary(first) && isWordEdge(before)) return false;
  return !(needsWordBoundary(last) && isWordEdge(after));
}
