/**
 * The fact pack: what Context Cards knows, as data (docs/ARCHITECTURE.md, decision 7). Every
 * claim the card shows — each summary, figure, comparison, relation and event — carries its
 * evidence: verbatim quotes, each from a named source. A source is one of the articles the pack
 * was written from, named by its file. The pack says when its facts were reported only as far as
 * its sources say it; an estimate is marked as one, with its reason.
 *
 * `validatePack` (pack-validation.ts) is the runtime gate for anything that claims to be a pack. The
 * build runs it on the bundled pack and fails with its message; nothing later trusts a pack that
 * did not pass it. Whether the pack says no more than its sources is checked against them in the
 * tests (tests/support/fidelity.ts). Pure: no DOM, no browser API.
 */

export const PACK_SCHEMA_VERSION = 2;
/** The pack that ships: its path inside the extension (build.mjs puts it there), and under assets/ in the repository. */
export const BUNDLED_PACK = 'packs/apple-alibaba-2025.json';
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A string in every language the card can show. */
export type Localized = Record<Language, string>;

/** A passage of a source, word for word (white space aside). */
export interface Evidence {
  /** The id of one of the pack's sources. */
  source: string;
  quote: string;
}

/** Something the card says, and what it rests on. A claim its sources hedge ("reportedly") says so in its text. */
export interface Claim {
  text: Localized;
  evidence: Evidence[];
}

export interface Source {
  id: string;
  /** The file of the source text the pack was written from (one of the seed articles). */
  file: string;
  kind: 'article';
  /** How the card cites it under a claim ("Article 1"). */
  shortName: Localized;
  /** How the list of sources names it: its headline, or what it is, and what it does not say (date, publisher). */
  name: Localized;
}

/** When the facts were reported. The sources carry no date: this is an estimate, and says why. */
export interface Reported {
  label: Localized;
  /** The months the estimate spans, `YYYY-MM`: an article published after `until` is newer than the facts. */
  from: string;
  until: string;
  inferred: true;
  reason: Localized;
}

export interface Alias {
  text: string;
  lang: Language;
  /** Latin aliases match case-insensitively unless this is set. */
  caseSensitive?: boolean;
}

export interface Relation extends Claim {
  topic: string;
}

export interface Topic {
  id: string;
  name: Localized;
  aliases: Alias[];
  /** One or two sentences: what the card's first view says, at a glance. */
  brief: Claim;
  /** The topic in full, behind the card's "More". */
  summary: Claim;
  /** The figures about it; the first is the one the card's first view shows. */
  keyStatistics: string[];
  relations: Relation[];
}

/** A figure: its value, what it describes, who reported it, and its evidence. */
export interface Statistic {
  id: string;
  label: Localized;
  /** A word or two beside its bar in the chart. */
  chartLabel: Localized;
  value: number;
  unit: 'percent';
  /** The period the figure describes, as the source gives it (or says it does not). */
  period: Localized;
  /** Who the source says the figure comes from ("IDC statistics show"), if anyone. */
  reportedBy?: Localized;
  evidence: Evidence[];
  comparison?: { label: Localized; chartLabel: Localized; value: number; evidence: Evidence[] };
}

export type Outcome = 'worked-with' | 'ruled-out' | 'chosen' | 'pending' | 'planned';

export interface TimelineEvent extends Claim {
  id: string;
  /** When, as the sources say it; absent where they do not. */
  when?: Localized;
  partner: Localized;
  outcome: Outcome;
}

export interface Pack {
  schema: typeof PACK_SCHEMA_VERSION;
  id: string;
  title: Claim;
  /** The partnership story in a few sentences, for the popup. */
  summary: Claim;
  reported: Reported;
  sources: Source[];
  topics: Topic[];
  statistics: Statistic[];
  timeline: TimelineEvent[];
}
