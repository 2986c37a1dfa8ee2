// The curated base in the languages its readers ask in, as data beside claims.json and lexicon.json:
// - translations/<lang>.json: each curated claim's text (statement, answer, claimant, example questions, keywords),
//   translated faithfully; sources and their quotes are not translated (they quote the English report);
// - translations/names.json: the proper names the English claims mention, with their usual forms per language;
// - aliases/<lang>.json: the words and phrases of the language for the lexicon's concepts.
// Every file is checked with zod when it is read; a malformed one stops the load with one line naming the file and
// the field.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readLexicon } from '../matcher/lexicon.js';
import { ClaimId, ClaimInput, ClaimTranslation, describeIssues, Language } from '../schema.js';
import { printable } from '../text.js';

/** The languages the curated base is translated into: every language but English. */
export const TranslatedLanguage = Language.exclude(['en']);
export type TranslatedLanguage = z.infer<typeof TranslatedLanguage>;
export const TRANSLATED_LANGUAGES: readonly TranslatedLanguage[] = TranslatedLanguage.options;

const { statement, answer, claimant, questions, keywords } = ClaimInput.shape;

/** translations/<lang>.json: the curated claims' text in one language, keyed by claim id. */
export const TranslationFile = z.object({ language: TranslatedLanguage, claims: z.record(ClaimId, ClaimTranslation) }).strict();

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/**
 * A proper name of the English claims and its forms per language: the usual one first, then other usual names
 * (official or short forms, the capital where it stands for the country) and the adjective a sentence uses for it
 * ("nord-coréen"). Inflected languages list the nominative; a reader matches them by their stem.
 */
export const NameEntry = z
  .object({
    en: nonEmpty,
    forms: z.record(TranslatedLanguage, z.array(nonEmpty).min(1, 'at least one form')),
  })
  .strict();
export type NameEntry = z.infer<typeof NameEntry>;

/** translations/names.json: the glossary of names, each English name once. */
export const NamesFile = z
  .object({ names: z.array(NameEntry).min(1, 'at least one name') })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.names.forEach((entry, index) => {
      if (seen.has(entry.en)) ctx.addIssue({ code: 'custom', path: ['names', index, 'en'], message: `"${entry.en}" is listed twice` });
      seen.add(entry.en);
    });
  });

const alias = nonEmpty.refine((text) => text === text.toLowerCase(), 'must be lower case (aliases are matched after lower-casing)');

/** aliases/<lang>.json: a language's words and phrases for the lexicon's concepts, keyed by concept term. */
export const AliasesFile = z
  .object({
    language: TranslatedLanguage,
    concepts: z.record(
      z.string(),
      z
        .array(alias)
        .min(1, 'at least one alias')
        .refine((list) => new Set(list).size === list.length, 'lists an alias twice'),
    ),
  })
  .strict();

/** What a curated claim says in English, read from claims.json (its other fields are the store's to check). */
const EnglishClaims = z.array(z.object({ id: ClaimId, statement, answer, claimant, questions, keywords }));

export interface CuratedTranslations {
  /** Each language's text of the curated claims, by claim id; English is claims.json itself. */
  claims: Map<Language, Map<string, ClaimTranslation>>;
  /** The glossary of proper names. */
  names: NameEntry[];
  /** Each language's aliases of the lexicon's concepts, by concept term; English is lexicon.json itself. */
  aliases: Map<Language, Map<string, string[]>>;
}

/** The folder of the curated base: claims.json, lexicon.json, translations/ and aliases/. */
export const CURATED_FOLDER = new URL('./', import.meta.url);

/**
 * Reads and checks the curated base's translations, names and aliases in `folder` (the shipped base by default).
 * Besides each file's shape, it refuses a file whose `language` is not the one it is named for, a translation of a
 * claim id the base does not have, a translation that names a claimant where the English claim names none or the
 * reverse, and aliases of a term lexicon.json does not define. A translation may lack a claim (a new curated claim
 * is answered in English until it is translated).
 */
export function loadCuratedTranslations(folder: URL = CURATED_FOLDER): CuratedTranslations {
  const base = folder.href.endsWith('/') ? folder : new URL(`${folder.href}/`);
  const english = new Map(readChecked(new URL('claims.json', base), EnglishClaims).map(({ id, ...text }) => [id, text]));
  const concepts = readLexicon(new URL('lexicon.json', base));

  const claims = new Map<Language, Map<string, ClaimTranslation>>([['en', english]]);
  const aliases = new Map<Language, Map<string, string[]>>([['en', new Map(concepts.map((c) => [c.term, c.aliases]))]]);
  for (const language of TRANSLATED_LANGUAGES) {
    const translationFile = new URL(`translations/${language}.json`, base);
    const translation = readChecked(translationFile, TranslationFile);
    checkLanguage(translationFile, translation.language, language);
    for (const [id, text] of Object.entries(translation.claims)) {
      const original = english.get(id);
      if (!original) refuse(translationFile, `claims.${id}`, 'no curated claim has this id');
      if (original.claimant !== undefined && text.claimant === undefined) {
        refuse(translationFile, `claims.${id}.claimant`, 'required: the English claim names a claimant');
      }
      if (original.claimant === undefined && text.claimant !== undefined) {
        refuse(translationFile, `claims.${id}.claimant`, 'must be left out: the English claim names no claimant');
      }
    }
    claims.set(language, new Map(Object.entries(translation.claims)));

    const aliasesFile = new URL(`aliases/${language}.json`, base);
    const own = readChecked(aliasesFile, AliasesFile);
    checkLanguage(aliasesFile, own.language, language);
    const terms = new Set(concepts.map((c) => c.term));
    for (const term of Object.keys(own.concepts)) {
      if (!terms.has(term)) refuse(aliasesFile, `concepts.${term}`, 'not a concept of lexicon.json');
    }
    aliases.set(language, new Map(Object.entries(own.concepts)));
  }
  const names = readChecked(new URL('translations/names.json', base), NamesFile).names;
  return { claims, names, aliases };
}

function checkLanguage(file: URL, written: string, named: TranslatedLanguage): void {
  if (written !== named) refuse(file, 'language', `must be "${named}", the language the file is named for`);
}

function refuse(file: URL, field: string, message: string): never {
  throw new Error(printable(`${fileURLToPath(file)}: ${field}: ${message}`, 500));
}

function readChecked<T>(file: URL, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'not valid JSON' : 'cannot be read';
    throw new Error(printable(`${fileURLToPath(file)}: ${reason} (${error instanceof Error ? error.message : String(error)})`, 500));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(describeIssues(parsed.error, fileURLToPath(file))[0]);
  return parsed.data;
}

/** A curated record with its text in each language it is translated into (a record without an id is left as is). */
export function withCuratedTranslations(record: unknown, shipped: CuratedTranslations): unknown {
  if (typeof record !== 'object' || record === null || !('id' in record) || typeof record.id !== 'string') return record;
  const translations: Partial<Record<Language, ClaimTranslation>> = {};
  for (const [language, texts] of shipped.claims) {
    const text = language === 'en' ? undefined : texts.get(record.id);
    if (text) translations[language] = text;
  }
  return { ...record, language: 'en', translations };
}

/** Each language's aliases of the lexicon's concepts, as the search asks for them (none for a language without). */
export function curatedAliases(shipped: CuratedTranslations | null): (language: Language) => ReadonlyMap<string, readonly string[]> {
  return (language) => shipped?.aliases.get(language) ?? new Map<string, string[]>();
}
