/**
 * Visible strings come from `_locales` (en, zh_CN). The reader may pick the card's language apart
 * from the browser's, and `browser.i18n` only speaks the browser's, so both message files are
 * loaded once per context (see shared/facts.ts) and looked up here. Formatting of figures and
 * dates lives here too, so every context writes them alike.
 */
import type en from '../../assets/_locales/en/messages.json';
import type { Language } from '../core/pack';
import type { CardLanguage } from '../core/settings';
import { browser } from './browser-api';

export type MessageKey = keyof typeof en;
export type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
export type MessageBundles = Record<Language, Messages>;
let MESSAGES: MessageBundles = { en: {}, 'zh-CN': {} };

/** Installs the message files; until then `message()` answers with the key. */
export function setMessages(bundles: MessageBundles): void {
  MESSAGES = bundles;
}

/** The language to show: the reader's choice, or the browser's where the extension has it. */
export function resolveLanguage(choice: CardLanguage = 'browser'): Language {
  if (choice !== 'browser') return choice;
  return browser.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** A `_locales` message in `language`, with `$1`… substituted as `browser.i18n.getMessage` would. */
export function message(key: MessageKey, substitutions: string[] = [], language: Language = resolveLanguage()): string {
  const entry = MESSAGES[language][key] ?? MESSAGES.en[key];
  if (!entry) return key;
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
    return content.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
  });
}

/** `2025-02` → "Feb 2025" (en) or "2025年2月" (zh-CN). */
export function formatAsOf(date: string, language: Language): string {
  const [year, month = 1, day] = date.split('-').map(Number);
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', timeZone: 'UTC' };
  if (day) options.day = 'numeric';
  return new Intl.DateTimeFormat(language, options).format(Date.UTC(year!, month - 1, day ?? 1));
}

/** `-11.1` → "-11.1%", `4` → "+4%". */
export function formatPercent(value: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(value / 100);
}
