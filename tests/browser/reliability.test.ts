/**
 * What a reader must never notice, in both browsers: pages that go away while the extension is
 * busy, an article open before the extension was installed, a background that fails once, a single-page site that moves to an article, head signals
 * that come late, and text the page shows (or hides) after the scan.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { BODY_WATCH_MS, RECHECK_AFTER_MS } from '../../src/content/page-changes';
import { extensionCopy } from './harness/extension-copy';
import { isFirefox, launchExtensionBrowser, type ExtensionSession } from './harness/extension-browser';
import { paintedTexts } from './harness/mentions';
import { useExtensionBrowser, type TestServer } from './harness/per-test-checks';
import { afterPageTimers, eventually, waitFor } from './harness/waiting';

type Session = ExtensionSession;
let server: TestServer;
let session: Session;

useExtensionBrowser((ready) => ({ session, server } = ready));

const badge = (page: Page, text: string, on: Session = session) => eventually(() => on.badgeText(page), text, { timeout: 10_000 });
const stateOf = (page: Page, on: Session = session) => on.pageState(page);
/** Waits until the content script has decided, and returns what (so a test can expect it not to scan). */
const decided = (page: Page, on: Session = session) =>
  waitFor(
    () => stateOf(page, on).catch(() => undefined),
    (state) => state !== undefined && (state.status === 'running' || (state.reason !== 'deciding' && state.reason !== 'starting')),
    'the content script deciding',
  );
/** The page's own frames: a clock that runs as fast as the page does. */
const frames = (page: Page, count: number) =>
  page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        let seen = 0;
        const next = () => (++seen >= n ? resolve() : requestAnimationFrame(next));
        requestAnimationFrame(next);
      }),
    count,
  );

describe('a page that goes away', () => {
  it('ends quietly when pages close or move on at every moment of the extension’s start', async () => {
    // The content script starts after load: it asks for the settings, loads the scanner and the
    // facts, paints, and reports the count — each a message in flight at some frame after load.
    for (const after of [0, 1, 2, 3, 4, 6, 8, 12, 16]) {
      for (const leave of ['close', 'move on'] as const) {
        const page = await session.browser.newPage();
        await page.goto(`${server.origin}/demo/article.html?after=${after}&leave=${leave}`, { waitUntil: 'load' });
        if (after > 0) await frames(page, after);
        if (leave === 'move on') await page.goto(`${server.origin}/fixtures/not-an-article.html`);
        await page.close();
      }
    }
    // Whatever the closed pages left in flight has landed by the time a new page has its count.
    const last = await session.openPage(`${server.origin}/demo/article.html?last`);
    expect(await badge(last, '14')).toBe('14');
    expect(await session.newExtensionErrors()).toEqual([]);
    await last.close();
  });
});

describe('a reader who installs the extension with an article open', () => {
  it('sees its mentions there without reloading it', async () => {
    const installed = await launchExtensionBrowser({ openBeforeInstall: `${server.origin}/demo/article.html` });
    try {
      const page = installed.openedBeforeInstall!;
      expect(await badge(page, '14', installed)).toBe('14');
      expect(await paintedTexts(page)).toHaveLength(14);
      expect(await installed.newExtensionErrors()).toEqual([]);
    } finally {
      await installed.close();
    }
  });
});

describe('a background that fails', () => {
  // Run in the background before the extension's own script: the first read of the fact pack fails,
  // as it can while a service worker is being stopped; it says so in storage.local for the test.
  const FAIL_FIRST_PACK_READ = `
    const realFetch = globalThis.fetch;
    let failed = false;
    globalThis.fetch = function (input, init) {
      if (!failed && String(input).includes('/packs/')) {
        failed = true;
        (globalThis.browser ?? globalThis.chrome).storage.local.set({ failedOnPurpose: true });
        return Promise.reject(new TypeError('the fact pack could not be read (failed once, on purpose)'));
      }
      return realFetch.call(this, input, init);
    };`;

  /**
   * Opens the demo article in a copy of the extension whose background runs `prelude` first, and
   * waits until the article is scanned and the prelude has failed on purpose; `then` goes on from there.
   */
  async function scannedDespite(prelude: string, then: (faulty: Session, page: Page) => Promise<void>) {
    const copy = await extensionCopy(isFirefox ? 'firefox' : 'chrome', { backgroundPrelude: prelude });
    const faulty = await launchExtensionBrowser({ extensionDir: copy.dir });
    try {
      const page = await faulty.openPage(`${server.origin}/demo/article.html`);
      expect(await badge(page, '14', faulty)).toBe('14');
      const stored = await faulty.inExtension(() =>
        ((globalThis as any).browser ?? (globalThis as any).chrome).storage.local.get('failedOnPurpose'),
      );
      expect(stored).toEqual({ failedOnPurpose: true });
      await then(faulty, page);
      expect(await faulty.newExtensionErrors()).toEqual([]);
    } finally {
      await faulty.close();
      await copy.remove();
    }
  }

  it('starts by itself once the background answers, and follows the settings after', () =>
    scannedDespite(FAIL_FIRST_PACK_READ, async (faulty, page) => {
      // Every later decision still runs: pausing the site stops it, resuming starts it again.
      const setBlocked = (hosts: string[]) => faulty.storeItems({ 'sites.blocked': hosts });
      await setBlocked(['127.0.0.1']);
      expect(await badge(page, '', faulty)).toBe('');
      await setBlocked([]);
      expect(await badge(page, '14', faulty)).toBe('14');
    }));

  // The first injection of awake.js, which the bootstrap asks for on an article, fails.
  const FAIL_FIRST_WAKE = `
    const scripting = (globalThis.browser ?? globalThis.chrome).scripting;
    const realExecuteScript = scripting.executeScript.bind(scripting);
    let failed = false;
    scripting.executeScript = function (injection) {
      if (!failed && (injection.files ?? []).some((file) => file.endsWith('/content/awake.js'))) {
        failed = true;
        (globalThis.browser ?? globalThis.chrome).storage.local.set({ failedOnPurpose: true });
        return Promise.reject(new Error('awake.js could not be injected (failed once, on purpose)'));
      }
      return realExecuteScript(injection);
    };`;

  it('wakes an article by itself when the first request to wake it fails', () =>
    scannedDespite(FAIL_FIRST_WAKE, async (_faulty, page) => {
      expect(await paintedTexts(page)).toHaveLength(14);
    }));
});

describe('deciding again', () => {
  it('scans a single-page site once it moves from its front page to an article, and stops when it moves back', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/single-page-site.html`);
    expect(await session.listensForNothing(page)).toBe(true);
    await page.click('#story');
    expect(await badge(page, '3')).toBe('3');
    expect(await paintedTexts(page)).toEqual(['Alibaba', 'Apple Intelligence', 'Alibaba']);
    await page.goBack();
    expect(await badge(page, '')).toBe('');
    // Woken by the article, it follows the page from then on.
    expect(await decided(page)).toMatchObject({ status: 'idle', reason: 'not-article' });
    expect(await paintedTexts(page)).toEqual([]);
    await page.close();
  });

  it('scans a page whose article signal comes after load', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/late-signals.html`);
    expect(await session.listensForNothing(page)).toBe(true);
    await page.evaluate(() => (window as unknown as { addArticleSignal(): void }).addArticleSignal());
    expect(await badge(page, '2')).toBe('2');
    await page.close();
  });

  it('still sees a signal in the head long after load, when the body has changed in between', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/late-signals.html`);
    expect(await session.listensForNothing(page)).toBe(true);
    // Past the few seconds the body is watched for, by the page's own clock.
    await waitFor(
      () => page.evaluate(() => performance.now()),
      (now) => now > BODY_WATCH_MS + 1000,
      'the page outliving the watch of its body',
    );
    // A change in the body then ends that watch (its one recheck finds no article); a change in the head is still seen.
    await page.evaluate(() => document.body.append(document.createElement('div')));
    await afterPageTimers(page, RECHECK_AFTER_MS);
    expect(await session.listensForNothing(page)).toBe(true);
    await page.evaluate(() => (window as unknown as { addArticleSignal(): void }).addArticleSignal());
    expect(await badge(page, '2')).toBe('2');
    await page.close();
  });
});

describe('text the page shows or hides later', () => {
  const total = async (page: Page) => {
    const state = await stateOf(page);
    return state.status === 'running' ? state.total : undefined;
  };

  it('counts and paints each mention once the page shows it, however it is shown', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/reveals.html`);
    expect(await badge(page, '1')).toBe('1');
    let expected = 1;
    for (const way of ['attribute', 'split', 'inline', 'inlineClass', 'menu', 'tab', 'continueReading', 'ready', 'details']) {
      await page.evaluate((name) => (window as unknown as { reveal: Record<string, () => void> }).reveal[name]!(), way);
      expected++;
      expect(await eventually(() => total(page), expected), `after revealing by ${way}`).toBe(expected);
    }
    // The split mentions are painted in their two text nodes each.
    const painted = await paintedTexts(page);
    expect(painted.filter((text) => text === 'Alibaba')).toHaveLength(7);
    expect(painted.filter((text) => text !== 'Alibaba').join('')).toBe('Apple Intelligence'.repeat(3));
    await page.close();
  });

  it('drops mentions in what the page hides, and finds them again when it shows them', async () => {
    const page = await session.openPage(`${server.origin}/fixtures/reveals.html`);
    expect(await badge(page, '1')).toBe('1');
    await page.evaluate(() => {
      const { reveal } = window as unknown as { reveal: Record<string, () => void> };
      reveal.menu!();
      reveal.details!();
    });
    expect(await eventually(() => total(page), 3)).toBe(3);
    for (const [way, left] of [
      ['menu', 2],
      ['details', 1],
      ['shown', 0],
    ] as const) {
      await page.evaluate((name) => (window as unknown as { hide: Record<string, () => void> }).hide[name]!(), way);
      expect(await eventually(() => total(page), left), `after hiding ${way}`).toBe(left);
    }
    expect(await badge(page, '')).toBe('');
    await page.evaluate(() => (window as unknown as { reveal: Record<string, () => void> }).reveal.menu!());
    expect(await eventually(() => total(page), 1)).toBe(1);
    await page.close();
  });
});
