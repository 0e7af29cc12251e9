/**
 * What the benchmark runs inside a page (bundled by tests/bench/run.mjs and added to the page):
 * the floor, the native floor, the extension's own scan, and mark.js, on the same roots with the
 * same aliases; and opening the card.
 * "Ours" is the content script's own scan (PageScan, as src/content/main.ts starts it), minus the
 * card (which costs nothing until a mention is hovered).
 */
import Mark from 'mark.js';
import { PageScan } from '../../src/content/scan/page-scan';
import type { ScanStats } from '../../src/content/scan/page-scanner';
import { CardController } from '../../src/content/card/card-controller';
import { CardHost } from '../../src/content/card/card-host';
import { MENTION_HIGHLIGHT } from '../../src/core/highlight-css';
import { compileMatcher, matcherFrom, type AliasSpec, type CompiledAliases } from '../../src/core/matcher';
import type { Pack } from '../../src/core/pack';
import { DEFAULTS } from '../../src/core/settings';
import { setMessages, type MessageBundles } from '../../src/shared/i18n';

export interface Run {
  milliseconds: number;
  mentions: number;
  textNodes: number;
  /** The floor: characters in those text nodes (every one of which a matcher must read). */
  characters?: number;
  /** Tasks over 50 ms seen while it ran, put its mentions in page order and took its highlights down again (the scan yields between slices; floor and mark.js do not). */
  longTasks: number;
  /** Frames that took over 50 ms to show while it ran: script, style and paint together (Chromium's Long Animation Frames). */
  longFrames?: number;
  /** Of `milliseconds`, the part spent compiling the aliases into the matcher. */
  compileMs?: number;
  /** Not in `milliseconds`: putting the mentions in page order, as the popup and the keyboard need. */
  orderMs?: number;
}

/** Reads every text node's data under the body: the least any DOM text scan must do. */
function floor(): Run {
  const started = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let textNodes = 0;
  let characters = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    characters += (node as Text).data.length;
    textNodes++;
  }
  const milliseconds = performance.now() - started;
  return { milliseconds, mentions: 0, textNodes, characters, longTasks: 0 };
}

/**
 * The native floor: the same walk, reading every character with one native RegExp test of all the
 * aliases (case-insensitive, Unicode) per text node — what the engine's own regular expressions
 * cost to read the text. Not a matcher (no word edges, no runs of white space, no mention split
 * across elements): the least a scan that reads the characters can cost.
 */
function nativeFloor(aliases: string[]): Run {
  const source = aliases.map((alias) => alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const started = performance.now();
  const pattern = new RegExp(source, 'iu');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let textNodes = 0;
  let withAlias = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (pattern.test((node as Text).data)) withAlias++;
    textNodes++;
  }
  const milliseconds = performance.now() - started;
  return { milliseconds, mentions: withAlias, textNodes, longTasks: 0 };
}

/**
 * `compiled`: the aliases as the background compiles them for a page (core/matcher.ts,
 * `compileAliases`), which the page makes its matcher from; null where it compiles them itself.
 */
async function ours(aliases: AliasSpec[], compiled: CompiledAliases | null): Promise<Run> {
  const session = new AbortController();
  const longTasks = watchLongTasks();
  const compileStarted = performance.now();
  const matcher = compiled ? matcherFrom(compiled) : compileMatcher(aliases);
  const compileMs = performance.now() - compileStarted;
  // The content script's own scan of the page (src/content/scan/page-scan.ts), minus the card,
  // which costs nothing until a mention is hovered.
  const scan = new PageScan({ matcher, highlight: DEFAULTS.highlight, isOwnNode: () => false, signal: session.signal });
  const scanned = new Promise<ScanStats>((resolve) => scan.onSettled(resolve));
  scan.start();
  const stats = await scanned; // the scan's own account: its slices and the last paint
  const count = scan.mentions.size;
  // What opening the popup costs on top: the mentions in page order (timed apart from the scan).
  await nextFrameRendered();
  const orderStarted = performance.now();
  scan.mentions.inDocumentOrder();
  const orderMs = performance.now() - orderStarted;
  // Taking every highlight down, as pausing the site does, is watched too; and its frames are
  // over, their entries delivered, before the next run begins watching.
  await nextFrameRendered();
  session.abort();
  await nextFrameRendered(); // the highlights go
  await nextFrameRendered(); // and the stylesheet, after the frame that took them away
  await pauseForLongTaskEntries();
  return {
    milliseconds: compileMs + stats.milliseconds,
    compileMs,
    orderMs,
    mentions: count,
    textNodes: stats.textNodes,
    ...longTasks.stop(),
  };
}

async function nextFrameRendered(): Promise<void> {
  await new Promise(requestAnimationFrame);
  await afterRendering();
}

export interface CardOpenRun {
  /** Per open: the script of `open()` plus the rendering of the frame after it (what must fit in a frame). */
  workMs: number[];
  /** Per open: from `open()` to the end of the first frame after it, waiting for that frame included. */
  elapsedMs: number[];
}

/**
 * Opening the card as the hover timer does when the reader's delay is up (`CardController.open`,
 * with the host and controller src/content/main.ts makes), once per mention for the first `opens`
 * of them, each closed again after the frame that showed it.
 */
async function cardOpen(aliases: AliasSpec[], pack: Pack, messages: MessageBundles, opens: number): Promise<CardOpenRun> {
  setMessages(messages);
  const session = new AbortController();
  const host = new CardHost(session.signal);
  const scan = new PageScan({
    matcher: compileMatcher(aliases),
    highlight: DEFAULTS.highlight,
    isOwnNode: (node) => host.owns(node),
    signal: session.signal,
  });
  await new Promise<ScanStats>((resolve) => {
    scan.onSettled(resolve);
    scan.start();
  });
  const topicsOnPage = scan.mentions.topicCounts().map((count) => count.topicId);
  const cards = new CardController(
    host,
    scan.painter,
    pack,
    { language: () => 'en', articleDate: () => undefined, topicsOnPage: () => topicsOnPage },
    session.signal,
  );
  const mentions = scan.mentions.inDocumentOrder().slice(0, opens);
  const run: CardOpenRun = { workMs: [], elapsedMs: [] };
  for (const mention of mentions) {
    // As on hover (hover.ts): the host is made ready as the delay begins, and the open runs in the
    // delay's timer, a task of its own between frames, so that its rendering is the next frame's.
    host.prepare();
    await new Promise((resolve) => setTimeout(resolve, DEFAULTS.card.hoverDelayMs));
    const started = performance.now();
    cards.open(mention, 'hover');
    const opened = performance.now();
    const frameStarted = await new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
    await afterRendering();
    const shown = performance.now();
    run.workMs.push(opened - started + (shown - frameStarted));
    run.elapsedMs.push(shown - started);
    cards.close(false);
    // The close is rendered before the next open, so that each open's frame renders that open alone.
    await nextFrameRendered();
  }
  session.abort();
  return run;
}

export interface ScrollRun {
  /** From each frame to the next while the page scrolled, in milliseconds. */
  frameIntervals: number[];
  /** Mentions found before the scroll began (0 without the extension). */
  mentions: number;
  /** Ranges in the highlight registry that lie in the viewport where the scroll ended: the highlights followed it. */
  paintedInViewAtEnd: number;
}

/** Half a second at 60 Hz. */
const SETTLE_FRAMES = 30;

/**
 * Scrolls the page down by `step` pixels a frame for `frames` frames, as a reader's fast scroll
 * does, and times each frame to the next; with `aliases`, after the extension's scan of the page
 * has settled (its highlights following the scroll), without them, the page alone.
 */
async function scroll(aliases: AliasSpec[] | null, frames: number, step: number): Promise<ScrollRun> {
  const session = new AbortController();
  let mentions = 0;
  if (aliases) {
    const scan = new PageScan({
      matcher: compileMatcher(aliases),
      highlight: DEFAULTS.highlight,
      isOwnNode: () => false,
      signal: session.signal,
    });
    await new Promise<ScanStats>((resolve) => {
      scan.onSettled(resolve);
      scan.start();
    });
    mentions = scan.mentions.size;
  }
  window.scrollTo(0, 0);
  // A reader starts scrolling some time after the page has come to rest, not in the frame the scan ends in.
  for (let frame = 0; frame < SETTLE_FRAMES; frame++) await new Promise(requestAnimationFrame);
  const frameIntervals: number[] = [];
  await new Promise<void>((resolve) => {
    let last = performance.now();
    const frame = (now: number) => {
      frameIntervals.push(now - last);
      last = now;
      if (frameIntervals.length === frames) return resolve();
      window.scrollBy(0, step);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame((now) => {
      last = now;
      window.scrollBy(0, step);
      requestAnimationFrame(frame);
    });
  });
  const paintedInViewAtEnd = [...((CSS.highlights.get(MENTION_HIGHLIGHT) ?? []) as Iterable<AbstractRange>)].filter((range) => {
    const live = document.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    const box = live.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }).length;
  session.abort();
  return { frameIntervals, mentions, paintedInViewAtEnd };
}

/**
 * For the memory measurements: the content script's scan of the page, kept running (and kept
 * reachable from here) until `endScan`, so that the heap measured from outside holds what it retains.
 */
let memoryScan: { scan: PageScan; session: AbortController; settled: () => Promise<number> } | undefined;

async function startScan(aliases: AliasSpec[]): Promise<number> {
  const session = new AbortController();
  const scan = new PageScan({
    matcher: compileMatcher(aliases),
    highlight: DEFAULTS.highlight,
    isOwnNode: () => false,
    signal: session.signal,
  });
  let waiting: (() => void) | undefined;
  scan.onSettled(() => waiting?.());
  const settled = () => new Promise<number>((resolve) => (waiting = () => resolve(scan.mentions.size)));
  memoryScan = { scan, session, settled };
  const first = settled();
  scan.start();
  return first;
}

/**
 * What a page that rewrites its body does (a single-page site showing the next article): the
 * same markup again as new nodes; resolves when the scan has settled on it, with the mentions found.
 */
async function rewriteBody(): Promise<number> {
  const { settled } = memoryScan!;
  const done = settled();
  const markup = document.body.innerHTML;
  document.body.innerHTML = markup;
  return done;
}

/** Reads every node of the page once, so that each has its wrapper in this world (what any script that reads the page makes). */
function touchEveryNode(): number {
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  let nodes = 0;
  while (walker.nextNode()) nodes++;
  return nodes;
}

function endScan(): void {
  memoryScan?.session.abort();
  memoryScan = undefined;
}

/** Resolves just after the current frame's rendering (a message posted from a frame callback is delivered after it). */
function afterRendering(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(undefined);
  });
}

/** mark.js as a highlighter uses it: one call with every alias, whole words, then unmark (untimed). */
async function markJs(aliases: string[]): Promise<Run> {
  const marker = new Mark(document.body);
  let mentions = 0;
  const started = performance.now();
  marker.mark(aliases, {
    separateWordSearch: false,
    accuracy: { value: 'exactly', limiters: [',', '.', ';', ':', '!', '?', '"', "'", '’', '(', ')', '—'] },
    caseSensitive: false,
    diacritics: false,
    acrossElements: false,
    each: () => void mentions++,
  });
  const milliseconds = performance.now() - started;
  await new Promise<void>((resolve) => marker.unmark({ done: () => resolve() }));
  return { milliseconds, mentions, textNodes: 0, longTasks: 0 };
}

/**
 * Counts the long tasks and frames that end from now on. Chromium can deliver an entry well after
 * its frame: the frames of a page's own loading, which ended before the first run began, were
 * counted in it.
 */
function watchLongTasks() {
  const since = performance.now();
  const long = (list: PerformanceObserverEntryList) =>
    list.getEntries().filter((entry) => entry.duration > 50 && entry.startTime + entry.duration > since).length;
  let longTasks = 0;
  let longFrames = 0;
  const tasks = new PerformanceObserver((list) => (longTasks += long(list)));
  const frames = new PerformanceObserver((list) => (longFrames += long(list)));
  tasks.observe({ type: 'longtask' });
  frames.observe({ type: 'long-animation-frame' });
  return {
    stop() {
      tasks.disconnect();
      frames.disconnect();
      return { longTasks, longFrames };
    },
  };
}

/** Long-task and long-frame entries are delivered after the fact: give them a moment. */
const pauseForLongTaskEntries = () => new Promise((resolve) => setTimeout(resolve, 120));

Object.assign(globalThis, {
  contextCardsBench: { floor, nativeFloor, ours, markJs, cardOpen, scroll, startScan, rewriteBody, endScan, touchEveryNode },
});
