/**
 * Firefox's own privileged ("chrome") JavaScript, reached over WebDriver BiDi when Firefox runs
 * with --remote-allow-system-access. The Firefox tests need it for what content pages cannot see
 * and WebDriver does not offer: the accessibility tree (the card lives in a closed shadow root,
 * and BiDi's accessibility locator does not enter one) and errors logged by the extension's
 * content scripts and background.
 */
import type { Browser } from 'puppeteer-core';
import type { AccessibleNode, MediaFeatures, Rect } from './browser-common';

/** The WebDriver BiDi connection under puppeteer's Browser (not part of its public types). */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: any }>;
}
const connectionOf = (browser: Browser) => (browser as unknown as { connection: BidiConnection }).connection;
const chromeContexts = new WeakMap<Browser, string>();

/**
 * Runs `source` — the text of a function `(args) => value` — in the browser window's chrome
 * context and returns its JSON-serializable result.
 */
export async function inBrowserChrome<T>(browser: Browser, source: string, args: object = {}): Promise<T> {
  const connection = connectionOf(browser);
  if (!chromeContexts.has(browser)) {
    const { result } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    chromeContexts.set(browser, result.contexts[0].context);
  }
  const { result } = await connection.send('script.callFunction', {
    functionDeclaration: `async (json) => JSON.stringify(await (${source})(JSON.parse(json)) ?? null)`,
    arguments: [{ type: 'string', value: JSON.stringify(args) }],
    target: { context: chromeContexts.get(browser) },
    awaitPromise: true,
  });
  if (result.type === 'exception') throw new Error(`In Firefox's chrome context: ${result.exceptionDetails.text}`);
  return JSON.parse(result.result.value as string) as T;
}

/**
 * Starts Firefox's accessibility service and keeps it running for the whole session, as a screen
 * reader does. Held only by a local reference, the service shuts itself down once that reference
 * is collected (xpcAccessibilityService::Release starts a shutdown timer when its last XPCOM
 * consumer lets go: https://searchfox.org/mozilla-central/source/accessible/xpcom/xpcAccessibilityService.cpp),
 * and the next read starts it again: a page's tree is then rebuilt while the test moves focus, and
 * the focus it moved can be missed for good (a test once read the document as focused for 5 s
 * after `page.focus()` on a link). A reference on the browser window lives as long as the window.
 */
export function keepAccessibilityRunning(browser: Browser): Promise<void> {
  return inBrowserChrome(
    browser,
    `async () => {
      window.contextCardsAccessibilityService = Cc['@mozilla.org/accessibilityService;1'].getService(Ci.nsIAccessibilityService);
    }`,
  );
}

/**
 * The accessibility tree of the tab showing `url`, shaped like Chromium's
 * `page.accessibility.snapshot()` ({ role, name, focused, children }), with Firefox's role names
 * mapped to Chromium's where the tests use them.
 */
export function accessibilityTreeOf(browser: Browser, url: string): Promise<AccessibleNode> {
  return inBrowserChrome<AccessibleNode>(
    browser,
    `async ({ url }) => {
      const service = Cc['@mozilla.org/accessibilityService;1'].getService(Ci.nsIAccessibilityService);
      const window = Services.wm.getMostRecentWindow('navigator:browser');
      const tabs = window.gBrowser.browsers.filter((b) => b.currentURI.spec === url);
      if (tabs.length !== 1) throw new Error(tabs.length + ' tabs show ' + url);
      const ROLES = { 'text leaf': 'StaticText', pushbutton: 'button', document: 'RootWebArea' };
      const convert = (accessible) => {
        const state = {};
        accessible.getState(state, {});
        const role = service.getStringRole(accessible.role);
        const node = { role: ROLES[role] ?? role, name: accessible.name ?? '', focused: (state.value & Ci.nsIAccessibleStates.STATE_FOCUSED) !== 0 };
        const children = [];
        for (let child = accessible.firstChild; child; child = child.nextSibling) children.push(convert(child));
        if (children.length) node.children = children;
        return node;
      };
      // The tree of a tab is built when first asked for: wait for its document.
      for (let tries = 0; tries < 40; tries++) {
        const root = service.getAccessibleFor(tabs[0])?.firstChild;
        if (root) return convert(root);
        await new Promise((resolve) => window.setTimeout(resolve, 50));
      }
      throw new Error('No accessibility tree for ' + url);
    }`,
    { url },
  );
}

/** The card's box and its parts' (see BrowserSession.cardRects), from the accessibility service, in CSS pixels of the tab's viewport. */
export function cardRectsOf(browser: Browser, url: string, partNames: string[]): Promise<{ card: Rect; parts: Array<Rect | null> } | null> {
  return inBrowserChrome(
    browser,
    `async ({ url, partNames }) => {
      const service = Cc['@mozilla.org/accessibilityService;1'].getService(Ci.nsIAccessibilityService);
      const window = Services.wm.getMostRecentWindow('navigator:browser');
      const tab = window.gBrowser.browsers.find((b) => b.currentURI.spec === url);
      const root = tab && service.getAccessibleFor(tab)?.firstChild;
      if (!root) return null;
      const boundsOf = (accessible) => {
        const [x, y, width, height] = [{}, {}, {}, {}];
        accessible.getBoundsInCSSPixels(x, y, width, height);
        return { x: x.value, y: y.value, width: width.value, height: height.value };
      };
      const find = (accessible, test) => {
        if (test(accessible)) return accessible;
        for (let child = accessible.firstChild; child; child = child.nextSibling) {
          const found = find(child, test);
          if (found) return found;
        }
        return null;
      };
      const dialog = find(root, (a) => service.getStringRole(a.role) === 'dialog');
      if (!dialog) return null;
      const origin = boundsOf(root);
      const relative = (a) => {
        if (!a) return null;
        const box = boundsOf(a);
        return { ...box, x: box.x - origin.x, y: box.y - origin.y };
      };
      const parts = partNames.map((name) => {
        const pattern = new RegExp(name);
        return relative(find(dialog, (a) => a !== dialog && service.getStringRole(a.role) !== 'text leaf' && pattern.test(a.name ?? '')));
      });
      return { card: relative(dialog), parts };
    }`,
    { url, partNames },
  );
}

/**
 * Media features through the prefs that the system's settings set in Firefox, for every tab:
 * forced colours as "override the page's colours: always", reduced motion, the colour scheme.
 */
export function emulateMediaPrefs(
  browser: Browser,
  { colorScheme = 'light', forcedColors = false, reducedMotion = false }: MediaFeatures,
): Promise<void> {
  return inBrowserChrome<void>(
    browser,
    `({ dark, forcedColors, reducedMotion }) => {
      Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', dark ? 0 : 1);
      Services.prefs.setIntPref('browser.display.document_color_use', forcedColors ? 2 : 0);
      Services.prefs.setIntPref('ui.prefersReducedMotion', reducedMotion ? 1 : 0);
    }`,
    { dark: colorScheme === 'dark', forcedColors, reducedMotion },
  );
}

/**
 * A touch screen as the primary and only pointer, through the prefs Firefox reads its pointer's
 * capabilities from (1: coarse, no hover), for every tab: `pointer: coarse` and `hover: none` then
 * match as on a phone. `false` gives the machine's own pointer back.
 */
export function emulateTouchScreenPrefs(browser: Browser, on: boolean): Promise<void> {
  return inBrowserChrome<void>(
    browser,
    `({ on }) => {
      for (const name of ['ui.primaryPointerCapabilities', 'ui.allPointerCapabilities'])
        if (on) Services.prefs.setIntPref(name, 1);
        else Services.prefs.clearUserPref(name);
    }`,
    { on },
  );
}

/**
 * Starts recording every error that a script of the extension at `origin` logs: uncaught
 * exceptions and unhandled rejections (the console service), console.error calls (the console
 * API's messages), and what Firefox itself reports about the extension's API calls.
 */
export function recordExtensionErrors(browser: Browser, origin: string): Promise<void> {
  return inBrowserChrome<void>(
    browser,
    `({ origin }) => {
      const window = Services.wm.getMostRecentWindow('navigator:browser');
      const errors = (window.contextCardsErrors = []);
      Services.console.registerListener({
        observe(entry) {
          if (entry instanceof Ci.nsIScriptError && (entry.flags & Ci.nsIScriptError.warningFlag) === 0 && entry.sourceName?.startsWith(origin)) {
            errors.push(entry.sourceName.slice(origin.length) + ':' + entry.lineNumber + ': ' + entry.errorMessage);
          }
        },
      });
      Services.obs.addObserver((subject) => {
        const message = subject.wrappedJSObject;
        if (message?.level === 'error' && String(message.filename).startsWith(origin)) {
          errors.push(String(message.filename).slice(origin.length) + ': console.error ' + message.arguments.map(String).join(' '));
        }
      }, 'console-api-log-event');
    }`,
    { origin },
  );
}

/** The errors recorded since recordExtensionErrors. */
export function extensionErrors(browser: Browser): Promise<string[]> {
  return inBrowserChrome<string[]>(browser, `() => Services.wm.getMostRecentWindow('navigator:browser').contextCardsErrors ?? []`);
}

/** The URL each tab shows, as the browser knows it (WebDriver does not follow every navigation). */
export function tabUrls(browser: Browser): Promise<string[]> {
  return inBrowserChrome<string[]>(
    browser,
    `() => Services.wm.getMostRecentWindow('navigator:browser').gBrowser.browsers.map((b) => b.currentURI.spec)`,
  );
}
