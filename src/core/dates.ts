/**
 * The article's own date, and whether it is newer than the facts. Pages write their dates in
 * every form; only what reads unambiguously as an ISO 8601 calendar date (or a year and month)
 * counts, and anything else is no date at all: the card then says nothing about age, rather than
 * something false. Pure.
 */
import type { Reported } from './pack';

/** `2026-11-05T09:30:00+01:00`, `2026-11-05`, `2026-11` → `2026-11-05` / `2026-11`; anything else → undefined. */
export function readIsoDate(text: string | null | undefined): string | undefined {
  const match = /^\s*(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/.exec(text ?? '');
  if (!match) return undefined;
  const [, year, month, day] = match;
  if (Number(month) < 1 || Number(month) > 12) return undefined;
  if (day === undefined) return `${year}-${month}`;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return undefined; // 2026-02-30
  return `${year}-${month}-${day}`;
}

/** Whether an article of `date` came out after the last month the facts may have been reported in. */
export function isNewerThanFacts(date: string, reported: Reported): boolean {
  return date.slice(0, 7) > reported.until;
}
