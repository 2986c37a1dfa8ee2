// The curated claim base shipped with the bot, curated from the seed news report.
import { readFileSync } from 'node:fs';

/** Where the curated claims live; the store syncs this file into the database at start-up. */
export const CURATED_CLAIMS_FILE = new URL('./claims.json', import.meta.url);

export function readCuratedFile(file: URL | string = CURATED_CLAIMS_FILE): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * The curated base's lexicon (aliases of its entities and words, as data). The curated base answers in every server,
 * so its aliases apply to every question; a server's own aliases are its claims' keywords, seen only there.
 */
export const CURATED_LEXICON_FILE = new URL('./lexicon.json', import.meta.url);

export {
  AliasesFile,
  CURATED_FOLDER,
  curatedAliases,
  loadCuratedTranslations,
  withCuratedTranslations,
  NameEntry,
  NamesFile,
  TRANSLATED_LANGUAGES,
  TranslatedLanguage,
  TranslationFile,
  type CuratedTranslations,
} from './translations.js';
