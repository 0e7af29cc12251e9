/**
 * Visible strings come from `_locales` (en, zh_CN); pack text comes in the card's language.
 * Pure formatting helpers live here too, so every context formats figures and dates alike.
 */
import type { Language, Localized } from '../core/pack';
import { browser } from './browser-api';

export type MessageKey = keyof typeof import('../../assets/_locales/en/messages.json');

export function message(key: MessageKey, substitutions?: string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The card speaks the browser's language where the pack has it, English otherwise. */
export function cardLanguage(): Language {
  return browser.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function localized(text: Localized, language: Language): string {
  return text[language];
}

/** `2025-02` → "Feb 2025" (en) or "2025年2月" (zh-CN). */
export function formatAsOf(date: string, language: Language): string {
  const [year, month = 1, day] = date.split('-').map(Number);
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', timeZone: 'UTC' };
  if (day) options.day = 'numeric';
  return new Intl.DateTimeFormat(language, options).format(Date.UTC(year!, month - 1, day ?? 1));
}

/** `-11.1` → "−11.1%", `4` → "+4%". */
export function formatPercent(value: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(value / 100);
}
