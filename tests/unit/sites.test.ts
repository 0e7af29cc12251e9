/** Pausing and resuming "this site" from the popup, on the host names news sites really have. */
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/core/settings';
import { decideSite, isPausedOn, pauseOn, registrationFor, registrationsFor, resumeOn, type SiteSettings } from '../../src/core/sites';

const sites = (blocked: string[]): SiteSettings => ({ ...DEFAULTS.sites, blocked });

describe('this site, from the popup', () => {
  it('is paused when the site it belongs to is on the list, www. or not', () => {
    expect(isPausedOn(sites(['bbc.co.uk']), 'www.bbc.co.uk')).toBe(true);
    expect(isPausedOn(sites(['bbc.co.uk']), 'news.bbc.co.uk')).toBe(true);
    expect(isPausedOn(sites(['bbc.co.uk']), 'bbc.co.uk')).toBe(true);
    expect(isPausedOn(sites(['bbc.co.uk']), 'notbbc.co.uk')).toBe(false);
    expect(isPausedOn(sites(['news.bbc.co.uk']), 'www.bbc.co.uk')).toBe(false);
  });

  it('pauses the site without www., which covers its other hosts', () => {
    const paused = pauseOn(sites([]), 'www.bbc.co.uk');
    expect(paused.blocked).toEqual(['bbc.co.uk']);
    expect(isPausedOn(paused, 'news.bbc.co.uk')).toBe(true);
    expect(pauseOn(sites([]), 'news.bbc.co.uk').blocked).toEqual(['news.bbc.co.uk']);
    expect(pauseOn(sites(['bbc.co.uk']), 'www.bbc.co.uk').blocked).toEqual(['bbc.co.uk']); // already paused
  });

  it('resumes by removing every entry that covers the host, and no other', () => {
    expect(resumeOn(sites(['bbc.co.uk', 'example.com']), 'www.bbc.co.uk').blocked).toEqual(['example.com']);
    expect(resumeOn(sites(['bbc.co.uk', 'news.bbc.co.uk']), 'news.bbc.co.uk').blocked).toEqual([]);
    expect(resumeOn(sites(['news.bbc.co.uk']), 'www.bbc.co.uk').blocked).toEqual(['news.bbc.co.uk']);
  });

  it('works on IP addresses and localhost, which have no www.', () => {
    const paused = pauseOn(sites([]), '127.0.0.1');
    expect(paused.blocked).toEqual(['127.0.0.1']);
    expect(isPausedOn(paused, '127.0.0.1')).toBe(true);
    expect(isPausedOn(paused, '127.0.0.10')).toBe(false);
    expect(resumeOn(paused, '127.0.0.1').blocked).toEqual([]);
    expect(pauseOn(sites([]), 'localhost').blocked).toEqual(['localhost']);
  });

  it('leaves the list alone for a host that is not a site', () => {
    expect(pauseOn(sites([]), '').blocked).toEqual([]);
  });
});

describe('the content script registrations', () => {
  /** A match pattern's host part, as the browsers read `*://host/*` and `*://*.host/*`. */
  const matches = (pattern: string, hostname: string) => {
    const host = /^(?:\*|https?):\/\/([^/]+)\/\*$/.exec(pattern)?.[1];
    if (!host) throw new Error(`not a pattern the registrations should hold: ${pattern}`);
    if (host === '*') return true;
    return host.startsWith('*.') ? hostname.endsWith(host.slice(1)) : hostname === host;
  };
  /** The one registration the browser runs on a host ('none' if none); two would run both files. */
  const registrationByPatterns = (sites: SiteSettings, hostname: string) => {
    const running = registrationsFor(sites).filter(
      (r) => r.matches.some((p) => matches(p, hostname)) && !r.excludeMatches.some((p) => matches(p, hostname)),
    );
    expect(running.length, `registrations running on ${hostname}`).toBeLessThanOrEqual(1);
    return running[0]?.id ?? 'none';
  };

  // bbc.co.uk and news.qq.com are on the bundled list of news sites; mail.qq.com, qq.com and notbbc.co.uk are not.
  const hosts = [
    'example.com',
    'www.example.com',
    'news.example.com',
    'example.org',
    'bbc.co.uk',
    'www.bbc.co.uk',
    'news.qq.com',
    'mail.qq.com',
    'localhost',
    '10.0.0.7',
    'other.net',
  ];
  const lists = [[], ['example.com'], ['news.example.com'], ['bbc.co.uk', '10.0.0.7', 'localhost']];
  it.each(['news', 'all', 'listed'] as const)('cover each host as the settings decide, in "%s" mode', (mode) => {
    for (const allowed of lists)
      for (const blocked of lists)
        for (const host of hosts) {
          const sites = { mode, allowed, blocked };
          expect(registrationByPatterns(sites, host), JSON.stringify({ sites, host })).toBe(registrationFor(sites, host));
        }
  });

  it('leave a paused site to nothing, and a listed one to the scan without the article check', () => {
    const sites: SiteSettings = { mode: 'news', allowed: ['example.org'], blocked: ['example.com'] };
    expect(registrationFor(sites, 'www.example.com')).toBe('none');
    expect(registrationFor(sites, 'example.org')).toBe('sites');
    expect(registrationFor(sites, 'other.net')).toBe('articles');
    expect(decideSite(sites, 'www.example.com', () => true)).toBe('blocked');
    expect(decideSite({ ...sites, mode: 'listed' }, 'other.net', () => true)).toBe('not-listed');
  });

  it('scan the news sites on the bundled list and their subdomains without the article check, in "news" mode only', () => {
    const sites: SiteSettings = { ...DEFAULTS.sites, mode: 'news' };
    expect(registrationFor(sites, 'www.reuters.com')).toBe('sites');
    expect(registrationFor(sites, 'news.qq.com')).toBe('sites');
    expect(registrationFor(sites, 'mail.qq.com')).toBe('articles');
    expect(registrationFor({ ...sites, blocked: ['reuters.com'] }, 'www.reuters.com')).toBe('none');
    expect(registrationFor({ ...sites, mode: 'listed' }, 'www.reuters.com')).toBe('none');
    expect(decideSite(sites, 'www.reuters.com', () => false)).toBe('run');
  });

  it('register nothing in "listed" mode with an empty list', () => {
    expect(registrationsFor({ mode: 'listed', allowed: [], blocked: ['example.com'] })).toEqual([]);
  });
});
