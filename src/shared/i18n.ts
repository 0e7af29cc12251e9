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

/** What is known of the article's language: its `lang`, and the language of the alias the mention is. */
export interface ArticleLanguage {
  page?: string;
  mention?: Language;
}

/**
 * The language to show: the reader's choice; for "the article's language", Chinese on a Chinese
 * article (its `lang`, or a Chinese alias) and the browser's language elsewhere, as for "browser".
 */
export function resolveLanguage(choice: CardLanguage = 'article', article: ArticleLanguage = {}): Language {
  if (choice === 'en' || choice === 'zh-CN') return choice;
  if (choice === 'article' && (article.mention === 'zh-CN' || isChinese(article.page))) return 'zh-CN';
  return isChinese(browser.i18n.getUILanguage()) ? 'zh-CN' : 'en';
}

function isChinese(tag: string | undefined): boolean {
  return /^zh(-|$)/i.test(tag ?? '');
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

/**
 * A message whose placeholders are filled with parts that may be elements (a figure in <strong>):
 * the message's text around them, in its language's order and punctuation, and the parts between.
 */
export function messageParts<P>(key: MessageKey, parts: P[], language: Language): Array<string | P> {
  const marker = '\u0000';
  const text = message(
    key,
    parts.map((_, i) => `${marker}${i}${marker}`),
    language,
  );
  return text.split(new RegExp(`${marker}(\\d+)${marker}`)).map((piece, i) => (i % 2 === 1 ? parts[Number(piece)]! : piece));
}

/** `2026-11` or `2026-11-05` → "November 2026" (en) or "2026年11月" (zh-CN): the month is what the card needs. */
export function formatMonth(date: string, language: Language): string {
  const [year, month = 1] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(year!, month - 1, 1));
}

/** ["Article 1", "Article 2"] → "Article 1 and Article 2" (en), "报道一和报道二" (zh-CN). */
export function formatList(items: string[], language: Language): string {
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items);
}

/** `-11.1` → "-11.1%", `4` → "+4%". */
export function formatPercent(value: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(value / 100);
}
