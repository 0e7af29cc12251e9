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
  if (siteListed(hostname, sites.blocked)) return 'blocked';
  switch (sites.mode) {
    case 'all':
      return 'run';
    case 'listed':
      return siteListed(hostname, sites.allowed) ? 'run' : 'not-listed';
    case 'news':
      return looksLikeArticle() || siteListed(hostname, sites.allowed) ? 'run' : 'not-article';
  }
}
