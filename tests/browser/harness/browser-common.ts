/**
 * What the two browsers' launchers (chromium-session.ts, firefox-session.ts) share with each other
 * and with extension-browser.ts, which puts a session together: the shape of a session, the test
 * host names, and how pages are opened and recorded.
 */
import type { Browser, Page } from 'puppeteer-core';

/**
 * Host names that reach the local test server, as a real news site's would: `www.news.test` and
 * the site it belongs to (the reader's site lists drop `www.`), and a host of a news site on the
 * bundled list (src/core/news-sites.ts). Both browsers resolve them to 127.0.0.1 and nothing else:
 * Chromium by a host-resolver rule, Firefox by its local-domains pref.
 */
export const BUNDLED_NEWS_HOST = 'www.reuters.com';
export const TEST_HOSTS = ['news.test', 'www.news.test', BUNDLED_NEWS_HOST];

export interface LaunchOptions {
  /** What the browser reports to pages as `prefers-color-scheme`. */
  colorScheme?: 'light' | 'dark';
  /** A profile folder that outlives the browser, to test what survives a restart (otherwise a fresh temporary profile). */
  userDataDir?: string;
  /** Another build to load than dist/<browser> (extension-copy.ts). */
  extensionDir?: string;
  /**
   * A page to open, and let load, before the extension is installed: as a reader who installs it
   * with an article open. The session's `openedBeforeInstall` is that page.
   */
  openBeforeInstall?: string;
}

/** A node of the accessibility tree, shaped like Chromium's `page.accessibility.snapshot()` in both browsers. */
export interface AccessibleNode {
  role: string;
  name: string;
  focused?: boolean;
  children?: AccessibleNode[];
}

/** A box in the viewport, in CSS pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Media features a test sets as a reader's system would; what is left out is the browser's default. */
export interface MediaFeatures {
  colorScheme?: 'light' | 'dark';
  /** Windows High Contrast and the like: `forced-colors: active`. */
  forcedColors?: boolean;
  reducedMotion?: boolean;
}

/** What each browser's launcher gives (chromium-session.ts, firefox-session.ts). */
export interface BrowserSession {
  browser: Browser;
  name: 'chromium' | 'firefox';
  extensionOrigin: string;
  /** Whether a URL is one of the extension's own files. */
  isExtensionFile(url: string): boolean;
  /** Every URL requested by any page or by the extension while the browser ran. */
  requests: string[];
  /** The tab opened before the extension was installed (`LaunchOptions.openBeforeInstall`). */
  openedBeforeInstall?: Page;
  /** Opens `url` in a new tab and waits for its load. */
  openPage(url: string): Promise<Page>;
  /** Errors the page reported (its own scripts' included). */
  errorsOf(page: Page): string[];
  requestsOf(page: Page): string[];
  /** Opens the toolbar popup for the tab showing `page`. */
  openPopup(page: Page): Promise<Page>;
  /** Opens the options page in a tab of its own, once it knows the settings and the host access. */
  openOptions(): Promise<Page>;
  /** A tab showing a page of the browser's own, where no extension may run. */
  openBrowserPage(): Promise<Page>;
  /** Runs `fn(arg)` with the extension's privileges (in one of its pages) and returns the result. */
  inExtension<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Errors of the extension's own code anywhere: background, its pages, its content scripts. */
  extensionErrors(): Promise<string[]>;
  tabIdOf(page: Page): Promise<number>;
  accessibilityTree(page: Page): Promise<AccessibleNode | null>;
  /**
   * Where the open card is, as assistive technology finds it: the dialog's box, and the box of the
   * first node inside it whose accessible name matches each of `partNames` (regular expressions).
   */
  cardRects(page: Page, partNames: string[]): Promise<{ card: Rect; parts: Array<Rect | null> } | null>;
  /** Sets media features for `page` (in Firefox, for the whole browser: call with `{}` to end). */
  emulateMedia(page: Page, features: MediaFeatures): Promise<void>;
  /**
   * Makes `page` a phone's (or a tablet's): `viewport` in CSS px, a touch screen as its only
   * pointer (`pointer: coarse`, `hover: none`), touch input through `page.touchscreen`.
   */
  emulatePhone(page: Page, viewport: { width: number; height: number }): Promise<void>;
  /** Gives back the machine's own pointer (in Firefox, `emulatePhone`'s pointer is the whole browser's). */
  endPhoneEmulation(): Promise<void>;
  close(): Promise<void>;
}

/** The options page once it has read the settings and knows whether it may read pages. */
export const OPTIONS_READY = '.options:not([aria-busy])';
/** The popup once it knows the tab and the host access. */
export const POPUP_READY = '.popup:not([aria-busy])';

/**
 * The extension API as a function run by `inExtension` reaches it: `browser` or `chrome`. Such a
 * function is sent to the extension page as its source, so it cannot call helpers of this module:
 * each one says `(globalThis.browser ?? globalThis.chrome)` itself, typed loosely as here.
 */
export type Api = any;

/** What both browsers share: opening pages and keeping their errors and requests. */
export function pageRecorder({
  colorScheme,
  emulateColorScheme,
  onRequest = () => undefined,
}: {
  colorScheme: string;
  emulateColorScheme: boolean;
  onRequest?: (url: string) => void;
}) {
  const pageErrors = new WeakMap<Page, string[]>();
  const pageRequests = new WeakMap<Page, string[]>();
  return {
    async openPage(browser: Browser, url: string): Promise<Page> {
      const page = await browser.newPage();
      if (emulateColorScheme) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (error) => {
        // Firefox reports the browser's own favicon request, refused by a strict CSP, as a page error.
        const text = error instanceof Error ? error.message : String(error);
        if (!/^Content-Security-Policy: .* at \S+\/favicon\.ico /.test(text)) errors.push(text);
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
    errorsOf: (page: Page) => pageErrors.get(page) ?? [],
    requestsOf: (page: Page) => pageRequests.get(page) ?? [],
  };
}

/**
 * The tab id of a page. Without the `tabs` permission (which the extension rightly does not ask
 * for) a tab's URL may be hidden from the extension, so the page is brought to the front and the
 * active tab asked for.
 */
export async function activeTabId(page: Page, inExtension: BrowserSession['inExtension']): Promise<number> {
  await page.bringToFront();
  const tabs = await inExtension(() =>
    ((globalThis as Api).browser ?? (globalThis as Api).chrome).tabs
      .query({ active: true, lastFocusedWindow: true })
      .then((list: Array<{ id: number }>) => list.map((t) => t.id)),
  );
  if (tabs.length !== 1) throw new Error(`Expected one active tab for ${page.url()}, found ${tabs.length}`);
  return tabs[0]!;
}
