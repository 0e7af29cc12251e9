/**
 * Every message entry checks its params at run time: a malformed request is answered with an
 * error that names the bad field, and its handler never runs.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../src/shared/messages';

/** The runtime's message events, as the content script's listener sees them. */
const listeners: Array<(message: unknown, sender: unknown, sendResponse: (reply: unknown) => void) => boolean> = [];
vi.mock('../../src/shared/browser-api', () => ({
  browser: {
    runtime: { id: 'context-cards', onMessage: { addListener: (l: (typeof listeners)[number]) => listeners.push(l), removeListener() {} } },
  },
}));
const { BACKGROUND_PARAMS, CONTENT_PARAMS, answer, serveInTab } = await import('../../src/shared/messages');

const sender = { id: 'context-cards' };
const request = (name: string, params: unknown) => ({ contextCards: 1, name, params });

/** Each entry with params it must refuse, and the words the error must contain. */
const MALFORMED: Record<string, Array<[unknown, string]>> = {
  reportMentions: [
    [undefined, 'params: expected an object, found nothing'],
    [{ total: -1, byTopic: [] }, 'params.total: expected an integer from 0'],
    [{ total: 1.5, byTopic: [] }, 'params.total: expected an integer'],
    [{ total: '3', byTopic: [] }, 'params.total: expected an integer'],
    [{ total: 3 }, 'params.byTopic: expected a list, found nothing'],
    [{ total: 3, byTopic: [{ topicId: '', count: 3 }] }, 'params.byTopic[0].topicId: expected a string of 1 to 100 characters'],
    [{ total: 3, byTopic: [{ topicId: 'alibaba', count: null }] }, 'params.byTopic[0].count: expected an integer'],
    [{ total: 3, byTopic: Array(101).fill({ topicId: 'a', count: 1 }) }, 'params.byTopic: expected at most 100 items'],
    [{ total: 3, byTopic: [], extra: true }, 'params.extra: not a known field'],
  ],
  getFacts: [
    [{ hiddenTopics: [], anything: 1 }, 'params.anything: not a known field'],
    [[], 'params: expected an object'],
    [{}, 'params.hiddenTopics: expected a list, found nothing'],
    [{ hiddenTopics: [''] }, 'params.hiddenTopics[0]: expected a string of 1 to 100 characters'],
  ],
  getSettings: [['all', 'params: expected an object, found "all"']],
  injectAwake: [[7, 'params: expected an object, found 7']],
  injectScanner: [[null, 'params: expected an object, found null']],
  focusNextMention: [
    [{ direction: 2 }, 'params.direction: expected one of 1, -1, found 2'],
    [{}, 'params.direction: expected one of 1, -1, found nothing'],
  ],
  getPageState: [[{ tab: 3 }, 'params.tab: not a known field']],
  scanPage: [[42, 'params: expected an object, found 42']],
  revealMention: [
    [{ index: -1 }, 'params.index: expected an integer from 0 to 199'],
    [{ index: 200 }, 'params.index: expected an integer from 0 to 199, found 200'],
    [{ index: '0' }, 'params.index: expected an integer'],
  ],
};

describe('message params', () => {
  it('has malformed cases for every entry of both maps', () => {
    expect(Object.keys(MALFORMED).sort()).toEqual([...Object.keys(BACKGROUND_PARAMS), ...Object.keys(CONTENT_PARAMS)].sort());
  });

  for (const [name, cases] of Object.entries(MALFORMED)) {
    it(`${name}: refuses malformed params with a message naming the field, and runs nothing`, async () => {
      const checks = name in BACKGROUND_PARAMS ? BACKGROUND_PARAMS : CONTENT_PARAMS;
      const handler = vi.fn();
      const handlers = { [name]: handler } as unknown as Handlers<Record<string, { params: unknown; result: unknown }>>;
      for (const [params, words] of cases) {
        const reply = await answer(checks, handlers, request(name, params), sender);
        expect(reply, JSON.stringify(params)).toEqual({ error: expect.stringContaining(words) });
        expect((reply as { error: string }).error).toMatch(new RegExp(`^bad params for "${name}": `));
      }
      expect(handler).not.toHaveBeenCalled();
    });
  }

  it('runs the handler of valid params and answers its result, or its error', async () => {
    const handlers = {
      revealMention: ({ index }: { index: number }) => ({ moved: index === 3 }),
      scanPage: () => {
        throw new Error('the page is gone');
      },
    } as unknown as Handlers<Record<string, { params: unknown; result: unknown }>>;
    expect(await answer(CONTENT_PARAMS, handlers, request('revealMention', { index: 3 }), sender)).toEqual({ result: { moved: true } });
    expect(await answer(CONTENT_PARAMS, handlers, request('scanPage', {}), sender)).toEqual({ error: 'the page is gone' });
  });

  it('answers an unknown request or a message that is not one with an error', async () => {
    const handlers = {} as Handlers<Record<string, { params: unknown; result: unknown }>>;
    expect(await answer(CONTENT_PARAMS, handlers, request('reportMentions', {}), sender)).toEqual({
      error: 'not a request this side answers',
    });
    expect(await answer(CONTENT_PARAMS, handlers, 'hello', sender)).toEqual({ error: 'not a request this side answers' });
    expect(await answer(CONTENT_PARAMS, handlers, request('toString', {}), sender)).toEqual({ error: 'not a request this side answers' });
  });

  it('ignores messages from any sender other than this extension', async () => {
    const getPageState = vi.fn(() => ({ host: 'example.com', status: 'idle', reason: 'not-article' }));
    serveInTab({ getPageState } as never, new AbortController().signal);
    const listener = listeners.at(-1)!;
    const replies: unknown[] = [];
    expect(listener(request('getPageState', {}), { id: 'another-extension' }, (reply) => replies.push(reply))).toBe(false);
    expect(getPageState).not.toHaveBeenCalled();
    expect(listener(request('getPageState', {}), { id: 'context-cards' }, (reply) => replies.push(reply))).toBe(true);
    await vi.waitFor(() => expect(replies).toEqual([{ result: { host: 'example.com', status: 'idle', reason: 'not-article' } }]));
  });
});
