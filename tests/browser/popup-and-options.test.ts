/**
 * The toolbar popup and the options page, in Chromium with the built extension: what they show
 * for a tab, and that every setting changes what an open page shows, without a reload.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, tabThrough } from './harness/axe';
import { readCard, waitForCard } from './harness/card';
import { isFirefox, launchExtensionBrowser, type ExtensionSession } from './harness/extension-browser';
import { paintedTexts, pointOnMention } from './harness/mentions';
import { settingsReached as settingsReachedIn, storedOnce as storedOnceIn } from './harness/settings';
import { afterPageTimers, eventually, waitFor } from './harness/waiting';
import { ARTIFACTS, useExtensionBrowser, type TestServer } from './harness/per-test-checks';
import { colourAt, isTinted } from './harness/pixels';

type Session = ExtensionSession;
let server: TestServer;
let session: Session;
/** How long a card opened by hover waits for the pointer (the reader's choice in the delay test). */
const CHOSEN_HOVER_DELAY_MS = 1000;

useExtensionBrowser((ready) => ({ session, server } = ready));

const storedOnce = (done: (settings: any) => boolean, what: string) => storedOnceIn(session, done, what);
const settingsReached = (page: Page) => settingsReachedIn(session, page);

/** Every test starts from the defaults, set the way a reader would: the options page's reset. */
beforeEach(async () => {
  const options = await session.openOptions();
  await resetToDefaults(options);
  await options.close();
});

async function resetToDefaults(options: Page) {
  await clickButton(options, 'Reset to defaults');
  await clickButton(options, 'Reset');
  await options.waitForFunction(() => !document.querySelector('.confirm'));
}

// A tab in the background gets no animation frames, and a click waits for one: bring it to the front first.
async function clickButton(page: Page, text: string) {
  await page.bringToFront();
  const handle = await page.waitForSelector(`::-p-xpath(//button[normalize-space()="${text}"])`);
  await handle!.click();
}

async function clickLabel(page: Page, text: string) {
  await page.bringToFront();
  const handle = await page.waitForSelector(`::-p-xpath(//label[contains(normalize-space(), "${text}")])`);
  await handle!.click();
}

let opened = 0;
/** Opens a page on a URL of its own (the popup helper finds the tab by its URL). */
async function openArticle(path = '/demo/article.html', mentions = '14') {
  const page = await session.openPage(`${server.origin}${path}?visit=${++opened}`);
  await eventually(() => session.badgeText(page), mentions, { timeout: 10_000 });
  return page;
}

describe('the toolbar popup', () => {
  it('opened on an article before it has woken, wakes it and shows it scanned', async () => {
    // The popup may find nothing listening yet and inject awake.js while the bootstrap's own request
    // for it is on its way: the page ends up with one content script that scanned it.
    const page = await session.openPage(`${server.origin}/demo/article.html?visit=${++opened}`);
    const popup = await session.openPopup(page);
    const counts = () => popup.$$eval('.counts li', (items) => items.map((li) => li.textContent));
    expect(await eventually(counts, ['Alibaba: 8', 'Apple Intelligence: 6'])).toEqual(['Alibaba: 8', 'Apple Intelligence: 6']);
    expect(await eventually(() => session.badgeText(page), '14')).toBe('14');
    expect(await paintedTexts(page)).toHaveLength(14);
    await page.close();
  });

  it('shows the counts per topic and lists each mention in its sentence', async () => {
    const page = await openArticle();
    const popup = await session.openPopup(page);
    const counts = await popup.$$eval('.counts li', (items) => items.map((li) => li.textContent));
    expect(counts).toEqual(['Alibaba: 8', 'Apple Intelligence: 6']);
    const mentions = await popup.$$eval('.mentions li', (items) => items.map((li) => li.textContent));
    expect(mentions).toHaveLength(14);
    expect(mentions[2]).toContain('Apple has picked Alibaba Group as its partner');
    expect(await popup.$eval('.glance', (el) => el.textContent)).toContain('China’s Cyberspace Administration');
    await popup.screenshot({ path: `${ARTIFACTS}/popup-light.png`, fullPage: true });
    await page.close();
  });

  it('jumps to a mention: the page scrolls to it and opens its card', async () => {
    const page = await openArticle();
    const popup = await session.openPopup(page);
    const items = await popup.$$('.mentions button');
    await items[12]!.click(); // 阿里巴巴集团, far down the page
    const card = await waitForCard(session, page);
    expect(card?.name).toBe('阿里巴巴'); // a Chinese name: the card is in the article's language, Chinese for it
    const inView = await page.evaluate(() => window.scrollY > 200);
    expect(inView).toBe(true);
    await page.close();
  });

  it('pauses and resumes the site at once, without a reload', async () => {
    const page = await openArticle();
    let popup = await session.openPopup(page);
    await popup.click('input[role="switch"]');
    const notice = await popup.waitForSelector('::-p-text(Paused on 127.0.0.1)');
    expect(notice).not.toBeNull();
    expect(await eventually(() => paintedTexts(page), [])).toEqual([]);
    // Asking for the badge brings the page to the front, which closes the popup, as a click would.
    expect(await eventually(() => session.badgeText(page), '')).toBe('');

    popup = await session.openPopup(page);
    await popup.click('input[role="switch"]');
    expect(await eventually(() => session.badgeText(page), '14')).toBe('14');
    expect(await paintedTexts(page)).toHaveLength(14);
    await page.close();
  });

  it('pauses and resumes a www. site the way the reader’s lists name it, with its other hosts', async () => {
    const port = new URL(server.origin).port;
    const blocked = async () => (await session.storedSettings())['sites.blocked'];
    const www = await session.openPage(`http://www.news.test:${port}/demo/article.html?visit=${++opened}`);
    expect(await eventually(() => session.badgeText(www), '14', { timeout: 10_000 })).toBe('14');
    // Paused in the options, where sites are named without www.
    await session.storeItems({ 'sites.blocked': ['news.test'] });
    expect(await eventually(() => session.badgeText(www), '')).toBe('');
    let popup = await session.openPopup(www);
    await popup.waitForSelector('::-p-text(Paused on www.news.test)');
    expect(await popup.$eval('input[role="switch"]', (el) => el.checked)).toBe(false);
    await popup.click('input[role="switch"]');
    expect(await eventually(blocked, [])).toEqual([]);
    expect(await eventually(() => session.badgeText(www), '14')).toBe('14');
    // Paused from the popup: the site, so that news.test and its other hosts pause too.
    popup = await session.openPopup(www);
    await popup.click('input[role="switch"]');
    expect(await eventually(blocked, ['news.test'])).toEqual(['news.test']);
    // The content script is no longer registered for news.test and its hosts.
    await waitFor(
      () => session.registeredContentScripts(),
      (scripts) => scripts.every((script) => ['*://news.test/*', '*://*.news.test/*'].every((p) => script.excludeMatches?.includes(p))),
      'news.test left out of the content script',
    );
    const bare = await session.openPage(`http://news.test:${port}/demo/article.html?visit=${++opened}`);
    popup = await session.openPopup(bare);
    await popup.waitForSelector('::-p-text(Paused on news.test)');
    expect(await session.badgeText(bare)).toBe('');
    expect(await paintedTexts(bare)).toEqual([]);
    await www.close();
    await bare.close();
  });

  it('scans a page that is not detected as news when asked', async () => {
    const page = await openArticle('/fixtures/not-an-article.html', '');
    const popup = await session.openPopup(page);
    expect(await popup.$eval('.notice', (el) => el.textContent)).toContain('not detected as a news article');
    await clickButton(popup, 'Scan this page');
    expect(await eventually(() => session.badgeText(page), '1')).toBe('1');
    expect(await paintedTexts(page)).toEqual(['Alibaba']);
    await page.close();
  });

  it('says so in a sentence on a page where nothing can run', async () => {
    const page = await session.openBrowserPage();
    const popup = await session.openPopup(page);
    expect(await popup.$eval('.notice', (el) => el.textContent)).toContain('cannot run on this page');
    await page.close();
  });

  it('has no accessibility violation', async () => {
    const page = await openArticle();
    const popup = await session.openPopup(page);
    expect(await axeViolations(popup)).toEqual([]);
    await page.close();
  });
});

describe('the options page', () => {
  it('turns a topic off and on in an open page', async () => {
    const page = await openArticle();
    const options = await session.openOptions();
    await clickLabel(options, 'Alibaba');
    expect(await eventually(() => session.badgeText(page), '6')).toBe('6');
    expect(new Set(await paintedTexts(page))).toEqual(new Set(['Apple Intelligence', 'Apple\u00a0Intelligence', '苹果智能', 'Apple 智能']));
    await clickLabel(options, 'Alibaba');
    expect(await eventually(() => session.badgeText(page), '14')).toBe('14');
    await options.close();
    await page.close();
  });

  it('opens a page with a topic turned off already, with only the other topic found', async () => {
    const stored = (await session.storedSettings()).settings ?? { version: 1 };
    // The badge counts the mentions once they are found; their paint may come a frame or more later.
    const painted = async (page: Page) => [...new Set(await paintedTexts(page))].sort();
    try {
      await session.storeItems({ settings: { ...stored, topics: { alibaba: false } } });
      const withoutAlibaba = await openArticle('/demo/article.html', '6');
      const appleOnly = ['Apple Intelligence', 'Apple\u00a0Intelligence', '苹果智能', 'Apple 智能'].sort();
      expect(await eventually(() => painted(withoutAlibaba), appleOnly)).toEqual(appleOnly);
      await withoutAlibaba.close();
      // Another choice, another compile: not the one the background kept from the first.
      await session.storeItems({ settings: { ...stored, topics: { 'apple-intelligence': false } } });
      const withoutApple = await openArticle('/demo/article.html', '8');
      const alibabaOnly = ['Alibaba', 'Alibaba Group', '阿里巴巴', '阿里巴巴集团'].sort();
      expect(await eventually(() => painted(withoutApple), alibabaOnly)).toEqual(alibabaOnly);
      await withoutApple.close();
    } finally {
      await session.storeItems({ settings: stored });
    }
  });

  it('changes the highlight style in an open page', async () => {
    const page = await openArticle();
    const point = await pointOnMention(page, 'Alibaba Group');
    // Just above the underline, inside the tinted background.
    const spot = { x: point!.x, y: point!.y - 4 };
    // The badge counts the mentions once they are found; their paint may come a frame or more later.
    expect(await eventually(async () => isTinted(await colourAt(page, spot)), true)).toBe(true);
    const options = await session.openOptions();
    await clickLabel(options, 'Underline only');
    await page.bringToFront();
    expect(await eventually(async () => isTinted(await colourAt(page, spot)), false)).toBe(false);
    await clickLabel(options, 'Background and underline');
    await page.bringToFront();
    expect(await eventually(async () => isTinted(await colourAt(page, spot)), true)).toBe(true);
    await options.close();
    await page.close();
  });

  it('blocks a site: the open page loses every highlight', async () => {
    const page = await openArticle();
    const options = await session.openOptions();
    await options.type('input[aria-label^="Sites where it never runs"]', 'http://127.0.0.1/anything');
    await options.keyboard.press('Enter');
    expect(await options.$$eval('.site-list li span', (spans) => spans.map((s) => s.textContent))).toContain('127.0.0.1');
    expect(await eventually(() => paintedTexts(page), [])).toEqual([]);
    expect(await eventually(() => session.badgeText(page), '')).toBe('');
    await options.close();
    await page.close();
  });

  it('refuses a site that is not one, saying why, and keeps what was typed', async () => {
    const options = await session.openOptions();
    await options.type('input[aria-label^="Sites to scan"]', 'not a site');
    await options.keyboard.press('Enter');
    expect(await options.$eval('.site-list .error', (el) => el.textContent)).toBe(
      '“not a site” is not a site. Type a host name such as example.com.',
    );
    expect(await options.$eval('input[aria-label^="Sites to scan"]', (el) => el.value)).toBe('not a site');
    await options.close();
  });

  it('opens the card on click only, and in Chinese, when the reader says so', async () => {
    const page = await openArticle();
    const options = await session.openOptions();
    await clickLabel(options, 'Only when I click a mention');
    await options.select('select', 'zh-CN');
    await storedOnce(
      (settings) => settings.card.openOn === 'click' && settings.card.language === 'zh-CN',
      'click mode and Chinese being saved',
    );
    await settingsReached(page);
    await page.bringToFront();
    const point = await pointOnMention(page, 'Alibaba', 1);
    await page.mouse.move(point!.x, point!.y);
    await afterPageTimers(page, 300); // the default hover delay: a hover card would be open by now
    expect(await readCard(session, page)).toBeNull();
    await page.mouse.click(point!.x, point!.y);
    const card = await waitForCard(session, page);
    expect(card?.name).toBe('阿里巴巴');
    expect(card?.text).toContain('来源：IDC（转引自报道二）');
    await options.close();
    await page.close();
  });

  it('waits the hover delay the reader chose before opening the card', async () => {
    const page = await openArticle();
    const options = await session.openOptions();
    await options.$eval(
      'input[type="range"]',
      (el, delay) => {
        el.value = String(delay);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      },
      CHOSEN_HOVER_DELAY_MS,
    );
    expect(await options.$eval('output', (el) => el.textContent)).toBe('1000 ms');
    await storedOnce((settings) => settings.card.hoverDelayMs === CHOSEN_HOVER_DELAY_MS, 'the hover delay being saved');
    await settingsReached(page);
    await page.bringToFront();
    const point = await pointOnMention(page, 'Alibaba', 1);
    await page.mouse.move(point!.x, point!.y);
    await afterPageTimers(page, CHOSEN_HOVER_DELAY_MS / 2);
    expect(await readCard(session, page)).toBeNull();
    expect((await waitForCard(session, page, { timeout: 3000 }))?.name).toBe('Alibaba');
    await options.close();
    await page.close();
  });

  it('previews the highlight and card with the current settings', async () => {
    const options = await session.openOptions();
    expect(await options.$eval('.preview .card h2', (el) => el.textContent)).toBe('Alibaba');
    await clickLabel(options, 'Alibaba');
    expect(await options.$eval('.preview .card h2', (el) => el.textContent)).toBe('Apple Intelligence');
    await options.close();
  });

  it('resets to defaults after asking', async () => {
    const options = await session.openOptions();
    await clickLabel(options, 'Every site');
    expect((await storedOnce((settings) => settings.sites.mode === 'all', '"Every site" being saved')).sites.mode).toBe('all');
    await clickButton(options, 'Reset to defaults');
    await clickButton(options, 'Cancel');
    expect((await session.storedSettings()).settings.sites.mode).toBe('all');
    await resetToDefaults(options);
    expect((await session.storedSettings()).settings.sites.mode).toBe('news');
    expect(await options.$eval('input[type="radio"][name="mode"]:checked', (el) => el.parentElement!.textContent)).toContain(
      'News and article pages',
    );
    await options.close();
  });

  it('has no accessibility violation, and every control is reached by keyboard with a visible focus', async () => {
    const options = await session.openOptions();
    expect(await axeViolations(options)).toEqual([]);
    const visits = await tabThrough(options, 14);
    expect(visits.map((v) => v.tag)).toEqual(expect.arrayContaining(['input', 'select', 'button']));
    expect(visits.filter((v) => !v.focusVisible)).toEqual([]);
    await options.screenshot({ path: `${ARTIFACTS}/options-light.png`, fullPage: true });
    await options.close();
  });
});

describe('settings', () => {
  it('survive a browser restart', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'context-cards-profile-'));
    try {
      const first = await launchExtensionBrowser({ userDataDir: profile });
      const options = await first.openOptions();
      await clickLabel(options, 'Underline only');
      await waitFor(
        async () => (await first.storedSettings()).settings,
        (settings: any) => settings?.highlight?.style === 'underline',
        '"Underline only" being saved',
      );
      expect(await first.newExtensionErrors()).toEqual([]);
      await first.close();

      const second = await launchExtensionBrowser({ userDataDir: profile });
      const reopened = await second.openOptions();
      const checked = await reopened.$eval('input[name="style"]:checked', (el) => el.parentElement!.textContent);
      expect(checked).toContain('Underline only');
      await second.close();
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('look right in the dark', async () => {
    const dark = await launchExtensionBrowser({ colorScheme: 'dark' });
    try {
      const page = await dark.openPage(`${server.origin}/demo/article.html`);
      await eventually(() => dark.badgeText(page), '14', { timeout: 10_000 });
      const popup = await dark.openPopup(page);
      await popup.screenshot({ path: `${ARTIFACTS}/popup-dark.png`, fullPage: true });
      const options = await dark.openOptions();
      await options.screenshot({ path: `${ARTIFACTS}/options-dark.png`, fullPage: true });
      expect(await axeViolations(options)).toEqual([]);
      expect(await dark.newExtensionErrors()).toEqual([]);
    } finally {
      await dark.close();
    }
  });
});

describe('access to pages', () => {
  it('asks nothing while the reader has granted it', async () => {
    const options = await session.openOptions();
    expect(await options.$('.host-access')).toBeNull();
    await options.close();
  });

  // Firefox lets the reader withdraw host access (and a test, with permissions.remove); Chrome does
  // not let an extension give up what its manifest requires, so this runs in Firefox only.
  it.runIf(isFirefox)('without it: pages stay untouched, popup and options ask, and granting it brings highlights back', async () => {
    const origins = ['http://*/*', 'https://*/*'];
    await session.inExtension((o) => (globalThis as any).browser.permissions.remove({ origins: o }), origins);
    try {
      const page = await session.openPage(`${server.origin}/demo/article.html?visit=${++opened}`);
      // Content scripts run once the document is complete: by the frames after that, one would have.
      await page.waitForFunction(() => document.readyState === 'complete');
      await afterPageTimers(page, 0);
      await expect(session.messageTab(page, 'getPageState', {})).rejects.toThrow();
      expect(await paintedTexts(page)).toEqual([]);
      expect(await session.badgeText(page)).toBe('');
      expect(session.errorsOf(page)).toEqual([]);

      const popup = await session.openPopup(page);
      expect(await popup.$eval('.host-access', (el) => el.textContent)).toContain('Allow Context Cards to read pages');
      await popup.screenshot({ path: `${ARTIFACTS}/popup-host-access.png`, fullPage: true });
      await popup.close();

      const options = await session.openOptions();
      expect(await options.$eval('.host-access h2', (el) => el.textContent)).toBe('Allow Context Cards to read pages');
      await clickButton(options, 'Allow on all websites');
      await options.waitForSelector('.host-access', { hidden: true });
      await options.close();

      const after = await session.openPage(`${server.origin}/demo/article.html?visit=${++opened}`);
      expect(await eventually(() => session.badgeText(after), '14', { timeout: 10_000 })).toBe('14');
      await page.close();
      await after.close();
    } finally {
      // Granted again the reader's way if the test stopped before (requests need a click).
      const granted = await session.inExtension((o) => (globalThis as any).browser.permissions.contains({ origins: o }), origins);
      if (!granted) {
        const options = await session.openOptions();
        await clickButton(options, 'Allow on all websites');
        await options.close();
      }
    }
  });
});

describe('bad input and faults', () => {
  it('starts from garbage in storage with the good parts kept, says so in one line, and loses nothing valid', async () => {
    await session.storeItems({
      settings: {
        version: 99,
        topics: 'all of them',
        highlight: { style: 'sparkly', colour: '#12345', firstOnly: 'yes' },
        card: { hoverDelayMs: 800, openOn: 'click', language: 'x'.repeat(6000) },
        sites: { mode: 'all' },
      },
      'sites.allowed': '{"truncated": [',
      'sites.blocked': ['example.com', 42, '%%%', 'news.example.org'],
    });
    const options = await session.openOptions();
    const notice = await options.$eval('.warning', (el) => el.textContent ?? '');
    expect(notice).toContain('Some saved settings could not be read');
    expect(notice).toContain('highlight.style');
    expect(await options.$eval('input[name="mode"]:checked', (el) => el.parentElement!.textContent)).toContain('Every site');
    expect(await options.$eval('input[type="range"]', (el) => el.value)).toBe('800');
    expect(await options.$$eval('.site-list li span', (spans) => spans.map((s) => s.textContent))).toEqual([
      'example.com',
      'news.example.org',
    ]);
    expect(await options.$eval('input[name="style"]:checked', (el) => el.parentElement!.textContent)).toContain('Background and underline');
    // And an open page works with what was read.
    const page = await openArticle();
    expect(await session.badgeText(page)).toBe('14');
    await page.close();
    await options.close();
  });
});
