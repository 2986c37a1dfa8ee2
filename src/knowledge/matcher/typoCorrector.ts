// Typo tolerance: maps a word the base has never seen to a known word it is plausibly a misspelling of.
// fuse.js finds candidates for substituted and swapped letters; its bitap search misses letters left out
// ("soth" for "south"), so a one-deletion neighbourhood of the vocabulary finds those. A candidate is accepted
// only within one edit (two for words of 7+ letters), starting with the same letter unless two letters swapped.
import { distance } from 'fastest-levenshtein';
import Fuse from 'fuse.js';

const MAX_CACHE = 10_000;

/** A known word an unknown one is taken for, how many edits apart, and how many claims use it. */
export interface Correction {
  word: string;
  edits: number;
  uses: number;
}

export class TypoCorrector {
  /** Known words and how many claims (or the lexicon) use each. */
  private readonly words = new Map<string, number>();
  /**
   * Each known word with one letter deleted → the known words it came from. Built on the first correction, not
   * while the index is built (most bases are built far more often than they see a typo), then kept up to date.
   */
  private deletions: Map<string, Set<string>> | null = null;
  private fuse: Fuse<string> | null = null;
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
    if (this.deletions) addDeletions(this.deletions, word);
    this.fuse?.add(word);
    if (this.cache.size) this.cache.clear();
    return true;
  }

  /** Counts one use less; returns true when the word is gone. Its stale index entries are filtered on lookup. */
  remove(word: string): boolean {
    const n = (this.words.get(word) ?? 1) - 1;
    if (n > 0) {
      this.words.set(word, n);
      return false;
    }
    this.words.delete(word);
    this.cache.clear();
    return true;
  }

  /** The known word an unknown one is a misspelling of, or null. Known words and short words are left alone. */
  correct(word: string): Correction | null {
    // A 4,000-letter "word" would cost 4,000 deletion variants of 4,000 letters each: no known word is that close.
    if (this.words.has(word) || word.length < 3 || word.length > this.longest + 2 || /\d/.test(word)) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const fixed = this.best(word);
    if (this.cache.size > MAX_CACHE) this.cache.clear();
    this.cache.set(word, fixed);
    return fixed;
  }

  private best(word: string): Correction | null {
    if (!this.deletions) {
      this.deletions = new Map();
      for (const known of this.words.keys()) addDeletions(this.deletions, known);
    }
    const candidates = new Set<string>();
    // A letter left out: the typed word is a known word minus one letter.
    for (const w of this.deletions.get(word) ?? []) candidates.add(w);
    // A letter added, or one replaced / two swapped: compare one-deletion variants on both sides.
    for (const variant of deletionsOf(word)) {
      if (this.words.has(variant)) candidates.add(variant);
      for (const w of this.deletions.get(variant) ?? []) candidates.add(w);
    }
    // fuse.js only when nothing within one edit was found: it scans the whole vocabulary.
    if (word.length >= 5 && ![...candidates].some((c) => this.words.has(c) && distance(word, c) <= 1)) {
      this.fuse ??= new Fuse([...this.words.keys()], { includeScore: true, ignoreLocation: true, threshold: 0.34, minMatchCharLength: 3 });
      for (const hit of this.fuse.search(word, { limit: 8 })) candidates.add(hit.item);
    }
    const maxEdits = word.length >= 7 ? 2 : 1;
    let best: string | null = null;
    let fewest = Infinity;
    for (const candidate of candidates) {
      if (!this.words.has(candidate)) continue;
      const swapped = isTransposition(word, candidate);
      const edits = swapped ? 1 : distance(word, candidate);
      if (edits > maxEdits || (!swapped && candidate[0] !== word[0]) || (word.length < 4 && !swapped)) continue;
      // Fewest edits wins; among equals, the more widely used word.
      if (edits < fewest || (edits === fewest && best !== null && (this.words.get(candidate) ?? 0) > (this.words.get(best) ?? 0))) {
        best = candidate;
        fewest = edits;
      }
    }
    return best === null ? null : { word: best, edits: fewest, uses: this.words.get(best) ?? 0 };
  }
}

function addDeletions(index: Map<string, Set<string>>, word: string): void {
  for (const variant of deletionsOf(word)) {
    let set = index.get(variant);
    if (!set) index.set(variant, (set = new Set()));
    set.add(word);
  }
}

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** True when b is a with two neighbouring letters swapped ("qou" / "quo"). */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]] && a[diff[1]] === b[diff[0]!];
}
