/**
 * The matching rules written the slow, obvious way — every alias tried at every position, then
 * leftmost-longest — as the reference the Aho–Corasick matcher is checked against (unit tests,
 * the fuzz run, the corpus run in the browser). It shares only the character rules
 * (src/core/text-rules.ts) with the code under test.
 */
import type { AliasSpec, Match } from '../../src/core/matcher';
import { foldUnit, isSpaceUnit, isWordEdge, needsWordBoundary } from '../../src/core/text-rules';

export function naiveFind(text: string, aliases: readonly AliasSpec[]): Match[] {
  const candidates: Match[] = [];
  for (let start = 0; start < text.length; start++) {
    for (const alias of aliases) {
      const end = matchAt(text, start, alias);
      if (end > start && edgesAllowed(text, start, end, alias.text.trim())) {
        candidates.push({ start, end, topicId: alias.topicId });
      }
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Match[] = [];
  for (const candidate of candidates) {
    if (kept.length === 0 || candidate.start >= kept[kept.length - 1]!.end) kept.push(candidate);
  }
  return kept;
}

function matchAt(text: string, start: number, alias: AliasSpec): number {
  const pattern = alias.text.trim();
  let i = start;
  for (let p = 0; p < pattern.length; p++) {
    const want = pattern.charCodeAt(p);
    if (isSpaceUnit(want)) {
      if (p > 0 && isSpaceUnit(pattern.charCodeAt(p - 1))) continue;
      if (i >= text.length || !isSpaceUnit(text.charCodeAt(i))) return -1;
      while (i < text.length && isSpaceUnit(text.charCodeAt(i))) i++;
      continue;
    }
    if (i >= text.length) return -1;
    const have = text.charCodeAt(i);
    if (alias.caseSensitive ? have !== want : foldUnit(have) !== foldUnit(want)) return -1;
    i++;
  }
  return i;
}

function edgesAllowed(text: string, start: number, end: number, pattern: string): boolean {
  const first = pattern.codePointAt(0)!;
  const last = [...pattern].at(-1)!.codePointAt(0)!;
  const before = start > 0 ? [...text.slice(0, start)].at(-1)!.codePointAt(0)! : 0;
  const after = end < text.length ? text.codePointAt(end)! : 0;
  if (needsWordBoundary(first) && isWordEdge(before)) return false;
  return !(needsWordBoundary(last) && isWordEdge(after));
}
