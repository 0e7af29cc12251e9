/**
 * The settings in `storage.sync`, kept inside its quotas (8 KB an item, 120 writes a minute):
 * the site lists are items of their own so that neither they nor the rest outgrow an item, and
 * writes are gathered and spaced. A write that fails is reported and retried with the next
 * change; the settings in hand are never lost.
 */
import { isRecord } from '../core/checks';
import { mergeForWrite, readSettings, type ReadResult, type Settings } from '../core/settings';
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

/**
 * Calls back with the new settings whenever they change in storage (from any context), read with
 * `read` (content scripts read through the background; see shared/messages.ts). Of reads that
 * overlap, only the last one's result is passed on, so an older read cannot undo a newer change.
 */
export function onSettingsChanged(read: () => Promise<ReadResult>, callback: (result: ReadResult) => void, signal?: AbortSignal): void {
  let latest = 0;
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'sync' || !Object.values(KEYS).some((key) => key in changes)) return;
    const ticket = ++latest;
    read().then(
      (result) => {
        if (ticket === latest && !signal?.aborted) callback(result);
      },
      (error: unknown) => console.warn('Context Cards could not read the changed settings:', error),
    );
  };
  browser.storage.onChanged.addListener(listener);
  signal?.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
}

/** Puts the stored items back into one object for `readSettings` to check, bad parts included. */
function assemble(stored: Record<string, unknown>): unknown {
  const main = stored[KEYS.main] ?? {};
  if (!isRecord(main)) return main;
  return { ...main, sites: { ...(isRecord(main.sites) ? main.sites : {}), allowed: stored[KEYS.allowed], blocked: stored[KEYS.blocked] } };
}

/** The stored items of a settings object (Settings, or what `mergeForWrite` made of one). */
export function toItems(settings: Settings | Record<string, unknown>): Record<string, unknown> {
  const { allowed, blocked, ...sites } = (settings as Settings).sites;
  return { [KEYS.main]: { ...settings, sites }, [KEYS.allowed]: allowed, [KEYS.blocked]: blocked };
}

export type SaveState = { status: 'saved' } | { status: 'saving' } | { status: 'failed'; error: string };

/**
 * Saves settings a moment after the last change, and says how it went. Only what the reader
 * changed is written, over what storage holds at the time (see mergeForWrite), and only the
 * items that end up different.
 */
export class SettingsSaver {
  private pending: Settings | undefined;
  /** The settings as last read from storage or written to it: what the reader's changes are measured from. */
  private known: Settings | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastWrite = 0;

  constructor(private readonly onState: (state: SaveState) => void) {}

  /** Whether a change is waiting to be written (or failed to be). */
  get hasPending(): boolean {
    return this.pending !== undefined;
  }

  /** What is in storage now, as read: the changes written later are the differences from it. */
  know(settings: Settings): void {
    this.known = settings;
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
    try {
      const stored = await browser.storage.sync.get(Object.values(KEYS));
      const items = serialize(toItems(mergeForWrite(assemble(stored), this.known, settings)));
      const now = serialize(stored);
      const changed = Object.entries(items).filter(([key, json]) => now[key] !== json);
      const tooBig = changed.find(([key, json]) => key.length + json.length > ITEM_QUOTA_BYTES);
      if (tooBig) {
        const what = message(
          tooBig[0] === KEYS.allowed ? 'itemAllowedSites' : tooBig[0] === KEYS.blocked ? 'itemBlockedSites' : 'itemSettings',
        );
        this.onState({ status: 'failed', error: message('saveTooLong', [what, String(tooBig[1].length), String(ITEM_QUOTA_BYTES)]) });
        return;
      }
      this.lastWrite = Date.now();
      if (changed.length > 0) await browser.storage.sync.set(Object.fromEntries(changed.map(([key, json]) => [key, JSON.parse(json)])));
      this.known = settings;
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
