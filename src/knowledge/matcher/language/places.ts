// Country names in the languages other than English, from the world-countries data (its translations of each
// country's common name): "중국", "中国", "Китай", "Irán". A country a question names is an actor, as it is in English
// (names.ts), so a claim about another country is never its confident answer. world-countries has no Ukrainian
// names: Ukrainian reads the Russian ones, and the same with і for и (Іран, Китай).
import { createRequire } from 'node:module';
import type { Language } from '../../schema.js';
import type { LanguageProfile } from './profiles.js';

interface Country {
  translations: Record<string, { common: string } | undefined>;
}

const CODES: Partial<Record<Language, string>> = { ko: 'kor', ja: 'jpn', zh: 'zho', ru: 'rus', uk: 'rus', es: 'spa', de: 'deu', fr: 'fra' };

interface Names {
  /** The one-word country names, normalized. */
  words: ReadonlySet<string>;
  /** Their stems. */
  stems: ReadonlySet<string>;
}

const cache = new Map<Language, Names>();

/** The one-word country names of the profile's language, and their stems. */
function placeNamesIn(profile: LanguageProfile): Names {
  let names = cache.get(profile.language);
  if (names) return names;
  const code = CODES[profile.language];
  const countries = code ? (createRequire(import.meta.url)('world-countries/countries.json') as Country[]) : [];
  const words = new Set<string>();
  for (const country of countries) {
    const name = country.translations[code!]?.common ?? '';
    const spellings = profile.language === 'uk' ? [name, name.replace(/и/g, 'і').replace(/И/g, 'І')] : [name];
    for (const spelling of spellings) {
      const found = profile.words(spelling);
      if (found.length === 1 && !profile.isStopWord(found[0]!)) words.add(found[0]!);
    }
  }
  names = { words, stems: new Set([...words].map((w) => profile.stem(w))) };
  cache.set(profile.language, names);
  return names;
}

/** Languages whose adjectives of a country start with its name's stem (китайский, chinesisch, iraní). */
const ADJECTIVES_FROM_NAME = new Set<Language>(['ru', 'uk', 'es', 'de', 'fr']);
/** The fewest letters of a name's stem that an adjective is recognized by. */
const ADJECTIVE_STEM = 4;

const prefixCache = new Map<Language, ReadonlySet<string>>();

/**
 * What a country's adjective starts with: its name, its name's stem, and either but its last letter (china →
 * chin-esisch, Иран → иран-ский).
 */
function adjectivePrefixes(profile: LanguageProfile): ReadonlySet<string> {
  let prefixes = prefixCache.get(profile.language);
  if (prefixes) return prefixes;
  const found = new Set<string>();
  const { words, stems } = placeNamesIn(profile);
  for (const name of [...words, ...stems]) {
    if (name.length >= ADJECTIVE_STEM) found.add(name);
    if (name.length > ADJECTIVE_STEM) found.add(name.slice(0, -1));
  }
  prefixCache.set(profile.language, (prefixes = found));
  return prefixes;
}

/** The words of a text that name a country or its people, in the profile's language ("중국은", "Китая", "chinesische"). */
export function foreignPlaceNames(profile: LanguageProfile, words: readonly string[]): string[] {
  const { stems } = placeNamesIn(profile);
  const prefixes = ADJECTIVES_FROM_NAME.has(profile.language) ? adjectivePrefixes(profile) : null;
  return words.filter((w) => {
    if (profile.isStopWord(w)) return false;
    const stem = profile.stem(w);
    if (stems.has(stem)) return true;
    if (!prefixes) return false;
    for (let n = ADJECTIVE_STEM; n <= stem.length; n++) if (prefixes.has(stem.slice(0, n))) return true;
    return false;
  });
}
