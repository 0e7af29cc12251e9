import { NEWS_SITES } from './news-sites';

/**
 * Which sites Context Cards runs on: the reader's lists hold host names (`example.com` covers
 * `www.example.com` and `news.example.com` too). Pure, so the options page, the content script
 * and the tests agree on what a site is.
 */

export type SiteMode = 'news' | 'all' | 'listed';

/** Where the reader lets it run (part of the settings, core/settings.ts). */
export interface SiteSettings {
  mode: SiteMode;
  /** Used when `mode` is 'listed', and in 'news' besides the articles. Host names, e.g. `example.com` (subdomains included). */
  allowed: string[];
  /** Never scanned, whatever the mode. */
  blocked: string[];
}

/** `https://www.Example.com/news` → `example.com`; undefined when it is not a site. */
export function normalizeSite(input: string): string | undefined {
  const text = input.trim().toLowerCase().replace(/^\*\./, '');
  if (text === '' || /\s/.test(text)) return undefined;
  let hostname: string;
  try {
    hostname = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `http://${text}`).hostname;
  } catch {
    return undefined;
  }
  hostname = hostname.replace(/^www\./, '').replace(/\.$/, '');
  const isName = /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}$/.test(hostname);
  const isLocal = hostname === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[');
  return isName || isLocal ? hostname : undefined;
}

/** Whether `hostname` is one of `sites` or a subdomain of one. */
export function siteListed(hostname: string, sites: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return sites.some((site) => host === site || host.endsWith(`.${site}`));
}

/** Whether the reader paused Context Cards on this host: it, or a site it belongs to, is on the blocked list. */
export function isPausedOn(sites: SiteSettings, hostname: string): boolean {
  return siteListed(hostname, sites.blocked);
}

/**
 * Pauses on this host: its site goes on the blocked list as the lists keep sites (`www.` dropped),
 * so pausing on www.bbc.co.uk pauses news.bbc.co.uk too. Unchanged if the host is not a site.
 */
export function pauseOn(sites: SiteSettings, hostname: string): SiteSettings {
  const site = normalizeSite(hostname);
  if (!site || isPausedOn(sites, hostname)) return sites;
  return { ...sites, blocked: [...sites.blocked, site] };
}

/** Resumes on this host: every blocked entry that covers it goes (bbc.co.uk, for www.bbc.co.uk). */
export function resumeOn(sites: SiteSettings, hostname: string): SiteSettings {
  return { ...sites, blocked: sites.blocked.filter((site) => !siteListed(hostname, [site])) };
}

export type SiteDecision = 'run' | 'blocked' | 'not-article' | 'not-listed';

/** Whether to scan a page, from the reader's settings and whether the page looks like an article. */
export function decideSite(sites: SiteSettings, hostname: string, looksLikeArticle: () => boolean): SiteDecision {
  switch (registrationFor(sites, hostname)) {
    case 'none':
      return isPausedOn(sites, hostname) ? 'blocked' : 'not-listed';
    case 'sites':
      return 'run';
    case 'articles':
      return looksLikeArticle() ? 'run' : 'not-article';
  }
}

/**
 * Which of the content script's two registrations covers a host (background/content-scripts.ts):
 * - 'articles': it runs the cheap "is this an article?" check and, on a page that is not one,
 *   nothing else (no extension API call; docs/ARCHITECTURE.md, decision 3);
 * - 'sites': the reader named this site (or every site), or in "news" mode it is a news site on the
 *   bundled list, so it reads the settings and scans;
 * - 'none': it does not run at all (a paused site, or one off the reader's list).
 */
export type Registration = 'articles' | 'sites' | 'none';

export function registrationFor(sites: SiteSettings, hostname: string): Registration {
  if (siteListed(hostname, sites.blocked)) return 'none';
  switch (sites.mode) {
    case 'all':
      return 'sites';
    case 'listed':
      return siteListed(hostname, sites.allowed) ? 'sites' : 'none';
    case 'news':
      return siteListed(hostname, sites.allowed) || siteListed(hostname, NEWS_SITES) ? 'sites' : 'articles';
  }
}

/** Every web page: what the content script may run on at most. */
export const WEB_PAGES = ['http://*/*', 'https://*/*'];

export interface RegistrationPatterns {
  id: Exclude<Registration, 'none'>;
  matches: string[];
  excludeMatches: string[];
}

/**
 * The match patterns of the registrations, so that the browser itself applies `registrationFor`:
 * a page runs the registration whose patterns match it, and paused sites run nothing. Where a site
 * cannot be written as a pattern (an IPv6 address), it is left out of them. A paused one still gets
 * nothing scanned: awake.js reads the settings before it scans and decides with `decideSite`. An
 * allowed one is not scanned unless its page is an article ("news" mode), or at all ("listed"
 * mode): a limit of the patterns, left as it is for sites named by an IPv6 address.
 */
export function registrationsFor(sites: SiteSettings): RegistrationPatterns[] {
  const blocked = sites.blocked.flatMap(sitePatterns);
  const allowed = sites.allowed.flatMap(sitePatterns);
  const listedSites = allowed.length > 0 ? [{ id: 'sites' as const, matches: allowed, excludeMatches: blocked }] : [];
  switch (sites.mode) {
    case 'all':
      return [{ id: 'sites', matches: WEB_PAGES, excludeMatches: blocked }];
    case 'listed':
      return listedSites;
    case 'news': {
      // The reader's sites and the bundled news sites are scanned without the article check.
      const scannedWithoutCheck = [...new Set([...allowed, ...NEWS_SITES.flatMap(sitePatterns)])];
      return [
        { id: 'articles', matches: WEB_PAGES, excludeMatches: [...blocked, ...scannedWithoutCheck] },
        { id: 'sites', matches: scannedWithoutCheck, excludeMatches: blocked },
      ];
    }
  }
}

/** `example.com` → the patterns of it and its subdomains (as `siteListed` reads a list). */
function sitePatterns(site: string): string[] {
  if (site.startsWith('[')) return [];
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(site)) return [`*://${site}/*`];
  return [`*://${site}/*`, `*://*.${site}/*`];
}
