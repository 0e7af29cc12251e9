/**
 * Which sites Context Cards runs on: the reader's lists hold host names (`example.com` covers
 * `www.example.com` and `news.example.com` too). Pure, so the options page, the content script
 * and the tests agree on what a site is.
 */
import type { Settings } from './settings';

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

export type SiteDecision = 'run' | 'blocked' | 'not-article' | 'not-listed';

/** Whether to scan a page, from the reader's settings and whether the page looks like an article. */
export function decideSite(settings: Settings, hostname: string, looksLikeArticle: () => boolean): SiteDecision {
  if (siteListed(hostname, settings.sites.blocked)) return 'blocked';
  switch (settings.sites.mode) {
    case 'all':
      return 'run';
    case 'listed':
      return siteListed(hostname, settings.sites.allowed) ? 'run' : 'not-listed';
    case 'news':
      return looksLikeArticle() || siteListed(hostname, settings.sites.allowed) ? 'run' : 'not-article';
  }
}
