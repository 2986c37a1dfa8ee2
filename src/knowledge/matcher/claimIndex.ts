// The in-memory search index over claims: an inverted index of analyzed terms, document frequencies per scope
// (the curated base plus each server's own claims), and fuse.js over the base's vocabulary for typo tolerance.
import type { Claim } from '../schema.js';
import { Analyzer, type QueryTerm } from './analyzer.js';
import { isDictionaryWord } from './dictionary.js';
import { TypoCorrector } from './typoCorrector.js';

/** The curated base has no guild; its scope key is the empty string. */
const GLOBAL_SCOPE = '';
/** Prefix of raw-word terms, used by autocomplete to match words as typed rather than analyzed terms. */
const WORD = 'w:';
const DIGITS = /^\d+$/;

/** The document frequency an unseen word is weighed with: rarer than any word the base has. */
const UNSEEN_DF = 0.25;

/** How strongly a claim carries a term, by the field it appears in. */
const FIELD_STRENGTH = { statement: 1, keywords: 1, questions: 1, tags: 0.9, claimant: 0.9, answer: 0.8 } as const;
/**
 * An actor named only in the answer or the claimant ("South Korean officials claim…") is who reports the claim,
 * not who it is about: it counts for this much.
 */
const ATTRIBUTION_STRENGTH = 0.5;
/** Actors, and words the base has never seen, weigh this much more than other terms of a question. */
const ACTOR_WEIGHT = 1.5;
/** A claim lacking a term the question requires (a figure for "how many") keeps this share of its score. */
const REQUIRED_MISS_FACTOR = 0.7;

export interface ScoredClaim {
  claim: Claim;
  /** Rarity-weighted share of the question's terms the claim covers, 0..1. */
  score: number;
}

interface IndexedClaim {
  claim: Claim;
  scope: string;
  terms: Map<string, number>;
  /** How often each term occurs across the claim's fields (saturated in rank(): tf / (tf + 1.5)). */
  tf: Map<string, number>;
  words: Set<string>;
  /** The statement's words, for autocomplete's tie-break. */
  statementWords: string[];
  /** Scratch space of rank(): which query (and which of its terms) last touched this claim, and its sums. */
  query: number;
  term: number;
  credit: number;
  covered: number;
  focused: number;
}

interface ScopeStats {
  size: number;
  df: Map<string, number>;
}

export class ClaimIndex {
  readonly analyzer: Analyzer;
  private readonly docs = new Map<string, IndexedClaim>();
  /** Analyzed term → the claims that have it; raw words are kept here too, under the `w:` prefix. */
  private readonly postings = new Map<string, IndexedClaim[]>();
  /** Raw word → the claims that have it (autocomplete's `w:` terms), kept apart so building needs no key strings. */
  private readonly wordPostings = new Map<string, IndexedClaim[]>();
  /** Counters that stamp the scratch fields of IndexedClaim, so rank() needs no per-query maps. */
  private queries = 0;
  private termsSeen = 0;
  private readonly scopes = new Map<string, ScopeStats>();
  /** Surface words of the base (and lexicon), for typo correction and prefix search. */
  private readonly vocabulary = new TypoCorrector();
  private sortedWords: string[] | null = null;
  /** Every claim by statement, for an empty autocomplete (Discord asks as soon as the option is focused). */
  private byStatement: IndexedClaim[] | null = null;

  constructor(analyzer = new Analyzer()) {
    this.analyzer = analyzer;
    for (const word of analyzer.lexiconWords) this.vocabulary.add(word);
  }

  get size(): number {
    return this.docs.size;
  }

  /** Adds or replaces a claim; a retired claim is removed. */
  upsert(claim: Claim): void {
    this.remove(claim.id);
    if (claim.status !== 'active') return;
    const doc: IndexedClaim = {
      claim,
      scope: claim.guildId ?? GLOBAL_SCOPE,
      terms: new Map(),
      tf: new Map(),
      words: new Set(),
      statementWords: [],
      query: 0,
      term: 0,
      credit: 0,
      covered: 0,
      focused: 0,
    };
    doc.statementWords = this.addField(doc, claim.statement, FIELD_STRENGTH.statement, false);
    this.addField(doc, claim.answer, FIELD_STRENGTH.answer, true);
    this.addField(doc, claim.claimant, FIELD_STRENGTH.claimant, true);
    for (const q of claim.questions) this.addField(doc, q, FIELD_STRENGTH.questions, false);
    for (const k of claim.keywords) this.addField(doc, k, FIELD_STRENGTH.keywords, false);
    for (const t of claim.tags) this.addField(doc, t, FIELD_STRENGTH.tags, false);

    this.docs.set(claim.id, doc);
    this.byStatement = null;
    const stats = this.scopeStats(doc.scope);
    stats.size += 1;
    for (const term of doc.terms.keys()) {
      const list = this.postings.get(term);
      if (list) list.push(doc);
      else this.postings.set(term, [doc]);
      stats.df.set(term, (stats.df.get(term) ?? 0) + 1);
    }
    for (const w of doc.words) {
      const list = this.wordPostings.get(w);
      if (list) list.push(doc);
      else this.wordPostings.set(w, [doc]);
      if (this.vocabulary.add(w)) this.sortedWords = null;
    }
  }

  /** Indexes one field of a claim: its words (for autocomplete and typos) and its terms, at the field's strength. */
  private addField(doc: IndexedClaim, text: string | undefined, strength: number, attribution: boolean): string[] {
    if (!text) return [];
    const { words, terms } = this.analyzer.claimText(text);
    for (const w of words) if (!DIGITS.test(w) && !this.analyzer.isStopWord(w)) doc.words.add(w);
    for (const term of terms) {
      const s = attribution && this.analyzer.isActor(term) ? Math.min(strength, ATTRIBUTION_STRENGTH) : strength;
      const previous = doc.terms.get(term);
      if (previous === undefined || s > previous) doc.terms.set(term, s);
      doc.tf.set(term, (doc.tf.get(term) ?? 0) + 1);
    }
    return words;
  }

  remove(id: string): void {
    const doc = this.docs.get(id);
    if (!doc) return;
    this.docs.delete(id);
    this.byStatement = null;
    const stats = this.scopeStats(doc.scope);
    stats.size -= 1;
    for (const term of doc.terms.keys()) {
      removeFrom(this.postings, term, doc);
      const df = (stats.df.get(term) ?? 1) - 1;
      if (df > 0) stats.df.set(term, df);
      else stats.df.delete(term);
    }
    for (const w of doc.words) {
      removeFrom(this.wordPostings, w, doc);
      if (this.vocabulary.remove(w)) this.sortedWords = null;
    }
  }

  get(id: string): Claim | undefined {
    return this.docs.get(id)?.claim;
  }

  /** Active claims visible in a guild (the curated base plus the guild's own). */
  visible(guildId: string | null): Claim[] {
    const out: Claim[] = [];
    for (const doc of this.docs.values()) if (this.inScope(doc, guildId)) out.push(doc.claim);
    return out;
  }

  /** Claims ranked by how much of the question they cover, best first. */
  search(question: string, guildId: string | null, limit = 10): ScoredClaim[] {
    const terms = this.analyzer.queryTerms(question, (w) => this.correct(w));
    return this.rank(terms, guildId, limit);
  }

  /**
   * Ranking for text still being typed ("oil barr", "air def"): every typed word must start a word of the claim,
   * the last one as a prefix. When no claim has those words, it falls back to the question matcher (typos).
   */
  autocomplete(partial: string, guildId: string | null, limit = 25): ScoredClaim[] {
    const words = this.analyzer.words(partial).filter((w) => !this.analyzer.isStopWord(w));
    if (words.length === 0) {
      this.byStatement ??= [...this.docs.values()].sort((a, b) => a.claim.statement.localeCompare(b.claim.statement));
      const first: ScoredClaim[] = [];
      for (const doc of this.byStatement) {
        if (first.length >= limit) break;
        if (this.inScope(doc, guildId)) first.push({ claim: doc.claim, score: 0 });
      }
      return first;
    }
    // Every typed word may be the start of a claim's word ("tanker tri" finds "tankers ... trips"); exact is best.
    const terms: QueryTerm[] = words.map((w) => ({ term: `${WORD}${w}*`, alternatives: this.completions(w) }));
    const byWords = this.rank(terms, guildId, Math.max(limit * 4, 100)).filter((s) => s.score > 0.5);
    if (!byWords.length) return this.search(partial, guildId, limit).filter((s) => s.score > 0);
    // Among equal scores, claims whose statement itself has the typed words come first.
    const inStatement = (claim: Claim) => {
      const statement = this.docs.get(claim.id)?.statementWords ?? [];
      return words.filter((t) => statement.some((w) => w.startsWith(t))).length;
    };
    return byWords
      .map((s) => ({ ...s, hits: inStatement(s.claim) }))
      .sort((a, b) => b.score - a.score || b.hits - a.hits)
      .slice(0, limit)
      .map(({ claim, score }) => ({ claim, score }));
  }

  private rank(terms: QueryTerm[], guildId: string | null, limit: number): ScoredClaim[] {
    if (terms.length === 0) return [];
    const n = this.scopeSize(guildId);
    const weights = terms.map((qt) => {
      // A word the base has never seen weighs more than its rarest word: it is what the base cannot answer.
      const df = Math.max(0, ...qt.alternatives.map((a) => this.df(a.term, guildId)));
      return Math.log(1 + n / (df > 0 ? df + 0.5 : UNSEEN_DF)) * (qt.actor || df === 0 ? ACTOR_WEIGHT : 1);
    });
    const total = weights.reduce((a, b) => a + b, 0);
    // Per claim: the weighted coverage and focus, summed term by term in question order, kept on the claim itself.
    const query = ++this.queries;
    const touched: IndexedClaim[] = [];
    const required = terms.filter((qt) => qt.required);
    terms.forEach((qt, i) => {
      const w = weights[i]!;
      const term = ++this.termsSeen;
      const credited: IndexedClaim[] = [];
      for (const alt of qt.alternatives) {
        const raw = alt.term.startsWith(WORD);
        for (const doc of (raw ? this.wordPostings.get(alt.term.slice(WORD.length)) : this.postings.get(alt.term)) ?? []) {
          if (doc.scope !== GLOBAL_SCOPE && doc.scope !== guildId) continue;
          const credit = alt.credit * (raw ? 1 : (doc.terms.get(alt.term) ?? 0));
          if (doc.term !== term) {
            doc.term = term;
            doc.credit = 0;
            credited.push(doc);
          }
          if (credit > doc.credit) doc.credit = credit;
        }
      }
      for (const doc of credited) {
        if (!(doc.credit > 0)) continue;
        const tf = doc.tf.get(qt.term) ?? 0;
        const focus = tf / (tf + 1.5);
        if (doc.query !== query) {
          doc.query = query;
          doc.covered = 0;
          doc.focused = 0;
          touched.push(doc);
        }
        doc.covered += w * doc.credit;
        doc.focused += w * w * focus;
      }
    });
    const scored: Array<ScoredClaim & { rankKey: number }> = [];
    for (const doc of touched) {
      const c = doc.covered;
      const focused = doc.focused;
      const missesRequired = required.some((qt) => !qt.alternatives.some((a) => doc.terms.has(a.term)));
      const score = (total > 0 ? c / total : 0) * (missesRequired ? REQUIRED_MISS_FACTOR : 1);
      // Among close scores, prefer the claim that is most about these terms (mentions them most often).
      const focus = total > 0 ? focused / (total * total) : 0;
      scored.push({ claim: doc.claim, score, rankKey: score + 0.05 * focus });
    }
    return topByRankKey(scored, limit).map(({ claim, score }) => ({ claim, score }));
  }

  private inScope(doc: IndexedClaim, guildId: string | null): boolean {
    return doc.scope === GLOBAL_SCOPE || (guildId !== null && doc.scope === guildId);
  }

  private scopeStats(scope: string): ScopeStats {
    let stats = this.scopes.get(scope);
    if (!stats) this.scopes.set(scope, (stats = { size: 0, df: new Map() }));
    return stats;
  }

  private scopeSize(guildId: string | null): number {
    const global = this.scopes.get(GLOBAL_SCOPE)?.size ?? 0;
    return global + (guildId ? (this.scopes.get(guildId)?.size ?? 0) : 0);
  }

  private df(term: string, guildId: string | null): number {
    if (term.startsWith(WORD)) return this.wordPostings.get(term.slice(WORD.length))?.length ?? 0;
    const global = this.scopes.get(GLOBAL_SCOPE)?.df.get(term) ?? 0;
    return global + (guildId ? (this.scopes.get(guildId)?.df.get(term) ?? 0) : 0);
  }

  /** A known word for an unknown one, when it is a plausible misspelling of it. */
  private correct(word: string): string | null {
    if (this.analyzer.isStopWord(word) || isDictionaryWord(word)) return null;
    const fixed = this.vocabulary.correct(word);
    // "time" is not a misspelling of "times": a plural is another form of a word, not a typo.
    return fixed && fixed !== `${word}s` && word !== `${fixed}s` ? fixed : null;
  }

  /** Base words that start with a typed prefix, as raw-word terms; the exact word scores highest. */
  private completions(prefix: string): Array<{ term: string; credit: number }> {
    this.sortedWords ??= [...this.vocabulary.vocabulary()].sort();
    const words = this.sortedWords;
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: Array<{ term: string; credit: number }> = [];
    for (let i = lo; i < words.length && words[i]!.startsWith(prefix) && out.length < 200; i++) {
      out.push({ term: WORD + words[i]!, credit: words[i] === prefix ? 1 : 0.95 });
    }
    return out;
  }
}

/** Removes a claim from a posting list (order does not matter: the last entry takes its place). */
function removeFrom(postings: Map<string, IndexedClaim[]>, key: string, doc: IndexedClaim): void {
  const list = postings.get(key);
  if (!list) return;
  const at = list.lastIndexOf(doc);
  if (at < 0) return;
  list[at] = list[list.length - 1]!;
  list.pop();
  if (list.length === 0) postings.delete(key);
}

/** The first `limit` of `scored` by rankKey (then id): only those at or above the limit-th highest rankKey are sorted. */
function topByRankKey<T extends { claim: Claim; rankKey: number }>(scored: T[], limit: number): T[] {
  let candidates = scored;
  if (scored.length > limit) {
    const keys = Float64Array.from(scored, (s) => s.rankKey).sort();
    const threshold = keys[keys.length - limit]!;
    candidates = scored.filter((s) => s.rankKey >= threshold);
  }
  return candidates.sort((a, b) => b.rankKey - a.rankKey || a.claim.id.localeCompare(b.claim.id)).slice(0, limit);
}
