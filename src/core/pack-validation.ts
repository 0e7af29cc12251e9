/**
 * The runtime gate for anything that claims to be a fact pack (core/pack.ts): its shape, its ids
 * and references, and that every claim has evidence from a source of the pack. It lists every bad
 * field by its path, so the build can refuse a pack and say exactly what is wrong. Pure.
 */
import { isRecord, shown } from './checks';
import { LANGUAGES, PACK_SCHEMA_VERSION, type Pack } from './pack';

/** Thrown by `validatePack`; `problems` name each bad field by its path, e.g. `topics[1].aliases[0].text`. */
export class PackError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid fact pack:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PackError';
  }
}

const OUTCOMES = ['worked-with', 'ruled-out', 'chosen', 'pending', 'planned'];

/** Returns the pack typed, or throws a `PackError` listing every bad field. */
export function validatePack(input: unknown): Pack {
  const problems: string[] = [];
  const check = new Checker(problems);
  const pack = check.object(input, '');
  if (pack) {
    if (pack.schema !== PACK_SCHEMA_VERSION) problems.push(`schema: expected ${PACK_SCHEMA_VERSION}, found ${shown(pack.schema)}`);
    check.id(pack.id, 'id');
    check.sources = check.list(pack.sources, 'sources', (s, at) => checkSource(check, s, at));
    check.claim(pack.title, 'title');
    check.claim(pack.summary, 'summary');
    checkReported(check, pack.reported, 'reported');
    const statIds = check.list(pack.statistics, 'statistics', (s, at) => checkStatistic(check, s, at));
    check.list(pack.timeline, 'timeline', (e, at) => checkEvent(check, e, at));
    const topicIds = check.list(pack.topics, 'topics', (t, at) => checkTopic(check, t, at, statIds));
    checkRelationTargets(check, pack.topics, topicIds);
  }
  if (problems.length > 0) throw new PackError(problems);
  return input as Pack;
}

type Fields = Record<string, unknown>;

function checkSource(check: Checker, value: unknown, at: string): string | undefined {
  const source = check.object(value, at);
  if (!source) return undefined;
  check.text(source.file, `${at}.file`);
  check.oneOf(source.kind, `${at}.kind`, ['article']);
  check.localized(source.shortName, `${at}.shortName`);
  check.localized(source.name, `${at}.name`);
  return check.id(source.id, `${at}.id`);
}

function checkReported(check: Checker, value: unknown, at: string): void {
  const reported = check.object(value, at);
  if (!reported) return;
  check.localized(reported.label, `${at}.label`);
  check.month(reported.from, `${at}.from`);
  check.month(reported.until, `${at}.until`);
  if (typeof reported.from === 'string' && typeof reported.until === 'string' && reported.from > reported.until) {
    check.problem(`${at}.until`, `expected a month after ${reported.from}`, reported.until);
  }
  if (reported.inferred !== true)
    check.problem(`${at}.inferred`, 'expected true (the sources carry no date: this is an estimate)', reported.inferred);
  check.localized(reported.reason, `${at}.reason`);
}

function checkStatistic(check: Checker, value: unknown, at: string): string | undefined {
  const stat = check.object(value, at);
  if (!stat) return undefined;
  check.localized(stat.label, `${at}.label`);
  check.localized(stat.chartLabel, `${at}.chartLabel`);
  check.number(stat.value, `${at}.value`);
  check.oneOf(stat.unit, `${at}.unit`, ['percent']);
  check.localized(stat.period, `${at}.period`);
  if (stat.reportedBy !== undefined) check.localized(stat.reportedBy, `${at}.reportedBy`);
  check.evidence(stat.evidence, `${at}.evidence`);
  if (stat.comparison !== undefined) {
    const comparison = check.object(stat.comparison, `${at}.comparison`);
    if (comparison) {
      check.localized(comparison.label, `${at}.comparison.label`);
      check.localized(comparison.chartLabel, `${at}.comparison.chartLabel`);
      check.number(comparison.value, `${at}.comparison.value`);
      check.evidence(comparison.evidence, `${at}.comparison.evidence`);
    }
  }
  return check.id(stat.id, `${at}.id`);
}

function checkEvent(check: Checker, value: unknown, at: string): string | undefined {
  const event = check.claim(value, at);
  if (!event) return undefined;
  if (event.when !== undefined) check.localized(event.when, `${at}.when`);
  check.localized(event.partner, `${at}.partner`);
  check.oneOf(event.outcome, `${at}.outcome`, OUTCOMES);
  return check.id(event.id, `${at}.id`);
}

function checkTopic(check: Checker, value: unknown, at: string, statIds: Set<string>): string | undefined {
  const topic = check.object(value, at);
  if (!topic) return undefined;
  check.localized(topic.name, `${at}.name`);
  const aliases = check.list(topic.aliases, `${at}.aliases`, (a, aliasAt) => checkAlias(check, a, aliasAt));
  if (aliases.size === 0 && Array.isArray(topic.aliases)) check.problem(`${at}.aliases`, 'needs at least one alias', []);
  check.claim(topic.brief, `${at}.brief`);
  check.claim(topic.summary, `${at}.summary`);
  if (Array.isArray(topic.keyStatistics) && topic.keyStatistics.length === 0) {
    check.problem(`${at}.keyStatistics`, 'needs at least one statistic (the first is the card’s lead figure)', []);
  }
  check.references(topic.keyStatistics, `${at}.keyStatistics`, statIds, 'statistic');
  check.list(topic.relations, `${at}.relations`, (r, relationAt) => {
    check.claim(r, relationAt);
    return undefined;
  });
  return check.id(topic.id, `${at}.id`);
}

function checkAlias(check: Checker, value: unknown, at: string): string | undefined {
  const alias = check.object(value, at);
  if (!alias) return undefined;
  check.oneOf(alias.lang, `${at}.lang`, LANGUAGES);
  if (alias.caseSensitive !== undefined && typeof alias.caseSensitive !== 'boolean') {
    check.problem(`${at}.caseSensitive`, 'expected true or false', alias.caseSensitive);
  }
  const text = check.text(alias.text, `${at}.text`);
  if (text !== undefined && text !== text.trim()) check.problem(`${at}.text`, 'must not start or end with white space', text);
  return text;
}

/** Relations may only point at topics of the same pack; checked once all topic ids are known. */
function checkRelationTargets(check: Checker, topics: unknown, topicIds: Set<string>): void {
  if (!Array.isArray(topics)) return;
  topics.forEach((topic: Fields, t) => {
    if (!Array.isArray(topic?.relations)) return;
    topic.relations.forEach((relation: Fields, r) => {
      if (typeof relation?.topic !== 'string' || !topicIds.has(relation.topic)) {
        check.problem(`topics[${t}].relations[${r}].topic`, 'expected the id of a topic in this pack', relation?.topic);
      }
    });
  });
}

/** Small field checks that record a problem (with the field's path) instead of throwing at the first. */
class Checker {
  /** The ids of the pack's sources, once read: what evidence may cite. */
  sources = new Set<string>();

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

  month(value: unknown, path: string): void {
    if (typeof value !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) this.problem(path, 'expected a month as YYYY-MM', value);
  }

  oneOf(value: unknown, path: string, allowed: readonly string[]): void {
    if (!allowed.includes(value as string)) this.problem(path, `expected one of ${allowed.join(', ')}`, value);
  }

  localized(value: unknown, path: string): void {
    const texts = this.object(value, path);
    if (texts) for (const language of LANGUAGES) this.text(texts[language], `${path}.${language}`);
  }

  /** A claim: its text in every language, and its evidence. */
  claim(value: unknown, path: string): Fields | undefined {
    const claim = this.object(value, path);
    if (!claim) return undefined;
    this.localized(claim.text, `${path}.text`);
    this.evidence(claim.evidence, `${path}.evidence`);
    return claim;
  }

  /** At least one quote, each from a source of this pack. */
  evidence(value: unknown, path: string): void {
    if (!Array.isArray(value) || value.length === 0) return this.problem(path, 'expected at least one quote from a source', value);
    value.forEach((item, i) => {
      const evidence = this.object(item, `${path}[${i}]`);
      if (!evidence) return;
      this.text(evidence.quote, `${path}[${i}].quote`);
      if (typeof evidence.source !== 'string' || !this.sources.has(evidence.source)) {
        this.problem(`${path}[${i}].source`, 'expected the id of a source in this pack', evidence.source);
      }
    });
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
