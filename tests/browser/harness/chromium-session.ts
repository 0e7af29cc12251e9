/**
 * Chromium with dist/chrome loaded, driven over the DevTools protocol: the popup opened by a
 * real click on the toolbar button, the card read from the accessibility tree, and every request
 * and every error of the extension recorded for each target it runs in.
 */
import puppeteer, { TargetType, type Browser, type Page, type SerializedAXNode, type Target } from 'puppeteer-core';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../../../scripts/find-browser.mjs';
import {
  OPTIONS_READY,
  POPUP_READY,
  TEST_HOSTS,
  activeTabId,
  pageRecorder,
  type AccessibleNode,
  type BrowserSession,
  type LaunchOptions,
  type MediaFeatures,
  type Rect,
} from './browser-common';

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
  `--host-resolver-rules=${TEST_HOSTS.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`,
];

export async function launchChromium({
  colorScheme = 'light',
  userDataDir,
  extensionDir,
  openBeforeInstall,
}: LaunchOptions): Promise<BrowserSession> {
  const extension = extensionDir || `${DIST}chrome`;
  const browser = await puppeteer.launch({
    userDataDir: userDataDir || undefined,
    executablePath: findChromium(),
    headless: true,
    pipe: true,
    // Loaded at start, or installed once the page that must come before it has loaded.
    enableExtensions: openBeforeInstall ? true : [extension],
    args: CHROMIUM_ARGS,
    defaultViewport: VIEWPORT,
    env: { ...process.env, LANGUAGE: 'en_US' },
  });
  let openedBeforeInstall: Page | undefined;
  if (openBeforeInstall) {
    openedBeforeInstall = await browser.newPage();
    await openedBeforeInstall.goto(openBeforeInstall, { waitUntil: 'load' });
    await browser.installExtension(extension);
  }
  const requests: string[] = [];
  const errors: string[] = [];
  const isBackground = (t: Target) => t.type() === TargetType.SERVICE_WORKER && t.url().startsWith('chrome-extension://');
  const workerTarget = await browser.waitForTarget(isBackground, { timeout: 15000 });
  // `URL.origin` is "null" for extension schemes in Node: build it from the host.
  const extensionOrigin = `chrome-extension://${new URL(workerTarget.url()).host}`;
  const record = (target: Target) => recordTarget(target, { requests, errors, extensionOrigin });
  await record(workerTarget);
  // Recorded from the install on: its content script is injected once the background has started.
  if (openedBeforeInstall) await record(openedBeforeInstall.target());
  browser.on('targetcreated', (target: Target) => void record(target).catch(() => undefined));
  // Extension APIs are called from an extension page of our own, kept open in the background, not
  // from the service worker: a test may stop the worker, and DevTools does not reattach cleanly to
  // the one the browser starts again.
  const control = await browser.newPage();
  await control.goto(`${extensionOrigin}/options/options.html`);
  await control.waitForSelector('.options');
  const inExtension: BrowserSession['inExtension'] = (fn, arg) => control.evaluate(fn as (a: unknown) => never, arg);
  return { ...chromiumSession(browser, { colorScheme, extensionOrigin, requests, errors, inExtension }), openedBeforeInstall };
}

function chromiumSession(
  browser: Browser,
  {
    colorScheme,
    extensionOrigin,
    requests,
    errors,
    inExtension,
  }: { colorScheme: string; extensionOrigin: string; requests: string[]; errors: string[]; inExtension: BrowserSession['inExtension'] },
): BrowserSession {
  const recorder = pageRecorder({ colorScheme, emulateColorScheme: true });
  const scheme = (page: Page) => page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
  return {
    browser,
    name: 'chromium',
    extensionOrigin,
    isExtensionFile: (url) => url.startsWith(`${extensionOrigin}/`),
    requests,
    openPage: (url) => recorder.openPage(browser, url),
    errorsOf: recorder.errorsOf,
    requestsOf: recorder.requestsOf,
    openPopup: (page) => openPopup(browser, extensionOrigin, page, scheme),
    async openOptions() {
      const options = await browser.newPage();
      await scheme(options);
      await options.goto(`${extensionOrigin}/options/options.html`);
      await options.waitForSelector(OPTIONS_READY);
      return options;
    },
    async openBrowserPage() {
      const page = await browser.newPage();
      await page.goto(`about:blank#${Date.now()}`); // a URL of its own: openPopup finds the tab by it
      return page;
    },
    inExtension,
    extensionErrors: () => Promise.resolve([...errors]),
    tabIdOf: (page) => activeTabId(page, inExtension),
    accessibilityTree: (page) => page.accessibility.snapshot({ interestingOnly: false }) as Promise<AccessibleNode | null>,
    cardRects,
    emulateMedia: (page, features) => emulateMedia(page, { colorScheme: colorScheme as 'light' | 'dark', ...features }),
    emulatePhone: (page, viewport) => page.setViewport({ ...viewport, isMobile: true, hasTouch: true }),
    endPhoneEmulation: async () => undefined, // each page's emulation ends with it
    close: () => browser.close(),
  };
}

/**
 * Media features over the DevTools protocol, which (unlike puppeteer's emulateMediaFeatures)
 * knows `forced-colors` and then paints with the forced palette, as Windows High Contrast does.
 */
async function emulateMedia(
  page: Page,
  { colorScheme = 'light', forcedColors = false, reducedMotion = false }: MediaFeatures,
): Promise<void> {
  await page.createCDPSession().then((cdp) =>
    cdp.send('Emulation.setEmulatedMedia', {
      features: [
        { name: 'prefers-color-scheme', value: colorScheme },
        { name: 'forced-colors', value: forcedColors ? 'active' : 'none' },
        { name: 'prefers-reduced-motion', value: reducedMotion ? 'reduce' : 'no-preference' },
      ],
    }),
  );
}

/** The card's box and its parts', from the accessibility tree's nodes and their elements (closed shadow roots included). */
async function cardRects(page: Page, partNames: string[]): Promise<{ card: Rect; parts: Array<Rect | null> } | null> {
  const tree = await page.accessibility.snapshot({ interestingOnly: false });
  const find = (node: SerializedAXNode, test: (n: SerializedAXNode) => boolean): SerializedAXNode | undefined =>
    test(node) ? node : node.children?.map((child) => find(child, test)).find(Boolean);
  const dialog = tree && find(tree, (node) => node.role === 'dialog');
  if (!dialog) return null;
  const rectOf = async (node: SerializedAXNode | undefined) =>
    node ? ((await (await node.elementHandle())?.boundingBox()) ?? null) : null;
  const card = await rectOf(dialog);
  if (!card) return null;
  const parts = await Promise.all(
    partNames.map((name) =>
      rectOf(find(dialog, (node) => node !== dialog && node.role !== 'StaticText' && new RegExp(name).test(node.name ?? ''))),
    ),
  );
  return { card, parts };
}

/**
 * Opens the toolbar popup for the tab showing `page` the way a click on the toolbar button does
 * (DevTools' Extensions.triggerAction, which also grants `activeTab`), and returns it.
 */
async function openPopup(browser: Browser, extensionOrigin: string, page: Page, scheme: (page: Page) => Promise<void>): Promise<Page> {
  const popupUrl = `${extensionOrigin}/popup/popup.html`;
  const stale = browser.targets().filter((t) => t.url() === popupUrl);
  for (const target of stale) await (await target.asPage()).close();
  await page.bringToFront();
  const cdp = await browser.target().createCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tabs = targetInfos.filter((t) => t.url === page.url());
  if (tabs.length !== 1) throw new Error(`Expected one tab showing ${page.url()}, found ${tabs.length}`);
  await cdp.send('Extensions.triggerAction', { id: new URL(extensionOrigin).host, targetId: tabs[0]!.targetId });
  await cdp.detach();
  const target = await browser.waitForTarget((t) => t.url() === popupUrl && !stale.includes(t), { timeout: 5000 });
  const popup = await target.asPage();
  await scheme(popup);
  await popup.waitForSelector(POPUP_READY);
  return popup;
}

/**
 * Records, through the DevTools protocol, the URL of every request a page or worker makes, and
 * the errors of the extension's own code there: every error in the extension's own targets
 * (background, popup, options), and in web pages those of its isolated world (content scripts) —
 * uncaught, rejected unhandled, or logged with console.error.
 */
async function recordTarget(
  target: Target,
  { requests, errors, extensionOrigin }: { requests: string[]; errors: string[]; extensionOrigin: string },
): Promise<void> {
  if (!['page', 'service_worker', 'background_page', 'other'].includes(target.type())) return;
  const session = await target.createCDPSession();
  session.on('Network.requestWillBeSent', (event) => requests.push(event.request.url));
  await session.send('Network.enable');
  const ours = target.url().startsWith(extensionOrigin);
  const ourContexts = new Set<number>();
  session.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.origin === extensionOrigin) ourContexts.add(context.id);
  });
  const isOurs = (contextId: number | undefined) => ours || (contextId !== undefined && ourContexts.has(contextId));
  session.on('Runtime.exceptionThrown', ({ exceptionDetails: details }) => {
    if (isOurs(details.executionContextId)) errors.push(`${target.url()}: ${details.exception?.description ?? details.text}`);
  });
  session.on('Runtime.consoleAPICalled', ({ type, args, executionContextId }) => {
    if (type === 'error' && isOurs(executionContextId))
      errors.push(`${target.url()}: console.error ${args.map((a) => String(a.value ?? a.description)).join(' ')}`);
  });
  await session.send('Runtime.enable');
}
