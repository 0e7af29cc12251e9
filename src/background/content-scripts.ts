/**
 * Where the content script runs, registered by the background from the reader's site settings
 * (`scripting.registerContentScripts`, both browsers) instead of declared in the manifest, so that
 * the decisions that need the settings are made once here, not by every page
 * (docs/ARCHITECTURE.md, decision 3):
 * - paused sites run nothing (they are in every registration's `excludeMatches`);
 * - sites the reader listed (or every site) and, in "news" mode, the bundled news sites run
 *   `content/awake.js`, which reads the settings and scans;
 * - every other page runs the bootstrap: the "is this an article?" check, and on a page that is
 *   not one, no extension API call at all (on an article, it asks for awake.js).
 * When the sites change, open tabs whose registration changed get its file now, so that
 * resuming a site or listing it takes effect without a reload (a page already running follows the
 * settings by itself). So do the tabs open when the extension is installed: the browser runs
 * registered content scripts on the page loads that come after, not in pages already loaded.
 */
import { registrationFor, registrationsFor, WEB_PAGES, type SiteSettings } from '../core/sites';
import { browser } from '../shared/browser-api';
import { REGISTRATION_FILES } from '../shared/content-files';

/**
 * The sites the last change was followed for, while this background lives. Unknown after a
 * restart (a service worker's life is short), when the next change brings along every open tab.
 */
let followedChangeTo: SiteSettings | undefined;
/** Syncs run one after another: two at once would both register the same ids. */
let syncing = Promise.resolve();

/** Makes the registrations match `sites` (at each start of the background: they persist, but may be out of date). */
export function registerFor(sites: Promise<SiteSettings>): Promise<void> {
  return queue(async () => register(await sites));
}

/** The sites changed: the registrations follow, and so do open tabs whose registration changed. */
export function followSites(sites: SiteSettings): Promise<void> {
  return queue(async () => {
    const before = followedChangeTo;
    followedChangeTo = sites;
    await register(sites);
    await startInChangedTabs(before, sites);
  });
}

/**
 * Just installed: every open tab gets the file its registration runs, so that the article the
 * reader had open when they installed the extension shows its mentions without a reload. Only on a
 * first install: after an update, Chrome leaves the old version's content script in open pages, cut
 * off from the extension, and how a new copy would meet it there is untested; those pages take the
 * new version at their next load.
 */
export function startInOpenTabs(sites: Promise<SiteSettings>): Promise<void> {
  return queue(async () => startInChangedTabs(undefined, await sites));
}

function queue(task: () => Promise<void>): Promise<void> {
  syncing = syncing.then(task).catch((error: unknown) => console.error('Context Cards could not register its content scripts:', error));
  return syncing;
}

async function register(sites: SiteSettings): Promise<void> {
  const wanted = registrationsFor(sites).map(({ id, matches, excludeMatches }) => ({
    id,
    matches,
    excludeMatches,
    js: REGISTRATION_FILES[id],
    runAt: 'document_idle' as const,
    persistAcrossSessions: true,
  }));
  const existing = await browser.scripting.getRegisteredContentScripts();
  const same = (a: object, b: object | undefined) => JSON.stringify(a) === JSON.stringify(b);
  const stale = existing.filter((script) => !wanted.some((w) => w.id === script.id)).map((script) => script.id);
  const changed = wanted.filter((w) => {
    const now = existing.find((script) => script.id === w.id);
    return now && !same([w.matches, w.excludeMatches ?? [], w.js], [now.matches, now.excludeMatches ?? [], now.js]);
  });
  const added = wanted.filter((w) => !existing.some((script) => script.id === w.id));
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale });
  if (changed.length > 0) await browser.scripting.updateContentScripts(changed);
  if (added.length > 0) await browser.scripting.registerContentScripts(added);
}

/** `before` undefined: every tab that runs the content script gets it. */
async function startInChangedTabs(before: SiteSettings | undefined, after: SiteSettings): Promise<void> {
  const tabs = await browser.tabs.query({ url: WEB_PAGES });
  await Promise.all(
    tabs.map(async (tab) => {
      const hostname = tab.url ? new URL(tab.url).hostname : undefined;
      if (tab.id === undefined || hostname === undefined) return;
      const now = registrationFor(after, hostname);
      if (now === 'none' || (before && now === registrationFor(before, hostname))) return;
      // A tab the browser will not script (a discarded one, say) starts when it is next loaded.
      await browser.scripting.executeScript({ target: { tabId: tab.id }, files: REGISTRATION_FILES[now] }).catch(() => undefined);
    }),
  );
}
