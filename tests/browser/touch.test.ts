/**
 * Phones, in both browsers: a phone-sized viewport with a touch screen as its only pointer and
 * real touch input (Chromium: DevTools touch events; Firefox: WebDriver BiDi touch actions). A tap
 * on a mention opens its card as a bottom sheet; ✕, a tap outside, a swipe down and Escape close
 * it; touches that mean something else — a link, a scroll, a long press, a selection — open
 * nothing; the setting turns tapping off at once; a tablet gets the card anchored to its mention;
 * and the popup and the options page read well from 320 to 480 px with finger-sized targets.
 */
import type { Page } from 'puppeteer-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Rect } from './harness/browser-common';
import { readCard, waitForCard } from './harness/card';
import type { ExtensionSession } from './harness/extension-browser';
import { mentionBoxes, paintedTexts, pointOnMention } from './harness/mentions';
import { ARTIFACTS, useExtensionBrowser, type TestServer } from './harness/per-test-checks';
import { settingsReached, storedOnce } from './harness/settings';
import { afterPageTimers, waitFor } from './harness/waiting';

let session: ExtensionSession;
let server: TestServer;
useExtensionBrowser((ready) => ({ session, server } = ready));

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1024, height: 768 };
/** Longer than any card delay: a card that was going to open (by hover, by tap) would be open by now. */
const LONGER_THAN_A_HOVER = 700;

let visits = 0;
async function openOnPhone(path: string, mentions: number, viewport = PHONE): Promise<Page> {
  const page = await session.openPage(`${server.origin}${path}?visit=${++visits}`);
  await session.emulatePhone(page, viewport);
  await waitFor(
    () => paintedTexts(page),
    (texts) => texts.length === mentions,
    `${mentions} mentions painted on ${path}`,
  );
  return page;
}

/** Each test leaves the settings as it found them (tests here change the setting and the card's language). */
let settingsBefore: unknown;
beforeEach(async () => {
  settingsBefore = (await session.storedSettings()).settings;
});
afterEach(async () => {
  await session.endPhoneEmulation();
  if (settingsBefore) await session.storeItems({ settings: settingsBefore });
  else await session.inExtension(() => ((globalThis as any).browser ?? (globalThis as any).chrome).storage.sync.remove('settings'));
});

async function useLanguage(language: 'en' | 'zh-CN'): Promise<void> {
  const settings = (await session.storedSettings()).settings ?? { version: 1 };
  await session.storeItems({ settings: { ...settings, card: { ...settings.card, language } } });
}

async function tapMention(page: Page, mention: string, occurrence = 0): Promise<{ x: number; y: number }> {
  const point = (await pointOnMention(page, mention, occurrence))!;
  await page.touchscreen.tap(point.x, point.y);
  return point;
}

/**
 * No card has opened (a card that was going to would be open by now) — and the page still opens
 * one for a plain tap, so the touch input did reach it.
 */
async function expectNoCardYetATapOpensOne(page: Page): Promise<void> {
  await afterPageTimers(page, LONGER_THAN_A_HOVER);
  expect(await readCard(session, page)).toBeNull();
  await tapMention(page, 'Apple Intelligence');
  expect((await waitForCard(session, page))?.name).toBe('Apple Intelligence');
}

async function viewportOf(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight }));
}

/** The open card is a bottom sheet: the viewport's width, on its bottom edge, "More" in view without scrolling. */
async function expectSheet(page: Page): Promise<Rect> {
  const rects = (await session.cardRects(page, ['^(More|更多)']))!;
  const { card, parts } = rects;
  const viewport = await viewportOf(page);
  expect(card.x).toBeCloseTo(0, 0);
  expect(card.width).toBeCloseTo(viewport.width, 0);
  expect(card.y + card.height).toBeCloseTo(viewport.height, 0);
  const more = parts[0]!;
  expect(more.y + more.height).toBeLessThanOrEqual(card.y + card.height);
  return card;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('a tap on a mention', () => {
  it('opens its card as a bottom sheet, scrolling the mention clear of it, and only that: no click reaches the page', async () => {
    const page = await openOnPhone('/fixtures/touch.html', 5);
    await page.evaluate(() => {
      (window as unknown as { clicks: number }).clicks = 0;
      document.addEventListener('click', () => (window as unknown as { clicks: number }).clicks++);
    });
    // The mention low in the view, where the sheet will be. (One scrollTo: in Firefox with a touch
    // screen, a scrollBy straight after a scrollIntoView was seen undone a frame later.)
    await page.evaluate((bottom) => {
      const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent.startsWith('Apple Intelligence'))!;
      window.scrollTo(0, paragraph.getBoundingClientRect().bottom + scrollY - bottom);
    }, PHONE.height - 100);
    const [low] = await mentionBoxes(page, 'Apple Intelligence');
    expect(low!.y).toBeGreaterThan(PHONE.height * 0.75);
    await page.touchscreen.tap(low!.x + low!.width / 2, low!.y + low!.height / 2);
    expect((await waitForCard(session, page))?.name).toBe('Apple Intelligence');
    const sheet = await expectSheet(page);
    for (const box of await mentionBoxes(page, 'Apple Intelligence')) {
      expect(overlaps(sheet, box), 'the sheet covers its mention').toBe(false);
      expect(box.y).toBeGreaterThanOrEqual(0);
    }
    // The mouse events a browser makes up after a tap neither reach the page nor open a hover card.
    await afterPageTimers(page, LONGER_THAN_A_HOVER);
    expect(await page.evaluate(() => (window as unknown as { clicks: number }).clicks)).toBe(0);
    expect((await readCard(session, page))?.name).toBe('Apple Intelligence');
    await page.close();
  });

  it('at the very end of a page, which cannot scroll it clear of a sheet, opens the card next to it instead', async () => {
    const page = await openOnPhone('/fixtures/touch.html', 5);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const [last] = await mentionBoxes(page, 'Alibaba', 3);
    await page.touchscreen.tap(last!.x + last!.width / 2, last!.y + last!.height / 2);
    expect((await waitForCard(session, page))?.name).toBe('Alibaba');
    const { card } = (await session.cardRects(page, []))!;
    expect(card.y + card.height).toBeLessThan(PHONE.height - 1); // not along the bottom edge
    for (const box of await mentionBoxes(page, 'Alibaba', 3)) expect(overlaps(card, box)).toBe(false);
    await page.close();
  });

  it('turns from the sheet into the anchored card when the phone turns to landscape, and back', async () => {
    const page = await openOnPhone('/fixtures/touch.html', 5);
    await tapMention(page, 'Alibaba');
    expect((await waitForCard(session, page))?.name).toBe('Alibaba');
    await expectSheet(page);
    await session.emulatePhone(page, { width: PHONE.height, height: PHONE.width });
    const anchored = await waitFor(
      async () => (await session.cardRects(page, []))?.card,
      (card) => card !== undefined && card.width < PHONE.height / 2,
      'the card next to its mention',
    );
    for (const box of await mentionBoxes(page, 'Alibaba')) expect(overlaps(anchored!, box)).toBe(false);
    await session.emulatePhone(page, PHONE);
    await waitFor(
      async () => [(await session.cardRects(page, []))?.card, await viewportOf(page)] as const,
      ([card, viewport]) => card !== undefined && Math.abs(card.width - viewport.width) < 1,
      'the sheet again',
    );
    await expectSheet(page);
    await page.close();
  });

  it('on a tablet, opens the card next to its mention', async () => {
    const page = await openOnPhone('/fixtures/touch.html', 5, TABLET);
    await tapMention(page, 'Apple Intelligence');
    expect((await waitForCard(session, page))?.name).toBe('Apple Intelligence');
    const { card } = (await session.cardRects(page, []))!;
    expect(card.width).toBeLessThan(TABLET.width / 2);
    for (const box of await mentionBoxes(page, 'Apple Intelligence')) expect(overlaps(card, box)).toBe(false);
    await page.close();
  });
});

describe('the sheet closes', () => {
  const opened = async () => {
    const page = await openOnPhone('/fixtures/touch.html', 5);
    await tapMention(page, 'Alibaba');
    expect((await waitForCard(session, page))?.name).toBe('Alibaba');
    return page;
  };
  const closed = async (page: Page) => {
    expect(await waitForCard(session, page, { open: false })).toBeNull();
    await page.close();
  };

  it('with ✕', async () => {
    const page = await opened();
    const close = (await session.cardRects(page, ['^Close$']))!.parts[0]!;
    expect(close.width).toBeGreaterThanOrEqual(44);
    expect(close.height).toBeGreaterThanOrEqual(44);
    await page.touchscreen.tap(close.x + close.width / 2, close.y + close.height / 2);
    await closed(page);
  });

  it('with a tap outside it', async () => {
    const page = await opened();
    await page.touchscreen.tap(PHONE.width / 2, 40);
    await closed(page);
  });

  it('with a tap outside it on a control, which then does what it does', async () => {
    const page = await opened();
    await page.evaluate(() => document.querySelector('a')!.addEventListener('click', (event) => event.preventDefault()));
    const summary = (await page.$('summary'))!;
    await summary.scrollIntoView();
    await page.evaluate(() => new Promise(requestAnimationFrame)); // painted where it now is
    const box = (await summary.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('details[open]');
    await closed(page);
  });

  it('with a swipe down, which leaves the page where it was', async () => {
    const page = await opened();
    const scrolled = await page.evaluate(() => scrollY);
    const { card } = (await session.cardRects(page, []))!;
    const x = card.x + card.width / 2;
    const touch = await page.touchscreen.touchStart(x, card.y + 12);
    for (const dy of [30, 60, 90, 120]) await touch.move(x, card.y + 12 + dy);
    await touch.end();
    expect(await page.evaluate(() => scrollY)).toBe(scrolled);
    await closed(page);
  });

  it('with Escape', async () => {
    const page = await opened();
    await page.keyboard.press('Escape');
    await closed(page);
  });
});

describe('a touch that means something else opens nothing', () => {
  it('a tap on a mention inside a link follows the link', async () => {
    const page = await openOnPhone('/fixtures/touch.html', 5);
    // First held back by the page itself, to see that the tap reached the link as a click and opened no card.
    await page.evaluate(() => {
      const link = document.querySelector('a')!;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        link.dataset.clicked = 'yes';
      });
    });
    await tapMention(page, 'Alibaba', 1);
    await afterPageTimers(page, LONGER_THAN_A_HOVER);
    expect(await page.$eval('a', (link) => link.dataset.clicked)).toBe('yes');
    expect(await readCard(session, page)).toBeNull();
    // Then as it is: the tap follows the link.
    await page.reload();
    await waitFor(
      () => paintedTexts(page),
      (texts) => texts.length === 5,
      'mentions painted again',
    );
    const navigated = page.waitForNavigation();
    await tapMention(page, 'Alibaba', 1);
    await navigated;
    expect(new URL(page.url()).pathname).toBe('/fixtures/undated.html');
    await page.close();
  });

  it('a tap on a mention in a control does what the control does', async () => {
    const page = await openOnPhone('/fixtures/touch.html', 5);
    await tapMention(page, 'Alibaba', 2); // in the <summary> of a <details>
    await page.waitForSelector('details[open]');
    await expectNoCardYetATapOpensOne(page);
    await page.close();
  });

  it('a pinch that starts on a mention', async () => {
    const page = await openOnPhone('/fixtures/touch.html', 5);
    const point = (await pointOnMention(page, 'Apple Intelligence'))!;
    await page.evaluate(() => {
      (window as unknown as { fingers: number }).fingers = 0;
      document.addEventListener(
        'pointerdown',
        (event) => event.pointerType === 'touch' && (window as unknown as { fingers: number }).fingers++,
      );
    });
    const first = await page.touchscreen.touchStart(point.x, point.y);
    const second = await page.touchscreen.touchStart(point.x + 60, point.y + 60);
    await second.move(point.x + 120, point.y + 120);
    await second.end();
    await first.end(); // where it started: on its own, a tap
    // (Chromium cancels both pointers as it takes the pinch; Firefox's touch reaches the page as DOM events only.)
    await afterPageTimers(page, LONGER_THAN_A_HOVER);
    expect(await readCard(session, page)).toBeNull();
    // Both fingers reached the page (a pinch zooms it, so a tap after it would land elsewhere).
    expect(await page.evaluate(() => (window as unknown as { fingers: number }).fingers)).toBe(2);
    await page.close();
  });

  it('a scroll that starts on a mention, even one that comes back to it', async () => {
    const page = await openOnPhone('/fixtures/touch.html', 5);
    const point = (await pointOnMention(page, 'Apple Intelligence'))!; // mid-view: room to swipe up
    // Up and back down to where it started: where the finger lifts says nothing, the path does.
    // (Chromium pans the page and cancels the pointer; Firefox's WebDriver touch reaches the page
    // as DOM events only, without panning, so there the path is all the extension has to go by.)
    const touch = await page.touchscreen.touchStart(point.x, point.y);
    for (const dy of [-25, -50, -75, -100, -125, -150, -100, -50, 0]) await touch.move(point.x, point.y + dy);
    await touch.end();
    await expectNoCardYetATapOpensOne(page);
    await page.close();
  });

  it('a long press on a mention', async () => {
    const page = await openOnPhone('/fixtures/touch.html', 5);
    const point = (await pointOnMention(page, 'Alibaba'))!;
    const touch = await page.touchscreen.touchStart(point.x, point.y);
    // The press itself is a length of time: longer than a tap may last (touch.ts, LONG_PRESS_MS).
    await afterPageTimers(page, LONGER_THAN_A_HOVER);
    await touch.end();
    await expectNoCardYetATapOpensOne(page);
    await page.close();
  });

  // A phone selects the word under a long press; a browser driven by WebDriver does not, so the
  // selection is made here as the press would leave it.
  it('a tap while the reader has text selected', async () => {
    const page = await openOnPhone('/fixtures/touch.html', 5);
    const point = (await pointOnMention(page, 'Alibaba'))!;
    await page.evaluate(() => {
      const paragraph = document.querySelector('article p')!;
      getSelection()!.selectAllChildren(paragraph);
    });
    await page.touchscreen.tap(point.x, point.y);
    await page.evaluate(() => getSelection()!.removeAllRanges());
    await expectNoCardYetATapOpensOne(page);
    await page.close();
  });

  it('a tap, once the reader turns tapping off in the options — at once, without a reload', async () => {
    const page = await openOnPhone('/fixtures/touch.html', 5);
    const options = await session.openOptions();
    const label = await options.waitForSelector('::-p-xpath(//label[contains(., "Open the card by tapping a mention")])');
    await label!.click();
    await storedOnce(session, (settings) => settings.card.tapToOpen === false, 'tapping off being saved');
    await settingsReached(session, page);
    await options.close();
    await page.bringToFront();
    await tapMention(page, 'Alibaba');
    await afterPageTimers(page, LONGER_THAN_A_HOVER);
    expect(await readCard(session, page)).toBeNull();
    await page.close();
  });
});

describe('screenshots at 390×844', () => {
  it('of the bottom sheet, light and dark, English and Chinese', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const language of ['en', 'zh-CN'] as const) {
        await useLanguage(language);
        const page = await openOnPhone('/demo/article.html', 14);
        await session.emulateMedia(page, { colorScheme: scheme });
        try {
          await tapMention(page, 'Alibaba', 1);
          await waitForCard(session, page);
          await expectSheet(page);
          await page.screenshot({ path: `${ARTIFACTS}/phone-sheet-${scheme}-${language}.png` });
        } finally {
          await session.emulateMedia(page, {});
          await page.close();
        }
      }
    }
  });
});

/**
 * What keeps a page from reading well at this width: sideways scrolling, and any target a finger
 * must hit that is smaller than 44×44 CSS px (WCAG 2.5.5; a control's target is its whole label).
 */
function phoneLayoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`scrolls sideways: ${root.scrollWidth} px wide in ${root.clientWidth}`);
    for (const control of document.querySelectorAll('a[href], button, select, input, textarea, summary')) {
      const target = control.closest('label') ?? control;
      const { width, height } = target.getBoundingClientRect();
      if (width === 0 && height === 0) continue; // not shown
      if (width < 43.5 || height < 43.5) {
        const name = control.getAttribute('aria-label') ?? (target.textContent?.trim().slice(0, 30) || control.getAttribute('type'));
        problems.push(`${control.tagName.toLowerCase()} "${name}": ${Math.round(width)}×${Math.round(height)}`);
      }
    }
    return problems;
  });
}

describe('the popup and the options page on a phone', () => {
  for (const width of [320, 360, 390, 480]) {
    it(`read well at ${width} px wide, with finger-sized targets and no sideways scrolling`, async () => {
      const article = await session.openPage(`${server.origin}/demo/article.html?visit=${++visits}`);
      await waitFor(
        () => paintedTexts(article),
        (texts) => texts.length === 14,
        'mentions painted',
      );
      const popup = await session.openPopup(article);
      await session.emulatePhone(popup, { width, height: 844 });
      await popup.waitForSelector('.mentions li');
      expect(await phoneLayoutProblems(popup), 'the popup').toEqual([]);
      if (width === 390) await popup.screenshot({ path: `${ARTIFACTS}/phone-popup.png`, fullPage: true });
      await popup.close();
      const options = await session.openOptions();
      await session.emulatePhone(options, { width, height: 844 });
      expect(await phoneLayoutProblems(options), 'the options page').toEqual([]);
      if (width === 390) await options.screenshot({ path: `${ARTIFACTS}/phone-options.png`, fullPage: true });
      await options.close();
      await article.close();
    });
  }
});
