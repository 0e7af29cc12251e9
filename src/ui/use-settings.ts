/**
 * The settings as a Preact hook for the popup and the options page: loaded once, saved a moment
 * after each change (see SettingsSaver), and kept in step with changes made elsewhere.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Settings } from '../core/settings';
import { loadSettings, onSettingsChanged, SettingsSaver, type SaveState } from '../shared/settings-store';

export interface SettingsHandle {
  settings: Settings;
  /** What could not be read from storage at load, one line each. */
  problems: string[];
  saveState: SaveState;
  update: (next: Settings) => void;
  /** Writes at once (for changes that must take effect now, like pausing a site). */
  saveNow: (next: Settings) => Promise<void>;
  retry: () => void;
}

export function useSettings(): SettingsHandle | undefined {
  const [loaded, setLoaded] = useState<{ settings: Settings; problems: string[] }>();
  const [saveState, setSaveState] = useState<SaveState>({ status: 'saved' });
  const saver = useMemo(() => new SettingsSaver(setSaveState), []);

  useEffect(() => {
    const stop = new AbortController();
    void loadSettings().then((result) => {
      saver.know(result.settings);
      setLoaded(result);
    });
    onSettingsChanged(
      loadSettings,
      (result) => {
        if (saver.hasPending) return;
        saver.know(result.settings);
        setLoaded((current) => ({ settings: result.settings, problems: current?.problems ?? [] }));
      },
      stop.signal,
    );
    return () => stop.abort();
  }, [saver]);

  if (!loaded) return undefined;
  const update = (next: Settings) => {
    setLoaded({ ...loaded, settings: next });
    saver.save(next);
  };
  return {
    ...loaded,
    saveState,
    update,
    saveNow: async (next) => {
      setLoaded({ ...loaded, settings: next });
      await saver.flushNow(next);
    },
    retry: () => void saver.flush(),
  };
}
