/**
 * Every message between the extension's contexts, in one typed map (DESIGN.md decision 6):
 * name → params → result. `call*` sends, `serve` answers with a handler table. Results travel as
 * `{ result } | { error }`, so a failure on one side is an Error with a message on the other.
 */
import { browser, type Browser } from './browser-api';
import type { Facts } from './facts';

export interface TopicCount {
  topicId: string;
  count: number;
}

export interface MentionSummary {
  topicId: string;
  /** The mention as written, with a little of the sentence around it. */
  before: string;
  text: string;
  after: string;
}

/** What the content script of a tab is doing, for the popup. */
export type PageState = { host: string } & (
  | {
      status: 'running';
      total: number;
      byTopic: TopicCount[];
      /** In document order; the first 200 at most. */
      mentions: MentionSummary[];
      /** The last scan: how many text nodes it read and how long it took, in main-thread milliseconds. */
      lastScan: { textNodes: number; milliseconds: number };
    }
  | { status: 'idle'; reason: 'blocked' | 'not-article' | 'not-listed' }
);

/** Answered by the background script. */
export type BackgroundApi = {
  /** The content script's mention count changed (also when it drops to zero). */
  reportMentions: { params: { total: number; byTopic: TopicCount[] }; result: void };
  /** The fact pack and strings, for the content script (shared/facts.ts). */
  getFacts: { params: Record<string, never>; result: Facts };
  /** Firefox only: run content/main.js in the sender's frame, beside its content script (see content/browser-quirks.ts). */
  injectScanner: { params: Record<string, never>; result: void };
};

/** Answered by the content script of a tab. */
export type ContentApi = {
  /** Move to the next (or previous) mention, scroll it into view, open its card with focus inside. */
  focusNextMention: { params: { direction: 1 | -1 }; result: { moved: boolean } };
  getPageState: { params: Record<string, never>; result: PageState };
  /** The reader asked to scan this page although it is not detected as news (until it is left). */
  scanPage: { params: Record<string, never>; result: PageState };
  /** Scroll to the mention at this index (document order) and open its card. */
  revealMention: { params: { index: number }; result: { moved: boolean } };
};

type Api = Record<string, { params: unknown; result: unknown }>;
type Handlers<A extends Api> = {
  [K in keyof A]: (params: A[K]['params'], sender: Browser.Runtime.MessageSender) => Promise<A[K]['result']> | A[K]['result'];
};
interface Envelope {
  contextCards: 1;
  name: string;
  params: unknown;
}
type Reply = { result: unknown } | { error: string };

export function callBackground<K extends keyof BackgroundApi & string>(
  name: K,
  params: BackgroundApi[K]['params'],
): Promise<BackgroundApi[K]['result']> {
  return unwrap(browser.runtime.sendMessage(envelope(name, params)), name);
}

export function callTab<K extends keyof ContentApi & string>(
  tabId: number,
  name: K,
  params: ContentApi[K]['params'],
): Promise<ContentApi[K]['result']> {
  return unwrap(browser.tabs.sendMessage(tabId, envelope(name, params)), name);
}

/**
 * Answers messages named in `handlers` that come from this extension; ignores everything else.
 * Uses `sendResponse` rather than a returned promise, which Chrome before 144 does not support.
 */
export function serve<A extends Api>(handlers: Handlers<A>, signal?: AbortSignal): void {
  const listener = (message: unknown, sender: Browser.Runtime.MessageSender, sendResponse: (reply: Reply) => void) => {
    if (!isEnvelope(message) || sender.id !== browser.runtime.id || !Object.hasOwn(handlers, message.name)) return false;
    const handler = handlers[message.name as keyof A]!;
    Promise.resolve()
      .then(() => handler(message.params as A[keyof A]['params'], sender))
      .then(
        (result) => sendResponse({ result }),
        (error: unknown) => sendResponse({ error: error instanceof Error ? error.message : String(error) }),
      );
    return true;
  };
  browser.runtime.onMessage.addListener(listener as never);
  signal?.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener as never));
}

function envelope(name: string, params: unknown): Envelope {
  return { contextCards: 1, name, params };
}

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && (message as Envelope).contextCards === 1 && typeof (message as Envelope).name === 'string';
}

async function unwrap<R>(sent: Promise<unknown>, name: string): Promise<R> {
  const reply = (await sent) as Reply | undefined;
  if (!reply) throw new Error(`No answer to "${name}": nothing is listening there`);
  if ('error' in reply) throw new Error(`"${name}" failed: ${reply.error}`);
  return reply.result as R;
}
