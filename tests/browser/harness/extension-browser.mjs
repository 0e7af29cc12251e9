/**
 * Starts a real browser with the built extension loaded, and gives the tests what a reader sees:
 * pages, the toolbar badge, the card as assistive technology reads it, and every network request
 * anything made. One interface, so later browsers (Firefox) run the same specs.
 */
import puppeteer from 'puppeteer-core';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../../../scripts/find-browser.mjs';

const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));
const VIEWPORT = { width: 1280, height: 800 };

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
];

/**
 * `userDataDir`: a profile folder that outlives the browser, to test what survives a restart
 * (otherwise a fresh temporary profile).
 */
export async function launchExtensionBrowser({ colorScheme = 'light', lang = 'en-US', userDataDir = '' } = {}) {
  const browser = await puppeteer.launch({
    userDataDir: userDataDir || undefined,
    executablePath: findChromium(),
    headless: true,
    pipe: true,
    enableExtensions: [`${DIST}chrome`],
    args: CHROMIUM_ARGS.map((arg) => (arg.startsWith('--lang=') ? `--lang=${lang}` : arg)),
    defaultViewport: VIEWPORT,
    env: { ...process.env, LANGUAGE: lang.replace('-', '_') },
  });
  const requests = [];
  const workerTarget = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'), { timeout: 15000 });
  // `URL.origin` is "null" for extension schemes in Node: build it from the host.
  const extensionOrigin = `chrome-extension://${new URL(workerTarget.url()).host}`;
  await recordRequests(workerTarget, requests);
  browser.on('targetcreated', (target) => void recordRequests(target, requests).catch(() => {}));

  const pageErrors = new WeakMap();
  const pageRequests = new WeakMap();
  const background = async () => (await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'))).worker();

  return {
    browser,
    extensionOrigin,
    /** Every URL requested by any page or by the extension while the browser ran. */
    requests,

    async openPage(url) {
      const page = await browser.newPage();
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
      const errors = [];
      const pageRequestList = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('request', (request) => pageRequestList.push(request.url()));
      pageErrors.set(page, errors);
      pageRequests.set(page, pageRequestList);
      await page.goto(url, { waitUntil: 'load' });
      return page;
    },

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
      await popup.waitForSelector('.popup .tab:not([aria-busy])');
      return popup;
    },

    /** Opens the options page in a tab of its own. */
    async openOptions() {
      const options = await browser.newPage();
      await options.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
      await options.goto(`${extensionOrigin}/options/options.html`);
      await options.waitForSelector('.options');
      return options;
    },

    /** The settings as stored, read from the background. */
    async storedSettings() {
      const worker = await background();
      return worker.evaluate(() => chrome.storage.sync.get(null));
    },

    /** Uncaught errors in the page (the page's own world) since it was opened. */
    errorsOf(page) {
      return pageErrors.get(page) ?? [];
    },

    /** The URLs the page requested, content-script loads included. */
    requestsOf(page) {
      return pageRequests.get(page) ?? [];
    },

    /** The badge text of the tab showing `page` ('' when none). */
    async badgeText(page) {
      const worker = await background();
      return worker.evaluate(async (tabId) => chrome.action.getBadgeText({ tabId }), await tabIdOf(page));
    },

    /**
     * Runs the extension's keyboard command in the tab showing `page`. The browser delivers a
     * command's shortcut to the background, which sends the tab this message; DevTools key events
     * never reach browser shortcuts, so the test sends the same message from the background.
     */
    async runNextMentionCommand(page) {
      const worker = await background();
      const message = { contextCards: 1, name: 'focusNextMention', params: { direction: 1 } };
      return worker.evaluate((tabId, m) => chrome.tabs.sendMessage(tabId, m), await tabIdOf(page), message);
    },

    /** The shortcuts the browser registered for the extension's commands. */
    async commands() {
      const worker = await background();
      return worker.evaluate(() => chrome.commands.getAll());
    },

    async close() {
      await browser.close();
    },
  };
}

/**
 * The tab id of a page. Without the `tabs` permission (which the extension rightly does not ask
 * for) a tab's URL is hidden from the background, so the page is brought to the front and the
 * active tab asked for.
 */
async function tabIdOf(page) {
  await page.bringToFront();
  const session = await page.createCDPSession();
  const { targetInfo } = await session.send('Target.getTargetInfo');
  await session.detach();
  const worker = await (await page.browser().waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'))).worker();
  const tabs = await worker.evaluate(() => chrome.tabs.query({ active: true, lastFocusedWindow: true }).then((list) => list.map((t) => t.id)));
  if (tabs.length !== 1) throw new Error(`Expected one active tab for ${page.url()} (${targetInfo.targetId}), found ${tabs.length}`);
  return tabs[0];
}

/** Records the URL of every request a page or worker makes, through the DevTools protocol. */
async function recordRequests(target, requests) {
  if (!['page', 'service_worker', 'background_page', 'other'].includes(target.type())) return;
  const session = await target.createCDPSession();
  session.on('Network.requestWillBeSent', (event) => requests.push(event.request.url));
  await session.send('Network.enable');
}
