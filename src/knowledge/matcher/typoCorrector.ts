// Typo tolerance: maps a word the base has never seen to a known word it is plausibly a misspelling of. Words one
// edit away (a letter left out, added, replaced, or two swapped) are found by trying every such edit of the typed
// word against the vocabulary; for words of 7+ letters with none at one edit, the known words of a similar length
// with the same first letter are compared by edit distance (two at most). Nothing is stored per word beyond its use
// count and its place in one length-and-first-letter bucket, so the vocabulary of a large base stays small.
import { distance } from 'fastest-levenshtein';

const MAX_CACHE = 10_000;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A known word an unknown one is taken for, how many edits apart, and how many claims use it. */
export interface Correction {
  word: string;
  edits: number;
  uses: number;
}

export class TypoCorrector {
  /** Known words and how many claims (or the lexicon) use each. */
  private readonly words = new Map<string, number>();
  /** Known words by first letter and length ("s5"): where a two-edit correction looks. */
  private readonly buckets = new Map<string, string[]>();
  private readonly cache = new Map<string, Correction | null>();
  /** Length of the longest word ever known: a longer typed word is more than two edits from every one of them. */
  private longest = 0;

  has(word: string): boolean {
    return this.words.has(word);
  }

  get size(): number {
    return this.words.size;
  }

  /** Every known word, for prefix search. */
  vocabulary(): IterableIterator<string> {
    return this.words.keys();
  }

  /** Counts one more use of a word; returns true when the word is new. */
  add(word: string): boolean {
    const n = this.words.get(word) ?? 0;
    this.words.set(word, n + 1);
    if (n > 0) return false;
    this.longest = Math.max(this.longest, word.length);
    const key = bucketKey(word);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push(word);
    else this.buckets.set(key, [word]);
    if (this.cache.size) this.cache.clear();
    return true;
  }

  /** Every known word with its use count, bucket by bucket in the order they were added: what `restore` takes back. */
  entries(): { words: string[]; uses: number[] } {
    const words: string[] = [];
    const uses: number[] = [];
    for (const bucket of this.buckets.values()) {
      for (const word of bucket) {
        words.push(word);
        uses.push(this.words.get(word) ?? 1);
      }
    }
    return { words, uses };
  }

  /** Knows these words with these use counts (an empty corrector's vocabulary, as `entries` gave it). */
  restore(words: readonly string[], uses: ArrayLike<number>): void {
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      if (this.add(word)) this.words.set(word, Math.max(1, uses[i] ?? 1));
    }
  }

  /** Counts one use less; returns true when the word is gone. */
  remove(word: string): boolean {
    const n = (this.words.get(word) ?? 1) - 1;
    if (n > 0) {
      this.words.set(word, n);
      return false;
    }
    this.words.delete(word);
    const key = bucketKey(word);
    const bucket = this.buckets.get(key);
    if (bucket) {
      const at = bucket.indexOf(word);
      if (at >= 0) {
        bucket[at] = bucket[bucket.length - 1]!;
        bucket.pop();
      }
      if (bucket.length === 0) this.buckets.delete(key);
    }
    this.cache.clear();
    return true;
  }

  /** The known word an unknown one is a misspelling of, or null. Known words and short words are left alone. */
  correct(word: string): Correction | null {
    // A 4,000-letter "word" would cost 4,000 edits of 4,000 letters each: no known word is that close.
    if (this.words.has(word) || word.length < 3 || word.length > this.longest + 2 || /\d/.test(word)) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const fixed = this.best(word);
    if (this.cache.size > MAX_CACHE) this.cache.clear();
    this.cache.set(word, fixed);
    return fixed;
  }

  private best(word: string): Correction | null {
    let best: string | null = null;
    let fewest = Infinity;
    const consider = (candidate: string, edits: number) => {
      // Fewest edits wins; among equals, the more widely used word.
      const uses = this.words.get(candidate);
      if (uses === undefined) return;
      if (edits < fewest || (edits === fewest && uses > (this.words.get(best!) ?? 0))) {
        best = candidate;
        fewest = edits;
      }
    };
    // Two neighbouring letters swapped: the only edit allowed to change the first letter.
    for (let i = 0; i + 1 < word.length; i++) {
      if (word[i] !== word[i + 1]) consider(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2), 1);
    }
    // Short words only take a swap: "tank" is not a misspelling of "talk".
    if (word.length >= 4) {
      for (let i = 1; i <= word.length; i++) {
        if (i < word.length) consider(word.slice(0, i) + word.slice(i + 1), 1); // a letter added
        for (const letter of LETTERS) {
          consider(word.slice(0, i) + letter + word.slice(i), 1); // a letter left out
          if (i < word.length && letter !== word[i]) consider(word.slice(0, i) + letter + word.slice(i + 1), 1); // replaced
        }
      }
    }
    if (best === null && word.length >= 7) {
      for (let length = word.length - 2; length <= word.length + 2; length++) {
        for (const known of this.buckets.get(`${word[0]}${length}`) ?? []) {
          const edits = distance(word, known);
          if (edits <= 2) consider(known, edits);
        }
      }
    }
    return best === null ? null : { word: best, edits: fewest, uses: this.words.get(best) ?? 0 };
  }
}

function bucketKey(word: string): string {
  return `${word[0] ?? ''}${word.length}`;
}
