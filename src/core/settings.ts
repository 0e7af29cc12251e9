/**
 * The reader's settings: one typed `DEFAULTS`, a `version`, ordered migrations, and validation on
 * load that keeps every good field and falls back to the default for each bad or missing one
 * (docs/ARCHITECTURE.md, decision 5). Pure: no browser API; `settings-store.ts` does the storage.
 */
import { isRecord } from './checks';
import { normalizeSite, type SiteSettings } from './sites';

export const SETTINGS_VERSION = 1;

export type HighlightStyle = 'background' | 'underline' | 'none';
/** `article`: the article's own language where the card has it (Chinese), the browser's otherwise. */
export type CardLanguage = 'article' | 'browser' | 'en' | 'zh-CN';

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** Topic id → shown or not. A topic missing here (say, from a newer pack) is shown. */
  topics: Record<string, boolean>;
  sites: SiteSettings;
  highlight: { style: HighlightStyle; colour: string; firstOnly: boolean };
  /** `tapToOpen`: on a touch screen, a tap on a mention opens its card (a pointer's `openOn` is apart). */
  card: { hoverDelayMs: number; openOn: 'hover' | 'click'; tapToOpen: boolean; language: CardLanguage };
}

export const DEFAULTS: Settings = {
  version: SETTINGS_VERSION,
  topics: {},
  sites: { mode: 'news', allowed: [], blocked: [] },
  highlight: { style: 'background', colour: '#ffc400', firstOnly: false },
  card: { hoverDelayMs: 300, openOn: 'hover', tapToOpen: true, language: 'article' },
};

export const HOVER_DELAY_RANGE = { min: 0, max: 2000 } as const;
export const MAX_SITES = 200;

/**
 * Migrations, oldest first: `MIGRATIONS[i]` turns version `i + 1` into `i + 2`. Version 1 is the
 * first that shipped, so there are none yet; the next change to the shape adds one here and bumps
 * SETTINGS_VERSION, and `readSettings` runs every step a stored object still needs.
 */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;
export const MIGRATIONS: readonly Migration[] = [];

export interface ReadResult {
  settings: Settings;
  /** What was wrong with what was stored, one line each: shown to the reader as a notice. */
  problems: string[];
}

/** Reads whatever storage held into valid settings: migrated, validated, defaults where needed. */
export function readSettings(stored: unknown, migrations: readonly Migration[] = MIGRATIONS): ReadResult {
  const problems: string[] = [];
  if (stored === undefined || stored === null) return { settings: structuredClone(DEFAULTS), problems };
  if (!isRecord(stored)) return { settings: structuredClone(DEFAULTS), problems: ['settings: not an object; defaults used'] };
  let data = stored;
  const version = typeof data.version === 'number' && Number.isInteger(data.version) ? data.version : 1;
  if (version > migrations.length + 1) {
    problems.push(`settings: version ${version} is newer than this extension understands; what it can read is kept`);
  }
  for (let v = version; v <= migrations.length; v++) data = migrations[v - 1]!(data);
  return { settings: validate(data, problems), problems };
}

/**
 * What to store when the reader changed the settings from `from` (as this version read them) to
 * `to`, given what storage holds now (`stored`, as it is).
 * - Written by a newer version (syncing the same account): only the fields the reader changed are
 *   written over it, so that the fields and values this version does not know are kept.
 * - Written by this version or an older one: every field is written as this version has it, which
 *   also mends what was not valid; fields it does not know are kept all the same.
 * The stored `version` never goes down.
 */
export function mergeForWrite(stored: unknown, from: Settings | undefined, to: Settings): Record<string, unknown> {
  const merged = isRecord(stored) ? structuredClone(stored) : {};
  const storedVersion = isRecord(stored) && typeof stored.version === 'number' && Number.isInteger(stored.version) ? stored.version : 0;
  const newer = storedVersion > SETTINGS_VERSION;
  writeChanges(merged, newer ? from : undefined, to);
  merged.version = Math.max(storedVersion, SETTINGS_VERSION);
  return merged;
}

/** Writes the fields of `to` that differ from `from` into `target` (all of them when `from` is undefined). */
function writeChanges(target: Record<string, unknown>, from: unknown, to: unknown): void {
  const before = isRecord(from) ? from : undefined;
  const after = isRecord(to) ? to : {};
  for (const key of new Set([...Object.keys(before ?? {}), ...Object.keys(after)])) {
    if (key === 'version') continue;
    const was = before?.[key];
    const now = after[key];
    if (now === undefined) {
      if (was !== undefined) delete target[key];
    } else if (isRecord(now)) {
      if (!isRecord(target[key])) target[key] = {};
      writeChanges(target[key] as Record<string, unknown>, was, now);
    } else if (before === undefined || JSON.stringify(was) !== JSON.stringify(now)) {
      target[key] = structuredClone(now);
    }
  }
}

function validate(data: Record<string, unknown>, problems: string[]): Settings {
  const pick = <T>(path: string, value: unknown, fallback: T, ok: (v: unknown) => boolean): T => {
    if (value === undefined) return fallback;
    if (ok(value)) return value as T;
    problems.push(`${path}: ${JSON.stringify(value)?.slice(0, 40)} is not valid; the default is used`);
    return fallback;
  };
  const sites = section(data, 'sites', problems);
  const highlight = section(data, 'highlight', problems);
  const card = section(data, 'card', problems);
  const d = DEFAULTS;
  return {
    version: SETTINGS_VERSION,
    topics: validTopics(data.topics, problems),
    sites: {
      mode: pick('sites.mode', sites.mode, d.sites.mode, oneOf(['news', 'all', 'listed'])),
      allowed: validSites('sites.allowed', sites.allowed, problems),
      blocked: validSites('sites.blocked', sites.blocked, problems),
    },
    highlight: {
      style: pick('highlight.style', highlight.style, d.highlight.style, oneOf(['background', 'underline', 'none'])),
      colour: pick('highlight.colour', highlight.colour, d.highlight.colour, (v) => typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v)),
      firstOnly: pick('highlight.firstOnly', highlight.firstOnly, d.highlight.firstOnly, (v) => typeof v === 'boolean'),
    },
    card: {
      hoverDelayMs: pick('card.hoverDelayMs', card.hoverDelayMs, d.card.hoverDelayMs, isHoverDelay),
      openOn: pick('card.openOn', card.openOn, d.card.openOn, oneOf(['hover', 'click'])),
      tapToOpen: pick('card.tapToOpen', card.tapToOpen, d.card.tapToOpen, (v) => typeof v === 'boolean'),
      language: pick('card.language', card.language, d.card.language, oneOf(['article', 'browser', 'en', 'zh-CN'])),
    },
  };
}

function section(data: Record<string, unknown>, key: string, problems: string[]): Record<string, unknown> {
  const value = data[key];
  if (value === undefined) return {};
  if (isRecord(value)) return value;
  problems.push(`${key}: not an object; its defaults are used`);
  return {};
}

function validTopics(value: unknown, problems: string[]): Record<string, boolean> {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    problems.push('topics: not an object; every topic is shown');
    return {};
  }
  const topics: Record<string, boolean> = {};
  for (const [id, shown] of Object.entries(value)) {
    if (typeof shown === 'boolean') topics[id] = shown;
    else problems.push(`topics.${id}: ${JSON.stringify(shown)?.slice(0, 40)} is not true or false; the topic is shown`);
  }
  return topics;
}

/** Keeps each valid site of a list (normalized, without duplicates), and drops the rest with a note. */
function validSites(path: string, value: unknown, problems: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${path}: not a list; it is empty now`);
    return [];
  }
  const sites = new Set<string>();
  for (const entry of value) {
    const site = typeof entry === 'string' ? normalizeSite(entry) : undefined;
    if (site && sites.size < MAX_SITES) sites.add(site);
    else problems.push(`${path}: dropped ${JSON.stringify(entry)?.slice(0, 40)}`);
  }
  return [...sites];
}

export function isHoverDelay(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= HOVER_DELAY_RANGE.min && value <= HOVER_DELAY_RANGE.max;
}

function oneOf(allowed: readonly string[]): (value: unknown) => boolean {
  return (value) => typeof value === 'string' && allowed.includes(value);
}
