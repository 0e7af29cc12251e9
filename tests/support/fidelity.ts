/**
 * Does the fact pack say more than its sources? Checked against the seed articles themselves, in
 * every language of the pack:
 * - every evidence quote is in its source, word for word (white space aside);
 * - every figure the card shows — a value, a quarter, a month, a year, a number in any text,
 *   label, period or `when` — is in that claim's own evidence, and a value's sign is the one the
 *   quote words ("fell", "loss": negative; "increased", "growth": positive);
 * - a claim whose evidence is hedged ("reportedly", "according to reports", "apparently") is
 *   hedged in every language; a figure its quote attributes ("IDC statistics show") names who;
 * - nothing gives a year or a month that no quote contains, except what is marked as inferred
 *   (`reported`, with its reason).
 * The tests run it on the bundled pack and on mutated copies, each of which it must refuse.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { Evidence, Language, Localized, Pack } from '../../src/core/pack';

export type Seeds = Record<string, string>;

/** The seed articles by file name; a clear error when they are not there. */
export function readSeeds(dir: string): Seeds {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.txt'));
  } catch {
    throw new Error(
      `The seed articles are missing: no folder ${dir}. The fidelity check needs ../shared/seeds beside the project (see README).`,
    );
  }
  if (names.length === 0) throw new Error(`The seed articles are missing: ${dir} holds no .txt file.`);
  return Object.fromEntries(names.map((name) => [name, readFileSync(`${dir}/${name}`, 'utf8')]));
}

/** What a claim shows (its texts, per field) and its numeric values, with the evidence they must rest on. */
interface Shown {
  path: string;
  texts: Array<{ field: string; text: Localized }>;
  values: Array<{ field: string; value: number }>;
  evidence: Evidence[];
  reportedBy?: Localized;
}

export function checkFidelity(pack: Pack, seeds: Seeds): string[] {
  const problems: string[] = [];
  const sourceText = new Map<string, string>();
  for (const [i, source] of pack.sources.entries()) {
    const text = seeds[source.file];
    if (text === undefined) problems.push(`sources[${i}].file: no seed article ${source.file}`);
    else sourceText.set(source.id, normalize(text));
  }
  for (const shown of everythingShown(pack)) {
    shown.evidence.forEach((evidence, i) => {
      const text = sourceText.get(evidence.source);
      if (text !== undefined && !text.includes(normalize(evidence.quote)))
        problems.push(
          `${shown.path}.evidence[${i}]: not in ${evidence.source}, word for word: ${JSON.stringify(evidence.quote).slice(0, 80)}`,
        );
    });
    problems.push(...checkFigures(shown), ...checkHedges(shown), ...checkAttribution(shown));
  }
  return problems;
}

/** Every claim of the pack, with every field the card or popup shows of it. */
function everythingShown(pack: Pack): Shown[] {
  const claim = (path: string, text: Localized, evidence: Evidence[], more: Array<{ field: string; text: Localized }> = []): Shown => ({
    path,
    texts: [{ field: 'text', text }, ...more],
    values: [],
    evidence,
  });
  const shown: Shown[] = [claim('title', pack.title.text, pack.title.evidence), claim('summary', pack.summary.text, pack.summary.evidence)];
  pack.topics.forEach((topic, t) => {
    shown.push(claim(`topics[${t}].brief`, topic.brief.text, topic.brief.evidence));
    shown.push(claim(`topics[${t}].summary`, topic.summary.text, topic.summary.evidence));
    topic.relations.forEach((relation, r) => shown.push(claim(`topics[${t}].relations[${r}]`, relation.text, relation.evidence)));
  });
  pack.timeline.forEach((event, e) => {
    const more = [{ field: 'partner', text: event.partner }, ...(event.when ? [{ field: 'when', text: event.when }] : [])];
    shown.push(claim(`timeline[${e}]`, event.text, event.evidence, more));
  });
  pack.statistics.forEach((stat, s) => {
    const fields = (['label', 'chartLabel', 'period'] as const).map((field) => ({ field, text: stat[field] }));
    shown.push({
      path: `statistics[${s}]`,
      texts: fields,
      values: [{ field: 'value', value: stat.value }],
      evidence: stat.evidence,
      reportedBy: stat.reportedBy,
    });
    const { comparison } = stat;
    if (comparison) {
      const texts = (['label', 'chartLabel'] as const).map((field) => ({ field, text: comparison[field] }));
      shown.push({
        path: `statistics[${s}].comparison`,
        texts,
        values: [{ field: 'value', value: comparison.value }],
        evidence: comparison.evidence,
      });
    }
  });
  return shown;
}

/** Every figure shown must be in the claim's own evidence; a value, with the sign its quote gives it. */
function checkFigures(shown: Shown): string[] {
  const problems: string[] = [];
  const quotes = shown.evidence.map((e) => e.quote);
  const inEvidence = new Set(quotes.flatMap((quote) => figuresIn(quote, 'en')));
  for (const { field, text } of shown.texts) {
    for (const language of Object.keys(text) as Language[]) {
      for (const figure of figuresIn(text[language], language)) {
        if (!inEvidence.has(figure))
          problems.push(`${shown.path}.${field}.${language}: ${describe(figure)} is in no quote of its evidence`);
      }
    }
  }
  for (const { field, value } of shown.values) {
    const sign = signIn(quotes, Math.abs(value));
    if (sign === undefined) problems.push(`${shown.path}.${field}: ${Math.abs(value)} is in no quote of its evidence`);
    else if (sign === 'unclear')
      problems.push(`${shown.path}.${field}: its evidence does not say whether ${Math.abs(value)} is a rise or a fall`);
    else if (sign !== (value < 0 ? 'fall' : 'rise'))
      problems.push(`${shown.path}.${field}: ${value} has the wrong sign: its evidence words it as a ${sign}`);
  }
  return problems;
}

const HEDGES_IN_QUOTES = /\b(reportedly|according to reports|apparently|allegedly)\b/i;
const HEDGES_IN_TEXT: Record<Language, RegExp> = {
  en: /\b(reportedly|according to reports|apparently|allegedly)\b/i,
  'zh-CN': /据报道|据悉|据称|似乎/,
};

/** A claim its evidence hedges stays hedged, in every language. */
function checkHedges(shown: Shown): string[] {
  if (!shown.evidence.some((e) => HEDGES_IN_QUOTES.test(e.quote))) return [];
  const text = shown.texts.find((t) => t.field === 'text')?.text;
  if (!text) return [];
  return (Object.keys(text) as Language[])
    .filter((language) => !HEDGES_IN_TEXT[language].test(text[language]))
    .map(
      (language) =>
        `${shown.path}.text.${language}: its evidence is hedged ("${HEDGES_IN_QUOTES.exec(shown.evidence.map((e) => e.quote).join(' '))?.[1]}"), the text is not`,
    );
}

/** A figure its quote attributes ("Apple reported", "IDC statistics show") names who, as the quote does. */
function checkAttribution(shown: Shown): string[] {
  if (!shown.values.length || shown.path.endsWith('.comparison')) return [];
  const attributed = shown.evidence
    .map((e) => /\b([A-Z][A-Za-z]+)(?: statistics| data)? (?:reported|shows?|said)\b/.exec(e.quote)?.[1])
    .find(Boolean);
  if (!attributed) return [];
  if (!shown.reportedBy) return [`${shown.path}.reportedBy: its evidence attributes it to ${attributed}; the pack does not say so`];
  return shown.reportedBy.en === attributed
    ? []
    : [`${shown.path}.reportedBy: ${shown.reportedBy.en}, but its evidence attributes it to ${attributed}`];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const CHINESE_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  十一: 11,
  十二: 12,
};

/**
 * The figures a text gives, as comparable tokens: `Q3` (a quarter), `M12` (a month), `Y2024` (a
 * year), `N11.1` (any other number). "Q3 2024" and "2024年第三季度" both give Q3 and Y2024.
 */
export function figuresIn(text: string, language: Language): string[] {
  const figures: string[] = [];
  let rest = text;
  const take = (pattern: RegExp, token: (match: RegExpExecArray) => string) => {
    rest = rest.replace(pattern, (...args: unknown[]) => {
      figures.push(token(args.slice(0, -2) as unknown as RegExpExecArray));
      return ' ';
    });
  };
  if (language === 'zh-CN') {
    take(/第([一二三四1-4])季度/g, (m) => `Q${CHINESE_DIGITS[m[1]!] ?? m[1]}`);
    take(/(\d{1,2}|十[一二]?|[一二三四五六七八九])月/g, (m) => `M${CHINESE_DIGITS[m[1]!] ?? Number(m[1])}`);
  } else {
    take(/\bQ([1-4])\b/g, (m) => `Q${m[1]}`);
    take(new RegExp(`\\b(${MONTHS.join('|')})\\b`, 'gi'), (m) => `M${MONTHS.indexOf(m[1]!.toLowerCase()) + 1}`);
  }
  take(/(?<![\d.])((?:19|20)\d{2})(?![\d.])/g, (m) => `Y${m[1]}`);
  take(/\d+(?:\.\d+)?/g, (m) => `N${Number(m[0])}`);
  return figures;
}

function describe(figure: string): string {
  const kind = { Q: 'the quarter', M: 'the month', Y: 'the year', N: 'the number' }[figure[0] as 'Q' | 'M' | 'Y' | 'N'];
  return `${kind} ${figure.slice(1)}`;
}

const FALL = /\b(fell|fall|falls|falling|loss|losses|declined?|declining|drop(?:ped)?|down|decreased?|shrank)\b/i;
const RISE = /\b(grew|growth|grow|increased?|rose|rise|rising|gain(?:ed)?|up)\b/i;

/** How the quotes word `amount`: a rise, a fall, unclear, or undefined if no quote gives it. */
function signIn(quotes: string[], amount: number): 'rise' | 'fall' | 'unclear' | undefined {
  for (const quote of quotes) {
    // The clause the number is in: a comparison ("while", "despite") is a clause of its own.
    for (const clause of quote.split(/[,;]|\b(?:while|despite|but|whereas)\b/)) {
      if (!figuresIn(clause, 'en').includes(`N${amount}`)) continue;
      const fall = FALL.test(clause);
      const rise = RISE.test(clause);
      return fall === rise ? 'unclear' : fall ? 'fall' : 'rise';
    }
  }
  return undefined;
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
