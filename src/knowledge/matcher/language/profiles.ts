// How each language's text becomes words: normalization (width, look-alikes, diacritics, numbers), segmentation
// with Intl.Segmenter (Korean, Japanese and Chinese have no spaces, or spaces that don't separate words), stop
// words from the stopword package, and a stemmer: Snowball for Russian, Spanish, German and French, nlp.js's for
// Ukrainian. Korean and Japanese have no stemmer in those libraries; their endings are stripped from data
// (language/<lang>.json: Korean particles, Japanese okurigana are the kana after a kanji stem).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deu, fra, jpn, kor, rus, spa, ukr, zho } from 'stopword';
import { z } from 'zod';
import type { Language } from '../../schema.js';
import { MAX_QUESTION_CHARS } from '../normalize.js';
import type { CompoundRules } from './compounds.js';
import { koreanVerbStem } from './korean.js';
import { rewriteCjkNumbers, rewriteSpelledNumbers } from './numbers.js';
import { foldLookAlikes, foldWidth } from './scripts.js';

const require = createRequire(import.meta.url);

/** What the analyzer needs of a language. */
export interface LanguageProfile {
  readonly language: Language;
  /** The text's words, normalized and segmented, numbers as digits. */
  words(text: string): string[];
  isStopWord(word: string): boolean;
  stem(word: string): string;
  /** Whether unknown words are offered to typo correction (only where its dictionary and vocabulary are). */
  readonly correctsTypos: boolean;
  /** Phrases that ask for a figure ("how many"): they fold into QUANTITY. */
  readonly quantity: readonly string[];
  /** How compound words are split at the lexicon's words (German, Korean), if they are. */
  readonly compounds?: CompoundRules;
}

const ForeignLanguageFile = z
  .object({
    about: z.string().optional(),
    /** Question words and filler ("is it true that"): stop words beyond the stopword package's. */
    fillers: z.array(z.string()),
    /** Phrases that ask for a figure. */
    quantity: z.array(z.string().min(1)),
    /** Endings stripped from a word when enough of it is left (Korean particles and verb endings). */
    endings: z.array(z.string().min(1)).default([]),
    /** Syllables that start a verb ending after a noun (Korean 하다, 되다): the word's stem is the noun before them. */
    verbSuffixes: z.array(z.string().min(1)).default([]),
    /** How compound words are split at the lexicon's words (language/compounds.ts); absent: they are not. */
    compounds: z
      .object({ part: z.number().int().min(1), known: z.number().int().min(1), links: z.array(z.string().min(1)).default([]) })
      .strict()
      .optional(),
  })
  .strict();

function readLanguageFile(language: Language): z.infer<typeof ForeignLanguageFile> {
  const file = new URL(`./${language}.json`, import.meta.url);
  const parsed = ForeignLanguageFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file.pathname}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

const STOP_LISTS: Record<Exclude<Language, 'en'>, readonly string[]> = {
  ko: kor,
  ja: jpn,
  zh: zho,
  ru: rus,
  uk: ukr,
  es: spa,
  de: deu,
  fr: fra,
};

const SNOWBALL: Partial<Record<Language, string>> = { ru: 'russian', es: 'spanish', de: 'german', fr: 'french' };
/** Latin-script languages whose diacritics are folded (é → e), as English text is: people type them either way. */
const FOLDS_DIACRITICS = new Set<Language>(['es', 'de', 'fr']);
const APOSTROPHES = /['’‘`´ʼ]/g;
const HAN_OR_KATAKANA = /^[\p{Script=Han}\p{Script=Katakana}]/u;
const TRAILING_HIRAGANA = /\p{Script=Hiragana}+$/u;
const WORDISH = /[\p{L}\p{N}]/u;
/** How many texts' words each of the two generations keeps. */
const TEXTS_KEPT = 5_000;
/** The fewest syllables of a noun before a Korean verb ending (실패 in 실패했다). */
const KOREAN_NOUN_SYLLABLES = 2;
/** The fewest syllables a Korean word keeps when an ending is stripped ("명이" → "명", "강을" → "강"). */
const KOREAN_MIN_STEM = 1;
/** The fewest syllables left when a second ending is stripped (러시아로 → 러시아, but 배로 stays). */
const KOREAN_SECOND_STEM = 2;

class ForeignProfile implements LanguageProfile {
  readonly correctsTypos = false;
  readonly quantity: readonly string[];
  readonly compounds?: CompoundRules;
  private readonly segmenter: Intl.Segmenter;
  private readonly stops: Set<string>;
  private readonly endings: readonly string[];
  private readonly verbSuffixes: ReadonlySet<string>;
  private readonly stemmer: ((word: string) => string) | null;
  private readonly stems = new Map<string, string>();
  private texts = new Map<string, string[]>();
  private olderTexts = new Map<string, string[]>();

  constructor(readonly language: Exclude<Language, 'en'>) {
    const data = readLanguageFile(language);
    this.segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    // Stop words go through the same normalization as the text, so "où" and "ou" are both found.
    this.stops = new Set([...STOP_LISTS[language], ...data.fillers].flatMap((w) => this.segment(this.normalize(w))));
    this.quantity = data.quantity;
    if (data.compounds) this.compounds = data.compounds;
    this.endings = [...data.endings].sort((a, b) => b.length - a.length);
    this.verbSuffixes = new Set(data.verbSuffixes);
    const snowball = SNOWBALL[language];
    // The stemmers load with the first profile that needs them, not with the bot (a tenth of a second at start-up).
    if (snowball) {
      const stemmer = (require('snowball-stemmers') as typeof import('snowball-stemmers')).newStemmer(snowball);
      this.stemmer = (w) => stemmer.stem(w);
    } else if (language === 'uk') {
      const { StemmerUk } = require('@nlpjs/lang-uk') as typeof import('@nlpjs/lang-uk');
      const stemmer = new StemmerUk();
      this.stemmer = (w) => stemmer.stemWord(w);
    } else this.stemmer = null;
  }

  words(text: string): string[] {
    // The same texts (a claim's statement, its example questions) are read again for every question: segmenting
    // is the slow part, so each text's words are kept, in two generations that bound the memory.
    let words = this.texts.get(text) ?? this.olderTexts.get(text);
    if (words) return [...words];
    words = rewriteSpelledNumbers(this.language, this.segment(this.normalize(text)), (t) => this.segment(this.normalize(t)));
    if (this.texts.size >= TEXTS_KEPT) {
      this.olderTexts = this.texts;
      this.texts = new Map();
    }
    this.texts.set(text, words);
    return [...words];
  }

  isStopWord(word: string): boolean {
    return this.stops.has(word);
  }

  stem(word: string): string {
    if (/^\d+$/.test(word)) return word;
    let stem = this.stems.get(word);
    if (stem !== undefined) return stem;
    stem = this.stemOf(word);
    if (this.stems.size > 20_000) this.stems.clear();
    this.stems.set(word, stem);
    return stem;
  }

  private stemOf(word: string): string {
    if (this.stemmer) return this.stemmer(word) || word;
    if (this.language === 'ja' && HAN_OR_KATAKANA.test(word)) return word.replace(TRAILING_HIRAGANA, '') || word;
    if (this.language === 'ko') {
      const chars = [...word];
      // A Sino-Korean noun and its verb ending: 실패했다며, 약속했는데, 승인된 → 실패, 약속, 승인.
      for (let cut = KOREAN_NOUN_SYLLABLES; cut < chars.length; cut++) {
        if (this.verbSuffixes.has(chars[cut]!) || this.verbSuffixes.has(chars.slice(cut, cut + 2).join(''))) return chars.slice(0, cut).join('');
      }
      // A native verb (줬다, 보냈어, 쐈지 → 주, 보내, 쏘).
      const verb = koreanVerbStem(word);
      if (verb) return verb;
      // Particles and endings, twice where enough is left (러시아로부터 → 러시아로 → 러시아).
      const once = this.withoutEnding(chars, KOREAN_MIN_STEM);
      return once ? (this.withoutEnding(once, KOREAN_SECOND_STEM) ?? once).join('') : word;
    }
    return word;
  }

  /** The word without the longest of the language's endings it ends in, when `least` syllables are left. */
  private withoutEnding(chars: readonly string[], least: number): string[] | null {
    const word = chars.join('');
    for (const ending of this.endings) {
      const length = [...ending].length;
      if (word.endsWith(ending) && chars.length - length >= least) return chars.slice(0, chars.length - length);
    }
    return null;
  }

  private normalize(input: string): string {
    let text = foldLookAlikes(foldWidth(input.slice(0, MAX_QUESTION_CHARS), this.language));
    if (FOLDS_DIACRITICS.has(this.language))
      text = text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .normalize('NFC');
    if (this.language === 'ru') text = text.replace(/ё/g, 'е');
    if (this.language === 'ko' || this.language === 'ja' || this.language === 'zh') text = rewriteCjkNumbers(text);
    // Thousands separators inside numbers: 10,000 / 10.000 / 10 000 → 10000.
    text = text.replace(/(\d{1,3})(?:[,.\u00a0\u202f ](\d{3}))+(?!\d)/g, (m) => m.replace(/[^\d]/g, ''));
    return text.replace(APOSTROPHES, ' ');
  }

  private segment(text: string): string[] {
    const out: string[] = [];
    for (const { segment, isWordLike } of this.segmenter.segment(text)) {
      if (!isWordLike && !(WORDISH.test(segment) && segment.trim())) continue;
      // A figure and the counter or particle written onto it ("10000명이", "10000人") are separate words.
      if (/\d/.test(segment) && /\D/.test(segment)) out.push(...segment.split(/(\d+)/).filter(Boolean));
      else out.push(segment);
    }
    return out;
  }
}

const profiles = new Map<Language, LanguageProfile>();

/** The profile of a language other than English (English is the analyzer's own, src/knowledge/matcher/normalize.ts). */
export function languageProfile(language: Exclude<Language, 'en'>): LanguageProfile {
  let profile = profiles.get(language);
  if (!profile) profiles.set(language, (profile = new ForeignProfile(language)));
  return profile;
}
