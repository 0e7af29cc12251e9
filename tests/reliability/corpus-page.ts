/**
 * One saved page of the corpus run (corpus-run.ts), checked in the browser with the extension
 * running on it: its errors, its count against an independent one taken at a still moment, what
 * is painted, long frames, its DOM (scripts off), and off and on again (stress pack).
 */
import type { CDPSession, Page } from 'puppeteer-core';
import type { Topic } from '../../src/core/pack';
import type { PageState } from '../../src/shared/messages';
import type { ExtensionSession } from '../browser/harness/extension-browser';
import type { CorpusPageApi } from './in-page';

export const MENTION_HIGHLIGHT = 'context-cards-mention';
/** With scripts on, the page is "still" once nothing in it changed for this long (the extension follows a change within about half a second). */
export const QUIET_MS = 1000;
/** How long a page that never stops changing is watched for a still moment. */
export const STILLNESS_TIMEOUT_MS = 20_000;

/** How the pages are served (scripts/static-server.mjs): with their scripts refused by CSP, or as saved. */
export interface Mode {
  name: 'scripts off' | 'scripts on';
  mount: string;
  scripts: boolean;
}

export interface PageCheck {
  origin: string;
  name: string;
  /** The pack's topics: the page makes their aliases as the extension does (in-page.ts). */
  topics: Topic[];
  /** The bundled in-page.ts, added to the page through DevTools. */
  inPage: string;
  /** Whether to turn the site off and on again. */
  toggle: boolean;
  mode: Mode;
}

export interface PageResult {
  name: string;
  mentions: number;
  reference?: number;
  failures: string[];
}

/**
 * What recordPage leaves in the page's own world, and what in-page.ts adds. (Functions given to
 * `page.evaluate` run in the page, from their source: they name it as `globalThis`, typed so.)
 */
interface PageRecord {
  contextCardsLongFrames: number[];
  contextCardsChanges: number;
  contextCardsChangedAt: number;
  contextCardsDomBefore?: string;
  contextCardsReliability: CorpusPageApi;
}

export async function checkPage(session: ExtensionSession, check: PageCheck): Promise<PageResult> {
  const { origin, name, mode } = check;
  const failures: string[] = [];
  const page = await session.browser.newPage();
  try {
    await page.setRequestInterception(true);
    // Saved pages point at the network, which this run never touches.
    page.on(
      'request',
      (request) => void (request.url().startsWith(origin) || session.isExtensionFile(request.url()) ? request.continue() : request.abort()),
    );
    // A page's own alert() holds its parser until the reader answers it; this run answers at once.
    page.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
    await page.evaluateOnNewDocument(recordPage);
    await page.goto(`${origin}${mode.mount}${name}?run=${Date.now()}`, { waitUntil: 'domcontentloaded', timeout: 30_000 });
    const counted = await countWhenStill(session, page, check);
    const state = counted.state;
    if (state?.status !== 'running')
      failures.push(`not running (${state?.status ?? 'no answer'} ${state?.status === 'idle' ? state.reason : ''})`.trim());
    if (counted.neverStill) failures.push(`never still for ${QUIET_MS} ms in ${STILLNESS_TIMEOUT_MS / 1000} s`);
    const mentions = state?.status === 'running' ? state.total : 0;
    if (counted.reference !== mentions) failures.push(`counted ${mentions}, the rendered text has ${counted.reference}`);
    if (counted.stray.length)
      failures.push(
        `painted non-mentions: ${counted.stray
          .slice(0, 3)
          .map((s) => JSON.stringify(s))
          .join(', ')}`,
      );
    if (
      !mode.scripts &&
      !(await page.evaluate(() => document.documentElement.outerHTML === (globalThis as unknown as PageRecord).contextCardsDomBefore))
    )
      failures.push('DOM changed');
    const longFrames = await page.evaluate(() => (globalThis as unknown as PageRecord).contextCardsLongFrames);
    if (longFrames.length) failures.push(`long frames with our script: ${longFrames.join(', ')} ms`);
    if (check.toggle) failures.push(...(await offAndOn(session, page, mentions, mode)));
    failures.push(...(await session.newExtensionErrors()).map((message) => `error: ${message.split('\n')[0]}`));
    return { name, mentions, reference: counted.reference, failures };
  } finally {
    await page.close();
  }
}

/** Runs in the page before its own scripts: the DOM as loaded, long frames with our script, and when the page last changed. */
function recordPage(): void {
  const record = globalThis as unknown as PageRecord;
  record.contextCardsLongFrames = [];
  record.contextCardsChanges = 0;
  record.contextCardsChangedAt = performance.now();
  document.addEventListener(
    'DOMContentLoaded',
    () => {
      record.contextCardsDomBefore = document.documentElement.outerHTML;
      new MutationObserver(() => {
        record.contextCardsChanges++;
        record.contextCardsChangedAt = performance.now();
      }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    },
    { once: true },
  );
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { scripts?: Array<{ sourceURL?: string }> }>) {
        const ours = entry.scripts?.filter((s) => s.sourceURL?.startsWith('chrome-extension://')) ?? [];
        if (entry.duration > 50 && ours.length) record.contextCardsLongFrames.push(Math.round(entry.duration));
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No Long Animation Frames API: nothing recorded.
  }
}

interface Counted {
  state: PageState | undefined;
  reference: number;
  stray: string[];
  neverStill?: boolean;
}

/**
 * The extension's count and the reference count, read at one still moment: the scan has settled,
 * and with scripts on the page has not changed for QUIET_MS — and did not change while both were
 * read. (A page that changes again is read again at its next still moment.)
 */
async function countWhenStill(session: ExtensionSession, page: Page, { inPage, topics, mode }: PageCheck): Promise<Counted> {
  await page.evaluate(inPage); // through DevTools: the page's CSP allows no script tag
  const reference = () =>
    page.evaluate((list) => (globalThis as unknown as PageRecord).contextCardsReliability.referenceCount(list), topics);
  const deadline = Date.now() + STILLNESS_TIMEOUT_MS;
  for (;;) {
    const state = await settledState(session, page);
    const before = await page.evaluate(() => ({
      changes: (globalThis as unknown as PageRecord).contextCardsChanges,
      quietFor: performance.now() - (globalThis as unknown as PageRecord).contextCardsChangedAt,
    }));
    if (!mode.scripts || before.quietFor >= QUIET_MS) {
      const counted = {
        state,
        reference: await reference(),
        stray: await page.evaluate(
          (highlight, list) => (globalThis as unknown as PageRecord).contextCardsReliability.strayHighlights(highlight, list),
          MENTION_HIGHLIGHT,
          topics,
        ),
      };
      const again = await session.pageState(page).catch(() => undefined);
      const after = await page.evaluate(() => (globalThis as unknown as PageRecord).contextCardsChanges);
      if (!mode.scripts || (after === before.changes && totalOf(again) === totalOf(state))) return counted;
    }
    if (Date.now() > deadline) return { state, reference: await reference(), stray: [], neverStill: true };
    await pause(Math.max(100, QUIET_MS - before.quietFor));
  }
}

const totalOf = (state: PageState | undefined) => (state?.status === 'running' ? state.total : undefined);

/** Off: nothing painted, no listener left on window or document. On: the same count again. */
async function offAndOn(session: ExtensionSession, page: Page, mentions: number, mode: Mode): Promise<string[]> {
  const failures: string[] = [];
  await setSiteBlocked(session, true);
  const off = await waitFor(
    () => session.pageState(page),
    (state) => state?.status === 'idle',
  );
  if (off?.status !== 'idle') failures.push('still running after the site was turned off');
  const painted = await page.evaluate((highlight) => CSS.highlights.get(highlight)?.size ?? 0, MENTION_HIGHLIGHT);
  if (painted) failures.push(`${painted} ranges still painted when off`);
  const listeners = await listenerCount(page, { onlyOurs: mode.scripts });
  if (listeners) failures.push(`${listeners} listeners left on window/document when off`);
  await setSiteBlocked(session, false);
  const again = totalOf(await settledState(session, page)) ?? 0;
  if (again !== mentions) failures.push(`on again: ${again} mentions, was ${mentions}`);
  return failures;
}

/** The page's state once its count has stopped changing (the scan yields, so it takes a moment). */
async function settledState(session: ExtensionSession, page: Page): Promise<PageState | undefined> {
  let previous: PageState | undefined;
  for (let i = 0; i < 100; i++) {
    const state = await session.pageState(page).catch(() => undefined);
    if (state?.status === 'running' && previous?.status === 'running' && state.total === previous.total && state.lastScan.textNodes > 0)
      return state;
    previous = state;
    await pause(150);
  }
  return previous;
}

/** storage.sync takes at most 120 writes a minute; spaced a second apart, two per page stay well under. */
const WRITE_SPACING_MS = 1000;
let lastWrite = 0;

/** What the popup's "On this site" switch does: the site goes on (or off) the blocked list. */
async function setSiteBlocked(session: ExtensionSession, blocked: boolean): Promise<void> {
  await pause(Math.max(0, lastWrite + WRITE_SPACING_MS - Date.now()));
  lastWrite = Date.now();
  await session.storeItems({ 'sites.blocked': blocked ? ['127.0.0.1'] : [] });
}

/**
 * Listeners on window and document, from every world (DevTools sees the content script's too).
 * With the page's scripts on, it has listeners of its own: then only those whose script is the
 * extension's count.
 */
async function listenerCount(page: Page, { onlyOurs }: { onlyOurs: boolean }): Promise<number> {
  const cdp = await page.createCDPSession();
  try {
    let total = 0;
    for (const expression of ['window', 'document']) {
      const { result } = await cdp.send('Runtime.evaluate', { expression });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
      if (!onlyOurs) {
        total += listeners.length;
        continue;
      }
      const scripts = await Promise.all(listeners.map((listener) => scriptUrl(cdp, listener.scriptId)));
      total += scripts.filter((url) => url?.startsWith('chrome-extension://')).length;
    }
    return total;
  } finally {
    await cdp.detach();
  }
}

const scriptUrls = new WeakMap<CDPSession, Map<string, string>>();
/** The URL of a script, as DevTools knows it (undefined: not known to this session). */
async function scriptUrl(cdp: CDPSession, scriptId: string): Promise<string | undefined> {
  let known = scriptUrls.get(cdp);
  if (!known) {
    const urls = new Map<string, string>();
    cdp.on('Debugger.scriptParsed', ({ scriptId: id, url }) => urls.set(id, url));
    await cdp.send('Debugger.enable');
    scriptUrls.set(cdp, urls);
    known = urls;
  }
  return known.get(scriptId);
}

/** Reads until `done` holds, for at most `timeout` ms; returns the last value read (undefined if reading failed). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T | undefined) => boolean, timeout = 5000): Promise<T | undefined> {
  const deadline = Date.now() + timeout;
  let value: T | undefined;
  while (Date.now() < deadline) {
    value = await read().catch(() => undefined);
    if (done(value)) return value;
    await pause(100);
  }
  return value;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
