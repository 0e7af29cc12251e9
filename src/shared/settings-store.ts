/**
 * The settings in `storage.sync`, kept inside its quotas (8 KB an item, 120 writes a minute):
 * the site lists are items of their own so that neither they nor the rest outgrow an item, and
 * writes are gathered and spaced. A write that fails is reported and retried with the next
 * change; the settings in hand are never lost.
 */
import { readSettings, type ReadResult, type Settings } from '../core/settings';
import { browser } from './browser-api';
import { message } from './i18n';

const KEYS = { main: 'settings', allowed: 'sites.allowed', blocked: 'sites.blocked' } as const;
const ITEM_QUOTA_BYTES = 8192;
const GATHER_MS = 300;
/** 120 writes a minute is the limit; one write holds up to three items. */
const MIN_SPACING_MS = 1600;

export async function loadSettings(): Promise<ReadResult> {
  const stored = await browser.storage.sync.get(Object.values(KEYS));
  return readSettings(assemble(stored));
}

/** Calls back with the new settings whenever they change in storage (from any context). */
export function onSettingsChanged(callback: (result: ReadResult) => void, signal?: AbortSignal): void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'sync' && Object.values(KEYS).some((key) => key in changes)) void loadSettings().then(callback);
  };
  browser.storage.onChanged.addListener(listener);
  signal?.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
}

/** Puts the stored items back into one object for `readSettings` to check, bad parts included. */
function assemble(stored: Record<string, unknown>): unknown {
  const main = stored[KEYS.main] ?? {};
  if (typeof main !== 'object' || main === null || Array.isArray(main)) return main;
  const sites = (main as { sites?: unknown }).sites;
  return {
    ...main,
    sites: { ...(typeof sites === 'object' && sites !== null ? sites : {}), allowed: stored[KEYS.allowed], blocked: stored[KEYS.blocked] },
  };
}

export function toItems(settings: Settings): Record<string, unknown> {
  const { allowed, blocked, ...sites } = settings.sites;
  return { [KEYS.main]: { ...settings, sites }, [KEYS.allowed]: allowed, [KEYS.blocked]: blocked };
}

export type SaveState = { status: 'saved' } | { status: 'saving' } | { status: 'failed'; error: string };

/** Saves settings a moment after the last change, changed items only, and says how it went. */
export class SettingsSaver {
  private pending: Settings | undefined;
  private written: Record<string, string> = {};
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastWrite = 0;

  constructor(private readonly onState: (state: SaveState) => void) {}

  /** Whether a change is waiting to be written (or failed to be). */
  get hasPending(): boolean {
    return this.pending !== undefined;
  }

  /** What is in storage now, so that unchanged items are not written again. */
  know(settings: Settings): void {
    this.written = serialize(toItems(settings));
  }

  save(settings: Settings): void {
    this.pending = settings;
    this.onState({ status: 'saving' });
    clearTimeout(this.timer);
    const wait = Math.max(GATHER_MS, this.lastWrite + MIN_SPACING_MS - Date.now());
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  /** Takes `settings` and writes at once (pausing a site, "Reset to defaults"). */
  flushNow(settings: Settings): Promise<void> {
    this.pending = settings;
    return this.flush();
  }

  /** Writes what is pending now (also: "Try again" after a failure). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    const settings = this.pending;
    if (!settings) return;
    const items = serialize(toItems(settings));
    const changed = Object.fromEntries(Object.entries(items).filter(([key, json]) => this.written[key] !== json));
    const tooBig = Object.entries(changed).find(([key, json]) => key.length + json.length > ITEM_QUOTA_BYTES);
    if (tooBig) {
      const what = message(tooBig[0] === KEYS.allowed ? 'itemAllowedSites' : tooBig[0] === KEYS.blocked ? 'itemBlockedSites' : 'itemSettings');
      this.onState({ status: 'failed', error: message('saveTooLong', [what, String(tooBig[1].length), String(ITEM_QUOTA_BYTES)]) });
      return;
    }
    this.lastWrite = Date.now();
    try {
      if (Object.keys(changed).length > 0) await browser.storage.sync.set(Object.fromEntries(Object.entries(changed).map(([k, json]) => [k, JSON.parse(json)])));
      Object.assign(this.written, changed);
      if (this.pending === settings) this.pending = undefined;
      this.onState({ status: 'saved' });
    } catch (error) {
      this.onState({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  }
}

function serialize(items: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(items).map(([key, value]) => [key, JSON.stringify(value)]));
}
