/**
 * Firefox with dist/firefox installed as a temporary add-on, driven over WebDriver BiDi. What
 * BiDi does not offer — the accessibility tree, the extension's errors, the tabs' real URLs — is
 * read from Firefox's privileged context (firefox-chrome.ts); every request that would leave the
 * machine goes to a recording proxy that refuses it.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findFirefox } from '../../../scripts/find-browser.mjs';
import { extensionCopy } from './extension-copy';
import {
  OPTIONS_READY,
  POPUP_READY,
  TEST_HOSTS,
  activeTabId,
  pageRecorder,
  type BrowserSession,
  type LaunchOptions,
} from './browser-common';
import {
  accessibilityTreeOf,
  keepAccessibilityRunning,
  cardRectsOf,
  emulateMediaPrefs,
  emulateTouchScreenPrefs,
  extensionErrors,
  recordExtensionErrors,
  tabUrls,
} from './firefox-chrome';
import { startRecordingProxy } from './recording-proxy';
import { waitFor } from './waiting';

const VIEWPORT = { width: 1280, height: 800 };
/** The toolbar popup's size: here the popup page is shown in a tab. */
const POPUP_VIEWPORT = { width: 400, height: 600 };

/** Pins the add-on's internal UUID, so its pages have a URL known before it is installed. */
const ADDON_ID = 'context-cards@context-cards.example';
const ADDON_UUID = '5f1e2d3c-4b5a-4968-8776-c0ffeec0ffee';

/**
 * WebDriver cannot reach Firefox's toolbar popup, so the tests show popup.html in a tab of its own
 * and tell it, with `?tab=N`, which tab it is about. This prelude, added to the popup only in the
 * test copy of the extension, makes the popup's "the active tab" mean that tab; the popup itself
 * ships without any such entry.
 */
const POPUP_FOR_TAB = `
const asked = Number(new URLSearchParams(location.search).get('tab'));
if (Number.isInteger(asked) && asked > 0) {
  const tabs = browser.tabs;
  const query = tabs.query.bind(tabs);
  Object.defineProperty(tabs, 'query', { configurable: true, value: (info) => (info?.active ? tabs.get(asked).then((tab) => [tab]) : query(info)) });
}`;

function firefoxPrefs(colorScheme: string, proxyPort: number) {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
    // A temporary add-on is removed when Firefox closes; keep what it stored, for the restart test.
    'extensions.webextensions.keepStorageOnUninstall': true,
    'extensions.webextensions.keepUuidOnUninstall': true,
    // permissions.request() grants without the doorhanger a test cannot click.
    'extensions.webextOptionalPermissionPrompts': false,
    // 0: dark, 1: light — for web pages and the extension's pages alike.
    'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1,
    'intl.locale.requested': 'en-US',
    // Firefox's own traffic, off, so that the recording proxy sees only what the extension sends.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    // Every non-local request goes to the recording proxy (localhost is never proxied).
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    // The test hosts (TEST_HOSTS) resolve to this machine and are reached directly.
    'network.dns.localDomains': TEST_HOSTS.join(','),
    'network.proxy.no_proxies_on': TEST_HOSTS.join(','),
  };
}

export async function launchFirefox({
  colorScheme = 'light',
  userDataDir,
  extensionDir,
  openBeforeInstall,
}: LaunchOptions): Promise<BrowserSession> {
  const requests: string[] = [];
  const proxy = await startRecordingProxy((url) => requests.push(url));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    userDataDir: userDataDir || undefined,
    headless: true,
    // Lets the harness run Firefox's privileged code (firefox-chrome.ts) and open moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    defaultViewport: VIEWPORT,
    // Release builds ignore the services.settings.server pref unless this is set.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: firefoxPrefs(colorScheme, proxy.port),
  });
  const copy = await extensionCopy('firefox', { from: extensionDir || undefined, pagePreludes: { 'popup/popup.html': POPUP_FOR_TAB } });
  const extensionOrigin = `moz-extension://${ADDON_UUID}`;
  let openedBeforeInstall: Page | undefined;
  if (openBeforeInstall) {
    openedBeforeInstall = await browser.newPage();
    await openedBeforeInstall.goto(openBeforeInstall, { waitUntil: 'load' });
  }
  await browser.installExtension(copy.dir);
  await recordExtensionErrors(browser, extensionOrigin);
  await keepAccessibilityRunning(browser);
  const openExtensionPage = (path: string, ready: string) => openPageOfExtension(browser, `${extensionOrigin}/${path}`, ready);
  // An extension page of our own, kept open in the background, to call extension APIs from (as in Chromium).
  const control = await openExtensionPage('options/options.html', OPTIONS_READY);
  const inExtension: BrowserSession['inExtension'] = (fn, arg) => control.evaluate(fn as (a: unknown) => never, arg);
  const close = async () => {
    await browser.close();
    await proxy.close();
    await copy.remove();
  };
  return {
    ...firefoxSession(browser, { colorScheme, extensionOrigin, requests, inExtension, openExtensionPage, close }),
    openedBeforeInstall,
  };
}

function firefoxSession(
  browser: Browser,
  context: {
    colorScheme: string;
    extensionOrigin: string;
    requests: string[];
    inExtension: BrowserSession['inExtension'];
    openExtensionPage: (path: string, ready: string) => Promise<Page>;
    close: () => Promise<void>;
  },
): BrowserSession {
  const { extensionOrigin, requests, inExtension, openExtensionPage } = context;
  const recorder = pageRecorder({ colorScheme: context.colorScheme, emulateColorScheme: false, onRequest: (url) => requests.push(url) });
  const tabIdOf = (page: Page) => activeTabId(page, inExtension);
  return {
    browser,
    name: 'firefox',
    extensionOrigin,
    isExtensionFile: (url) => url.startsWith(`${extensionOrigin}/`),
    requests,
    openPage: (url) => recorder.openPage(browser, url),
    errorsOf: recorder.errorsOf,
    requestsOf: recorder.requestsOf,
    /** The popup page in a tab of its own, the popup's size, about the tab showing `page` (see POPUP_FOR_TAB). It runs with the host permissions, not `activeTab`. */
    async openPopup(page) {
      const tabId = await tabIdOf(page);
      for (const open of await browser.pages()) if (open.url().includes('/popup/popup.html')) await open.close();
      const popup = await openExtensionPage(`popup/popup.html?tab=${tabId}`, POPUP_READY);
      await popup.setViewport(POPUP_VIEWPORT);
      return popup;
    },
    openOptions: () => openExtensionPage('options/options.html', OPTIONS_READY),
    /** Not about:blank, which Firefox lets extensions script. Like extension pages, its load is never reported. */
    async openBrowserPage() {
      const page = await browser.newPage();
      void page.goto('about:robots', { timeout: 0 }).catch(() => undefined);
      await waitFor(
        () => tabUrls(browser),
        (urls) => urls.includes('about:robots'),
        'about:robots opening',
      );
      return page;
    },
    inExtension,
    extensionErrors: () => extensionErrors(browser),
    tabIdOf,
    accessibilityTree: (page) => accessibilityTreeOf(browser, page.url()),
    cardRects: (page, partNames) => cardRectsOf(browser, page.url(), partNames),
    emulateMedia: (_page, features) => emulateMediaPrefs(browser, { colorScheme: context.colorScheme as 'light' | 'dark', ...features }),
    async emulatePhone(page, viewport) {
      await page.setViewport(viewport);
      const probe = await touchScreenProbe(page);
      await emulateTouchScreenPrefs(browser, true);
      await waitFor(() => probe.applied(), Boolean, "the page's style sheets seeing a touch screen");
      await probe.remove();
    },
    endPhoneEmulation: () => emulateTouchScreenPrefs(browser, false),
    close: context.close,
  };
}

/**
 * A style sheet of the harness's own in `page`, adopted before the touch screen is emulated, that
 * says when the page's style sheets (not only `matchMedia`) see it. The prefs reach the page's
 * process a moment later, and `matchMedia` answers from the new values before the sheets already
 * there are evaluated again: the popup was once measured with `(pointer: coarse)` matching and its
 * coarse-pointer rules not yet applied. The probe asks the queries the product's sheets use.
 */
async function touchScreenProbe(page: Page): Promise<{ applied(): Promise<boolean>; remove(): Promise<void> }> {
  const probe = await page.evaluateHandle(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('@media (pointer: coarse) and (any-pointer: coarse) and (hover: none) { :root { --harness-touch-screen: 1; } }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return sheet;
  });
  return {
    applied: () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--harness-touch-screen') === '1'),
    async remove() {
      await page.evaluate((sheet) => {
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
      }, probe);
      await probe.dispose();
    },
  };
}

/**
 * Navigates a new tab to one of the extension's pages. Over BiDi, Firefox never reports a
 * navigation to a moz-extension:// page as finished, so this waits for the page's content.
 */
async function openPageOfExtension(browser: Browser, url: string, ready: string): Promise<Page> {
  const page = await browser.newPage();
  void page.goto(url, { timeout: 0 }).catch(() => undefined);
  // Until the extension page replaces about:blank, a query may fail inside WebDriver: ask again.
  await waitFor(() => page.$(ready).catch(() => null), Boolean, `${url} showing ${ready}`);
  return page;
}
