/** The article's own date: only a clear ISO date counts, and it is newer than the facts only after their last possible month. */
import { describe, expect, it } from 'vitest';
import { isNewerThanFacts, readIsoDate } from '../../src/core/dates';
import type { Reported } from '../../src/core/pack';

const reported = { from: '2024-12', until: '2025-04' } as Reported;

describe('an article date', () => {
  it('is read from the ISO forms pages use', () => {
    expect(readIsoDate('2026-11-05T09:30:00+01:00')).toBe('2026-11-05');
    expect(readIsoDate('2026-11-05T09:30:00.123Z')).toBe('2026-11-05');
    expect(readIsoDate(' 2026-11-05 ')).toBe('2026-11-05');
    expect(readIsoDate('2026-11')).toBe('2026-11');
  });

  it('is no date at all when it is not clear', () => {
    for (const text of [
      '',
      'yesterday',
      '05/11/2026',
      'November 5, 2026',
      '2026-13-01',
      '2026-02-30',
      '2026',
      '20261105',
      null,
      undefined,
    ]) {
      expect(readIsoDate(text), String(text)).toBeUndefined();
    }
  });

  it('is newer than the facts only after the last month they may have been reported in', () => {
    expect(isNewerThanFacts('2026-11-05', reported)).toBe(true);
    expect(isNewerThanFacts('2025-05', reported)).toBe(true);
    expect(isNewerThanFacts('2025-04-30', reported)).toBe(false);
    expect(isNewerThanFacts('2025-02-14', reported)).toBe(false);
    expect(isNewerThanFacts('2023-06', reported)).toBe(false);
  });
});
