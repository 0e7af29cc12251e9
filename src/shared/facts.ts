/**
 * The facts the extension shows — the fact pack and the strings of both languages — ship once, as
 * files in the package (packs/, _locales/), not bundled into every script that shows them.
 * Extension pages and the background read them with fetch(); the content script asks the
 * background (shared/messages.ts, getFacts), so nothing has to be web-accessible and the content
 * script stays small.
 */
import type { CompiledAliases } from '../core/matcher';
import { BUNDLED_PACK, type Language, type Pack } from '../core/pack';
import { browser } from './browser-api';
import type { MessageBundles } from './i18n';

export interface Facts {
  pack: Pack;
  messages: MessageBundles;
}

/**
 * What a page's content script gets: the facts, and the aliases of the topics it shows compiled
 * by the background (core/matcher.ts, `compileAliases`); null where they are too many to be worth
 * the message, and the page compiles them itself.
 */
export interface PageFacts extends Facts {
  compiledAliases: CompiledAliases | null;
}

const LOCALE_FOLDERS: Record<Language, string> = { en: 'en', 'zh-CN': 'zh_CN' };

/** Reads the facts from the package (extension pages and background only). */
export async function readFacts(): Promise<Facts> {
  const read = async <T>(path: string): Promise<T> => {
    const response = await fetch(browser.runtime.getURL(path));
    if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
    return (await response.json()) as T;
  };
  const languages = Object.keys(LOCALE_FOLDERS) as Language[];
  const [pack, ...bundles] = await Promise.all([
    read<Pack>(BUNDLED_PACK),
    ...languages.map((l) => read<MessageBundles[Language]>(`_locales/${LOCALE_FOLDERS[l]}/messages.json`)),
  ]);
  return { pack, messages: Object.fromEntries(languages.map((l, i) => [l, bundles[i]!])) as MessageBundles };
}
