/**
 * Every message between the extension's contexts, in one typed map (docs/ARCHITECTURE.md, decision 6):
 * name → params → result, and next to each entry the validator its params must pass at run time.
 * `call*` sends, `serve*` answers with a handler table. Results travel as `{ result } | { error }`,
 * so a failure on one side is an Error with a message on the other, and bad params are refused
 * with a message that names the field, before any handler runs.
 *
 * Two transports, one per direction:
 * - to a tab's content script (from the popup and the background): `tabs.sendMessage`;
 * - from a content script to the background: a port per call. A content script must never hold
 *   an extension API promise when its page goes away: Firefox reports each one that settles after
 *   its context unloaded as an error ("Promise rejected after context unloaded: Actor 'Conduits'
 *   destroyed…", `wrapPromise` in
 *   https://searchfox.org/mozilla-central/source/toolkit/components/extensions/ExtensionCommon.sys.mjs),
 *   and no code of ours can catch it. A port is opened and written synchronously and simply closes
 *   with the page.
 */
import { indexInto, integer, isRecord, listOf, nothing, oneOf, shape, text, type Valid, type Validator } from '../core/checks';
import type { ReadResult } from '../core/settings';
import { browser, type Browser } from './browser-api';
import type { PageFacts } from './facts';

/** At most this many mentions are listed in the popup (the count covers them all). */
export const MAX_LISTED_MENTIONS = 200;
/** How many topics a message may name, and how long a topic's id may be. */
export const MAX_TOPICS = 100;
export const MAX_TOPIC_ID = 100;

// The checks are built once, at load. `@__PURE__` lets a bundle that only sends messages (the
// content script's main.js) leave them out: esbuild cannot tell across modules that they are pure.
const topicCount = /* @__PURE__ */ shape({ topicId: /* @__PURE__ */ text(MAX_TOPIC_ID), count: /* @__PURE__ */ integer(0) });
export type TopicCount = Valid<typeof topicCount>;

export interface MentionSummary {
  topicId: string;
  /** The mention as written, with a little of the sentence around it. */
  before: string;
  text: string;
  after: string;
}

/** Why a content script is not scanning its page ('deciding': it has not read the settings yet; 'starting': it is about to scan). */
export type IdleReason = 'deciding' | 'blocked' | 'not-article' | 'not-listed' | 'starting' | 'failed';

/** What the content script of a tab is doing, for the popup. */
export type PageState = { host: string } & (
  | {
      status: 'running';
      total: number;
      byTopic: TopicCount[];
      /** In document order; the first MAX_LISTED_MENTIONS at most. */
      mentions: MentionSummary[];
      /** The last scan: how many text nodes it read and how long it took, in main-thread milliseconds. */
      lastScan: { textNodes: number; milliseconds: number };
      /** The article's own date (YYYY-MM or YYYY-MM-DD), where the page gives one clearly (content/article-date.ts). */
      articleDate?: string;
      /** The page's own `lang`, if it says one (the card's "the article's language" follows it). */
      pageLanguage?: string;
    }
  | { status: 'idle'; reason: Exclude<IdleReason, 'failed'> }
  /** It should run here but could not start; `error` says why. */
  | { status: 'idle'; reason: 'failed'; error: string }
);

/** What the background answers, and the check each request's params must pass. */
export const BACKGROUND_PARAMS = {
  /** The content script's mention count changed (also when it drops to zero). */
  reportMentions: /* @__PURE__ */ shape({ total: /* @__PURE__ */ integer(0), byTopic: /* @__PURE__ */ listOf(topicCount, MAX_TOPICS) }),
  /** The fact pack and strings, and the aliases compiled, for a content script that shows all topics but `hiddenTopics` (shared/facts.ts). */
  getFacts: /* @__PURE__ */ shape({ hiddenTopics: /* @__PURE__ */ listOf(/* @__PURE__ */ text(MAX_TOPIC_ID), MAX_TOPICS) }),
  /** The reader's settings as stored, validated. */
  getSettings: nothing,
  /** The bootstrap found an article: run content/awake.js in the sender's frame, beside it (content/bootstrap.ts). */
  injectAwake: nothing,
  /** Firefox only: run content/main.js in the sender's frame, beside its content script (see content/scanner-loader.ts). */
  injectScanner: nothing,
} satisfies ParamChecks;

export type BackgroundApi = {
  reportMentions: { params: Valid<typeof BACKGROUND_PARAMS.reportMentions>; result: void };
  getFacts: { params: Valid<typeof BACKGROUND_PARAMS.getFacts>; result: PageFacts };
  getSettings: { params: Record<string, never>; result: ReadResult };
  injectAwake: { params: Record<string, never>; result: void };
  injectScanner: { params: Record<string, never>; result: void };
};

/** What a tab's content script answers. */
export const CONTENT_PARAMS = {
  /** Move to the next (or previous) mention, scroll it into view, open its card with focus inside. */
  focusNextMention: /* @__PURE__ */ shape({ direction: /* @__PURE__ */ oneOf(1, -1) }),
  getPageState: nothing,
  /** The reader asked to scan this page although it is not detected as news (until it is left). */
  scanPage: nothing,
  /** Scroll to the mention at this index (document order, as listed) and open its card. */
  revealMention: /* @__PURE__ */ shape({ index: /* @__PURE__ */ indexInto(MAX_LISTED_MENTIONS) }),
} satisfies ParamChecks;

export type ContentApi = {
  focusNextMention: { params: Valid<typeof CONTENT_PARAMS.focusNextMention>; result: { moved: boolean } };
  getPageState: { params: Record<string, never>; result: PageState };
  scanPage: { params: Record<string, never>; result: PageState };
  revealMention: { params: Valid<typeof CONTENT_PARAMS.revealMention>; result: { moved: boolean } };
};

type ParamChecks = Record<string, Validator<unknown>>;
type Api = Record<string, { params: unknown; result: unknown }>;
type Sender = Browser.Runtime.MessageSender;
export type Handlers<A extends Api> = {
  [K in keyof A]: (params: A[K]['params'], sender: Sender) => Promise<A[K]['result']> | A[K]['result'];
};
interface Envelope {
  contextCards: 1;
  name: string;
  params: unknown;
}
export type Reply<R = unknown> = { result: R } | { error: string };

const PORT_NAME = 'context-cards';

/** Sends the background a request over a port of its own; see the top of this file for why. */
export function callBackground<K extends keyof BackgroundApi>(
  name: K,
  params: BackgroundApi[K]['params'],
): Promise<BackgroundApi[K]['result']> {
  return new Promise((resolve, reject) => {
    let port: Browser.Runtime.Port;
    try {
      port = browser.runtime.connect({ name: PORT_NAME });
    } catch (error) {
      // The extension was updated or removed under this page: its content script is an orphan.
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    port.onMessage.addListener((reply: unknown) => {
      port.disconnect();
      settle(reply as Reply, name, resolve, reject);
    });
    // Without a reply first: the background was stopped mid-request, or nothing listens. (Reading
    // lastError tells Chrome it was seen; unread, it logs "Unchecked runtime.lastError":
    // https://developer.chrome.com/docs/extensions/reference/api/runtime#property-lastError.)
    port.onDisconnect.addListener(() =>
      reject(new Error(`No answer to "${name}": ${browser.runtime.lastError?.message ?? 'the background went away'}`)),
    );
    port.postMessage(envelope(name, params));
  });
}

export function callTab<K extends keyof ContentApi>(
  tabId: number,
  name: K,
  params: ContentApi[K]['params'],
): Promise<ContentApi[K]['result']> {
  return browser.tabs
    .sendMessage(tabId, envelope(name, params))
    .then((reply) => new Promise((resolve, reject) => settle(reply as Reply | undefined, name, resolve, reject)));
}

/**
 * The content script answers the popup and the background (`tabs.sendMessage`). Uses
 * `sendResponse` rather than a returned promise, which Chrome long did not support
 * (https://developer.chrome.com/docs/extensions/develop/concepts/messaging#responses).
 */
export function serveInTab(handlers: Handlers<ContentApi>, signal: AbortSignal): void {
  const listener = (message: unknown, sender: Sender, sendResponse: (reply: Reply) => void) => {
    if (!fromThisExtension(sender) || !isEnvelope(message) || !Object.hasOwn(CONTENT_PARAMS, message.name)) return false;
    void answer(CONTENT_PARAMS, handlers, message, sender).then(sendResponse);
    return true;
  };
  browser.runtime.onMessage.addListener(listener as never);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener as never));
}

/** The background answers content scripts, one request per port (see callBackground). */
export function serveInBackground(handlers: Handlers<BackgroundApi>): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PORT_NAME || !port.sender || !fromThisExtension(port.sender)) return;
    const sender = port.sender;
    let open = true;
    port.onDisconnect.addListener(() => (open = false));
    port.onMessage.addListener((message: unknown) => {
      void answer(BACKGROUND_PARAMS, handlers, message, sender).then((reply) => {
        if (!open) return; // the page went away while we worked: nobody to tell
        try {
          port.postMessage(reply);
        } catch {
          // Closed between the check and the write (the page is gone): the same.
        }
      });
    });
  });
}

/**
 * Runs the handler a valid request names. Anything else — an unknown name, params that fail their
 * check — is answered with an error and runs nothing. (Senders are checked before: another
 * extension's messages are not answered at all.)
 */
export async function answer<A extends Api>(checks: ParamChecks, handlers: Handlers<A>, message: unknown, sender: Sender): Promise<Reply> {
  if (!isEnvelope(message) || !Object.hasOwn(checks, message.name)) return { error: 'not a request this side answers' };
  const problems = checks[message.name]!(message.params, 'params');
  if (problems.length > 0) return { error: `bad params for "${message.name}": ${problems.join('; ')}` };
  try {
    const handler = handlers[message.name]!;
    return { result: await handler(message.params, sender) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function fromThisExtension(sender: Sender): boolean {
  return sender.id === browser.runtime.id;
}

function envelope(name: string, params: unknown): Envelope {
  return { contextCards: 1, name, params };
}

function isEnvelope(message: unknown): message is Envelope {
  return isRecord(message) && message.contextCards === 1 && typeof message.name === 'string';
}

function settle<R>(reply: Reply | undefined, name: string, resolve: (result: R) => void, reject: (error: Error) => void): void {
  if (!reply) reject(new Error(`No answer to "${name}": nothing is listening there`));
  else if ('error' in reply) reject(new Error(`"${name}" failed: ${reply.error}`));
  else resolve(reply.result as R);
}
