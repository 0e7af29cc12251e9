/** Pausing and resuming "this site" from the popup, on the host names news sites really have. */
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/core/settings';
import { isPausedOn, pauseOn, resumeOn, type SiteSettings } from '../../src/core/sites';

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
