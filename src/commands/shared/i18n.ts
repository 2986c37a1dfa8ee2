// The bot's words in each language it speaks: reply text, button labels, embeds' field names, the confidence badge,
// errors, and the commands' names and descriptions as Discord shows them. The texts are i18next resources
// (locales/<lang>.json; a text a language lacks falls back to English). A reply's language is the member's
// Discord locale, then the server's, then English: the router (and the console's --lang) runs each interaction
// `inLanguage(…)`, and views take their words from `t`.
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, readFileSync } from 'node:fs';
import i18next from 'i18next';
import { z } from 'zod';
import { Language, LANGUAGES, type Language as LanguageCode } from '../../knowledge/index.js';

/** A resource file: nested groups of texts, `{{name}}` where a value goes. */
type Resource = { [key: string]: string | Resource };
const Resource: z.ZodType<Resource> = z.lazy(() => z.record(z.string(), z.union([z.string(), Resource])));

function readResource(language: LanguageCode): Resource {
  const file = new URL(`./locales/${language}.json`, import.meta.url);
  if (language !== 'en' && !existsSync(file)) return {};
  const parsed = Resource.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file.pathname}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: readResource(l) }])),
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

const current = new AsyncLocalStorage<LanguageCode>();

/** Runs `work` with replies in `language` (everything it awaits included). */
export function inLanguage<T>(language: LanguageCode, work: () => T): T {
  return current.run(language, work);
}

/** The language replies are in now: the interaction's, or English outside one. */
export function replyLanguageNow(): LanguageCode {
  return current.getStore() ?? 'en';
}

/** A text in the language of the interaction being answered. */
export function t(key: string, values?: Record<string, unknown>): string {
  return i18n.t(key, { ...values, lng: replyLanguageNow() });
}

/** A text in English, whatever the interaction's language (logs, tests, the texts tools compare with). */
export function en(key: string, values?: Record<string, unknown>): string {
  return i18n.t(key, { ...values, lng: 'en' });
}

/** Whether a language has its own text for `key` (no fallback to English). */
export function hasText(language: LanguageCode, key: string): boolean {
  return i18n.exists(key, { lng: language, fallbackLng: false });
}

/** Discord's locales (https://discord.com/developers/docs/reference#locales) for each of the bot's languages. */
export const DISCORD_LOCALES: Record<Exclude<LanguageCode, 'en'>, readonly string[]> = {
  ko: ['ko'],
  ja: ['ja'],
  zh: ['zh-CN', 'zh-TW'],
  ru: ['ru'],
  uk: ['uk'],
  es: ['es-ES', 'es-419'],
  de: ['de'],
  fr: ['fr'],
};

/** The bot's language for a Discord locale ("es-419" → es, "en-GB" → en), or null when it speaks none of it. */
export function languageOfLocale(locale: string | null | undefined): LanguageCode | null {
  if (!locale) return null;
  const found = Language.safeParse(locale.toLowerCase().split('-')[0]);
  return found.success ? found.data : null;
}

/** A reply's language: the member's locale, then the server's, then English. */
export function replyLanguage(locale: string | null | undefined, guildLocale?: string | null): LanguageCode {
  return languageOfLocale(locale) ?? languageOfLocale(guildLocale) ?? 'en';
}

/**
 * A text in every language but English, by Discord locale, for `name_localizations` and `description_localizations`;
 * a language without a text of its own is left out (Discord then shows the English one).
 */
export function localizations(key: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [language, locales] of Object.entries(DISCORD_LOCALES) as Array<[LanguageCode, readonly string[]]>) {
    if (!hasText(language, key)) continue;
    const text = i18n.t(key, { lng: language });
    for (const locale of locales) out[locale] = text;
  }
  return out;
}
