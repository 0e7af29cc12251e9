import { beforeEach, describe, expect, it, vi } from 'vitest';
import en from '../../assets/_locales/en/messages.json';
import zh from '../../assets/_locales/zh_CN/messages.json';
import { DEFAULTS, type Settings } from '../../src/core/settings';

/** `storage.sync` as Chrome enforces it: 8 KB an item, and a failure when told to fail. */
const sync = {
  items: {} as Record<string, unknown>,
  failNext: '',
  async get(keys: string[]) {
    return Object.fromEntries(keys.filter((k) => k in sync.items).map((k) => [k, structuredClone(sync.items[k])]));
  },
  async set(items: Record<string, unknown>) {
    if (sync.failNext) {
      const message = sync.failNext;
      sync.failNext = '';
      throw new Error(message);
    }
    for (const [key, value] of Object.entries(items)) {
      if (key.length + JSON.stringify(value).length > 8192) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
    }
    Object.assign(sync.items, structuredClone(items));
  },
};

vi.mock('../../src/shared/browser-api', () => ({
  browser: {
    storage: { sync, onChanged: { addListener() {}, removeListener() {} } },
    i18n: { getUILanguage: () => 'en-US' },
  },
}));

const { SettingsSaver, loadSettings, toItems } = await import('../../src/shared/settings-store');
// Extension pages install the message files before anything speaks (shared/facts.ts); so does this test.
(await import('../../src/shared/i18n')).setMessages({ en, 'zh-CN': zh });

function withBlocked(count: number): Settings {
  const settings = structuredClone(DEFAULTS);
  settings.sites.blocked = Array.from({ length: count }, (_, i) => `a-rather-long-site-name-for-the-quota-${i}.example`);
  return settings;
}

beforeEach(() => {
  vi.restoreAllMocks();
  sync.items = {};
  sync.failNext = '';
});

describe('the settings store', () => {
  it('round-trips settings through three items', async () => {
    const settings = withBlocked(3);
    settings.card.openOn = 'click';
    await new SettingsSaver(() => {}).flushNow(settings);
    expect(Object.keys(sync.items).sort()).toEqual(['settings', 'sites.allowed', 'sites.blocked']);
    expect(await loadSettings()).toEqual({ settings, problems: [] });
  });

  it('reads the site lists even when the main item is missing', async () => {
    sync.items = { 'sites.blocked': ['example.com'] };
    expect((await loadSettings()).settings.sites.blocked).toEqual(['example.com']);
  });

  it('reports a list too long for one synced item, and writes nothing', async () => {
    const states: unknown[] = [];
    const saver = new SettingsSaver((state) => states.push(state));
    await saver.flushNow(withBlocked(199));
    expect(states.at(-1)).toEqual({
      status: 'failed',
      error: expect.stringMatching(
        /^The list of sites where it never runs is too long to save \(\d+ bytes; the browser allows 8192\)\. Remove some entries\.$/,
      ),
    });
    expect(sync.items).toEqual({});
    expect(saver.hasPending).toBe(true);
  });

  it('reports a failed write, keeps the change, and writes it on retry', async () => {
    const states: unknown[] = [];
    const saver = new SettingsSaver((state) => states.push(state));
    sync.failNext = 'MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded';
    const settings = withBlocked(2);
    await saver.flushNow(settings);
    expect(states.at(-1)).toEqual({ status: 'failed', error: 'MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded' });
    expect(saver.hasPending).toBe(true);
    await saver.flush();
    expect(states.at(-1)).toEqual({ status: 'saved' });
    expect((await loadSettings()).settings).toEqual(settings);
  });

  it('writes only the items that changed', async () => {
    const saver = new SettingsSaver(() => {});
    const settings = withBlocked(2);
    await saver.flushNow(settings);
    const spy = vi.spyOn(sync, 'set');
    await saver.flushNow({ ...settings, card: { ...settings.card, hoverDelayMs: 500 } });
    expect(Object.keys(spy.mock.calls[0]![0])).toEqual(['settings']);
    expect(toItems(settings)['sites.blocked']).toEqual(settings.sites.blocked);
  });

  it('gathers quick changes into one write', async () => {
    vi.useFakeTimers();
    try {
      const spy = vi.spyOn(sync, 'set');
      const saver = new SettingsSaver(() => {});
      for (let delay = 0; delay <= 1000; delay += 50) saver.save({ ...DEFAULTS, card: { ...DEFAULTS.card, hoverDelayMs: delay } });
      await vi.runAllTimersAsync();
      expect(spy).toHaveBeenCalledTimes(1);
      expect((sync.items.settings as Settings).card.hoverDelayMs).toBe(1000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps what a newer version stored when an older one writes, and never lowers the version', async () => {
    // A newer install (version 2) synced this account: a field and a value this version does not know.
    const newer = {
      ...structuredClone(DEFAULTS),
      version: 2,
      card: { ...DEFAULTS.card, language: 'ja', tapToOpen: true },
      reading: { summaries: 'short' },
    };
    sync.items = { settings: { ...newer, sites: { mode: 'news' } }, 'sites.allowed': [], 'sites.blocked': [] };
    const { settings } = await loadSettings();
    expect(settings.card.language).toBe('article'); // not a value this version knows: its default
    const saver = new SettingsSaver(() => {});
    saver.know(settings);
    await saver.flushNow({ ...settings, card: { ...settings.card, hoverDelayMs: 600 } });
    expect(sync.items.settings).toEqual({ ...newer, card: { ...newer.card, hoverDelayMs: 600 }, sites: { mode: 'news' } });
  });

  it('mends what is not valid when the stored settings are its own version', async () => {
    sync.items = { settings: { version: 1, highlight: { style: 'sparkly', colour: '#123456', firstOnly: false } } };
    const { settings } = await loadSettings();
    const saver = new SettingsSaver(() => {});
    saver.know(settings);
    await saver.flushNow({ ...settings, card: { ...settings.card, openOn: 'click' } });
    expect((sync.items.settings as Settings).highlight).toEqual({ style: 'background', colour: '#123456', firstOnly: false });
    expect((sync.items.settings as Settings).card.openOn).toBe('click');
  });
});
