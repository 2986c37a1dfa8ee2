// Turns text into matching terms: normalized words, multi-word entities folded to one term, stop words dropped,
// synonyms mapped to one concept, everything else stemmed. Questions and claims go through the same analyzer.
import { stemmer } from 'stemmer';
import { CURATED_LEXICON_FILE } from '../curated/index.js';
import { LANGUAGE_CONCEPTS, QUANTITY, readLexicon, STOP_WORDS, type Concept } from './lexicon.js';
import { CompoundSplitter } from './language/compounds.js';
import type { LanguageProfile } from './language/profiles.js';
import { normalizeWords } from './normalize.js';
import type { Span } from './flow.js';

/** A term of a question, with the terms that satisfy it and how much credit each gives (0..1). */
export interface QueryTerm {
  term: string;
  alternatives: Array<{ term: string; credit: number }>;
  /** See Concept.actor and Concept.required. */
  actor?: boolean;
  required?: boolean;
}

/** A known word standing for an unknown one, and the credit it gives (a typo's correction, a related word). */
export interface Correction {
  word: string;
  credit: number;
}
/** Turns an unknown word into a known one (typo tolerance, paraphrase), or null. */
export type WordCorrector = (word: string) => Correction | null;

/** Credit for a term reached through a broader concept (Putin counts towards Russia). */
const BROADER_CREDIT = 0.7;
/** Credit for a word that was spelled differently from the base's vocabulary. */
export const CORRECTED_CREDIT = 0.85;
/** Credit for a base's word that WordNet relates to a word of the question the base does not use. */
export const RELATED_CREDIT = 0.6;
const MAX_PHRASE_WORDS = 6;
/** A number of two or more digits: a figure, which also stands for QUANTITY. */
const NUMBER = /^\d{2,}$/;
const DIGITS = /^\d+$/;

interface WordInfo {
  stop: boolean;
  /** Whether the word is vocabulary for typo correction and prefixes: neither a stop word nor a figure. */
  vocabulary: boolean;
  /** The word itself for a stop word, else its stem. */
  stem: string;
  /** The most words of an alias that starts with this word or its stem (0: none). */
  longest: number;
}

interface PhraseEntry {
  concept: Concept;
}

export class Analyzer {
  private readonly phrases = new Map<string, PhraseEntry>();
  /** The same phrases by the stems of their words, so "threatens" finds the alias "threaten". */
  private readonly stemmedPhrases = new Map<string, PhraseEntry>();
  /** The longest alias starting with a given word (or stem), so most words try no phrase at all. */
  private readonly longestFrom = new Map<string, number>();
  private readonly conceptByTerm = new Map<string, Concept>();
  private infos = new Map<string, WordInfo>();
  private olderInfos = new Map<string, WordInfo>();
  /** Every word that appears in a concept alias: known vocabulary even before any claim is indexed. */
  readonly lexiconWords: ReadonlySet<string>;
  /** Splits a language's compound words at the lexicon's words (German, Korean; never English). */
  private readonly compounds: CompoundSplitter | undefined;

  /**
   * `profile`: how another language than English is normalized, segmented and stemmed (language/profiles.ts);
   * without one, the analysis is English's (normalize.ts, the stemmer and stop words of lexicon.ts).
   */
  constructor(
    concepts: readonly Concept[] = defaultConcepts(),
    readonly profile?: LanguageProfile,
  ) {
    const words = new Set<string>();
    for (const concept of concepts) {
      this.conceptByTerm.set(concept.term, concept);
      for (const alias of concept.aliases) {
        const aliasWords = this.words(alias);
        const key = aliasWords.join(' ');
        if (key && !this.phrases.has(key)) this.phrases.set(key, { concept });
        const stems = aliasWords.map((w) => (this.isStopWord(w) ? w : this.stem(w)));
        const stemmed = stems.join(' ');
        if (stemmed && !this.stemmedPhrases.has(stemmed)) this.stemmedPhrases.set(stemmed, { concept });
        const length = stems.length;
        for (const first of [aliasWords[0], stems[0]]) {
          if (first) this.longestFrom.set(`${first}`, Math.max(length, this.longestFrom.get(first) ?? 0));
        }
        for (const w of aliasWords) if (!this.isStopWord(w)) words.add(w);
      }
    }
    this.lexiconWords = words;
    const rules = profile?.compounds;
    // Set once the lexicon's words are known (the aliases themselves are read whole).
    this.compounds = rules && profile ? new CompoundSplitter(words, (w) => profile.stem(w), rules) : undefined;
  }

  /** The words of a text after normalization, before folding: what the typo corrector and autocomplete see. */
  words(text: string): string[] {
    if (!this.profile) return normalizeWords(text);
    const words = this.profile.words(text);
    return this.compounds ? this.compounds.split(words) : words;
  }

  isStopWord(word: string): boolean {
    return this.profile ? this.profile.isStopWord(word) : STOP_WORDS.has(word);
  }

  /** Whether unknown words may be corrected as typos (English only: its dictionary guards the correction). */
  get correctsTypos(): boolean {
    return !this.profile;
  }

  /**
   * Where each term of some words stands: its terms (a concept with its broader ones, or a stem) and the span of
   * words it covers, in order. Stop words are no term.
   */
  spans(words: string[]): Span[] {
    const { items, starts, ends } = this.scan(words);
    return items.map((item, k) => ({
      terms: typeof item === 'string' ? [item] : [item.term, ...(item.broader ?? []).filter((b) => this.conceptByTerm.has(b))],
      start: starts[k]!,
      end: ends[k]!,
    }));
  }

  /** Terms of a claim's text (no typo correction: the base's own spelling is the vocabulary). */
  claimTerms(text: string): string[] {
    return this.claimText(text).terms;
  }

  /**
   * A claim text's terms, normalized once; every term a concept stands for is included. `inner` holds the
   * stems of the words a concept folded ("air defence" → airdefence, inner air, defenc): autocomplete finds the claim
   * by them as typed. `vocabulary` holds its words that are neither stop words nor figures, as written.
   */
  claimText(text: string): { terms: string[]; inner: string[]; vocabulary: string[] } {
    const words = this.words(text);
    const terms: string[] = [];
    const inner: string[] = [];
    const vocabulary: string[] = [];
    const { items, starts, ends, infos } = this.scan(words);
    for (let w = 0; w < words.length; w++) if (infos[w]!.vocabulary) vocabulary.push(words[w]!);
    for (let k = 0; k < items.length; k++) {
      const item = items[k]!;
      if (typeof item === 'string') {
        terms.push(item);
        if (NUMBER.test(item)) terms.push(QUANTITY);
        continue;
      }
      terms.push(item.term);
      for (const broader of item.broader ?? []) if (this.conceptByTerm.has(broader)) terms.push(broader);
      for (let w = starts[k]!; w < ends[k]!; w++) {
        const word = words[w]!;
        if (word.length >= 2 && !this.isStopWord(word)) inner.push(this.stem(word));
      }
    }
    return { terms, inner, vocabulary };
  }

  /** Terms of a question; unknown words are offered to `correct` first. */
  queryTerms(text: string, correct?: WordCorrector): QueryTerm[] {
    const words = this.words(text);
    const credits = words.map(() => 1);
    if (correct) {
      words.forEach((word, i) => {
        const fixed = correct(word);
        if (fixed && fixed.word !== word) {
          words[i] = fixed.word;
          credits[i] = fixed.credit;
        }
      });
    }
    return mergeTerms(this.analyzeWords(words, credits));
  }

  /** A word's stem (numbers are kept as they are). */
  stem(word: string): string {
    return this.profile ? this.profile.stem(word) : stemWord(word);
  }

  /** The term a single (already normalized) word stands for, or null for a stop word. */
  termOf(word: string): string | null {
    const phrase = this.phrases.get(word);
    if (phrase) return phrase.concept.term;
    if (this.isStopWord(word)) return null;
    return this.stem(word);
  }

  /**
   * Walks the words once, folding the longest alias at each position into its concept. Returns, in order, each
   * concept (with the span of words it covers) or the stem of each remaining word that is not a stop word.
   * Plain loops, no callbacks: this runs over every word of every claim when the index is built.
   */
  /** What scanning needs of a word, looked up once per word (the same words recur across every claim). */
  private info(word: string): WordInfo {
    let info = this.infos.get(word) ?? this.olderInfos.get(word);
    if (info) return info;
    const stop = this.isStopWord(word);
    const stem = stop ? word : this.stem(word);
    info = {
      stop,
      vocabulary: !stop && !DIGITS.test(word),
      stem,
      longest: Math.max(this.longestFrom.get(word) ?? 0, this.longestFrom.get(stem) ?? 0),
    };
    // Two generations of 20,000 words: the words in use stay, memory stays bounded.
    if (this.infos.size >= 20_000) {
      this.olderInfos = this.infos;
      this.infos = new Map();
    }
    this.infos.set(word, info);
    return info;
  }

  private scan(words: string[]): { items: Array<Concept | string>; starts: number[]; ends: number[]; infos: WordInfo[] } {
    const items: Array<Concept | string> = [];
    const starts: number[] = [];
    const ends: number[] = [];
    // Stop words keep their form: they are most of the words, and no stemmed alias needs them stemmed.
    const stems = new Array<string>(words.length);
    const infos = new Array<WordInfo>(words.length);
    for (let k = 0; k < words.length; k++) {
      const info = this.info(words[k]!);
      infos[k] = info;
      stems[k] = info.stem;
    }
    let i = 0;
    while (i < words.length) {
      const word = words[i]!;
      const info = infos[i]!;
      let matched = 0;
      let entry: PhraseEntry | undefined;
      const longest = info.longest;
      for (let n = Math.min(longest, MAX_PHRASE_WORDS, words.length - i); n >= 1; n--) {
        const found =
          n === 1
            ? (this.phrases.get(word) ??
              this.stemmedPhrases.get(stems[i]!) ??
              // A word's stem may be an alias as written ("김정은한테" → 김정은), where the alias's own stem is not.
              (this.profile ? this.phrases.get(stems[i]!) : undefined))
            : (this.phrases.get(words.slice(i, i + n).join(' ')) ?? this.stemmedPhrases.get(stems.slice(i, i + n).join(' ')));
        if (found) {
          entry = found;
          matched = n;
          break;
        }
      }
      if (entry) {
        items.push(entry.concept);
        starts.push(i);
        ends.push(i + matched);
        i += matched;
        continue;
      }
      // One letter is no word in English; one Han character or Hangul syllable often is (油, 핵).
      if ((word.length >= 2 || (this.profile && !/^[a-z0-9]$/.test(word))) && !info.stop) {
        items.push(stems[i]!);
        starts.push(i);
        ends.push(i + 1);
      }
      i += 1;
    }
    return { items, starts, ends, infos };
  }

  private analyzeWords(words: string[], credits: number[]): QueryTerm[] {
    const out: QueryTerm[] = [];
    const { items, starts, ends } = this.scan(words);
    for (let k = 0; k < items.length; k++) {
      let credit = 1;
      for (let w = starts[k]!; w < ends[k]!; w++) credit = Math.min(credit, credits[w] ?? 1);
      const item = items[k]!;
      if (typeof item !== 'string') {
        out.push(this.conceptTerm(item, credit));
        continue;
      }
      out.push({ term: item, alternatives: [{ term: item, credit }] });
      if (NUMBER.test(item)) out.push({ term: QUANTITY, alternatives: [{ term: QUANTITY, credit }], required: true });
    }
    return out;
  }

  /** True for terms that name a country, organisation or person. */
  isActor(term: string): boolean {
    return this.conceptByTerm.get(term)?.actor === true;
  }

  private conceptTerm(concept: Concept, credit: number): QueryTerm {
    const alternatives = [{ term: concept.term, credit }];
    for (const broader of concept.broader ?? []) {
      if (this.conceptByTerm.has(broader)) alternatives.push({ term: broader, credit: credit * BROADER_CREDIT });
    }
    return { term: concept.term, alternatives, ...(concept.actor ? { actor: true } : {}), ...(concept.required ? { required: true } : {}) };
  }
}

/** The curated base's concepts and the language's own. */
function defaultConcepts(): Concept[] {
  return [...readLexicon(CURATED_LEXICON_FILE), ...LANGUAGE_CONCEPTS];
}

const stemCache = new Map<string, string>();

export function stemWord(word: string): string {
  if (/^\d+$/.test(word)) return word;
  let stem = stemCache.get(word);
  if (stem === undefined) {
    if (stemCache.size > 20_000) stemCache.clear();
    stemCache.set(word, (stem = stemmer(word)));
  }
  return stem;
}

/** One query term per distinct term, keeping the best credit of each alternative. */
function mergeTerms(terms: QueryTerm[]): QueryTerm[] {
  const byTerm = new Map<string, QueryTerm>();
  for (const qt of terms) {
    const existing = byTerm.get(qt.term);
    if (!existing) {
      byTerm.set(qt.term, { ...qt, alternatives: [...qt.alternatives] });
      continue;
    }
    existing.required ||= qt.required;
    for (const alt of qt.alternatives) {
      const same = existing.alternatives.find((a) => a.term === alt.term);
      if (!same) existing.alternatives.push(alt);
      else same.credit = Math.max(same.credit, alt.credit);
    }
  }
  return [...byTerm.values()];
}
