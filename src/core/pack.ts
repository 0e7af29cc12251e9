/**
 * The fact pack: what Context Cards knows, as data (docs/ARCHITECTURE.md, decision 7).
 *
 * `validatePack` is the runtime gate for anything that claims to be a pack. The build runs it on the
 * bundled pack and fails with its message; nothing later trusts a pack that did not pass it.
 * Pure: no DOM, no browser API.
 */

import { isRecord, shown } from './checks';

export const PACK_SCHEMA_VERSION = 1;
/** The pack that ships: its path inside the extension (build.mjs puts it there), and under assets/ in the repository. */
export const BUNDLED_PACK = 'packs/apple-alibaba-2025.json';
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A string in every language the card can show. */
export type Localized = Record<Language, string>;

/** Where a figure or claim comes from, and when it was true. */
export interface Sourced {
  sources: string[];
  /** `YYYY-MM` or `YYYY-MM-DD`: the date the figure or claim was reported. */
  asOf: string;
}

export interface Source {
  id: string;
  name: Localized;
  /** Under each figure on the card; the full name is in the card's list of sources. */
  shortName: Localized;
  kind: 'article' | 'company' | 'research' | 'regulator';
  published: string;
}

export interface Alias {
  text: string;
  lang: Language;
  /** Latin aliases match case-insensitively unless this is set. */
  caseSensitive?: boolean;
}

export interface Relation extends Sourced {
  topic: string;
  text: Localized;
}

export interface Topic {
  id: string;
  name: Localized;
  aliases: Alias[];
  summary: Sourced & { text: Localized };
  keyStatistics: string[];
  relations: Relation[];
}

export interface Statistic extends Sourced {
  id: string;
  label: Localized;
  /** A word or two beside its bar in the chart. */
  chartLabel: Localized;
  value: number;
  unit: 'percent';
  period: Localized;
  comparison?: { label: Localized; chartLabel: Localized; value: number };
}

export interface TimelineEvent extends Sourced {
  id: string;
  when: Localized;
  partner: string;
  outcome: 'ruled-out' | 'chosen' | 'pending' | 'planned';
  text: Localized;
}

export interface Pack {
  schema: typeof PACK_SCHEMA_VERSION;
  id: string;
  title: Localized;
  /** The partnership story in two or three sentences, for the popup. */
  summary: Sourced & { text: Localized };
  sources: Source[];
  topics: Topic[];
  statistics: Statistic[];
  timeline: TimelineEvent[];
}

/** Thrown by `validatePack`; `problems` name each bad field by its path, e.g. `topics[1].aliases[0].text`. */
export class PackError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid fact pack:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PackError';
  }
}

/** Returns the pack typed, or throws a `PackError` listing every bad field. */
export function validatePack(input: unknown): Pack {
  const problems: string[] = [];
  const check = new Checker(problems);
  const pack = check.object(input, '');
  if (pack) {
    if (pack.schema !== PACK_SCHEMA_VERSION) {
      problems.push(`schema: expected ${PACK_SCHEMA_VERSION}, found ${JSON.stringify(pack.schema)}`);
    }
    check.id(pack.id, 'id');
    check.localized(pack.title, 'title');
    const sourceIds = check.list(pack.sources, 'sources', (s, at) => checkSource(check, s, at));
    const summary = check.object(pack.summary, 'summary');
    if (summary) {
      check.localized(summary.text, 'summary.text');
      check.sourced(summary, 'summary', sourceIds);
    }
    const statIds = check.list(pack.statistics, 'statistics', (s, at) => checkStatistic(check, s, at, sourceIds));
    check.list(pack.timeline, 'timeline', (e, at) => checkEvent(check, e, at, sourceIds));
    const topicIds = check.list(pack.topics, 'topics', (t, at) => checkTopic(check, t, at, sourceIds, statIds));
    checkRelationTargets(check, pack.topics, topicIds);
  }
  if (problems.length > 0) throw new PackError(problems);
  return input as Pack;
}

type Fields = Record<string, unknown>;

function checkSource(check: Checker, value: unknown, at: string): string | undefined {
  const source = check.object(value, at);
  if (!source) return undefined;
  check.localized(source.name, `${at}.name`);
  check.localized(source.shortName, `${at}.shortName`);
  check.oneOf(source.kind, `${at}.kind`, ['article', 'company', 'research', 'regulator']);
  check.date(source.published, `${at}.published`);
  return check.id(source.id, `${at}.id`);
}

function checkStatistic(check: Checker, value: unknown, at: string, sourceIds: Set<string>): string | undefined {
  const stat = check.object(value, at);
  if (!stat) return undefined;
  check.localized(stat.label, `${at}.label`);
  check.localized(stat.chartLabel, `${at}.chartLabel`);
  check.number(stat.value, `${at}.value`);
  check.oneOf(stat.unit, `${at}.unit`, ['percent']);
  check.localized(stat.period, `${at}.period`);
  if (stat.comparison !== undefined) {
    const comparison = check.object(stat.comparison, `${at}.comparison`);
    if (comparison) {
      check.localized(comparison.label, `${at}.comparison.label`);
      check.localized(comparison.chartLabel, `${at}.comparison.chartLabel`);
      check.number(comparison.value, `${at}.comparison.value`);
    }
  }
  check.sourced(stat, at, sourceIds);
  return check.id(stat.id, `${at}.id`);
}

function checkEvent(check: Checker, value: unknown, at: string, sourceIds: Set<string>): string | undefined {
  const event = check.object(value, at);
  if (!event) return undefined;
  check.localized(event.when, `${at}.when`);
  check.text(event.partner, `${at}.partner`);
  check.oneOf(event.outcome, `${at}.outcome`, ['ruled-out', 'chosen', 'pending', 'planned']);
  check.localized(event.text, `${at}.text`);
  check.sourced(event, at, sourceIds);
  return check.id(event.id, `${at}.id`);
}

function checkTopic(check: Checker, value: unknown, at: string, sourceIds: Set<string>, statIds: Set<string>): string | undefined {
  const topic = check.object(value, at);
  if (!topic) return undefined;
  check.localized(topic.name, `${at}.name`);
  const aliases = check.list(topic.aliases, `${at}.aliases`, (a, aliasAt) => {
    const alias = check.object(a, aliasAt);
    if (!alias) return undefined;
    check.oneOf(alias.lang, `${aliasAt}.lang`, LANGUAGES);
    if (alias.caseSensitive !== undefined && typeof alias.caseSensitive !== 'boolean') {
      check.problem(`${aliasAt}.caseSensitive`, 'expected true or false', alias.caseSensitive);
    }
    const text = check.text(alias.text, `${aliasAt}.text`);
    if (text !== undefined && text !== text.trim()) {
      check.problem(`${aliasAt}.text`, 'must not start or end with white space', text);
    }
    return text;
  });
  if (aliases.size === 0 && Array.isArray(topic.aliases)) check.problem(`${at}.aliases`, 'needs at least one alias', []);
  const summary = check.object(topic.summary, `${at}.summary`);
  if (summary) {
    check.localized(summary.text, `${at}.summary.text`);
    check.sourced(summary, `${at}.summary`, sourceIds);
  }
  check.references(topic.keyStatistics, `${at}.keyStatistics`, statIds, 'statistic');
  check.list(topic.relations, `${at}.relations`, (r, relationAt) => {
    const relation = check.object(r, relationAt);
    if (!relation) return undefined;
    check.localized(relation.text, `${relationAt}.text`);
    check.sourced(relation, relationAt, sourceIds);
    return undefined;
  });
  return check.id(topic.id, `${at}.id`);
}

/** Relations may only point at topics of the same pack; checked once all topic ids are known. */
function checkRelationTargets(check: Checker, topics: unknown, topicIds: Set<string>): void {
  if (!Array.isArray(topics)) return;
  topics.forEach((topic: Fields, t) => {
    if (!Array.isArray(topic?.relations)) return;
    topic.relations.forEach((relation: Fields, r) => {
      if (!topicIds.has(relation?.topic as string)) {
        check.problem(`topics[${t}].relations[${r}].topic`, 'expected the id of a topic in this pack', relation?.topic);
      }
    });
  });
}

/** Small field checks that record a problem (with the field's path) instead of throwing at the first. */
class Checker {
  constructor(private readonly problems: string[]) {}

  problem(path: string, expected: string, found: unknown): void {
    this.problems.push(`${path || '(pack)'}: ${expected}, found ${shown(found)}`);
  }

  object(value: unknown, path: string): Fields | undefined {
    if (isRecord(value)) return value;
    this.problem(path, 'expected an object', value);
    return undefined;
  }

  text(value: unknown, path: string): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.problem(path, 'expected a non-empty string', value);
    return undefined;
  }

  id(value: unknown, path: string): string | undefined {
    if (typeof value === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value)) return value;
    this.problem(path, 'expected a kebab-case id', value);
    return undefined;
  }

  number(value: unknown, path: string): void {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.problem(path, 'expected a finite number', value);
  }

  date(value: unknown, path: string): void {
    if (typeof value !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/.test(value)) {
      this.problem(path, 'expected a date as YYYY-MM or YYYY-MM-DD', value);
    }
  }

  oneOf(value: unknown, path: string, allowed: readonly string[]): void {
    if (!allowed.includes(value as string)) this.problem(path, `expected one of ${allowed.join(', ')}`, value);
  }

  localized(value: unknown, path: string): void {
    const texts = this.object(value, path);
    if (texts) for (const language of LANGUAGES) this.text(texts[language], `${path}.${language}`);
  }

  sourced(value: Fields, path: string, sourceIds: Set<string>): void {
    this.references(value.sources, `${path}.sources`, sourceIds, 'source');
    if (Array.isArray(value.sources) && value.sources.length === 0) this.problem(`${path}.sources`, 'needs a source', []);
    this.date(value.asOf, `${path}.asOf`);
  }

  references(value: unknown, path: string, known: Set<string>, what: string): void {
    if (!Array.isArray(value)) return this.problem(path, `expected a list of ${what} ids`, value);
    value.forEach((id: unknown, i) => {
      if (typeof id !== 'string' || !known.has(id)) this.problem(`${path}[${i}]`, `expected the id of a ${what} in this pack`, id);
    });
  }

  /** Checks each item; returns the ids (or texts) it returned, and flags duplicates. */
  list(value: unknown, path: string, each: (item: unknown, at: string) => string | undefined): Set<string> {
    const seen = new Set<string>();
    if (!Array.isArray(value)) {
      this.problem(path, 'expected a list', value);
      return seen;
    }
    value.forEach((item, i) => {
      const key = each(item, `${path}[${i}]`);
      if (key === undefined) return;
      if (seen.has(key)) this.problem(`${path}[${i}]`, 'duplicates an earlier entry', key);
      seen.add(key);
    });
    return seen;
  }
}
