// Compound words split at a word the lexicon knows: German and Korean write compounds as one word (Atomtechnologie,
// Satellitentechnik, 방공미사일, 군사기술) where the claims and the aliases write their parts apart or in other
// compounds. A word the lexicon does not know is split when it ends in a word it knows (the head of the compound,
// "technik", "미사일"), or starts with one (러시아산), with enough left on the other side; a linking letter of the
// first part (Wirtschafts-beziehungen) is dropped when that leaves a known word. A known word is never split.

/** How a language's compounds are split, from language/<lang>.json. */
export interface CompoundRules {
  /** The fewest letters (syllables, in Korean) a part keeps when the other part is the known one. */
  readonly part: number;
  /** The fewest letters a part must have to count as the known one. */
  readonly known: number;
  /** Linking letters between the parts (German s, n, en, es). */
  readonly links: readonly string[];
}

export class CompoundSplitter {
  private readonly splits = new Map<string, readonly string[]>();

  /** `words`: the lexicon's words as written; `stem`: the language's stemmer, so that inflected parts are known too. */
  constructor(
    private readonly words: ReadonlySet<string>,
    private readonly stem: (word: string) => string,
    private readonly rules: CompoundRules,
  ) {
    this.stems = new Set([...words].map(stem));
  }

  private readonly stems: ReadonlySet<string>;

  /** The words with each compound split into its two parts. */
  split(input: readonly string[]): string[] {
    return input.flatMap((word) => this.parts(word));
  }

  /** A lexicon word as written, or by a stem long enough to be one (a particle stripped to one syllable is not). */
  private isKnown(word: string): boolean {
    if (this.words.has(word)) return true;
    const stem = this.stem(word);
    return [...stem].length >= this.rules.known && this.stems.has(stem);
  }

  private parts(word: string): readonly string[] {
    let found = this.splits.get(word);
    if (found) return found;
    found = this.compute(word);
    if (this.splits.size > 20_000) this.splits.clear();
    this.splits.set(word, found);
    return found;
  }

  private compute(word: string): readonly string[] {
    const chars = [...word];
    const { part, known } = this.rules;
    if (chars.length < part + known || /\d/.test(word) || this.isKnown(word)) return [word];
    // The longest known end first (Flugabwehr-raketen is "raketen", not "en").
    for (let cut = part; cut <= chars.length - known; cut++) {
      const tail = chars.slice(cut).join('');
      if (this.isKnown(tail)) return [this.head(chars.slice(0, cut).join('')), tail];
    }
    for (let cut = chars.length - part; cut >= known; cut--) {
      const head = chars.slice(0, cut).join('');
      if (this.isKnown(head)) return [head, chars.slice(cut).join('')];
    }
    return [word];
  }

  /** The first part without its linking letters, when that is a known word. */
  private head(head: string): string {
    for (const link of this.rules.links) {
      const bare = head.slice(0, head.length - link.length);
      if (head.endsWith(link) && bare.length >= this.rules.part && this.isKnown(bare)) return bare;
    }
    return head;
  }
}
