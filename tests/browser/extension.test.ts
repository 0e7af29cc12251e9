/**
 * Context Cards in a real browser, with the built extension loaded from dist/: what a reader of
 * a news page sees — highlights, the badge, the card by pointer and by keyboard — and what must
 * never happen: a changed page, a network request.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { focusedNode, openMore, readCard, waitForCard } from './harness/card';
import { isFirefox, launchExtensionBrowser, BUNDLED_NEWS_HOST, type ExtensionSession } from './harness/extension-browser';
import { mentionBoxes, paintedTexts, pointOnMention } from './harness/mentions';
import { colourAt, isTinted } from './harness/pixels';
import { afterPageTimers, eventually, waitFor } from './harness/waiting';
import { ARTIFACTS, useExtensionBrowser, type TestServer } from './harness/per-test-checks';
import { ALSO_FOLDED_INTO, NOT_AFTER_ASCII_LETTER_OR_DIGIT } from '../../src/core/prefilter';
import { isWordEdge } from '../../src/core/text-rules';

/** The default hover delay (core/settings.ts), and how long a card opened by hover outlives the pointer (content/hover.ts). */
const HOVER_DELAY_MS = 300;
const CLOSE_GRACE_MS = 400;

type Session = ExtensionSession;
let server: TestServer;
let session: Session;
/** Waits for the badge to show `text` (the scan may take a moment to start), and returns what it shows. */
const badge = (page: Page, text: string, on: Session = session) => eventually(() => on.badgeText(page), text, { timeout: 10_000 });
/** What the tab's content script tells the popup. */
const pageState = (page: Page) => session.pageState(page);
/** How many mentions the tab's content script has found (undefined until it runs). */
const totalOf = async (page: Page) => {
  const state = await pageState(page);
  return state.status === 'running' ? state.total : undefined;
};

useExtensionBrowser((ready) => ({ session, server } = ready));

describe('on the fixture pages', async () => {
  const fixtures = (await readdir('tests/browser/fixtures')).filter((name) => name.endsWith('.html'));
  const pages = [...fixtures.map((name) => `/fixtures/${name}`), '/demo/article.html'];

  for (const path of pages) {
    it(`${path} shows the number of mentions it states, on the badge and as highlights`, async () => {
      const html = await readFile(path.startsWith('/demo/') ? `assets${path}` : `tests/browser${path}`, 'utf8');
      const stated = /<meta name="expected-mentions" content="([^"]+)">/.exec(html)?.[1];
      expect(stated, `${path} must state its expected mentions`).toBeDefined();
      if (stated === 'dynamic') return; // a page whose count moves has a test of its own
      const expected = Number(stated);
      const page = await session.openPage(server.origin + path);
      const text = expected === 0 ? '' : String(expected);
      expect(await badge(page, text)).toBe(text);
      if (expected === 0) expect(await paintedTexts(page)).toEqual([]);
      expect(session.errorsOf(page)).toEqual([]);
      await page.close();
    });
  }
});

describe('matching', () => {
  it("has this browser's case folding never stricter than the matcher's, which its native prefilter relies on", async () => {
    // The unit test checks it in Node; each browser has its own Unicode tables. The rule is
    // foldUnit's (src/core/text-rules.ts): a unit's lower case, where that is one unit. The
    // prefilter (src/core/prefilter.ts) spells out the units that fold into an ASCII letter, and
    // leaves the others to the `iu` flags, for the aliases with a letter that has an upper case.
    const page = await session.openPage(`${server.origin}/fixtures/matching-rules.html`);
    const apart = await page.evaluate((alsoFoldedInto: Record<string, string>) => {
      const found: string[] = [];
      for (let unit = 0; unit <= 0xffff; unit++) {
        if (unit >= 0xd800 && unit <= 0xdfff) continue;
        const text = String.fromCharCode(unit);
        const lower = text.toLowerCase();
        if (lower.length !== 1 || lower === text) continue;
        const spelt = /^[a-z]$/.test(lower) ? [lower, lower.toUpperCase(), ...(alsoFoldedInto[lower] ?? '')] : undefined;
        const caseFolded = new RegExp(`^\\u${lower.charCodeAt(0).toString(16).padStart(4, '0')}$`, 'iu').test(text);
        const stricter = spelt ? !spelt.includes(text) : lower.charCodeAt(0) < 0x80 || lower.toUpperCase() === lower || !caseFolded;
        if (stricter) found.push(`U+${unit.toString(16)}`);
      }
      return found;
    }, ALSO_FOLDED_INTO);
    expect(apart).toEqual([]);
    await page.close();
  });

  it('rules out in its native prefilter only a beginning that a word edge rules out', async () => {
    // The unit test checks it in Node; here each browser's own case folding, which widens the
    // prefilter's class under its `iu` flags.
    const page = await session.openPage(`${server.origin}/fixtures/matching-rules.html`);
    const ruledOut = await page.evaluate((guard) => {
      const mayBeginAfter = new RegExp(`${guard}a$`, 'iu');
      const found: number[] = [];
      for (let codePoint = 1; codePoint <= 0x10ffff; codePoint++) {
        if (!mayBeginAfter.test(`${String.fromCodePoint(codePoint)}a`)) found.push(codePoint);
      }
      return found;
    }, NOT_AFTER_ASCII_LETTER_OR_DIGIT);
    expect(ruledOut.filter((codePoint) => !isWordEdge(codePoint)).map((codePoint) => `U+${codePoint.toString(16)}`)).toEqual([]);
    expect(ruledOut.length).toBeGreaterThanOrEqual(10 + 26 * 2);
    await page.close();
  });

  it('highlights exactly what the matching rules allow', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/matching-rules.html`);
    await badge(page, '16');
    expect(await paintedTexts(page)).toEqual([
      'Alibaba Group',
      'Apple Intelligence',
      'Apple\n       Intelligence',
      'Apple\u00a0Intelligence',
      'Alibaba\u3000Group',
      'ALIBABA',
      'apple intelligence',
      'Alibaba',
      'Alibaba',
      'Alibaba',
      'Alibaba',
      '阿里巴巴集团',
      '苹果智能',
      'Apple 智能',
      'Alibaba',
      // One mention split across three elements is painted by three ranges.
      'Apple ',
      'Intel',
      'ligence',
    ]);
    await page.close();
  });

  it('skips what is never scanned and text that is not rendered', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/not-scanned.html`);
    expect(await badge(page, '2')).toBe('2');
    expect(await paintedTexts(page)).toEqual(['Alibaba', 'Apple Intelligence']);
    await page.close();
  });

  it('finds mentions in open shadow roots, nested ones too, but not in closed ones', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/shadow-dom.html`);
    expect(await badge(page, '3')).toBe('3');
    // What the idle test below finds absent is here where a page is scanned.
    expect(await session.scannerLoaded(page)).toBe(true);
    await page.close();
  });

  it('tints every mention it paints, in inline elements and in shadow roots as in running text', async () => {
    // In Chromium the rules sit on the document's root alone, and each text's elements inherit them (content/browser-quirks.ts).
    // Tinted: some of the points across the mention's upper half are, wherever its glyphs' strokes fall.
    const isTintedAcross = async (page: Page, text: string, inElement?: string) => {
      const [box] = await mentionBoxes(page, text, 0, { scrollIntoView: true, inElement });
      if (!box) return false;
      for (let step = 1; step < 8; step++) {
        if (isTinted(await colourAt(page, { x: box.x + (box.width * step) / 8, y: box.y + box.height / 3 }))) return true;
      }
      return false;
    };
    const shadowRoots = await session.openPage(`${server.origin}/fixtures/shadow-dom.html`);
    for (const text of ['Alibaba', 'Apple Intelligence', 'Alibaba Group'])
      expect(await eventually(() => isTintedAcross(shadowRoots, text), true), text).toBe(true);
    await shadowRoots.close();
    // The demo article's `<strong>Apple Intelligence</strong>`, in a paragraph of the article.
    const article = await session.openPage(`${server.origin}/demo/article.html`);
    expect(await eventually(() => isTintedAcross(article, 'Apple Intelligence', 'strong'), true), 'in <strong>').toBe(true);
    await article.close();
  });

  it('stays idle on a page that is not an article: no highlight, no badge, no scanner loaded', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/not-an-article.html`);
    expect(await session.listensForNothing(page)).toBe(true);
    expect(await session.badgeText(page)).toBe('');
    expect(await paintedTexts(page)).toEqual([]);
    expect(await session.scannerLoaded(page)).toBe(false);
    if (!isFirefox) expect(session.requestsOf(page).filter((url: string) => !url.endsWith('/favicon.ico'))).toEqual([page.url()]);
    // The popup wakes it, and says why it does not scan.
    const popup = await session.openPopup(page);
    await popup.waitForSelector('::-p-text(not detected as a news article)');
    expect(await pageState(page)).toEqual({ host: '127.0.0.1', status: 'idle', reason: 'not-article' });
    expect(await paintedTexts(page)).toEqual([]);
    await page.close();
  });

  it('scans the same page on a news site of the bundled list, whose pages need not say they are articles', async () => {
    const page = await session.openPage(`http://${BUNDLED_NEWS_HOST}:${new URL(server.origin).port}/fixtures/not-an-article.html`);
    expect(await badge(page, '1')).toBe('1');
    expect(await paintedTexts(page)).toEqual(['Alibaba']);
    await page.close();
  });
});

describe('a page that changes after load', () => {
  it('reflects added, changed and removed text', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/dynamic.html`);
    expect(await badge(page, '1')).toBe('1');
    const count = () => session.badgeText(page);

    await page.evaluate(() => {
      const item = document.createElement('li');
      item.textContent = '10:05 — Apple Intelligence is coming to China with Alibaba Group.';
      document.getElementById('updates')!.append(item);
    });
    expect(await eventually(count, '3')).toBe('3');

    await page.evaluate(() => {
      (document.getElementById('first')!.firstChild as Text).data = '10:00 — Talks confirmed.';
    });
    expect(await eventually(count, '2')).toBe('2');

    await page.evaluate(() => document.getElementById('updates')!.lastElementChild!.remove());
    expect(await eventually(count, '')).toBe('');
    expect(await paintedTexts(page)).toEqual([]);

    // Single-page navigation: the whole article is replaced.
    await page.evaluate(() => {
      history.pushState({}, '', '/fixtures/dynamic.html?story=2');
      document.querySelector('article')!.innerHTML = '<h1>阿里巴巴 and Alibaba</h1><p>More on Apple Intelligence.</p>';
    });
    expect(await eventually(count, '3')).toBe('3');
    expect(await paintedTexts(page)).toEqual(['阿里巴巴', 'Alibaba', 'Apple Intelligence']);
    await page.close();
  });
});

describe('the card', () => {
  it('opens when the reader hovers a mention, with the summary, statistics, timeline and sources', async () => {
    const page = await session.openPage(`${server.origin}/demo/article.html`);
    await badge(page, '14');
    const point = await pointOnMention(page, 'Alibaba', 1);
    await page.mouse.move(point!.x, point!.y);
    const card = await waitForCard(session, page);
    expect(card?.name).toBe('Alibaba');
    for (const text of ['Apple plans to integrate Alibaba’s AI models', 'Huawei', '-0.3%', '+42%', 'Source: IDC, via Article 2']) {
      expect(card?.text).toContain(text);
    }
    await page.screenshot({ path: `${ARTIFACTS}/card-hover-light.png` });
    const whole = await openMore(session, page);
    for (const text of [
      'Alibaba is the Chinese tech giant Apple partnered with',
      'Apple’s revenue in the Greater China region',
      '-11.1%',
      '+4%',
      'In December (year not stated)',
      'Baidu',
      'Tencent, ByteDance',
      'DeepSeek',
      'Cyberspace Administration',
      'simplified Chinese',
      'Reported around early 2025: an estimate.',
    ]) {
      expect(whole.text).toContain(text);
    }
    await page.close();
  });

  it('stays open while the pointer moves onto it, and closes after the pointer leaves both', async () => {
    const page = await session.openPage(`${server.origin}/demo/article.html`);
    await badge(page, '14');
    const point = await pointOnMention(page, 'Apple Intelligence', 1);
    await page.mouse.move(point!.x, point!.y);
    expect((await waitForCard(session, page))?.name).toBe('Apple Intelligence');
    // Down onto the card, which sits just below the line.
    for (let dy = 4; dy <= 60; dy += 8) await page.mouse.move(point!.x, point!.y + dy);
    await afterPageTimers(page, CLOSE_GRACE_MS);
    expect((await readCard(session, page))?.name).toBe('Apple Intelligence');
    await page.mouse.move(5, 5);
    expect(await waitForCard(session, page, { open: false })).toBeNull();
    await page.close();
  });

  it('closes with Escape without the pointer moving', async () => {
    const page = await session.openPage(`${server.origin}/demo/article.html`);
    await badge(page, '14');
    const point = await pointOnMention(page, 'Alibaba');
    await page.mouse.move(point!.x, point!.y);
    expect(await waitForCard(session, page)).not.toBeNull();
    await page.keyboard.press('Escape');
    expect(await waitForCard(session, page, { open: false })).toBeNull();
    await page.close();
  });

  it('does not open for a pointer over plain text', async () => {
    const page = await session.openPage(`${server.origin}/demo/article.html`);
    await badge(page, '14');
    await page.mouse.move(320, 280);
    await afterPageTimers(page, HOVER_DELAY_MS);
    expect(await readCard(session, page)).toBeNull();
    await page.close();
  });

  it('is reached by the keyboard command, takes focus, and Escape gives focus back', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/matching-rules.html`);
    await badge(page, '16');
    await expect(session.commands()).resolves.toContainEqual(expect.objectContaining({ name: 'next-mention', shortcut: 'Alt+Shift+K' }));
    // The accessibility tree follows focus a moment later in Firefox.
    const focusBecomes = async (expected: object) => expect(await eventually(() => focusedNode(session, page), expected)).toEqual(expected);
    await page.focus('#link a');
    await focusBecomes({ role: 'link', name: 'Alibaba', inCard: false });
    expect(await session.runNextMentionCommand(page)).toEqual({ result: { moved: true } });
    await focusBecomes({ role: 'dialog', name: 'Alibaba', inCard: true });
    await page.screenshot({ path: `${ARTIFACTS}/card-keyboard.png` });

    expect(await session.runNextMentionCommand(page)).toEqual({ result: { moved: true } });
    await focusBecomes({ role: 'dialog', name: 'Apple Intelligence', inCard: true });

    await page.keyboard.press('Escape');
    expect(await waitForCard(session, page, { open: false })).toBeNull();
    await focusBecomes({ role: 'link', name: 'Alibaba', inCard: false });
    await page.close();
  });

  it('is styled and readable under a strict Content-Security-Policy', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/strict-csp.csp.html`);
    expect(await badge(page, '2')).toBe('2');
    const point = await pointOnMention(page, 'Alibaba');
    await page.mouse.move(point!.x, point!.y);
    expect((await waitForCard(session, page))?.name).toBe('Alibaba');
    await page.screenshot({ path: `${ARTIFACTS}/card-strict-csp.png` });
    await page.close();
  });

  it('is readable under a page stylesheet that resets everything, above a maximum z-index overlay', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/hostile-styles.html`);
    expect(await badge(page, '2')).toBe('2');
    const point = await pointOnMention(page, 'Apple Intelligence');
    await page.mouse.move(point!.x, point!.y);
    expect((await waitForCard(session, page))?.name).toBe('Apple Intelligence');
    const topAt = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y + 60)?.tagName, point!);
    expect(topAt).toBe('CONTEXT-CARDS-CARD');
    await page.screenshot({ path: `${ARTIFACTS}/card-hostile-styles.png` });
    await page.close();
  });

  it('follows a dark colour scheme', async () => {
    const dark = await launchExtensionBrowser({ colorScheme: 'dark' });
    try {
      const page = await dark.openPage(`${server.origin}/demo/article.html`);
      await badge(page, '14', dark);
      const point = await pointOnMention(page, 'Alibaba', 1);
      await page.mouse.move(point!.x, point!.y);
      expect(await waitForCard(dark, page)).not.toBeNull();
      await page.screenshot({ path: `${ARTIFACTS}/card-hover-dark.png` });
      expect(await dark.newExtensionErrors()).toEqual([]);
    } finally {
      await dark.close();
    }
  });
});

describe('hostile and unusual pages', () => {
  it('leaves a page that overwrites built-ins working, and works there itself', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/overwritten-builtins.html`);
    expect(await badge(page, '2')).toBe('2');
    const point = await pointOnMention(page, 'Alibaba');
    await page.mouse.move(point!.x, point!.y);
    expect((await waitForCard(session, page))?.name).toBe('Alibaba');
    expect(await page.evaluate(() => (window as unknown as { pageStillWorks(): string }).pageStillWorks())).toBe('ok');
    expect(session.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('keeps the right count on a page that rewrites its body every 100 ms, which keeps running', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/rewrites-body.html`);
    expect(await badge(page, '2')).toBe('2');
    const rewrites = () => page.evaluate(() => (window as unknown as { rewrites: number }).rewrites);
    const before = await rewrites();
    await waitFor(rewrites, (now: number) => now > before + 10, 'ten more rewrites of the body');
    expect(await badge(page, '2')).toBe('2');
    expect(await eventually(async () => (await paintedTexts(page)).sort(), ['Alibaba', 'Apple Intelligence'])).toEqual([
      'Alibaba',
      'Apple Intelligence',
    ]);
    expect(session.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('follows a page that adds 10,000 paragraphs over two seconds', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/grows.html`);
    expect(await eventually(() => totalOf(page), 1000, { timeout: 20_000 })).toBe(1000);
    expect(await badge(page, '999+')).toBe('999+');
    expect(session.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('scans what the reader sees first on a long page opened halfway down', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/opened-at-its-end.html`);
    expect(await eventually(() => totalOf(page), 4005, { timeout: 20_000 })).toBe(4005);
    // In document order the part on screen would come last, with all 4,005 painted by then.
    const paintedFirst = await page.evaluate(() => (window as unknown as { paintedWhenInViewAppeared?: number }).paintedWhenInViewAppeared);
    expect(paintedFirst).toBeDefined();
    expect(paintedFirst).toBeLessThan(1000);
    expect(session.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('keeps only the mentions near the view in the highlight registry, and paints the others as the reader scrolls to them', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/opened-at-its-end.html`);
    expect(await eventually(() => totalOf(page), 4005, { timeout: 20_000 })).toBe(4005);
    // Where the registered ranges are: the part on screen, the first paragraph at the top, anywhere.
    const registered = () =>
      page.evaluate(() => {
        const ranges = [...((CSS.highlights.get('context-cards-mention') ?? []) as Iterable<AbstractRange>)];
        const inside = (selector: string) => ranges.filter((r) => document.querySelector(selector)!.contains(r.startContainer)).length;
        return { all: ranges.length, onScreen: inside('#in-view'), firstParagraph: inside('#earlier p:first-child') };
      });
    // The count is of the mentions found, not painted: the two below the view are painted when
    // the scan settles, which can be a frame or two after the last of them is found.
    const atTheEnd = await waitFor(registered, (now) => now.onScreen === 5, 'the five mentions on screen painted');
    expect(atTheEnd.firstParagraph).toBe(0);
    expect(atTheEnd.all).toBeLessThan(100);

    await page.evaluate(() => window.scrollTo(0, 0));
    const atTheTop = await waitFor(
      registered,
      (now) => now.firstParagraph === 1 && now.onScreen === 0,
      'the highlights following the scroll',
    );
    expect(atTheTop.all).toBeLessThan(100);
    // The reader sees the mention under the pointer as a mention: the card opens on it.
    const point = await pointOnMention(page, 'Alibaba');
    await page.mouse.move(point!.x, point!.y);
    expect(await waitForCard(session, page)).not.toBeNull();
    expect(await totalOf(page)).toBe(4005);
    expect(session.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('never talks to the page’s own scripts: no postMessage, no events, no globals', async () => {
    const page = await session.browser.newPage();
    await page.evaluateOnNewDocument(() => {
      const seen = { messages: 0, events: [] as string[], globals: [] as string[] };
      Object.defineProperty(window, 'contextCardsProbe', { value: seen });
      const postMessage = window.postMessage.bind(window);
      window.postMessage = (...args: Parameters<typeof postMessage>) => {
        seen.messages++;
        return postMessage(...args);
      };
      const dispatch = EventTarget.prototype.dispatchEvent; // eslint-disable-line @typescript-eslint/unbound-method -- called with its own `this` below
      EventTarget.prototype.dispatchEvent = function (event: Event) {
        seen.events.push(event.type);
        return dispatch.call(this, event);
      };
      document.addEventListener('DOMContentLoaded', () => (seen.globals = Object.getOwnPropertyNames(window)), { once: true });
    });
    await page.goto(`${server.origin}/demo/article.html`);
    await badge(page, '14');
    const point = await pointOnMention(page, 'Alibaba');
    await page.mouse.move(point!.x, point!.y);
    expect(await waitForCard(session, page)).not.toBeNull();
    await session.runNextMentionCommand(page);
    const probe = await page.evaluate(() => {
      const seen = (window as unknown as { contextCardsProbe: { messages: number; events: string[]; globals: string[] } })
        .contextCardsProbe;
      const now = Object.getOwnPropertyNames(window);
      return { messages: seen.messages, events: seen.events, newGlobals: now.filter((name) => !seen.globals.includes(name)) };
    });
    expect(probe).toEqual({ messages: 0, events: [], newGlobals: [] });
    await page.close();
  });
});

describe('the page', () => {
  it('keeps its DOM: the only change is the card host, added on first use', async () => {
    const page = await session.browser.newPage();
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('DOMContentLoaded', () => {
        (window as unknown as { before: string }).before = document.documentElement.outerHTML;
      });
    });
    await page.goto(`${server.origin}/demo/article.html`);
    await badge(page, '14');
    const unchangedBeforeHover = await page.evaluate(
      () => document.documentElement.outerHTML === (window as unknown as { before: string }).before,
    );
    expect(unchangedBeforeHover).toBe(true);
    const point = await pointOnMention(page, 'Alibaba');
    await page.mouse.move(point!.x, point!.y);
    expect(await waitForCard(session, page)).not.toBeNull();
    const after = await page.evaluate(() => {
      const hosts = document.querySelectorAll('context-cards-card');
      const clone = document.documentElement.cloneNode(true) as Element;
      clone.querySelector('context-cards-card')?.remove();
      return { hosts: hosts.length, same: clone.outerHTML === (window as unknown as { before: string }).before };
    });
    expect(after).toEqual({ hosts: 1, same: true });
    await page.close();
  });

  it('gets the highlight stylesheet only when there is a mention to paint, and not while the site is paused', async () => {
    const sheets = (page: Page) => page.evaluate(() => document.adoptedStyleSheets.length);
    const quiet = await session.openPage(`${server.origin}/fixtures/article-without-mentions.html`);
    // A scan that has settled says what it read.
    await waitFor(
      () => pageState(quiet),
      (state) => state.status === 'running' && state.lastScan.textNodes > 0,
      'the scan of an article without mentions settling',
    );
    expect(await sheets(quiet)).toBe(0); // adopting one restyles the whole page
    await quiet.close();
    const article = await session.openPage(`${server.origin}/demo/article.html`);
    await badge(article, '14');
    expect(await sheets(article)).toBe(1);
    const pauseSites = (hosts: string[]) => session.storeItems({ 'sites.blocked': hosts });
    await pauseSites(['127.0.0.1']);
    expect(await eventually(() => sheets(article), 0)).toBe(0);
    await pauseSites([]);
    // Resumed: closing the page while it starts again would cut its messages to the background short.
    expect(await badge(article, '14')).toBe('14');
    expect(await sheets(article)).toBe(1);
    await article.close();
  });
});

describe('privacy', () => {
  // After every test, nothing but the test pages and the extension's own files may have been
  // requested (checkAfterEachTest): this proves that check sees a request that leaves.
  it('sees every request that leaves for the network, so that the check after each test can fail', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/article-without-mentions.html`);
    await page.evaluate(() => fetch('http://outside.example/probe').catch(() => undefined));
    const seen = await waitFor(
      () => session.newRequests(),
      (urls: string[]) => urls.some((url) => url.startsWith('http://outside.example/')),
      'the outside request being recorded',
    );
    // (Firefox sees it twice: the page's own record of it, and the proxy that refused it.)
    expect(new Set(seen.filter((url: string) => url.startsWith('http://outside.example/')))).toEqual(
      new Set(['http://outside.example/probe']),
    );
    await page.close();
  });
});
