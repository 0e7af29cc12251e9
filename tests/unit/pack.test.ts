import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_PACK, PackError, validatePack, type Pack } from '../../src/core/pack';

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

  it('has the aliases the readers need', () => {
    const aliases = (id: string) => bundled.topics.find((t) => t.id === id)!.aliases.map((a) => a.text);
    expect(aliases('apple-intelligence')).toEqual(expect.arrayContaining(['Apple Intelligence', '苹果智能', 'Apple 智能']));
    expect(aliases('alibaba')).toEqual(expect.arrayContaining(['Alibaba', 'Alibaba Group', '阿里巴巴']));
  });

  it('has the key statistics of the partnership story', () => {
    const stat = (id: string) => bundled.statistics.find((s) => s.id === id)!;
    expect([stat('greater-china-revenue').value, stat('greater-china-revenue').comparison?.value]).toEqual([-11.1, 4]);
    expect([stat('china-smartphone-sales').value, stat('china-smartphone-sales').comparison?.value]).toEqual([-0.3, 42]);
    const partners = bundled.timeline.map((e) => e.partner).join(' ');
    for (const name of ['Baidu', 'Tencent', 'ByteDance', 'DeepSeek', 'Alibaba']) expect(partners).toContain(name);
    const events = bundled.timeline.map((e) => e.text.en).join(' ');
    expect(events).toContain('Cyberspace Administration of China');
    expect(events).toMatch(/simplified Chinese by April/);
  });

  it('contains no figure that the seed articles do not contain', () => {
    const dir = '../shared/seeds';
    const seeds = readdirSync(dir)
      .filter((name) => /^\d+_.*\.txt$/.test(name))
      .map((name) => readFileSync(`${dir}/${name}`, 'utf8'))
      .join('\n');
    const figures = [
      ...bundled.statistics.flatMap((s) => [s.value, s.comparison?.value ?? 0].map((v) => String(Math.abs(v)))),
      ...[
        bundled.summary.text.en,
        ...bundled.topics.flatMap((t) => [t.summary.text.en, ...t.relations.map((r) => r.text.en)]),
        ...bundled.timeline.map((e) => e.text.en),
      ].flatMap((text) => text.match(/\d+(\.\d+)?/g) ?? []),
    ];
    expect(figures.length).toBeGreaterThan(3);
    for (const figure of figures) expect(seeds, `figure ${figure}`).toContain(figure);
  });
});

describe('pack validation', () => {
  it('names the field that is wrong', () => {
    const pack = clone();
    (pack.topics[1]!.aliases[0] as { text: unknown }).text = '';
    expect(problemsOf(pack)).toEqual(['topics[1].aliases[0].text: expected a non-empty string, found ""']);
  });

  it('rejects another schema version', () => {
    expect(problemsOf({ ...clone(), schema: 2 })).toEqual(['schema: expected 1, found 2']);
  });

  it('requires a source and an as-of date on every figure', () => {
    const pack = clone();
    pack.statistics[0]!.sources = ['nobody'];
    pack.timeline[2]!.asOf = 'Feb 2025';
    expect(problemsOf(pack)).toEqual([
      'statistics[0].sources[0]: expected the id of a source in this pack, found "nobody"',
      'timeline[2].asOf: expected a date as YYYY-MM or YYYY-MM-DD, found "Feb 2025"',
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
    expect(() => validatePack({ schema: 1 })).toThrow(/id: expected a kebab-case id[\s\S]*topics: expected a list/);
  });
});
