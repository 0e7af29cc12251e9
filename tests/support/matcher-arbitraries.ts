/** What the matcher is fuzzed with: text units chosen to hit its edge cases, and random aliases. */
import fc from 'fast-check';
import type { AliasSpec } from '../../src/core/matcher';

export const PACK_ALIASES: AliasSpec[] = [
  { text: 'Apple Intelligence', topicId: 'apple-intelligence' },
  { text: '苹果智能', topicId: 'apple-intelligence' },
  { text: 'Apple 智能', topicId: 'apple-intelligence' },
  { text: 'Alibaba', topicId: 'alibaba' },
  { text: 'Alibaba Group', topicId: 'alibaba' },
  { text: '阿里巴巴', topicId: 'alibaba' },
];

/** Letters of the aliases in every case, spaces of every kind, CJK, RTL, combining marks, joiners, lone surrogates. */
export const textUnit = fc.constantFrom(
  'a',
  'A',
  'b',
  'B',
  'l',
  'L',
  'i',
  'I',
  'p',
  'e',
  'n',
  'g',
  'c',
  'G',
  'r',
  'o',
  'u',
  'P',
  'É',
  '\u212a', // the Kelvin sign, whose lower case is k
  '\u017f', // the long s, which case folding joins to s and the matcher does not
  '1',
  '_',
  ' ',
  '  ',
  '\n',
  '\u00a0',
  '\u3000',
  '\t',
  '.',
  "'",
  '-',
  '(',
  '苹',
  '果',
  '智',
  '能',
  '阿',
  '里',
  '巴',
  '集',
  '团',
  'の',
  '한',
  '\u0301',
  '\u200d',
  '😀',
  '\ud800',
  '\udc00',
  'é',
  'İ',
  'ß',
  'K',
  '\u05d0',
  'Alibaba',
  'alibaba',
  'ALIBABA',
  'Apple',
  'apple',
  'Intelligence',
  'Group',
  '阿里巴巴',
  '苹果智能',
);
const aliasText = fc
  .array(fc.constantFrom('a', 'b', 'A', 'l', 'i', ' ', '苹', '果', 'p', 'é', '1'), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join('').trim())
  .filter((text) => text.length > 0);
export const randomAliases = fc.array(fc.record({ text: aliasText, topicId: fc.constantFrom('x', 'y'), caseSensitive: fc.boolean() }), {
  maxLength: 6,
});
