/**
 * The matcher against the naive reference on random Unicode text: every case in the unit test's
 * alphabet plus right-to-left scripts, zero-width joiners, lone surrogates and very long lines.
 * `npm run fuzz` runs 100,000 cases (FUZZ_RUNS to change) and writes the figures to RELIABILITY.md.
 */
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { compileMatcher } from '../../src/core/matcher';
import { PACK_ALIASES, randomAliases, textUnit } from '../support/matcher-arbitraries';
import { naiveFind } from '../support/naive-matcher';
import { reachedReading } from '../support/read-in-pieces';
import { updateSection } from '../support/reliability-report';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100_000);
const unit = fc.oneof(
  { weight: 6, arbitrary: textUnit },
  {
    weight: 1,
    arbitrary: fc.constantFrom('שלום', 'مرحبا', '\u200f', '\u200e', '\u202e', '👩\u200d💻', '\u200b', '\ufeff', 'Ａｌｉｂａｂａ'),
  },
);
const texts = fc.oneof(
  { weight: 9, arbitrary: fc.array(unit, { maxLength: 60 }) },
  { weight: 1, arbitrary: fc.array(unit, { minLength: 500, maxLength: 3000 }) }, // very long lines
);
let cases = 0;
let characters = 0;
const started = Date.now();

it(`agrees with the naive reference on ${RUNS.toLocaleString('en')} random cases`, () => {
  fc.assert(
    fc.property(texts, randomAliases, (parts, extra) => {
      const text = parts.join('');
      const aliases = [...PACK_ALIASES, ...extra];
      cases++;
      characters += text.length;
      const matcher = compileMatcher(aliases);
      const expected = naiveFind(text, aliases);
      expect(matcher.find(text)).toEqual(expected);
      if (expected.length > 0) expect(reachedReading(matcher, parts)).toBe(true);
    }),
    { numRuns: RUNS },
  );
}, 3_600_000);

afterAll(async () => {
  await updateSection(
    'fuzz',
    `## The matcher, fuzzed

${cases.toLocaleString('en')} random cases (${(characters / 1e6).toFixed(1)} million UTF-16 units of text: Latin in every case, CJK, Hebrew and Arabic, bidi marks, zero-width joiners and spaces, combining marks, lone surrogates, full-width letters, lines up to 3,000 units) with the pack's aliases and up to six random ones each: the Aho–Corasick matcher gave exactly the naive reference's mentions in every case, and its quick pass, reading the text in the pieces it was made of, saw every text that holds one. ${new Date(started).toISOString().slice(0, 10)}, ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  );
});
