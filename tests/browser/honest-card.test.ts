/**
 * The card says no more than its sources, in a real browser: every claim names its source and
 * shows its evidence one step away, figures keep their attribution and hedges, no date appears
 * that the sources do not give — and on an article newer than the facts, the card and the popup
 * say so in one line, in the reader's language; on any other article, nothing about age.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { focusNextMentionCard, openMore, pressTab, readCard, waitForCard } from './harness/card';
import type { ExtensionSession } from './harness/extension-browser';
import { paintedTexts, pointOnMention } from './harness/mentions';
import { ARTIFACTS, useExtensionBrowser, type TestServer } from './harness/per-test-checks';
import { eventually, waitFor } from './harness/waiting';

let session: ExtensionSession;
let server: TestServer;
useExtensionBrowser((ready) => ({ session, server } = ready));

const NEWER = 'these facts were reported around early 2025 (an estimate) and may have changed';

let visits = 0;
/** Opens `path` on a URL of its own (the Firefox harness finds a tab by its URL), and the card of its first `mention`. */
async function cardOn(path: string, mention = 'Alibaba'): Promise<{ page: Page; text: string }> {
  const page = await session.openPage(`${server.origin}${path}?visit=${++visits}`);
  await waitFor(
    () => paintedTexts(page),
    (texts) => texts.includes(mention),
    `${mention} being painted on ${path}`,
  );
  const point = await pointOnMention(page, mention);
  await page.mouse.move(point!.x, point!.y);
  const card = await waitForCard(session, page);
  expect(card?.name).toBe(mention === 'Alibaba' ? 'Alibaba' : 'Apple Intelligence');
  return { page, text: (await openMore(session, page)).text };
}

describe('the card on an article newer than its facts', () => {
  for (const [path, month, how] of [
    ['/fixtures/dated-json-ld.html', 'November 2026', "schema.org's datePublished, before the meta tag and the <time>"],
    ['/fixtures/dated-meta.html', 'March 2026', 'the article:published_time meta tag'],
    ['/fixtures/dated-time.html', 'September 2025', "a <time datetime> in the article's header"],
  ] as const) {
    it(`says so, with the month from ${how}`, async () => {
      const { page, text } = await cardOn(path);
      expect(text).toContain(`This article is from ${month}; ${NEWER}.`);
      expect(await session.pageState(page)).toMatchObject({ status: 'running', articleDate: expect.stringMatching(/^\d{4}-\d{2}/) });
      await page.close();
    });
  }

  it('says so in the popup too', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/dated-meta.html?visit=${++visits}`);
    await eventually(() => session.badgeText(page), '1', { timeout: 10_000 });
    const popup = await session.openPopup(page);
    expect(await popup.$eval('.article-age', (el) => el.textContent)).toBe(`This article is from March 2026; ${NEWER}.`);
    await popup.screenshot({ path: `${ARTIFACTS}/popup-dated-en.png`, fullPage: true });
    await page.close();
  });
});

describe('the card on any other article', () => {
  for (const [path, what] of [
    ['/fixtures/dated-older.html', 'from the months the facts were reported in'],
    ['/fixtures/undated.html', 'with no date'],
    ['/fixtures/dated-malformed.html', 'whose dates are all malformed'],
  ] as const) {
    it(`says nothing about age on an article ${what}`, async () => {
      const { page, text } = await cardOn(path);
      expect(text).not.toContain('This article is from');
      expect(text).not.toContain('may have changed');
      await page.close();
    });
  }
});

describe('the card’s claims', () => {
  it('name their sources, keep their attribution and hedges, and give no date the sources do not', async () => {
    const { page, text } = await cardOn('/demo/article.html');
    for (const words of [
      'Source: Article 1 and Article 2',
      'Source: Apple, via Article 2',
      'Source: IDC, via Article 2',
      'year over year; the period is not stated',
      'Q3 2024',
      'In December (year not stated) · Baidu',
      'Apple was reportedly working with Baidu.',
      'apparently failed to meet Apple’s strict quality standards',
      'According to reports, Apple and Alibaba have submitted',
      'By April (year not stated) · Apple',
      'Reported around early 2025: an estimate. Neither article is dated.',
    ]) {
      expect(text).toContain(words);
    }
    // The only years on the card are in the estimate of when the facts were reported, which says it is one.
    const [claims, estimate] = text.split('Reported around early 2025: an estimate.');
    expect(claims).not.toContain('as of');
    expect(claims!.match(/\b20\d\d\b/g)).toEqual(['2024']); // of "Q3 2024", as IDC's figure states it
    expect(claims).toContain('Q3 2024');
    expect(estimate).toContain('most likely written between December 2024 and April 2025');
    await page.close();
  });

  it('show their evidence, word for word, one step away from the keyboard', async () => {
    const page = await session.openPage(`${server.origin}/demo/article.html?visit=${++visits}`);
    await eventually(() => session.badgeText(page), '14', { timeout: 10_000 });
    await focusNextMentionCard(session, page);
    const closedCard = await readCard(session, page);
    expect(closedCard?.name).toBe('Alibaba');
    expect(closedCard?.text).not.toContain('By integrating Alibaba');
    // The close button, then the first claim's "Evidence": open it.
    expect(await pressTab(session, page)).toMatchObject({ name: 'Close', inCard: true });
    expect(await pressTab(session, page)).toMatchObject({ name: expect.stringContaining('Evidence'), inCard: true });
    await page.keyboard.press('Enter');
    const card = await waitFor(
      () => readCard(session, page),
      (c) => c?.text.includes('By integrating Alibaba') ?? false,
      'the quotes showing',
    );
    expect(card?.text).toContain(
      "By integrating Alibaba's AI models, Apple plans to provide a more refined user experience, making iPhones more appealing to Chinese consumers",
    );
    expect(card?.text).toContain('— Article 2');
    await page.screenshot({ path: `${ARTIFACTS}/card-evidence.png` });
    await page.close();
  });

  it('are written for a Chinese reader in Chinese, with Chinese names and punctuation', async () => {
    const stored = await session.storedSettings();
    const settings = stored.settings ?? { version: 1 };
    await session.storeItems({
      settings: { ...settings, card: { hoverDelayMs: 300, openOn: 'hover', ...settings.card, language: 'zh-CN' } },
    });
    try {
      const page = await session.openPage(`${server.origin}/fixtures/dated-json-ld.html?visit=${++visits}`);
      await eventually(() => session.badgeText(page), '1', { timeout: 10_000 });
      const point = await pointOnMention(page, 'Alibaba');
      await page.mouse.move(point!.x, point!.y);
      await waitFor(
        () => readCard(session, page),
        (c) => c?.name === '阿里巴巴',
        'the Chinese card',
      );
      const card = await openMore(session, page);
      // Accessibility trees put a space between text nodes; Chinese has none.
      const text = card.text.replace(/\s+/g, '');
      for (const words of [
        '本文发表于2026年11月；这些信息估计报道于2025年初前后，情况可能已有变化。',
        '来源：IDC（转引自报道二）',
        '苹果在华智能手机销量（2024年第三季度）苹果-0.3%华为+42%',
        '12月（未说明年份）·百度',
        '腾讯、字节跳动',
        'DeepSeek（深度求索）',
        '据报道',
      ]) {
        expect(text).toContain(words);
      }
      expect(card.text).not.toMatch(/Baidu|Tencent|ByteDance|[,:;] /);
      await page.screenshot({ path: `${ARTIFACTS}/card-chinese-dated.png` });
      const popup = await session.openPopup(page);
      expect(await popup.$eval('.article-age', (el) => el.textContent)).toBe(
        '本文发表于2026年11月；这些信息估计报道于2025年初前后，情况可能已有变化。',
      );
      await popup.screenshot({ path: `${ARTIFACTS}/popup-dated-zh.png`, fullPage: true });
      await page.close();
    } finally {
      await session.storeItems({ settings });
    }
  });
});
