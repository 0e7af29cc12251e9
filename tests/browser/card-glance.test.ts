/**
 * The card as a glance, in a real browser: a first view that fits in 360×320 CSS px without
 * scrolling and leads with how the two topics connect when the page has both, "More" one step
 * away (pointer and keyboard) that never moves the card over its mention, the card in the
 * article's language, placement at 200% zoom and in a 320 px window — and the same product for
 * readers who cannot see highlights: what the keyboard found, spoken through a live region;
 * highlights and card in forced colours; no motion.
 */
import type { Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations } from './harness/axe';
import type { Rect } from './harness/browser-common';
import { MORE, focusNextMentionCard, focusedNode, liveRegionText, openMore, pressTab, readCard, waitForCard } from './harness/card';
import type { ExtensionSession } from './harness/extension-browser';
import { mentionBoxes, paintedTexts, pointOnMention } from './harness/mentions';
import { ARTIFACTS, useExtensionBrowser, type TestServer } from './harness/per-test-checks';
import { colourAt } from './harness/pixels';
import { waitFor } from './harness/waiting';

let session: ExtensionSession;
let server: TestServer;
useExtensionBrowser((ready) => ({ session, server } = ready));

const FIRST_VIEW = { width: 360, height: 320 };

let visits = 0;
async function open(path: string, mentions: number): Promise<Page> {
  const page = await session.openPage(`${server.origin}${path}?visit=${++visits}`);
  await waitFor(
    () => paintedTexts(page),
    (texts) => texts.length === mentions,
    `${mentions} mentions painted on ${path}`,
  );
  return page;
}

async function hover(page: Page, mention: string, occurrence = 0): Promise<string> {
  const point = await pointOnMention(page, mention, occurrence);
  await page.mouse.move(point!.x, point!.y);
  return (await waitForCard(session, page))!.text;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The card is inside the viewport and covers none of its mention's line boxes. */
async function expectClearOf(page: Page, mention: Rect[]): Promise<Rect> {
  const card = (await session.cardRects(page, []))!.card;
  const viewport = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.clientHeight,
  }));
  expect(card.x).toBeGreaterThanOrEqual(0);
  expect(card.y).toBeGreaterThanOrEqual(0);
  expect(card.x + card.width).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(card.y + card.height).toBeLessThanOrEqual(viewport.height + 0.5);
  for (const box of mention) expect(overlaps(card, box), `card ${JSON.stringify(card)} over ${JSON.stringify(box)}`).toBe(false);
  return card;
}

/** The first view fits the glance's box, "More" (its last line) in view without scrolling. */
async function expectGlance(page: Page): Promise<void> {
  const rects = await session.cardRects(page, [MORE]);
  const [card, more] = [rects!.card, rects!.parts[0]!];
  expect(card.width).toBeLessThanOrEqual(FIRST_VIEW.width + 0.5);
  expect(card.height).toBeLessThanOrEqual(FIRST_VIEW.height + 0.5);
  expect(more.y + more.height).toBeLessThanOrEqual(card.y + card.height);
}

async function useLanguage(language: 'article' | 'en' | 'zh-CN'): Promise<void> {
  const settings = (await session.storedSettings()).settings ?? { version: 1 };
  await session.storeItems({ settings: { ...settings, card: { hoverDelayMs: 300, openOn: 'hover', ...settings.card, language } } });
}

afterEach(async () => {
  await useLanguage('article');
});

describe('the card’s first view', () => {
  it('leads with how the two connect when the page mentions both, with the lead figure, in 360×320 without scrolling', async () => {
    const page = await open('/demo/article.html', 14);
    const text = await hover(page, 'Alibaba', 1);
    expect(text).toContain('Apple plans to integrate Alibaba’s AI models into its features for Chinese users');
    expect(text).toContain('Apple’s smartphone sales in China, Q3 2024');
    expect(text).toContain('Source: IDC, via Article 2');
    expect(text).toMatch(/More: figures, timeline and sources$/);
    expect(text).not.toContain('In December'); // the timeline is behind "More"
    await expectGlance(page);
    await page.mouse.move(5, 5);
    await waitForCard(session, page, { open: false });
    expect(await hover(page, 'Apple Intelligence', 1)).toContain('Apple chose to collaborate with Alibaba rather than go solo');
    await expectGlance(page);
    await page.close();
  });

  for (const language of ['en', 'zh-CN'] as const) {
    it(`leads with the topic’s brief on a page about it alone, and fits with the article’s age too (${language})`, async () => {
      await useLanguage(language);
      for (const [path, mention, brief] of [
        [
          '/fixtures/dated-apple-intelligence.html',
          'Apple Intelligence',
          { en: 'Apple’s AI features. Apple teamed up with Alibaba', 'zh-CN': '苹果的 AI 功能。' },
        ],
        ['/fixtures/dated-json-ld.html', 'Alibaba', { en: 'Apple’s partner for bringing AI', 'zh-CN': '苹果把 AI 带给中国用户的合作伙伴' }],
      ] as const) {
        const page = await open(path, 1);
        const text = await hover(page, mention);
        expect(text).toContain(brief[language]);
        expect(text).toContain(language === 'en' ? 'This article is from' : '本文发表于');
        await expectGlance(page);
        await page.close();
      }
    });
  }
});

describe('“More”', () => {
  it('opens the rest inside the card from the keyboard, and the card stays clear of its mention', async () => {
    const page = await open('/demo/article.html', 14);
    await focusNextMentionCard(session, page);
    const mention = await mentionBoxes(page, 'Alibaba');
    const closed = await expectClearOf(page, mention);
    // Tab to "More"; each press waits for the accessibility tree to follow focus (Firefox's does so a moment later).
    let focused = (await focusedNode(session, page))?.name ?? '';
    for (let tab = 0; tab < 6 && !new RegExp(MORE).test(focused); tab++) focused = (await pressTab(session, page))?.name ?? '';
    expect((await focusedNode(session, page))?.name).toMatch(new RegExp(MORE));
    await page.keyboard.press('Enter');
    const card = await waitFor(
      () => readCard(session, page),
      (c) => c?.text.includes('In December (year not stated)') ?? false,
      'the timeline showing',
    );
    // Headings are upper-case by style, and Chromium reads them so.
    for (const words of ['sources', 'reported around early 2025: an estimate.', 'apple’s revenue in the greater china region'])
      expect(card?.text.toLowerCase()).toContain(words);
    const opened = await expectClearOf(page, mention);
    // It grew away from the mention: the edge next to it stayed where it was.
    if (closed.y > mention[0]!.y) expect(opened.y).toBeCloseTo(closed.y, 0);
    else expect(opened.y + opened.height).toBeCloseTo(closed.y + closed.height, 0);
    expect(opened.height).toBeLessThanOrEqual(480.5);
    await page.keyboard.press('Escape');
    expect(await waitForCard(session, page, { open: false })).toBeNull();
    await page.close();
  });
});

describe('the card’s language, by default the article’s', () => {
  it('is Chinese on a Chinese article and for a Chinese name on any page, the browser’s elsewhere', async () => {
    const chinese = await open('/fixtures/chinese-article.html', 1);
    await hover(chinese, 'Alibaba');
    expect((await readCard(session, chinese))?.name).toBe('阿里巴巴');
    const popup = await session.openPopup(chinese);
    expect(await popup.$eval('.story-title', (el) => el.textContent)).toMatch(/^苹果联手阿里巴巴/);
    await popup.close();
    await chinese.close();

    const demo = await open('/demo/article.html', 14);
    await hover(demo, '阿里巴巴');
    expect((await readCard(session, demo))?.name).toBe('阿里巴巴');
    await demo.mouse.move(5, 5);
    await waitForCard(session, demo, { open: false });
    await hover(demo, 'Alibaba', 1);
    expect((await readCard(session, demo))?.name).toBe('Alibaba');
    await demo.close();
  });
});

describe('the card’s place', () => {
  for (const [name, viewport] of [
    ['in a 320 px wide window', { width: 320, height: 640 }],
    ['at 200% zoom (1280×800 device pixels)', { width: 640, height: 400, deviceScaleFactor: 2 }],
  ] as const) {
    it(`is inside the viewport and off its mention ${name}, with “More” open too`, async () => {
      const page = await open('/demo/article.html', 14);
      await page.setViewport(viewport);
      for (const [mention, occurrence] of [
        ['Alibaba', 1],
        ['Apple Intelligence', 2],
      ] as const) {
        await hover(page, mention, occurrence);
        const boxes = await mentionBoxes(page, mention, occurrence);
        await expectClearOf(page, boxes);
        if (viewport.width === 320) await page.screenshot({ path: `${ARTIFACTS}/card-320-${mention.replace(' ', '-')}.png` });
        await openMore(session, page);
        await expectClearOf(page, boxes);
        await page.keyboard.press('Escape');
        await waitForCard(session, page, { open: false });
      }
      await page.close();
    });
  }
});

describe('readers who cannot see highlights', () => {
  it('hear where the keyboard is, and the page’s counts when it starts from no mention, in the card’s language', async () => {
    const page = await open('/demo/article.html', 14);
    const { byTopic } = (await session.pageState(page)) as { byTopic: Array<{ topicId: string; count: number }> };
    const count = (id: string) => byTopic.find((t) => t.topicId === id)!.count;
    const [alibaba, appleIntelligence] = [count('alibaba'), count('apple-intelligence')];
    const says = (text: string) =>
      waitFor(
        () => liveRegionText(session, page),
        (now) => now === text,
        `the live region saying "${text}"`,
      );

    await session.runNextMentionCommand(page);
    await says(`Found on this page: Alibaba (${alibaba}) and Apple Intelligence (${appleIntelligence}). Mention 1 of 14: Alibaba`);
    await session.runNextMentionCommand(page);
    await says('Mention 2 of 14: Apple Intelligence');
    await page.keyboard.press('Escape');
    await waitForCard(session, page, { open: false });
    await page.close();

    await useLanguage('zh-CN');
    const chinese = await open('/demo/article.html', 14);
    await session.runNextMentionCommand(chinese);
    await waitFor(
      () => liveRegionText(session, chinese),
      (now) => now === `本页找到：阿里巴巴（${alibaba} 处）和Apple 智能（${appleIntelligence} 处）。第 1 处提及（共 14 处）：阿里巴巴`,
      'the live region speaking Chinese',
    );
    await chinese.close();
  });

  it('see mentions and the card in forced colours (Windows High Contrast)', async () => {
    const page = await session.openPage(`${server.origin}/demo/article.html?visit=${++visits}`);
    await session.emulateMedia(page, { forcedColors: true });
    try {
      await waitFor(
        () => paintedTexts(page),
        (texts) => texts.length === 14,
        'mentions painted',
      );
      const point = (await pointOnMention(page, 'Alibaba', 1))!;
      // The mention's paint against the paper just left of the paragraph, on the same line.
      const [mention, paper] = [await colourAt(page, point), await colourAt(page, { x: 10, y: point.y })];
      expect(mention, 'a mention is painted in forced colours').not.toEqual(paper);
      await page.mouse.move(point.x, point.y);
      await waitForCard(session, page);
      await page.screenshot({ path: `${ARTIFACTS}/card-forced-colours.png` });
    } finally {
      await session.emulateMedia(page, {});
      await page.close();
    }
  });

  it('see nothing move, the card and “More” included', async () => {
    const page = await session.openPage(`${server.origin}/demo/article.html?visit=${++visits}`);
    await session.emulateMedia(page, { reducedMotion: true });
    try {
      await waitFor(
        () => paintedTexts(page),
        (texts) => texts.length === 14,
        'mentions painted',
      );
      await hover(page, 'Alibaba', 1);
      await openMore(session, page);
      // document.getAnimations() includes those in shadow trees, closed ones too.
      expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
    } finally {
      await session.emulateMedia(page, {});
      await page.close();
    }
  });
});

describe('the card, checked by axe', () => {
  it('has no accessibility violation in its content with “More” and its evidence open, light and dark, English and Chinese', async () => {
    const options = await session.openOptions();
    try {
      for (const language of ['en', 'zh-CN'] as const) {
        await useLanguage(language);
        await options.waitForFunction(
          (name) => document.querySelector('.preview .card h2')?.textContent === name,
          {},
          language === 'en' ? 'Alibaba' : '阿里巴巴',
        );
        // The options preview renders the same Card component (with Preact there, dom-jsx in pages),
        // with the same stylesheets, outside the closed shadow root that axe cannot enter.
        await options.$$eval('.preview .card details', (all) => all.forEach((details) => (details.open = true)));
        for (const scheme of ['light', 'dark'] as const) {
          await session.emulateMedia(options, { colorScheme: scheme });
          await options.waitForFunction((dark) => matchMedia('(prefers-color-scheme: dark)').matches === dark, {}, scheme === 'dark');
          expect(await axeViolations(options, '.preview-card'), `${language}, ${scheme}`).toEqual([]);
        }
      }
    } finally {
      await session.emulateMedia(options, {});
      await options.close();
    }
  });
});

describe('screenshots', () => {
  it('of the first view and of “More”, light and dark, English and Chinese, at 1280×800 and 320 px', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const language of ['en', 'zh-CN'] as const) {
        await useLanguage(language);
        for (const width of [1280, 320]) {
          const page = await session.openPage(`${server.origin}/demo/article.html?visit=${++visits}`);
          await session.emulateMedia(page, { colorScheme: scheme });
          try {
            await page.setViewport({ width, height: 800 });
            await waitFor(
              () => paintedTexts(page),
              (texts) => texts.length === 14,
              'mentions painted',
            );
            await hover(page, 'Alibaba', 1);
            const name = `${ARTIFACTS}/glance-${width}-${scheme}-${language}`;
            await page.screenshot({ path: `${name}-first.png` });
            await openMore(session, page);
            await page.screenshot({ path: `${name}-more.png` });
          } finally {
            await session.emulateMedia(page, {});
            await page.close();
          }
        }
      }
    }
  });
});
