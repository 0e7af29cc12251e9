/**
 * The badge count reporter: what it sends the background, and that a report the background did
 * not take (its service worker was stopped and is starting again) is sent again, so the badge
 * does not go on showing an old count.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const sent: Array<{ total: number }> = [];
let failNext = 0;
vi.mock('../../src/shared/messages', () => ({
  callBackground: (_name: string, params: { total: number }) => {
    if (failNext > 0) {
      failNext--;
      return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    }
    sent.push(params);
    return Promise.resolve();
  },
}));
const { reportCounts } = await import('../../src/content/count-reporter');

/** A mention index with `size` mentions of one topic: all the reporter reads. */
const index = (size: number) => ({ size, topicCounts: () => (size ? [{ topicId: 'alibaba', count: size }] : []) }) as never;

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('window', Object.assign(new EventTarget(), { closed: false }));
  vi.stubGlobal('document', { defaultView: {} });
  sent.length = 0;
  failNext = 0;
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the count reporter', () => {
  it('reports once things settle, and only when the count changed', async () => {
    const mentions = { size: 3, topicCounts: () => [{ topicId: 'alibaba', count: 3 }] };
    const reporter = reportCounts(mentions as never, new AbortController().signal);
    reporter.changed();
    reporter.changed();
    await vi.advanceTimersByTimeAsync(150);
    reporter.changed();
    await vi.advanceTimersByTimeAsync(150);
    expect(sent.map((s) => s.total)).toEqual([3]);
  });

  it('sends again when the background did not take the report', async () => {
    failNext = 2;
    const reporter = reportCounts(index(5), new AbortController().signal);
    reporter.changed();
    await vi.advanceTimersByTimeAsync(150);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent.map((s) => s.total)).toEqual([5]);
  });

  it('gives up after a few tries, until the next change', async () => {
    failNext = 10;
    const reporter = reportCounts(index(2), new AbortController().signal);
    reporter.changed();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(sent).toEqual([]);
    failNext = 0;
    reporter.changed();
    await vi.advanceTimersByTimeAsync(150);
    expect(sent.map((s) => s.total)).toEqual([2]);
  });

  it('reports zero when stopped, so the badge does not keep a count', async () => {
    const session = new AbortController();
    reportCounts(index(4), session.signal);
    session.abort();
    await vi.advanceTimersByTimeAsync(10);
    expect(sent.map((s) => s.total)).toEqual([0]);
  });
});
