/**
 * Starts a real browser with the built extension loaded, and gives the tests what a reader sees:
 * pages, the toolbar badge, the popup, the card as assistive technology reads it, and every
 * network request anything made. One interface for both browsers, so the same specs run in
 * Chromium (DevTools protocol, dist/chrome) and Firefox (WebDriver BiDi, dist/firefox).
 *
 * Which browser: the BROWSER environment variable, `chromium` (default) or `firefox`.
 */
import puppeteer from 'puppeteer-core';
import { fileURLToPath } from 'node:url';
import { findChromium, findFirefox } from '../../../scripts/find-browser.mjs';
import { accessibilityTreeOf, extensionErrors, recordExtensionErrors, tabUrls } from './firefox-chrome.mjs';
import { startRecordingProxy } from './recording-proxy.mjs';
import { waitFor } from './waiting.mjs';

export const BROWSER = process.env.BROWSER === 'firefox' ? 'firefox' : 'chromium';
export const isFirefox = BROWSER === 'firefox';

/**
 * Host names that reach the local test server, as a real news site's would: `www.news.test` and
 * the site it belongs to (the reader's site lists drop `www.`). Both browsers resolve them to
 * 127.0.0.1 and nothing else: Chromium by a host-resolver rule, Firefox by its local-domains pref.
 */
export const TEST_HOSTS = ['news.test', 'www.news.test'];

const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));
const VIEWPORT = { width: 1280, height: 800 };
/** The toolbar popup's size, for Firefox, where the popup page is shown in a tab. */
const POPUP_VIEWPORT = { width: 400, height: 600 };

/**
 * `colorScheme`: what the browser reports to pages as `prefers-color-scheme`.
 * `userDataDir`: a profile folder that outlives the browser, to test what survives a restart
 * (otherwise a fresh temporary profile).
 * `extensionDir`: another build to load than dist/<browser> (the corpus run's stress pack).
 */
export async function launchExtensionBrowser({ colorScheme = 'light', userDataDir = '', extensionDir = '' } = {}) {
  const session = await (isFirefox ? launchFirefox : launchChromium)({ colorScheme, userDataDir, extensionDir });
  return Object.assign(session, extensionCalls(session), sinceLastAsked(session));
}

/** What happened since the last time a test asked: for the checks after each test (per-test-checks.mjs). */
function sinceLastAsked(session) {
  let errorsSeen = 0;
  let requestsSeen = 0;
  return {
    async newExtensionErrors() {
      const all = await session.extensionErrors();
      const fresh = all.slice(errorsSeen);
      errorsSeen = all.length;
      return fresh;
    },
    newRequests() {
      const fresh = session.requests.slice(requestsSeen);
      requestsSeen = session.requests.length;
      return fresh;
    },
  };
}

/** What both browsers share: opening pages and keeping their errors and requests. */
function pageRecorder({ colorScheme, emulateColorScheme, onRequest = () => {} }) {
  const pageErrors = new WeakMap();
  const pageRequests = new WeakMap();
  return {
    /** @param {import('puppeteer-core').Browser} browser @param {string} url */
    async openPage(browser, url) {
      const page = await browser.newPage();
      if (emulateColorScheme) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
      const errors = [];
      const requests = [];
      page.on('pageerror', (error) => {
        // Firefox reports the browser's own favicon request, refused by a strict CSP, as a page error.
        if (!/^Content-Security-Policy: .* at \S+\/favicon\.ico /.test(error.message)) errors.push(error.message);
      });
      page.on('request', (request) => {
        requests.push(request.url());
        onRequest(request.url());
      });
      pageErrors.set(page, errors);
      pageRequests.set(page, requests);
      await page.goto(url, { waitUntil: 'load' });
      return page;
    },
    errorsOf: (page) => pageErrors.get(page) ?? [],
    requestsOf: (page) => pageRequests.get(page) ?? [],
  };
}

/** Chromium flags: no background traffic of its own (this machine has no network; ours must make none). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication',
  '--hide-scrollbars',
  '--force-color-profile=srgb',
  '--lang=en-US',
  `--host-resolver-rules=${TEST_HOSTS.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`,
];

async function launchChromium({ colorScheme, userDataDir, extensionDir }) {
  const browser = await puppeteer.launch({
    userDataDir: userDataDir || undefined,
    executablePath: findChromium(),
    headless: true,
    pipe: true,
    enableExtensions: [extensionDir || `${DIST}chrome`],
    args: CHROMIUM_ARGS,
    defaultViewport: VIEWPORT,
    env: { ...process.env, LANGUAGE: 'en_US' },
  });
  const requests = [];
  const errors = [];
  const isBackground = (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://');
  const workerTarget = await browser.waitForTarget(isBackground, { timeout: 15000 });
  // `URL.origin` is "null" for extension schemes in Node: build it from the host.
  const extensionOrigin = `chrome-extension://${new URL(workerTarget.url()).host}`;
  const record = (target) => recordTarget(target, { requests, errors, extensionOrigin });
  await record(workerTarget);
  browser.on('targetcreated', (target) => void record(target).catch(() => {}));
  const recorder = pageRecorder({ colorScheme, emulateColorScheme: true });
  // Extension APIs are called from an extension page of our own, kept open in the background, not
  // from the service worker: a test may stop the worker, and DevTools does not reattach cleanly to
  // the one the browser starts again.
  const control = await browser.newPage();
  await control.goto(`${extensionOrigin}/options/options.html`);
  await control.waitForSelector('.options');
  /** @template T @param {(arg: T) => unknown} fn @param {T} [arg] */
  const inExtension = (fn, arg) => control.evaluate(fn, arg);

  const tabIdOf = (page) => activeTabId(page, inExtension);

  return {
    browser,
    name: 'chromium',
    extensionOrigin,
    /** Whether a URL is one of the extension's files: `use_dynamic_url` gives main.js an origin of its own per session. */
    isExtensionFile: (url) => url.startsWith('chrome-extension://'),
    /** Every URL requested by any page or by the extension while the browser ran. */
    requests,
    openPage: (url) => recorder.openPage(browser, url),
    errorsOf: recorder.errorsOf,
    requestsOf: recorder.requestsOf,

    /**
     * Opens the toolbar popup for the tab showing `page` the way a click on the toolbar button
     * does (DevTools' Extensions.triggerAction, which also grants `activeTab`), and returns it.
     */
    async openPopup(page) {
      const popupUrl = `${extensionOrigin}/popup/popup.html`;
      const stale = browser.targets().filter((t) => t.url() === popupUrl);
      for (const target of stale) await (await target.asPage()).close();
      await page.bringToFront();
      const cdp = await browser.target().createCDPSession();
      const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
      const tabs = targetInfos.filter((t) => t.url === page.url());
      if (tabs.length !== 1) throw new Error(`Expected one tab showing ${page.url()}, found ${tabs.length}`);
      await cdp.send('Extensions.triggerAction', { id: new URL(extensionOrigin).host, targetId: tabs[0].targetId });
      await cdp.detach();
      const target = await browser.waitForTarget((t) => t.url() === popupUrl && !stale.includes(t), { timeout: 5000 });
      const popup = await target.asPage();
      await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
      await popup.waitForSelector('.popup:not([aria-busy])');
      return popup;
    },

    /** Opens the options page in a tab of its own, once it knows the settings and the host access. */
    async openOptions() {
      const options = await browser.newPage();
      await options.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
      await options.goto(`${extensionOrigin}/options/options.html`);
      await options.waitForSelector(OPTIONS_READY);
      return options;
    },

    /** A tab showing a page of the browser's own, where no extension may run. */
    async openBrowserPage() {
      const page = await browser.newPage();
      await page.goto(`about:blank#${Date.now()}`); // a URL of its own: openPopup finds the tab by it
      return page;
    },

    /** Runs `fn(arg)` with the extension's privileges (in one of its pages) and returns the result. */
    inExtension,

    /**
     * Errors of the extension's own code anywhere — background, its pages, its content scripts
     * (their isolated worlds) — uncaught, rejected unhandled, or logged with console.error.
     */
    async extensionErrors() {
      return [...errors];
    },

    tabIdOf,
    accessibilityTree: (page) => page.accessibility.snapshot({ interestingOnly: false }),
    close: () => browser.close(),
  };
}

/** The options page once it has read the settings and knows whether it may read pages. */
const OPTIONS_READY = '.options:not([aria-busy])';

/** Pins the add-on's internal UUID, so its pages have a URL known before it is installed. */
const FIREFOX_ADDON_ID = 'context-cards@context-cards.example';
const FIREFOX_ADDON_UUID = '5f1e2d3c-4b5a-4968-8776-c0ffeec0ffee';

async function launchFirefox({ colorScheme, userDataDir, extensionDir }) {
  const requests = [];
  const proxy = await startRecordingProxy((url) => requests.push(url));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    userDataDir: userDataDir || undefined,
    headless: true,
    // Lets the harness run Firefox's privileged code (firefox-chrome.mjs) and open moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    defaultViewport: VIEWPORT,
    // Release builds ignore the services.settings.server pref below unless this is set.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_ADDON_UUID }),
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
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.share_proxy_settings': true,
      // The test hosts (TEST_HOSTS) resolve to this machine and are reached directly.
      'network.dns.localDomains': TEST_HOSTS.join(','),
      'network.proxy.no_proxies_on': TEST_HOSTS.join(','),
    },
  });
  const extensionOrigin = `moz-extension://${FIREFOX_ADDON_UUID}`;
  await browser.installExtension(extensionDir || `${DIST}firefox`);
  await recordExtensionErrors(browser, extensionOrigin);
  const recorder = pageRecorder({ colorScheme, emulateColorScheme: false, onRequest: (url) => requests.push(url) });
  const openPage = (url) => recorder.openPage(browser, url);

  /**
   * Navigates a new tab to one of the extension's pages. Over BiDi, Firefox never reports a
   * navigation to a moz-extension:// page as finished, so the caller waits for the page's content.
   */
  async function openExtensionPage(path, readySelector) {
    const page = await browser.newPage();
    void page.goto(`${extensionOrigin}/${path}`, { timeout: 0 }).catch(() => {});
    // Until the extension page replaces about:blank, a query may fail inside WebDriver: ask again.
    await waitFor(() => page.$(readySelector).catch(() => null), Boolean, `${path} showing ${readySelector}`);
    return page;
  }

  // An extension page of our own, kept open in the background, to call extension APIs from (as in Chromium).
  const control = await openExtensionPage('options/options.html', OPTIONS_READY);
  /** @template T @param {(arg: T) => unknown} fn @param {T} [arg] */
  const inExtension = (fn, arg) => control.evaluate(fn, arg);

  const tabIdOf = (page) => activeTabId(page, inExtension);

  return {
    browser,
    name: 'firefox',
    extensionOrigin,
    isExtensionFile: (url) => url.startsWith(`${extensionOrigin}/`),
    /** Every URL the test pages requested, and every request anything sent towards the network. */
    requests,
    openPage,
    errorsOf: recorder.errorsOf,
    requestsOf: recorder.requestsOf,

    /**
     * Opens the popup page for the tab showing `page`. WebDriver cannot reach Firefox's toolbar
     * popup, so the same page is shown in a tab of its own, the size of the popup, and told its
     * tab with `?tab=` (src/popup/Popup.tsx). It runs with the host permissions, not `activeTab`.
     */
    async openPopup(page) {
      const tabId = await tabIdOf(page);
      for (const open of await browser.pages()) if (open.url().includes('/popup/popup.html')) await open.close();
      const popup = await openExtensionPage(`popup/popup.html?tab=${tabId}`, '.popup:not([aria-busy])');
      await popup.setViewport(POPUP_VIEWPORT);
      return popup;
    },

    openOptions: () => openExtensionPage('options/options.html', OPTIONS_READY),

    /**
     * A tab showing a page of the browser's own, where no extension may run. (Not about:blank:
     * Firefox lets extensions script it.) Like extension pages, its load is never reported.
     */
    async openBrowserPage() {
      const page = await browser.newPage();
      void page.goto('about:robots', { timeout: 0 }).catch(() => {});
      await waitFor(() => tabUrls(browser), (urls) => urls.includes('about:robots'), 'about:robots opening');
      return page;
    },

    inExtension,
    extensionErrors: () => extensionErrors(browser),
    tabIdOf,
    accessibilityTree: (page) => accessibilityTreeOf(browser, page.url()),
    async close() {
      await browser.close();
      await proxy.close();
    },
  };
}

/**
 * The tab id of a page. Without the `tabs` permission (which the extension rightly does not ask
 * for) a tab's URL may be hidden from the extension, so the page is brought to the front and the
 * active tab asked for.
 */
async function activeTabId(page, inExtension) {
  await page.bringToFront();
  const tabs = await inExtension(() =>
    (globalThis.browser ?? globalThis.chrome).tabs.query({ active: true, lastFocusedWindow: true }).then((list) => list.map((t) => t.id)),
  );
  if (tabs.length !== 1) throw new Error(`Expected one active tab for ${page.url()}, found ${tabs.length}`);
  return tabs[0];
}

/** What the specs ask of the extension, the same in both browsers: badge, command, stored settings. */
function extensionCalls(session) {
  return {
    /** The settings as stored. */
    storedSettings: () => session.inExtension(() => (globalThis.browser ?? globalThis.chrome).storage.sync.get(null)),

    /** The badge text of the tab showing `page` ('' when none). */
    async badgeText(page) {
      const tabId = await session.tabIdOf(page);
      return session.inExtension((id) => (globalThis.browser ?? globalThis.chrome).action.getBadgeText({ tabId: id }), tabId);
    },

    /**
     * Runs the extension's keyboard command in the tab showing `page`. The browser delivers a
     * command's shortcut to the background, which sends the tab this message; automation key
     * events never reach browser shortcuts, so the test sends the same message.
     */
    runNextMentionCommand(page) {
      return this.messageTab(page, 'focusNextMention', { direction: 1 });
    },

    /** Sends the content script of the tab showing `page` a message, as the popup and background do. */
    async messageTab(page, name, params) {
      const tabId = await session.tabIdOf(page);
      const message = { contextCards: 1, name, params };
      return session.inExtension(([id, m]) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, m), [tabId, message]);
    },

    /** The shortcuts the browser registered for the extension's commands. */
    commands: () => session.inExtension(() => (globalThis.browser ?? globalThis.chrome).commands.getAll()),
  };
}

/**
 * Records, through the DevTools protocol, the URL of every request a page or worker makes, and
 * the errors of the extension's own code there: every error in the extension's own targets
 * (background, popup, options), and in web pages those of its isolated world (content scripts).
 */
async function recordTarget(target, { requests, errors, extensionOrigin }) {
  if (!['page', 'service_worker', 'background_page', 'other'].includes(target.type())) return;
  const session = await target.createCDPSession();
  session.on('Network.requestWillBeSent', (event) => requests.push(event.request.url));
  await session.send('Network.enable');
  const ours = target.url().startsWith(extensionOrigin);
  const ourContexts = new Set();
  session.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.origin === extensionOrigin) ourContexts.add(context.id);
  });
  const isOurs = (contextId) => ours || ourContexts.has(contextId);
  session.on('Runtime.exceptionThrown', ({ exceptionDetails: details }) => {
    if (isOurs(details.executionContextId)) errors.push(`${target.url()}: ${details.exception?.description ?? details.text}`);
  });
  session.on('Runtime.consoleAPICalled', ({ type, args, executionContextId }) => {
    if (type === 'error' && isOurs(executionContextId)) errors.push(`${target.url()}: console.error ${args.map((a) => a.value ?? a.description).join(' ')}`);
  });
  await session.send('Runtime.enable');
}
