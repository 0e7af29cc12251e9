/**
 * Starts a real browser with the built extension loaded, and gives the tests what a reader sees:
 * pages, the toolbar badge, the popup, the card as assistive technology reads it, and every
 * network request anything made. One interface for both browsers, so the same specs run in
 * Chromium (DevTools protocol, dist/chrome: chromium-session.ts) and Firefox (WebDriver BiDi,
 * dist/firefox: firefox-session.ts).
 *
 * Which browser: the BROWSER environment variable, `chromium` (default) or `firefox`.
 */
import type { Page } from 'puppeteer-core';
import { RUNNING_CONTENT_SCRIPT, SCANNER_GLOBAL } from '../../../src/content/content-globals';
import type { ContentApi, PageState, Reply } from '../../../src/shared/messages';
import type { Api, BrowserSession, LaunchOptions } from './browser-common';
import { launchChromium } from './chromium-session';
import { launchFirefox } from './firefox-session';
import { waitFor } from './waiting';

export { BUNDLED_NEWS_HOST, TEST_HOSTS } from './browser-common';

export const BROWSER = process.env.BROWSER === 'firefox' ? 'firefox' : 'chromium';
export const isFirefox = BROWSER === 'firefox';

export type ExtensionSession = BrowserSession & ReturnType<typeof extensionCalls> & ReturnType<typeof sinceLastAsked>;

export async function launchExtensionBrowser(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const session = await (isFirefox ? launchFirefox : launchChromium)({
    colorScheme: 'light',
    userDataDir: '',
    extensionDir: '',
    ...options,
  });
  await contentScriptRegistered(session);
  return Object.assign(session, extensionCalls(session), sinceLastAsked(session));
}

/**
 * The background registers the content script once it has read the settings, a moment after the
 * extension starts (src/background/content-scripts.ts); a page opened before that has none, as
 * for a reader who opens one in that moment.
 */
function contentScriptRegistered(session: BrowserSession) {
  return waitFor(
    () => registeredContentScripts(session),
    (scripts) => scripts.length > 0,
    'the background registering the content script',
  );
}

/** Where the background registered the content script (scripting.getRegisteredContentScripts). */
function registeredContentScripts(session: BrowserSession): Promise<Array<{ id: string; matches?: string[]; excludeMatches?: string[] }>> {
  return session.inExtension(() => ((globalThis as Api).browser ?? (globalThis as Api).chrome).scripting.getRegisteredContentScripts());
}

/** What the specs ask of the extension, the same in both browsers: badge, messages, stored settings, commands. */
function extensionCalls(session: BrowserSession) {
  const messageTab = async <K extends keyof ContentApi>(
    page: Page,
    name: K,
    params: ContentApi[K]['params'],
  ): Promise<Reply<ContentApi[K]['result']>> => {
    const tabId = await session.tabIdOf(page);
    const message = { contextCards: 1, name, params };
    return session.inExtension(([id, m]) => ((globalThis as Api).browser ?? (globalThis as Api).chrome).tabs.sendMessage(id, m), [
      tabId,
      message,
    ] as const);
  };
  /** Whether the content script's own world in the tab showing `page` holds `name` (read there, which wakes nothing). */
  const inContentWorld = async (page: Page, name: string): Promise<boolean> => {
    const tabId = await session.tabIdOf(page);
    return session.inExtension(
      ([id, key]) =>
        ((globalThis as Api).browser ?? (globalThis as Api).chrome).scripting
          .executeScript({ target: { tabId: id }, func: (global: string) => global in globalThis, args: [key] })
          .then((results: Array<{ result?: unknown }>) => results[0]?.result === true),
      [tabId, name] as const,
    );
  };
  return {
    registeredContentScripts: () => registeredContentScripts(session),

    /** The settings as stored, item by item. */
    storedSettings: (): Promise<Record<string, any>> =>
      session.inExtension(() => ((globalThis as Api).browser ?? (globalThis as Api).chrome).storage.sync.get(null)),

    /** Writes items into storage.sync directly, as another browser syncing the same account would. */
    storeItems: (items: Record<string, unknown>): Promise<void> =>
      session.inExtension((values) => ((globalThis as Api).browser ?? (globalThis as Api).chrome).storage.sync.set(values), items),

    /** The badge text of the tab showing `page` ('' when none). */
    async badgeText(page: Page): Promise<string> {
      const tabId = await session.tabIdOf(page);
      return session.inExtension(
        (id) => ((globalThis as Api).browser ?? (globalThis as Api).chrome).action.getBadgeText({ tabId: id }),
        tabId,
      );
    },

    /** Sends the content script of the tab showing `page` a message, as the popup and background do. */
    messageTab,

    /**
     * What the content script of the tab showing `page` tells the popup, once it listens: on an
     * article that is after the bootstrap's request to wake and the injection of awake.js, which
     * may come after the page's load. Throws when it answers an error, or nothing within the wait.
     */
    async pageState(page: Page): Promise<PageState> {
      const answer = () => messageTab(page, 'getPageState', {}).catch(() => undefined);
      const reply = await waitFor(answer, (r) => r !== undefined, 'an answer to getPageState');
      if (!reply || 'error' in reply) throw new Error(`getPageState failed: ${reply?.error}`);
      return reply.result;
    },

    /**
     * Waits until the content script has run in the top frame of the tab showing `page` (read in
     * the content script's own world, which wakes nothing), and says whether it then listens for
     * nothing — what it does on a page that is not news, where it makes no extension API call.
     */
    async listensForNothing(page: Page): Promise<boolean> {
      await waitFor(
        () => inContentWorld(page, RUNNING_CONTENT_SCRIPT),
        (ran) => ran,
        'the content script running',
      );
      return messageTab(page, 'getPageState', {}).then(
        () => false,
        () => true,
      );
    },

    /** Whether content/main.js, the scanner and card, has run in the top frame of the tab showing `page`. */
    scannerLoaded: (page: Page): Promise<boolean> => inContentWorld(page, SCANNER_GLOBAL),

    /**
     * Runs the extension's keyboard command in the tab showing `page`. The browser delivers a
     * command's shortcut to the background, which sends the tab this message; automation key
     * events never reach browser shortcuts, so the test sends the same message.
     */
    runNextMentionCommand: (page: Page) => messageTab(page, 'focusNextMention', { direction: 1 }),

    /** The shortcuts the browser registered for the extension's commands. */
    commands: (): Promise<Array<{ name?: string; shortcut?: string }>> =>
      session.inExtension(() => ((globalThis as Api).browser ?? (globalThis as Api).chrome).commands.getAll()),
  };
}

/** What happened since the last time a test asked: for the checks after each test (per-test-checks.ts). */
function sinceLastAsked(session: BrowserSession) {
  let errorsSeen = 0;
  let requestsSeen = 0;
  return {
    async newExtensionErrors(): Promise<string[]> {
      const all = await session.extensionErrors();
      const fresh = all.slice(errorsSeen);
      errorsSeen = all.length;
      return fresh;
    },
    newRequests(): string[] {
      const fresh = session.requests.slice(requestsSeen);
      requestsSeen = session.requests.length;
      return fresh;
    },
  };
}
