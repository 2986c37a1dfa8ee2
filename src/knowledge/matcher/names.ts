// Names in a question: words that name a country or its people (from the world-countries data: "china",
// "iranian", "belarus"), and words written with a capital inside a sentence ("Did Tehran…", "…to Minsk"). A name
// the base has never seen says the question is about someone else, which a plain new word does not.
import { createRequire } from 'node:module';
import { normalizeWords } from './normalize.js';

interface Country {
  name: { common: string };
  demonyms?: Record<string, { f: string; m: string }>;
}

let places: ReadonlySet<string> | null = null;

/** Single-word country names and demonyms in English, normalized ("north korea" is two words: not here). */
export function placeWords(): ReadonlySet<string> {
  if (places) return places;
  const countries = createRequire(import.meta.url)('world-countries/countries.json') as Country[];
  const words = new Set<string>();
  for (const country of countries) {
    const names = [country.name.common, country.demonyms?.eng?.m, country.demonyms?.eng?.f];
    for (const name of names) {
      const normalized = normalizeWords(name ?? '');
      if (normalized.length === 1) words.add(normalized[0]!);
    }
  }
  return (places = words);
}

/** The words of a text that name a country or its people ("iran", "chinese"). */
export function placeNames(sentences: readonly string[]): string[] {
  const place = placeWords();
  return sentences.flatMap((s) => normalizeWords(s).filter((w) => place.has(w)));
}

/** The words of a text that are names: country names and demonyms, and words capitalized inside a sentence. */
export function nameWords(sentences: readonly string[]): string[] {
  const out: string[] = [];
  const place = placeWords();
  for (const sentence of sentences) {
    const words = sentence.split(/[^\p{L}\p{N}'’-]+/u).filter(Boolean);
    const shouting = words.filter((w) => /^\p{Lu}{2,}$/u.test(w)).length > words.length / 2;
    words.forEach((word, i) => {
      const normalized = normalizeWords(word)[0];
      if (!normalized) return;
      if (place.has(normalized) || (!shouting && i > 0 && /^\p{Lu}/u.test(word))) out.push(normalized);
    });
  }
  return out;
}
