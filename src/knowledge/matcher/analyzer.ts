// Turns text into matching terms: normalized words, multi-word entities folded to one term, stop words dropped,
// synonyms mapped to one concept, everything else stemmed. Questions and claims go through the same analyzer.
import { stemmer } from 'stemmer';
import { CONCEPTS, QUANTITY, STOP_WORDS, type Concept } from './lexicon.js';
import { normalizeText, tokenize } from './normalize.js';

/** A term of a question, with the terms that satisfy it and how much credit each gives (0..1). */
export interface QueryTerm {
  term: string;
  alternatives: Array<{ term: string; credit: number }>;
  /** See Concept.actor and Concept.required. */
  actor?: boolean;
  required?: boolean;
}

/** Turns an unknown word into a known one (typo tolerance), or null. */
export type WordCorrector = (word: string) => string | null;

/** Credit for a term reached through a broader concept (Putin counts towards Russia). */
const BROADER_CREDIT = 0.7;
/** Credit for a word that was spelled differently from the base's vocabulary. */
export const CORRECTED_CREDIT = 0.85;
const MAX_PHRASE_WORDS = 6;

interface PhraseEntry {
  concept: Concept;
}

export class Analyzer {
  private readonly phrases = new Map<string, PhraseEntry>();
  /** The same phrases by the stems of their words, so "threatens" finds the alias "threaten". */
  private readonly stemmedPhrases = new Map<string, PhraseEntry>();
  private readonly conceptByTerm = new Map<string, Concept>();
  /** Every word that appears in a concept alias: known vocabulary even before any claim is indexed. */
  readonly lexiconWords: ReadonlySet<string>;

  constructor(concepts: Concept[] = CONCEPTS) {
    const words = new Set<string>();
    for (const concept of concepts) {
      this.conceptByTerm.set(concept.term, concept);
      for (const alias of concept.aliases) {
        const key = normalizeText(alias);
        if (key && !this.phrases.has(key)) this.phrases.set(key, { concept });
        const stemmed = tokenize(key).map(stemWord).join(' ');
        if (stemmed && !this.stemmedPhrases.has(stemmed)) this.stemmedPhrases.set(stemmed, { concept });
        for (const w of tokenize(key)) if (!STOP_WORDS.has(w)) words.add(w);
      }
    }
    this.lexiconWords = words;
  }

  /** The words of a text after normalization, before folding: what the typo corrector and autocomplete see. */
  words(text: string): string[] {
    return tokenize(normalizeText(text));
  }

  isStopWord(word: string): boolean {
    return STOP_WORDS.has(word);
  }

  /** Terms of a claim's text (no typo correction: the base's own spelling is the vocabulary). */
  claimTerms(text: string): string[] {
    const out: string[] = [];
    for (const qt of this.analyzeWords(this.words(text), [])) for (const alt of qt.alternatives) out.push(alt.term);
    return out;
  }

  /** Terms of a question; unknown words are offered to `correct` first. */
  queryTerms(text: string, correct?: WordCorrector): QueryTerm[] {
    const words = this.words(text);
    const credits = words.map(() => 1);
    if (correct) {
      words.forEach((word, i) => {
        const fixed = correct(word);
        if (fixed && fixed !== word) {
          words[i] = fixed;
          credits[i] = CORRECTED_CREDIT;
        }
      });
    }
    return mergeTerms(this.analyzeWords(words, credits));
  }

  /** The term a single (already normalized) word stands for, or null for a stop word. */
  termOf(word: string): string | null {
    const phrase = this.phrases.get(word);
    if (phrase) return phrase.concept.term;
    if (STOP_WORDS.has(word)) return null;
    return stemWord(word);
  }

  private analyzeWords(words: string[], credits: number[]): QueryTerm[] {
    const out: QueryTerm[] = [];
    const stems = words.map(stemWord);
    let i = 0;
    while (i < words.length) {
      let matched = 0;
      let entry: PhraseEntry | undefined;
      for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 1; n--) {
        const found = this.phrases.get(words.slice(i, i + n).join(' ')) ?? this.stemmedPhrases.get(stems.slice(i, i + n).join(' '));
        if (found) {
          entry = found;
          matched = n;
          break;
        }
      }
      if (entry) {
        const credit = Math.min(...credits.slice(i, i + matched).map((c) => c ?? 1));
        out.push(this.conceptTerm(entry.concept, credit));
        i += matched;
        continue;
      }
      const word = words[i]!;
      const credit = credits[i] ?? 1;
      i += 1;
      if (STOP_WORDS.has(word) || word.length < 2) continue;
      const term = stems[i - 1]!;
      out.push({ term, alternatives: [{ term, credit }] });
      if (/^\d{2,}$/.test(word)) out.push({ term: QUANTITY, alternatives: [{ term: QUANTITY, credit }], required: true });
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

const stemCache = new Map<string, string>();

function stemWord(word: string): string {
  if (/^\d+$/.test(word)) return word;
  let stem = stemCache.get(word);
  if (stem === undefined) {
    if (stemCache.size > 50_000) stemCache.clear();
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
