/**
 * The fact pack says no more than the seed articles it was written from (tests/support/fidelity.ts):
 * the bundled pack passes, and each of a set of mutated copies — the kinds of error an editor
 * catches — is refused, with a message that names the field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_PACK, type Pack } from '../../src/core/pack';
import { checkFidelity, figuresIn, readSeeds } from '../support/fidelity';

const seeds = readSeeds('../shared/seeds');
const bundled = JSON.parse(readFileSync(`assets/${BUNDLED_PACK}`, 'utf8')) as Pack;
const statistic = (pack: Pack, id: string) => pack.statistics.find((s) => s.id === id)!;
const event = (pack: Pack, id: string) => pack.timeline.find((e) => e.id === id)!;

/** Each mutant: what an editor would catch, the change, and words the checker's message must contain. */
const MUTANTS: Array<{ what: string; mutate: (pack: Pack) => void; caught: string }> = [
  {
    what: '11.1 becomes 12.1',
    mutate: (p) => void (statistic(p, 'greater-china-revenue').value = -12.1),
    caught: 'statistics[0].value: 12.1 is in no quote',
  },
  {
    what: 'Q3 becomes Q4',
    mutate: (p) => void (statistic(p, 'china-smartphone-sales').period.en = 'Q4 2024'),
    caught: 'statistics[1].period.en: the quarter 4',
  },
  {
    what: 'Q3 becomes Q4 in the Chinese text only',
    mutate: (p) => void (statistic(p, 'china-smartphone-sales').period['zh-CN'] = '2024年第四季度'),
    caught: 'statistics[1].period.zh-CN: the quarter 4',
  },
  {
    what: "Huawei's +42 becomes −42",
    mutate: (p) => void (statistic(p, 'china-smartphone-sales').comparison!.value = -42),
    caught: 'statistics[1].comparison.value: -42 has the wrong sign',
  },
  {
    what: 'a revenue fall becomes a rise',
    mutate: (p) => void (statistic(p, 'greater-china-revenue').value = 11.1),
    caught: 'statistics[0].value: 11.1 has the wrong sign',
  },
  {
    what: 'a figure invented only in the Chinese text',
    mutate: (p) => void (p.topics[1]!.summary.text['zh-CN'] += '苹果在华营收下降了15%。'),
    caught: 'topics[1].summary.text.zh-CN: the number 15',
  },
  {
    what: 'a dropped "reportedly"',
    mutate: (p) => void (event(p, 'baidu').text.en = 'Apple was working with Baidu.'),
    caught: 'timeline[0].text.en: its evidence is hedged ("reportedly")',
  },
  {
    what: 'a dropped 据报道',
    mutate: (p) => void (event(p, 'submitted').text['zh-CN'] = '苹果与阿里巴巴已把共同开发的 AI 功能提交国家互联网信息办公室审批。'),
    caught: 'text.zh-CN: its evidence is hedged',
  },
  {
    what: 'an unmarked 2025',
    mutate: (p) => void (event(p, 'simplified-chinese-target').when!.en = 'By April 2025'),
    caught: 'when.en: the year 2025',
  },
  {
    what: 'a year the sources do not give, in Chinese',
    mutate: (p) => void (event(p, 'baidu').when!['zh-CN'] = '2024年12月'),
    caught: 'timeline[0].when.zh-CN: the year 2024',
  },
  {
    what: 'a quote that is not word for word',
    mutate: (p) => void (p.summary.evidence[0]!.quote = p.summary.evidence[0]!.quote.replace('significant', 'major')),
    caught: 'summary.evidence[0]: not in article-1, word for word',
  },
  {
    what: 'a quote given to the wrong article',
    mutate: (p) => void (statistic(p, 'greater-china-revenue').evidence[0]!.source = 'article-1'),
    caught: 'statistics[0].evidence[0]: not in article-1',
  },
  {
    what: 'a figure whose attribution is dropped',
    mutate: (p) => void delete statistic(p, 'china-smartphone-sales').reportedBy,
    caught: 'statistics[1].reportedBy: its evidence attributes it to IDC',
  },
  {
    what: 'a figure attributed to the wrong company',
    mutate: (p) => void (statistic(p, 'greater-china-revenue').reportedBy!.en = 'IDC'),
    caught: 'statistics[0].reportedBy: IDC, but its evidence attributes it to Apple',
  },
  {
    what: 'a source file that is not a seed',
    mutate: (p) => void (p.sources[1]!.file = 'press-release.txt'),
    caught: 'sources[1].file: no seed article press-release.txt',
  },
];

describe('the bundled fact pack', () => {
  it('says nothing its sources do not: every quote, figure, sign, hedge, attribution and date checks out', () => {
    expect(checkFidelity(bundled, seeds)).toEqual([]);
  });

  it('gives no year outside what is marked inferred, in the strings the extension shows or the stores read', () => {
    const years = (text: string) => text.match(/\b(19|20)\d{2}\b/g) ?? [];
    for (const locale of ['en', 'zh_CN']) {
      const messages = JSON.parse(readFileSync(`assets/_locales/${locale}/messages.json`, 'utf8')) as Record<string, { message: string }>;
      for (const [key, { message }] of Object.entries(messages)) expect(years(message), `${locale} ${key}`).toEqual([]);
    }
    expect(years((JSON.parse(readFileSync('package.json', 'utf8')) as { description: string }).description)).toEqual([]);
  });

  it('is shown on a demo article made of what the seeds say: no date, no quote of anyone', () => {
    const demo = readFileSync('assets/demo/article.html', 'utf8');
    expect(demo.match(/\b(19|20)\d{2}\b/g) ?? []).toEqual([]);
    expect(demo).not.toMatch(/datePublished|published_time|<time|<blockquote|<q>/);
  });
});

describe('the fidelity check', () => {
  for (const { what, mutate, caught } of MUTANTS) {
    it(`catches ${what}`, () => {
      const pack = structuredClone(bundled);
      mutate(pack);
      const problems = checkFidelity(pack, seeds);
      expect(problems.join('\n')).toContain(caught);
    });
  }

  it('reads figures the same in both languages', () => {
    expect(figuresIn('Q3 2024', 'en')).toEqual(['Q3', 'Y2024']);
    expect(figuresIn('2024年第三季度', 'zh-CN')).toEqual(['Q3', 'Y2024']);
    expect(figuresIn('In December', 'en')).toEqual(['M12']);
    expect(figuresIn('12月（未说明年份）', 'zh-CN')).toEqual(['M12']);
    expect(figuresIn('fell 0.3% in Q3 2024, while sales increased by 42%', 'en')).toEqual(['Q3', 'Y2024', 'N0.3', 'N42']);
    expect(figuresIn('iPhone 16', 'en')).toEqual(['N16']);
  });

  it('says clearly when the seed articles are missing', () => {
    expect(() => readSeeds('../nowhere/seeds')).toThrow('The seed articles are missing: no folder ../nowhere/seeds');
  });
});
