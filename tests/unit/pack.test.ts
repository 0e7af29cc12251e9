/** The fact pack's schema (version 2): the bundled pack passes it, and a bad pack is refused naming the field. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_PACK, type Pack } from '../../src/core/pack';
import { PackError, validatePack } from '../../src/core/pack-validation';

const bundled = JSON.parse(readFileSync(`assets/${BUNDLED_PACK}`, 'utf8')) as Pack;
const clone = (): Pack => structuredClone(bundled);

function problemsOf(pack: unknown): string[] {
  try {
    validatePack(pack);
  } catch (error) {
    if (error instanceof PackError) return error.problems;
    throw error;
  }
  return [];
}

describe('the bundled fact pack', () => {
  it('is valid', () => {
    expect(problemsOf(bundled)).toEqual([]);
  });

  it('has the aliases the readers need, and Apple’s own Chinese name for Apple Intelligence', () => {
    const aliases = (id: string) => bundled.topics.find((t) => t.id === id)!.aliases.map((a) => a.text);
    expect(aliases('apple-intelligence')).toEqual(expect.arrayContaining(['Apple Intelligence', '苹果智能', 'Apple 智能']));
    expect(aliases('alibaba')).toEqual(expect.arrayContaining(['Alibaba', 'Alibaba Group', '阿里巴巴']));
    expect(bundled.topics.find((t) => t.id === 'apple-intelligence')!.name['zh-CN']).toBe('Apple 智能');
  });

  it('has the key statistics of the partnership story, each with its evidence', () => {
    const stat = (id: string) => bundled.statistics.find((s) => s.id === id)!;
    expect([stat('greater-china-revenue').value, stat('greater-china-revenue').comparison?.value]).toEqual([-11.1, 4]);
    expect([stat('china-smartphone-sales').value, stat('china-smartphone-sales').comparison?.value]).toEqual([-0.3, 42]);
    for (const s of bundled.statistics) expect(s.evidence.length && s.comparison?.evidence.length).toBeGreaterThan(0);
  });

  it('names every partner in both languages', () => {
    const partners = (language: 'en' | 'zh-CN') => bundled.timeline.map((e) => e.partner[language]).join(' ');
    for (const name of ['Baidu', 'Tencent', 'ByteDance', 'DeepSeek', 'Alibaba']) expect(partners('en')).toContain(name);
    for (const name of ['百度', '腾讯', '字节跳动', 'DeepSeek（深度求索）', '阿里巴巴']) expect(partners('zh-CN')).toContain(name);
  });

  it('marks when the facts were reported as an estimate, with its reason', () => {
    expect(bundled.reported).toMatchObject({ inferred: true, from: '2024-12', until: '2025-04' });
    expect(bundled.reported.reason.en).toMatch(/^Neither article is dated\./);
  });
});

describe('pack validation', () => {
  it('names the field that is wrong', () => {
    const pack = clone();
    (pack.topics[1]!.aliases[0] as { text: unknown }).text = '';
    expect(problemsOf(pack)).toEqual(['topics[1].aliases[0].text: expected a non-empty string, found ""']);
  });

  it('rejects another schema version', () => {
    expect(problemsOf({ ...clone(), schema: 1 })).toEqual(['schema: expected 2, found 1']);
  });

  it('requires evidence from a source of the pack on every claim and figure', () => {
    const pack = clone();
    pack.statistics[0]!.evidence = [];
    pack.timeline[2]!.evidence[0]!.source = 'nobody';
    delete (pack.statistics[1]!.comparison as Partial<Pack['statistics'][number]['comparison'] & object>).evidence;
    expect(problemsOf(pack)).toEqual([
      'statistics[0].evidence: expected at least one quote from a source, found []',
      'statistics[1].comparison.evidence: expected at least one quote from a source, found nothing',
      'timeline[2].evidence[0].source: expected the id of a source in this pack, found "nobody"',
    ]);
  });

  it('requires the date of the facts to be marked as an estimate, in order', () => {
    const pack = clone();
    (pack.reported as { inferred: unknown }).inferred = false;
    pack.reported.until = '2024-01';
    expect(problemsOf(pack)).toEqual([
      'reported.until: expected a month after 2024-12, found "2024-01"',
      'reported.inferred: expected true (the sources carry no date: this is an estimate), found false',
    ]);
  });

  it('requires every language of a text', () => {
    const pack = clone();
    delete (pack.topics[0]!.summary.text as Partial<Record<string, string>>)['zh-CN'];
    expect(problemsOf(pack)).toEqual(['topics[0].summary.text.zh-CN: expected a non-empty string, found nothing']);
  });

  it('checks references between parts of the pack', () => {
    const pack = clone();
    pack.topics[0]!.keyStatistics.push('made-up');
    pack.topics[1]!.relations[0]!.topic = 'tesla';
    pack.topics[1]!.aliases.push({ text: 'Alibaba', lang: 'en' });
    expect(problemsOf(pack)).toEqual([
      'topics[0].keyStatistics[2]: expected the id of a statistic in this pack, found "made-up"',
      'topics[1].aliases[4]: duplicates an earlier entry, found "Alibaba"',
      'topics[1].relations[0].topic: expected the id of a topic in this pack, found "tesla"',
    ]);
  });

  it('rejects what is not a pack at all', () => {
    expect(problemsOf(null)).toEqual(['(pack): expected an object, found null']);
    expect(problemsOf([])).toEqual(['(pack): expected an object, found []']);
  });

  it('puts every problem in the error message', () => {
    expect(() => validatePack({ schema: 2 })).toThrow(/id: expected a kebab-case id[\s\S]*topics: expected a list/);
  });
});
