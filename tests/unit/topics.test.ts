/** The mentions the reader gets: aliases of the shown topics, and "first mention only". */
import { describe, expect, it } from 'vitest';
import type { Pack } from '../../src/core/pack';
import { aliasesOf, firstOfEachTopic } from '../../src/core/topics';

const topics = [
  { id: 'apple-intelligence', aliases: [{ text: 'Apple Intelligence', lang: 'en' }] },
  {
    id: 'alibaba',
    aliases: [
      { text: 'Alibaba', lang: 'en' },
      { text: 'BABA', lang: 'en', caseSensitive: true },
    ],
  },
] as unknown as Pack['topics'];

describe('the mentions a reader gets', () => {
  it('are those of every topic that is not turned off, with their case rule', () => {
    expect(aliasesOf({ topics })).toEqual([
      { text: 'Apple Intelligence', topicId: 'apple-intelligence', caseSensitive: false },
      { text: 'Alibaba', topicId: 'alibaba', caseSensitive: false },
      { text: 'BABA', topicId: 'alibaba', caseSensitive: true },
    ]);
    expect(aliasesOf({ topics }, { alibaba: false }).map((a) => a.text)).toEqual(['Apple Intelligence']);
    expect(aliasesOf({ topics }, { alibaba: true, 'apple-intelligence': false }).map((a) => a.text)).toEqual(['Alibaba', 'BABA']);
  });

  it('with "first mention only", are the first of each topic in page order', () => {
    const ordered = [
      { topicId: 'b', n: 1 },
      { topicId: 'a', n: 2 },
      { topicId: 'b', n: 3 },
      { topicId: 'a', n: 4 },
    ];
    expect(firstOfEachTopic(ordered).map((m) => m.n)).toEqual([1, 2]);
    expect(firstOfEachTopic([])).toEqual([]);
  });
});
