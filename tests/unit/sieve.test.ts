import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcher, type AliasSpec } from '../../src/core/matcher';
import { PACK_ALIASES, randomAliases, textUnit } from '../support/matcher-arbitraries';

/**
 * What a root's walk meets in document order, as far as the sieve is concerned: text nodes (some
 * inside something the scan steps over: a script, a `hidden` element), `<br>`s, which read as a
 * space, and the edges of blocks, which end a run of prose.
 */
type Item = { text: string; steppedOver?: boolean } | 'br' | 'block edge';

/**
 * Feeds the items to a sieve as root-scan.ts does (every text node the quick test does not rule
 * out; whether one is stepped over is said only while a mention is under way) and says, for each run of prose (the text between
 * two block edges), whether it holds a mention, as the matcher finds them in its text read whole
 * (a `<br>` read as a line break), and whether one of its text nodes was let through.
 */
function sievedRuns(
  aliases: readonly AliasSpec[],
  items: readonly Item[],
): Array<{ pieces: string[]; holdsMention: boolean; letThrough: boolean }> {
  const matcher = compileMatcher(aliases);
  const sieve = matcher.sieve();
  const runs = [{ pieces: [] as string[], letThrough: false }];
  for (const item of items) {
    const run = runs.at(-1)!;
    if (item === 'block edge') runs.push({ pieces: [], letThrough: false });
    else if (item === 'br') run.pieces.push('\n');
    else {
      // What root-scan.ts does: while no mention is under way, the quick test may rule a node out unread.
      const unread = !sieve.carrying && sieve.quickTest !== undefined && !sieve.quickTest.test(item.text);
      const through = !unread && sieve.read(item.text, sieve.carrying && item.steppedOver === true);
      // A text node stepped over is never read as prose, so letting it through finds nothing there.
      if (item.steppedOver) continue;
      run.pieces.push(item.text);
      run.letThrough ||= through;
    }
  }
  return runs.map((run) => ({ ...run, holdsMention: matcher.find(run.pieces.join('')).length > 0 }));
}

const missed = (aliases: readonly AliasSpec[], items: readonly Item[]) =>
  sievedRuns(aliases, items).filter((run) => run.holdsMention && !run.letThrough);
const letThrough = (aliases: readonly AliasSpec[], items: readonly Item[]) => sievedRuns(aliases, items).some((run) => run.letThrough);

describe('the sieve', () => {
  it('lets through a mention split over text nodes, a <br>, and what the scan steps over', () => {
    expect(missed(PACK_ALIASES, [{ text: 'Apple In' }, { text: 'tel' }, { text: 'ligence' }])).toEqual([]);
    expect(letThrough(PACK_ALIASES, [{ text: 'Apple In' }, { text: 'tel' }, { text: 'ligence' }])).toBe(true);
    expect(letThrough(PACK_ALIASES, [{ text: 'Apple' }, 'br', { text: 'Intelligence' }])).toBe(true);
    expect(letThrough(PACK_ALIASES, [{ text: 'Ali' }, { text: 'x = 1', steppedOver: true }, { text: 'baba' }])).toBe(true);
    expect(letThrough(PACK_ALIASES, [{ text: 'ALI' }, { text: 'BA' }, { text: 'BA' }])).toBe(true);
  });

  it('rules out text nodes that hold no alias, however they end', () => {
    expect(letThrough(PACK_ALIASES, [{ text: 'a banana' }, { text: 'via the data' }, { text: 'of an ap' }, { text: 'ple tree' }])).toBe(
      false,
    );
    expect(letThrough(PACK_ALIASES, [{ text: 'Ali' }, { text: 'ba' }])).toBe(false);
  });

  it("reads no further a text node that ends with an alias's beginning glued to a word", () => {
    const quickTest = compileMatcher(PACK_ALIASES).sieve().quickTest!;
    // Most text nodes that end with an alias's beginning end so inside a word: no mention begins there.
    expect(['the data', 'via', 'Operational', 'an app', 'dataAli'].filter((text) => quickTest.test(text))).toEqual(['an app']);
    // After a space, a sign or a CJK character, or at a node's start (what comes before it is in another node), one may.
    expect(['a', 'the a', 'see (Ali', '采用Apple', 'Ali'].every((text) => quickTest.test(text))).toBe(true);
    // A whole alias is let through glued or not (whether it is a mention is for the prose reading),
    // and so is the beginning of one that may touch a word.
    expect(['dataAlibaba', 'x阿里'].every((text) => quickTest.test(text))).toBe(true);
    expect(letThrough(PACK_ALIASES, [{ text: 'the data' }, { text: 'Alibaba' }])).toBe(true);
    expect(letThrough(PACK_ALIASES, [{ text: 'XAli' }, { text: 'baba' }])).toBe(false);
  });

  it('lets through every run of prose whose text holds an alias, on random text cut into text nodes', () => {
    // Random text, the aliases' words and pieces of them often in it; between two of its units, a
    // text node may end, and a <br>, text stepped over or a block edge come between.
    const unit = fc.oneof(
      { weight: 3, arbitrary: textUnit },
      { weight: 2, arbitrary: fc.constantFrom('Apple', 'Intelligence', 'Alibaba', 'Group', '智能', ' ') },
      { weight: 3, arbitrary: fc.constantFrom('Al', 'i', 'ba', 'Appl', 'e', 'Int', 'ellig', 'ence', 'Gr', 'oup', '阿里', '巴') },
    );
    const between = fc.constantFrom('same node', 'next node', 'next node', 'br', 'stepped over', 'block edge');
    const steppedOverText = fc.array(textUnit, { maxLength: 3 }).map((units) => units.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(unit, between, steppedOverText), { maxLength: 30 }), randomAliases, (parts, extra) => {
        const items: Item[] = [];
        let text = '';
        for (const [unitText, next, steppedOver] of parts) {
          text += unitText;
          if (next === 'same node') continue;
          items.push({ text });
          text = '';
          if (next === 'br' || next === 'block edge') items.push(next);
          else if (next === 'stepped over') items.push({ text: steppedOver, steppedOver: true });
        }
        items.push({ text });
        expect(missed([...PACK_ALIASES, ...extra], items)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('lets through every alias cut across two text nodes, whatever comes before it', () => {
    // What may come before a mention, and what may not: letters and digits of spaced scripts, the
    // CJK and kana that never glue to one, marks, signs, spaces, a surrogate pair and half of one.
    const before = ['', 'x', 'É', '9', '_', '\u0301', '\u200d', '.', ' ', '\u00a0', '用', 'の', 'カ', '한', 'ㄅ', 'ا', 'я', '😀', '\ud800'];
    const aliases = [...PACK_ALIASES, { text: '(A) team', topicId: 'sign' }, { text: '9to5', topicId: 'digit' }];
    const found: string[] = [];
    const lost: string[] = [];
    for (const { text } of aliases) {
      for (const neighbour of before) {
        for (let cut = 1; cut < text.length; cut++) {
          const items = [{ text: `the ${neighbour}${text.slice(0, cut)}` }, { text: `${text.slice(cut)} went on` }];
          if (missed(aliases, items).length > 0) lost.push(items.map((item) => item.text).join('|'));
          else if (sievedRuns(aliases, items)[0]!.holdsMention) found.push(items.map((item) => item.text).join('|'));
        }
      }
    }
    expect(lost).toEqual([]);
    expect(found.length).toBeGreaterThan(100); // the mentions were there to be missed
  });

  it('works the same without the native prefilter (more aliases than it takes)', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ text: `name${i}`, topicId: 'n' }));
    const aliases = [...many, ...PACK_ALIASES];
    expect(letThrough(aliases, [{ text: 'the ' }, { text: 'Ali' }, { text: 'ce' }])).toBe(false);
    expect(letThrough(aliases, [{ text: 'the Apple' }, 'br', { text: 'Intelligence' }])).toBe(true);
    expect(letThrough(aliases, [{ text: 'see na' }, { text: 'me42' }])).toBe(true);
    expect(letThrough(aliases, [{ text: 'nothing' }, { text: 'here' }])).toBe(false);
  });
});
