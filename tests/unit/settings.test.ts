import { describe, expect, it } from 'vitest';
import { DEFAULTS, MIGRATIONS, SETTINGS_VERSION, readSettings, type Migration } from '../../src/core/settings';
import { decideSite, normalizeSite, siteListed } from '../../src/core/sites';

describe('reading stored settings', () => {
  it('gives the defaults when nothing is stored', () => {
    expect(readSettings(undefined)).toEqual({ settings: DEFAULTS, problems: [] });
  });

  it('keeps every valid field', () => {
    const stored = {
      version: 1,
      topics: { alibaba: false },
      sites: { mode: 'listed', allowed: ['example.com'], blocked: ['spam.example'] },
      highlight: { style: 'underline', colour: '#3366ff', firstOnly: true },
      card: { hoverDelayMs: 800, openOn: 'click', tapToOpen: false, language: 'zh-CN' },
    };
    expect(readSettings(stored)).toEqual({ settings: stored, problems: [] });
  });

  it('reads settings stored before tapping was a setting as tapping on, without a problem', () => {
    const { settings, problems } = readSettings({ version: 1, card: { hoverDelayMs: 800, openOn: 'click', language: 'en' } });
    expect(settings.card).toEqual({ hoverDelayMs: 800, openOn: 'click', tapToOpen: true, language: 'en' });
    expect(problems).toEqual([]);
  });

  it('falls back field by field, keeping the rest, and says what it dropped', () => {
    const { settings, problems } = readSettings({
      version: 1,
      topics: { alibaba: 'no', 'apple-intelligence': false },
      sites: { mode: 'sometimes', allowed: ['example.com', 'not a site', 42], blocked: 'all' },
      highlight: { style: 'underline', colour: 'red; background: url(x)', firstOnly: 1 },
      card: { hoverDelayMs: -5, openOn: 'click', tapToOpen: 'yes', language: 'fr' },
    });
    expect(settings).toEqual({
      version: 1,
      topics: { 'apple-intelligence': false },
      sites: { mode: 'news', allowed: ['example.com'], blocked: [] },
      highlight: { style: 'underline', colour: DEFAULTS.highlight.colour, firstOnly: false },
      card: { hoverDelayMs: 300, openOn: 'click', tapToOpen: true, language: 'article' },
    });
    expect(problems).toHaveLength(10);
    expect(problems).toContain('card.tapToOpen: "yes" is not valid; the default is used');
    expect(problems).toContain('highlight.colour: "red; background: url(x)" is not valid; the default is used');
    expect(problems).toContain('sites.allowed: dropped "not a site"');
  });

  it('treats a section of the wrong type as missing', () => {
    const { settings, problems } = readSettings({ version: 1, card: 'fast', highlight: null });
    expect(settings.card).toEqual(DEFAULTS.card);
    expect(settings.highlight).toEqual(DEFAULTS.highlight);
    expect(problems).toEqual(['highlight: not an object; its defaults are used', 'card: not an object; its defaults are used']);
  });

  it('ignores unknown fields', () => {
    const { settings, problems } = readSettings({ version: 1, theme: 'neon', card: { openOn: 'click', sparkle: true } });
    expect(settings).toEqual({ ...DEFAULTS, card: { ...DEFAULTS.card, openOn: 'click' } });
    expect(problems).toEqual([]);
  });

  it('survives garbage: truncated JSON, arrays, numbers, huge values', () => {
    for (const garbage of ['{"version":1,"card":{', [1, 2], 42, true]) {
      expect(readSettings(garbage).settings).toEqual(DEFAULTS);
      expect(readSettings(garbage).problems).toEqual(['settings: not an object; defaults used']);
    }
    const huge = readSettings({ sites: { blocked: Array.from({ length: 10_000 }, (_, i) => `site${i}.example`) } });
    expect(huge.settings.sites.blocked).toHaveLength(200);
  });

  it('keeps what it can read from a newer version, and says so', () => {
    const { settings, problems } = readSettings({ version: 99, card: { openOn: 'click' } });
    expect(settings.card.openOn).toBe('click');
    expect(problems).toEqual(['settings: version 99 is newer than this extension understands; what it can read is kept']);
  });

  it('runs every migration an old version still needs, in order', () => {
    // The shipped list is empty (version 1 is the first); the mechanism is checked with a made-up history.
    expect(MIGRATIONS).toHaveLength(SETTINGS_VERSION - 1);
    const history: Migration[] = [
      (v1) => ({ ...v1, version: 2, card: { hoverDelayMs: Number(v1.delaySeconds) * 1000 } }),
      (v2) => ({ ...v2, version: 3, card: { ...(v2.card as object), openOn: 'click' } }),
    ];
    const fromV1 = readSettings({ version: 1, delaySeconds: 0.5 }, history);
    expect(fromV1.settings.card).toEqual({ ...DEFAULTS.card, hoverDelayMs: 500, openOn: 'click' });
    const fromV2 = readSettings({ version: 2, card: { hoverDelayMs: 700 } }, history);
    expect(fromV2.settings.card).toEqual({ ...DEFAULTS.card, hoverDelayMs: 700, openOn: 'click' });
    const current = readSettings({ version: 3, card: { hoverDelayMs: 100 } }, history);
    expect(current.settings.card.openOn).toBe('hover');
  });
});

describe('sites', () => {
  it('normalizes what a reader types into a host name', () => {
    expect(normalizeSite('  https://www.Example.com/news?id=1 ')).toBe('example.com');
    expect(normalizeSite('*.bbc.co.uk')).toBe('bbc.co.uk');
    expect(normalizeSite('localhost')).toBe('localhost');
    expect(normalizeSite('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(normalizeSite('例子.中国')).toBe('xn--fsqu00a.xn--fiqs8s');
    for (const bad of ['', 'not a site', 'example', 'http://', 'javascript:alert(1)', '-bad-.com']) {
      expect(normalizeSite(bad), bad).toBeUndefined();
    }
  });

  it('lists a site with its subdomains, not look-alikes', () => {
    expect(siteListed('news.example.com', ['example.com'])).toBe(true);
    expect(siteListed('example.com', ['example.com'])).toBe(true);
    expect(siteListed('badexample.com', ['example.com'])).toBe(false);
  });

  it('decides where to run: blocked first, then the mode', () => {
    const settings = structuredClone(DEFAULTS);
    settings.sites.blocked = ['paused.example'];
    settings.sites.allowed = ['blog.example'];
    const article = () => true;
    const notArticle = () => false;
    expect(decideSite(settings.sites, 'paused.example', article)).toBe('blocked');
    expect(decideSite(settings.sites, 'news.example', article)).toBe('run');
    expect(decideSite(settings.sites, 'shop.example', notArticle)).toBe('not-article');
    expect(decideSite(settings.sites, 'blog.example', notArticle)).toBe('run');
    settings.sites.mode = 'all';
    expect(decideSite(settings.sites, 'shop.example', notArticle)).toBe('run');
    settings.sites.mode = 'listed';
    expect(decideSite(settings.sites, 'news.example', article)).toBe('not-listed');
    expect(decideSite(settings.sites, 'blog.example', notArticle)).toBe('run');
  });
});
