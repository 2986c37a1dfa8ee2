// The in-memory search index over claims, one part per scope: the curated base, and each server's own claims. A
// question asked in a server reads the curated part and that server's part only, so one server's claims never
// change another's answers: not their term statistics, not their typo vocabulary, not their aliases (a server's
// aliases are its claims' keywords).
//
// Each part is an inverted index of analyzed terms with their frequency per field (statement, aliases: questions,
// keywords and tags; answer; attribution: the claimant; source names; and the words a concept folded, for
// autocomplete), kept in typed arrays. Claims are added and removed one at a time; removed claims are skipped until
// a part compacts itself.
/** What the index reads of a claim: its text, and where and whether it is answered. A Claim is one. */
export interface ClaimText {
  id: string;
  guildId: string | null;
  status: 'active' | 'retired';
  statement: string;
  answer: string;
  claimant?: string | undefined;
  sources: ReadonlyArray<{ name: string; date?: string | undefined }>;
  questions: readonly string[];
  keywords: readonly string[];
  tags: readonly string[];
  /** The language the claim is written in (English when absent), and its text in other languages. */
  language?: Language | undefined;
  translations?: ClaimTranslations | undefined;
}
import type { ClaimTranslations, Language } from '../schema.js';
import { Analyzer, CORRECTED_CREDIT, RELATED_CREDIT, type Correction, type QueryTerm } from './analyzer.js';
import { isCommonWord, isDictionaryWord } from './dictionary.js';
import { directionOf, flowOf, type Direction, type Flow } from './flow.js';
import { EXCHANGE_WORDS, QUANTITY, REASON_WORDS, TIME_WORDS } from './lexicon.js';
import { placeWords } from './names.js';
import { splitAttribution } from './roles.js';
import type { IndexImage, PartImage } from './indexImage.js';
import { TypoCorrector, type Correction as TypoCorrection } from './typoCorrector.js';
import { relatedWords } from './language/wordnet.js';

/** The curated base has no guild; its scope key is the empty string. */
const CURATED_SCOPE = '';

/** The fields of a claim the index tells apart. `inner` holds the words a concept folded (autocomplete only). */
export const FIELDS = ['statement', 'aliases', 'answer', 'attribution', 'sources', 'inner'] as const;
export type Field = (typeof FIELDS)[number];
const FIELD_COUNT = FIELDS.length;
const F = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<Field, number>;
/** Term frequencies are packed 5 bits a field into one 32-bit number per posting. */
const TF_BITS = 5;
const TF_MAX = (1 << TF_BITS) - 1;
const NO_DATE = -0x80000000;
const NO_QUESTIONS: readonly string[] = Object.freeze([]);
/** Up to how many claims a term's posting list is copied at its exact size when it grows (see analyzeInto). */
const SHORT_POSTING = 16;
/** How many claims' traits a generation keeps (ClaimIndex.claimTraits). */
const TRAITS_KEPT = 4_096;

/** BM25F: a field's weight and length normalisation (b), and the saturation k1. */
export interface Bm25Params {
  k1: number;
  fields: Record<Exclude<Field, 'inner'>, { weight: number; b: number }>;
}
export const DEFAULT_BM25: Bm25Params = {
  k1: 1.2,
  fields: {
    statement: { weight: 1, b: 0.75 },
    aliases: { weight: 1, b: 0.75 },
    answer: { weight: 1, b: 0.75 },
    attribution: { weight: 0.5, b: 0.75 },
    sources: { weight: 0.2, b: 0.75 },
  },
};

/**
 * What the index keeps of a claim: what matching reads at question time. The rest (the answer, sources, dates of
 * change) stays in the store, so a large base costs little memory; callers fetch the claims they show.
 */
export interface MatchClaim {
  id: string;
  statement: string;
  claimant?: string | undefined;
  questions: readonly string[];
  guildId: string | null;
}

/** What the features read of a claim's statement beyond its terms (see ClaimIndex.claimTraits). */
export interface ClaimTraits {
  /** Who gives and who receives in what it says happened. */
  flow: Flow | null;
  /** Whether what it says happened is an exchange (each side gives: "a quid pro quo", "payment for"). */
  exchange: boolean;
  /** Who does what to whom in it, for any verb (null for an exchange, where each side acts on the other). */
  direction: Direction | null;
  /** The stems of its words as written. */
  literal: ReadonlySet<string>;
  /** Whether it says when ("last November", "since March", "in 2024"). */
  dated: boolean;
  /** Whether it gives a reason ("…a quid pro quo for…", "…payment for…"). */
  givesReason: boolean;
  /** Who acts in it (its statement without the attribution clause) and who only reports it (that clause, the claimant). */
  acting: ReadonlySet<string>;
  reporting: ReadonlySet<string>;
  /** Its statement's distinct terms, in order. */
  terms: readonly string[];
  /** The terms of its attribution clause that its core does not have: who reports it, not what it says. */
  attribution: ReadonlySet<string>;
  /** The distinct terms of what it says happened, in order, figures left out: its subject first, usually. */
  head: readonly string[];
  /** The distinct terms of each of its example questions, in the claim's order. */
  examples: ReadonlyArray<readonly string[]>;
}

export interface ScoredClaim {
  claim: MatchClaim;
  /** How likely the claim is what the question is about, 0..1 (the matcher's fitted model). */
  score: number;
}

/**
 * The claims that have a term: `data` holds, for each, its document number (ascending) and the term's packed field
 * frequencies in it, one after the other (one array a term, not two).
 */
interface Posting {
  data: number[];
  n: number;
  /**
   * Claims with the term, counted when added. A removed claim stays counted (and in `data`) until the part compacts,
   * which it does before removed claims are a fifth of it: term statistics are that close to exact.
   */
  df: number;
}

/** One scope's part of the index. Documents are numbered in the order they were added; postings stay sorted. */
class ScopePart {
  claims: Array<MatchClaim | undefined> = [];
  readonly byId = new Map<string, number>();
  lengths = new Uint16Array(FIELD_COUNT * 64);
  days = new Int32Array(64);
  readonly lengthSums = new Float64Array(FIELD_COUNT);
  /** The part's own term numbers, and each term's posting by number. */
  readonly termIds = new Map<string, number>();
  readonly postings: Array<Posting | undefined> = [];
  readonly vocabulary = new TypoCorrector();
  live = 0;
  dead = 0;
  /** Every word of the part, sorted, for prefix search (autocomplete); rebuilt after a change. */
  sortedWords: string[] | null = null;
  /** Live claims by statement, for an empty autocomplete; rebuilt after a change. */
  byStatement: MatchClaim[] | null = null;

  avgLength(field: number): number {
    return this.live > 0 ? this.lengthSums[field]! / this.live : 0;
  }
}

/** The query terms of a question as scored against one doc: which alternative of each term it has, in which fields. */
export interface Candidate {
  claim: MatchClaim;
  /** BM25F score over the question's terms. */
  bm25: number;
  /** Rank by BM25F among the candidates, 0-based. */
  rank: number;
  /**
   * For each query term (in order: the question's, then the extra terms), the packed field frequencies of its best
   * alternative in this claim and that alternative's credit (0 when the claim does not have it).
   */
  fields: Uint32Array;
  credits: Float32Array;
  /** The claim's date (its newest dated source) as days since 1970, or null. */
  day: number | null;
}

/** What a question's analysis gives the index to search with. */
export interface IndexQuery {
  terms: QueryTerm[];
  /** Extra terms that count in retrieval at `weight` (a post's author), but not as the question's own words. */
  extra?: { terms: QueryTerm[]; weight: number };
}

export interface QueryStats {
  /** Claims visible to the question. */
  size: number;
  /** Document frequency of each query term (its most frequent alternative) among the visible claims. */
  df: number[];
  /** Document frequency of each query term's rarest alternative that the base has (0 when it has none). */
  rarest: number[];
}

const dayOf = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** A claim's date: its newest dated source. */
export function claimDay(claim: ClaimText): number | null {
  let best: number | null = null;
  for (const source of claim.sources) if (source.date) best = Math.max(best ?? -Infinity, dayOf(source.date));
  return best;
}

export const fieldTf = (packed: number, field: Field) => (packed >>> (F[field] * TF_BITS)) & TF_MAX;

/** A year, as a claim dates what happened. */
const YEAR = /^(?:19|20)\d\d$/;

export class ClaimIndex {
  readonly analyzer: Analyzer;
  /**
   * Claims' traits (claimTraits), found when a claim is first a candidate and kept for the next questions: two
   * generations of a few thousand claims, so the claims in use stay and memory stays bounded.
   */
  private traits = new Map<MatchClaim, ClaimTraits>();
  private olderTraits = new Map<MatchClaim, ClaimTraits>();
  private readonly parts = new Map<string, ScopePart>();
  private readonly lexiconWords: TypoCorrector;
  /** Scratch arrays of a search, reused: per-document score, best credit of the current term, and stamps. */
  private scores = new Float64Array(0);
  private termBest = new Float64Array(0);
  private termStamp = new Int32Array(0);
  private stamp = 0;
  /** Scratch of the claim being added: packed field frequencies by term number, its terms, words and field lengths. */
  private docTf = new Uint32Array(1024);
  private readonly docTerms: number[] = [];
  private readonly docWords = new Set<string>();
  private readonly docLengths = new Uint32Array(FIELD_COUNT);

  constructor(
    analyzer = new Analyzer(),
    readonly bm25: Bm25Params = DEFAULT_BM25,
  ) {
    this.analyzer = analyzer;
    this.lexiconWords = new TypoCorrector();
    for (const word of analyzer.lexiconWords) this.lexiconWords.add(word);
  }

  get size(): number {
    let n = 0;
    for (const part of this.parts.values()) n += part.live;
    return n;
  }

  /** Adds or replaces a claim; a retired claim is removed. */
  upsert(claim: ClaimText): void {
    const scope = claim.guildId ?? CURATED_SCOPE;
    const part = this.part(scope);
    // A claim stays in its scope: its earlier version, if any, is in the same part.
    this.removeFrom(part, claim.id);
    if (claim.status !== 'active') return;
    const doc = part.claims.length;
    // One shape for every claim kept (V8 keeps them smaller and faster so), and one empty list for all without questions.
    part.claims.push({
      id: claim.id,
      statement: claim.statement,
      claimant: claim.claimant || undefined,
      questions: claim.questions.length ? claim.questions : NO_QUESTIONS,
      guildId: claim.guildId,
    });
    part.byId.set(claim.id, doc);
    if (part.lengths.length < (doc + 1) * FIELD_COUNT) part.lengths = grow(part.lengths, (doc + 1) * FIELD_COUNT * 2);
    if (part.days.length < doc + 1) part.days = grow(part.days, (doc + 1) * 2);
    this.analyzeInto(part, doc, claim);
    part.days[doc] = claimDay(claim) ?? NO_DATE;
    part.live++;
    part.sortedWords = null;
    part.byStatement = null;
  }

  /** The index as data (see indexImage.ts): every part as it is, removed claims included until it compacts. */
  image(): IndexImage {
    const parts: PartImage[] = [];
    for (const [scope, part] of this.parts) {
      const docs = part.claims.length;
      const ends = new Uint32Array(part.postings.length);
      const dfs = new Uint32Array(part.postings.length);
      let total = 0;
      for (const posting of part.postings) total += posting ? 2 * posting.n : 0;
      const postings = new Uint32Array(total);
      let at = 0;
      part.postings.forEach((posting, id) => {
        if (posting) {
          for (let k = 0; k < 2 * posting.n; k++) postings[at++] = posting.data[k]!;
          dfs[id] = posting.df;
        }
        ends[id] = at;
      });
      const vocabulary = part.vocabulary.entries();
      parts.push({
        scope,
        live: part.live,
        dead: part.dead,
        ids: part.claims.map((c) => c?.id ?? null),
        statements: part.claims.map((c) => c?.statement ?? ''),
        claimants: part.claims.map((c) => c?.claimant ?? null),
        questions: part.claims.map((c) => (c ? [...c.questions] : [])),
        lengths: part.lengths.slice(0, docs * FIELD_COUNT),
        days: part.days.slice(0, docs),
        lengthSums: part.lengthSums.slice(),
        terms: [...part.termIds.keys()],
        postingEnds: ends,
        postings,
        dfs,
        words: vocabulary.words,
        uses: Uint32Array.from(vocabulary.uses),
      });
    }
    return { parts };
  }

  /**
   * Takes back an index's image (into an index that holds no claim yet, with the same analysis as the one that made
   * it: terms are not analyzed again). Throws, changing nothing, when the image does not hold together.
   */
  restore(image: IndexImage): void {
    if (this.parts.size) throw new Error('restore: the index already holds claims');
    const parts = image.parts.map(restoredPart);
    parts.forEach((part, i) => this.parts.set(image.parts[i]!.scope, part));
  }

  /** Removes a claim, whichever scope holds it. */
  remove(id: string): void {
    for (const part of this.parts.values()) this.removeFrom(part, id);
  }

  private removeFrom(part: ScopePart, id: string): void {
    const doc = part.byId.get(id);
    if (doc === undefined) return;
    // Its terms stay counted, and its words known (for typo correction and prefixes), until the part compacts.
    for (let f = 0; f < FIELD_COUNT; f++) part.lengthSums[f] = part.lengthSums[f]! - part.lengths[doc * FIELD_COUNT + f]!;
    part.claims[doc] = undefined;
    part.byId.delete(id);
    part.live--;
    part.dead++;
    part.sortedWords = null;
    part.byStatement = null;
    if (part.dead > Math.max(8, part.live / 4)) this.compact(part);
  }

  get(id: string): MatchClaim | undefined {
    for (const part of this.parts.values()) {
      const doc = part.byId.get(id);
      if (doc !== undefined) return part.claims[doc];
    }
    return undefined;
  }

  /** Active claims visible in a guild (the curated base plus the guild's own). */
  visible(guildId: string | null): MatchClaim[] {
    const out: MatchClaim[] = [];
    for (const part of this.visibleParts(guildId)) for (const claim of part.claims) if (claim) out.push(claim);
    return out;
  }

  /** How many claims a guild sees (the curated base and its own). */
  visibleCount(guildId: string | null): number {
    return this.visibleParts(guildId).reduce((n, p) => n + p.live, 0);
  }

  /** How many claims a guild sees, and how many hold each of these terms (any of its alternatives). */
  stats(terms: QueryTerm[], guildId: string | null): QueryStats {
    const parts = this.visibleParts(guildId);
    const size = parts.reduce((n, p) => n + p.live, 0);
    const dfs = terms.map((qt) => qt.alternatives.map((a) => this.df(a.term, parts)));
    return {
      size,
      df: dfs.map((d) => Math.max(0, ...d)),
      rarest: dfs.map((d) => Math.min(...d.filter((x) => x > 0), Infinity)).map((x) => (x === Infinity ? 0 : x)),
    };
  }

  /** How many of the claims a guild sees hold each of these terms. */
  termDfs(terms: readonly string[], guildId: string | null): number[] {
    const parts = this.visibleParts(guildId);
    return terms.map((term) => this.df(term, parts));
  }

  /**
   * A word the guild's claims (or the lexicon) use, for a word they do not: the closest known word one or two edits
   * away (a typo), or for a real English word, the first word WordNet relates to it that they use (a paraphrase:
   * "reprisals" → retaliation), with how much credit it gives. The most common words of English are left as they
   * are, and are no broader word for another: they have too many senses for the one meant to be sure.
   */
  correct(word: string, guildId: string | null): Correction | null {
    if (this.analyzer.isStopWord(word)) return null;
    const parts = this.visibleParts(guildId);
    if (this.knows(word, parts)) return null;
    if (isDictionaryWord(word)) {
      if (isCommonWord(word)) return null;
      // A broader word that is common English has senses of its own: "warship" is a kind of ship, and to ship is to send.
      const related = relatedWords(word).find(
        (r) => !(r.broader && isCommonWord(r.word)) && !this.analyzer.isStopWord(r.word) && this.knows(r.word, parts),
      );
      return related ? { word: related.word, credit: RELATED_CREDIT } : null;
    }
    let best: TypoCorrection | null = null;
    for (const vocabulary of [this.lexiconWords, ...parts.map((p) => p.vocabulary)]) {
      const found = vocabulary.correct(word);
      if (found && (!best || found.edits < best.edits || (found.edits === best.edits && found.uses > best.uses))) best = found;
    }
    // "time" is not a misspelling of "times": a plural is another form of a word, not a typo.
    return best && best.word !== `${word}s` && word !== `${best.word}s` ? { word: best.word, credit: CORRECTED_CREDIT } : null;
  }

  /** Whether the guild's claims or the lexicon use a word, as written or by its stem. */
  private knows(word: string, parts: ScopePart[]): boolean {
    if (this.lexiconWords.has(word) || parts.some((p) => p.vocabulary.has(word))) return true;
    const term = this.analyzer.termOf(word);
    return term !== null && this.df(term, parts) > 0;
  }

  /** The question's terms, analyzed, with unknown words corrected against what this guild sees. */
  queryTerms(text: string, guildId: string | null): QueryTerm[] {
    return this.analyzer.queryTerms(text, this.analyzer.correctsTypos ? (w) => this.correct(w, guildId) : undefined);
  }

  /**
   * The `limit` claims with the highest BM25F score for the query, best first, each with what it matched of each
   * query term (for the matcher's features).
   */
  candidates(query: IndexQuery, guildId: string | null, limit: number): Candidate[] {
    const parts = this.visibleParts(guildId);
    const n = parts.reduce((a, p) => a + p.live, 0);
    if (n === 0 || query.terms.length === 0) return [];
    const weighted = [
      ...query.terms.map((qt) => ({ qt, weight: 1 })),
      ...(query.extra?.terms ?? []).map((qt) => ({ qt, weight: query.extra!.weight })),
    ];
    const found: Array<{ part: ScopePart; doc: number; score: number }> = [];
    for (const part of parts) {
      this.scoreInto(part, parts, n, weighted, limit);
      // Only those that can be among the `limit` best (every one tied with the last of them included) are sorted.
      const touched = this.touched;
      const least = kthBest(this.scores, touched, limit);
      for (const doc of touched) if (this.scores[doc]! >= least) found.push({ part, doc, score: this.scores[doc]! });
    }
    found.sort((a, b) => b.score - a.score || compareIds(a.part.claims[a.doc]!.id, b.part.claims[b.doc]!.id));
    const described = [...query.terms, ...(query.extra?.terms ?? [])];
    return found.slice(0, limit).map(({ part, doc, score }, rank) => this.describe(part, doc, score, rank, described));
  }

  /**
   * The given claims (visible in the guild) as candidates of the query, with their BM25F scores, ranked after
   * `firstRank` in the order given.
   */
  candidatesAmong(ids: string[], query: IndexQuery, guildId: string | null, firstRank: number): Candidate[] {
    const parts = this.visibleParts(guildId);
    const n = parts.reduce((a, p) => a + p.live, 0);
    const described = [...query.terms, ...(query.extra?.terms ?? [])];
    const out: Candidate[] = [];
    for (const id of ids) {
      const part = parts.find((p) => p.byId.has(id));
      if (!part) continue;
      const doc = part.byId.get(id)!;
      let score = 0;
      for (const [k, qt] of described.entries()) {
        const weight = k < query.terms.length ? 1 : query.extra!.weight;
        let best = 0;
        for (const alt of qt.alternatives) {
          const posting = this.posting(part, alt.term);
          const at = posting ? findDoc(posting, doc) : -1;
          if (at < 0) continue;
          const df = this.df(alt.term, parts);
          best = Math.max(
            best,
            this.contribution(part, doc, posting!.data[2 * at + 1]!, Math.log(1 + (n - df + 0.5) / (df + 0.5)) * alt.credit * weight),
          );
        }
        score += best;
      }
      out.push(this.describe(part, doc, score, firstRank + out.length, described));
    }
    return out;
  }

  /**
   * Ranking for text still being typed ("oil barr", "air def"): every typed word is the start of a word of the
   * claim; claims whose statement has them come first among equals. Returns the claims and the share of the typed
   * words (weighted by rarity) each has; the caller falls back to the question matcher when none fits.
   */
  completions(partial: string, guildId: string | null, limit: number): ScoredClaim[] {
    const parts = this.visibleParts(guildId);
    const words = this.analyzer.words(partial).filter((w) => !this.analyzer.isStopWord(w));
    if (words.length === 0) {
      const first: MatchClaim[] = [];
      for (const part of parts) {
        part.byStatement ??= part.claims.filter((c): c is MatchClaim => c !== undefined).sort((a, b) => a.statement.localeCompare(b.statement));
        first.push(...part.byStatement.slice(0, limit));
      }
      return first
        .sort((a, b) => a.statement.localeCompare(b.statement))
        .slice(0, limit)
        .map((claim) => ({ claim, score: 0 }));
    }
    const n = parts.reduce((a, p) => a + p.live, 0);
    const typed = words.map((w) => {
      const alternatives = new Map<string, number>();
      for (const part of parts) {
        for (const word of prefixed(part, w)) {
          const credit = word === w ? 1 : 0.95;
          for (const term of [this.analyzer.termOf(word), this.analyzer.stem(word)]) {
            if (term && (alternatives.get(term) ?? 0) < credit) alternatives.set(term, credit);
          }
        }
      }
      const df = Math.max(0, ...[...alternatives.keys()].map((t) => this.df(t, parts)));
      return { word: w, alternatives, weight: Math.log(1 + n / (df + 0.5)) };
    });
    const total = typed.reduce((a, t) => a + t.weight, 0);
    const scored: Array<{ claim: MatchClaim; score: number; inStatement: number }> = [];
    for (const part of parts) {
      const credit = new Map<number, { score: number; inStatement: number }>();
      for (const t of typed) {
        const best = new Map<number, { credit: number; statement: boolean }>();
        for (const [term, c] of t.alternatives) {
          const posting = this.posting(part, term);
          if (!posting) continue;
          for (let k = 0; k < posting.n; k++) {
            const doc = posting.data[2 * k]!;
            if (!part.claims[doc]) continue;
            const inStatement =
              fieldTf(posting.data[2 * k + 1]!, 'statement') > 0 ||
              (fieldTf(posting.data[2 * k + 1]!, 'inner') > 0 && this.innerInStatement(part, doc, t.word));
            const previous = best.get(doc);
            if (!previous || c > previous.credit) best.set(doc, { credit: c, statement: inStatement || (previous?.statement ?? false) });
            else if (inStatement) previous.statement = true;
          }
        }
        for (const [doc, { credit: c, statement }] of best) {
          const entry = credit.get(doc) ?? { score: 0, inStatement: 0 };
          entry.score += (t.weight * c) / total;
          if (statement) entry.inStatement++;
          credit.set(doc, entry);
        }
      }
      for (const [doc, { score, inStatement }] of credit) scored.push({ claim: part.claims[doc]!, score, inStatement });
    }
    return scored
      .filter((s) => s.score > 0.5)
      .sort((a, b) => b.score - a.score || b.inStatement - a.inStatement || compareIds(a.claim.id, b.claim.id))
      .slice(0, limit)
      .map(({ claim, score }) => ({ claim, score }));
  }

  /**
   * Up to `limit` claims for text still being typed: by the typed words' starts (completions), or, when no claim
   * has them, by BM25F over the words with typos corrected.
   */
  autocomplete(partial: string, guildId: string | null, limit = 25): ScoredClaim[] {
    const byWords = this.completions(partial, guildId, limit);
    if (byWords.length || this.analyzer.words(partial).every((w) => this.analyzer.isStopWord(w))) return byWords;
    const terms = this.queryTerms(partial, guildId);
    const found = this.candidates({ terms }, guildId, limit);
    const top = found[0]?.bm25 ?? 1;
    return found.map((c) => ({ claim: c.claim, score: c.bm25 / top }));
  }

  /**
   * What the features read of a claim beyond its postings: who gives to whom in its statement (flow.ts), who acts and
   * who only reports it, its terms, its words as written, whether it says when or why. Found when the claim is first
   * a candidate, then kept for the next questions.
   */
  claimTraits(claim: MatchClaim): ClaimTraits {
    let traits = this.traits.get(claim) ?? this.olderTraits.get(claim);
    if (traits) return traits;
    const words = this.analyzer.words(claim.statement);
    const { core, attribution } = splitAttribution(claim.statement);
    const exchange = words.some((w) => EXCHANGE_WORDS.has(w));
    const coreTerms = this.analyzer.claimTerms(core);
    const attributionTerms = attribution ? this.analyzer.claimTerms(attribution) : [];
    const isActor = (t: string) => this.analyzer.isActor(t);
    const acting = new Set(coreTerms.filter(isActor));
    const inCore = new Set(coreTerms);
    traits = {
      flow: this.flowOf(core),
      exchange,
      direction: exchange ? null : this.directionOf(core),
      literal: this.literalStems(claim.statement),
      dated: words.some((w) => TIME_WORDS.has(w) || YEAR.test(w)),
      givesReason: words.some((w) => REASON_WORDS.has(w)),
      acting,
      reporting: new Set(
        [...attributionTerms.filter(isActor), ...this.analyzer.claimTerms(claim.claimant ?? '').filter(isActor)].filter((t) => !acting.has(t)),
      ),
      terms: [...new Set(this.analyzer.claimTerms(claim.statement))],
      attribution: new Set(attributionTerms.filter((t) => !inCore.has(t))),
      head: [...new Set(coreTerms.filter((t) => !/^\d+$/.test(t) && t !== QUANTITY))],
      examples: claim.questions.map((q) => [...new Set(this.analyzer.claimTerms(q))]),
    };
    if (this.traits.size >= TRAITS_KEPT) {
      this.olderTraits = this.traits;
      this.traits = new Map();
    }
    this.traits.set(claim, traits);
    return traits;
  }

  /**
   * Who does what to whom in a text (see flow.ts). English only: the first actor is who acts in English word order,
   * and its passives and verbs of getting are English words.
   */
  directionOf(text: string): Direction | null {
    if (this.analyzer.profile) return null;
    const words = this.analyzer.words(text);
    return directionOf(words, this.analyzer.spans(words), (t) => this.analyzer.isActor(t));
  }

  /** Who gives and who receives in a text (see flow.ts). */
  flowOf(text: string): Flow | null {
    const places = placeWords();
    return flowOf(this.analyzer.words(text), (words) => [
      ...this.analyzer.claimTerms(words.join(' ')).filter((t) => this.analyzer.isActor(t)),
      ...words.filter((w) => places.has(w)),
    ]);
  }

  /** The stems of a text's words as written, before the lexicon folds them into concepts (stop words left out). */
  literalStems(text: string): Set<string> {
    return new Set(
      this.analyzer
        .words(text)
        .filter((w) => !this.analyzer.isStopWord(w))
        .map((w) => this.analyzer.stem(w)),
    );
  }

  // ---- internals ------------------------------------------------------------------------------------------

  private touched: number[] = [];

  /** BM25F of every document of `part` that has a query term, into this.scores; the documents into this.touched. */
  /**
   * BM25F of the documents of `part` that can be among its `limit` best for the query, into this.scores; those
   * documents into this.touched. Terms are taken rarest first (MaxScore): once what the remaining terms could add at
   * most cannot lift a document not yet scored past the `limit`-th best, their (long) posting lists are not walked;
   * the documents already scored look those terms up instead. A question over 100,000 claims then costs little more
   * than over 10,000, though its common words have long lists.
   */
  private scoreInto(part: ScopePart, parts: ScopePart[], n: number, weighted: Array<{ qt: QueryTerm; weight: number }>, limit: number): void {
    const size = part.claims.length;
    if (this.scores.length < size) {
      this.scores = new Float64Array(size * 2);
      this.termBest = new Float64Array(size * 2);
      this.termStamp = new Int32Array(size * 2);
      this.seen = new Int32Array(size * 2);
    }
    const search = ++this.searches;
    const { k1, fields } = this.bm25;
    const norms = FIELDS.map((f) => (f === 'inner' ? null : { ...fields[f], avg: part.avgLength(F[f]) || 1 }));
    // Each term's alternatives with their postings and weights, and the most the term can add to any score.
    const terms = weighted
      .map(({ qt, weight }) => {
        const alternatives = qt.alternatives.flatMap((alt) => {
          const posting = this.posting(part, alt.term);
          if (!posting) return [];
          const df = this.df(alt.term, parts);
          return [{ posting, idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)) * alt.credit * weight }];
        });
        return { alternatives, bound: Math.max(0, ...alternatives.map((a) => a.idf)), length: alternatives.reduce((a, x) => a + x.posting.n, 0) };
      })
      .filter((t) => t.alternatives.length > 0)
      .sort((a, b) => b.bound - a.bound || a.length - b.length);
    let remaining = terms.reduce((a, t) => a + t.bound, 0);
    const touched: number[] = [];
    let walking = true;
    for (const term of terms) {
      if (walking && touched.length >= limit && remaining < kthBest(this.scores, touched, limit)) walking = false;
      remaining -= term.bound;
      const stamp = ++this.stamp;
      const credited: number[] = [];
      for (const { posting, idf } of term.alternatives) {
        if (!walking) {
          // Look the term up for the documents already scored (postings are sorted by document).
          for (const doc of touched) {
            const at = findDoc(posting, doc);
            if (at < 0) continue;
            const contribution = this.contribution(part, doc, posting.data[2 * at + 1]!, idf);
            if (this.termStamp[doc] !== stamp) {
              this.termStamp[doc] = stamp;
              this.termBest[doc] = contribution;
              credited.push(doc);
            } else if (contribution > this.termBest[doc]!) this.termBest[doc] = contribution;
          }
          continue;
        }
        for (let k = 0; k < posting.n; k++) {
          const doc = posting.data[2 * k]!;
          if (!part.claims[doc]) continue;
          const packed = posting.data[2 * k + 1]!;
          let tf = 0;
          for (let f = 0; f < FIELD_COUNT - 1; f++) {
            const raw = (packed >>> (f * TF_BITS)) & TF_MAX;
            if (raw === 0) continue;
            const norm = norms[f]!;
            tf += (norm.weight * raw) / (1 - norm.b + (norm.b * part.lengths[doc * FIELD_COUNT + f]!) / norm.avg);
          }
          if (tf === 0) continue;
          // (the same as this.contribution(part, doc, packed, idf), inlined: this loop runs over every posting)
          const contribution = (idf * tf) / (k1 + tf);
          if (this.termStamp[doc] !== stamp) {
            this.termStamp[doc] = stamp;
            this.termBest[doc] = contribution;
            credited.push(doc);
          } else if (contribution > this.termBest[doc]!) this.termBest[doc] = contribution;
        }
      }
      for (const doc of credited) {
        if (this.seen[doc] !== search) {
          this.seen[doc] = search;
          this.scores[doc] = 0;
          touched.push(doc);
        }
        this.scores[doc] = this.scores[doc]! + this.termBest[doc]!;
      }
    }
    this.touched = touched;
  }

  private seen = new Int32Array(0);
  private searches = 0;

  /** One term's BM25F contribution to a document's score, for a term of weight `idf`. */
  private contribution(part: ScopePart, doc: number, packed: number, idf: number): number {
    const { k1, fields } = this.bm25;
    let tf = 0;
    for (let f = 0; f < FIELD_COUNT - 1; f++) {
      const raw = (packed >>> (f * TF_BITS)) & TF_MAX;
      if (raw === 0) continue;
      const norm = fields[FIELDS[f] as Exclude<Field, 'inner'>];
      tf += (norm.weight * raw) / (1 - norm.b + (norm.b * part.lengths[doc * FIELD_COUNT + f]!) / (part.avgLength(f) || 1));
    }
    return tf === 0 ? 0 : (idf * tf) / (k1 + tf);
  }

  /** What a candidate matched of each query term: the packed field frequencies and credit of its best alternative. */
  private describe(part: ScopePart, doc: number, bm25: number, rank: number, terms: QueryTerm[]): Candidate {
    const fields = new Uint32Array(terms.length);
    const credits = new Float32Array(terms.length);
    terms.forEach((qt, i) => {
      let bestStrength = 0;
      for (const alt of qt.alternatives) {
        const posting = this.posting(part, alt.term);
        const at = posting ? findDoc(posting, doc) : -1;
        if (at < 0) continue;
        const packed = posting!.data[2 * at + 1]! & ~(TF_MAX << (F.inner * TF_BITS));
        if (packed === 0 || alt.credit <= bestStrength) continue;
        bestStrength = alt.credit;
        fields[i] = packed;
        credits[i] = alt.credit;
      }
    });
    const day = part.days[doc]!;
    return { claim: part.claims[doc]!, bm25, rank, fields, credits, day: day === NO_DATE ? null : day };
  }

  private innerInStatement(part: ScopePart, doc: number, typed: string): boolean {
    return this.analyzer.words(part.claims[doc]!.statement).some((w) => w.startsWith(typed));
  }

  /**
   * Analyzes a claim's fields into the part as document `doc`: its field lengths, one posting per term with the
   * term's packed field frequencies, and its words in the part's vocabulary (once a claim). Frequencies gather in
   * scratch arrays by the part's term numbers, so a claim allocates no map of its own.
   */
  private analyzeInto(part: ScopePart, doc: number, claim: ClaimText): void {
    this.docTerms.length = 0;
    this.docWords.clear();
    this.docLengths.fill(0);
    this.addField(part, claim.statement, F.statement);
    for (const text of claim.questions) this.addField(part, text, F.aliases);
    for (const text of claim.keywords) this.addField(part, text, F.aliases);
    for (const text of claim.tags) this.addField(part, text, F.aliases);
    this.addField(part, claim.answer, F.answer);
    this.addField(part, claim.claimant, F.attribution);
    for (const source of claim.sources) this.addField(part, source.name, F.sources);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const length = Math.min(this.docLengths[f]!, 0xffff);
      part.lengths[doc * FIELD_COUNT + f] = length;
      part.lengthSums[f] = part.lengthSums[f]! + length;
    }
    for (const id of this.docTerms) {
      const posting = part.postings[id];
      // A short list is copied at its new size rather than pushed to: most terms are in a few claims only, and an
      // array pushed to takes room for sixteen numbers more at each growth.
      if (!posting) part.postings[id] = { data: [doc, this.docTf[id]!], n: 1, df: 1 };
      else {
        if (posting.n < SHORT_POSTING) posting.data = posting.data.concat(doc, this.docTf[id]!);
        else posting.data.push(doc, this.docTf[id]!);
        posting.n++;
        posting.df++;
      }
      this.docTf[id] = 0;
    }
    for (const word of this.docWords) part.vocabulary.add(word);
  }

  /** Counts one field's terms (and the words a concept folded, as `inner`) into the claim being analyzed. */
  private addField(part: ScopePart, text: string | undefined, field: number): void {
    if (!text) return;
    const analyzed = this.analyzer.claimText(text);
    for (const word of analyzed.vocabulary) this.docWords.add(word);
    for (const term of analyzed.terms) this.countTerm(part, term, field);
    for (const term of analyzed.inner) this.countTerm(part, term, F.inner);
    this.docLengths[field] = this.docLengths[field]! + analyzed.terms.length;
    this.docLengths[F.inner] = this.docLengths[F.inner]! + analyzed.inner.length;
  }

  /** One more occurrence of a term in a field of the claim being analyzed (capped at TF_MAX a field). */
  private countTerm(part: ScopePart, term: string, field: number): void {
    let id = part.termIds.get(term);
    if (id === undefined) part.termIds.set(term, (id = part.termIds.size));
    if (id >= this.docTf.length) this.docTf = grow(this.docTf, id * 2);
    const packed = this.docTf[id]!;
    if (packed === 0) this.docTerms.push(id);
    if (((packed >>> (field * TF_BITS)) & TF_MAX) < TF_MAX) this.docTf[id] = packed + (1 << (field * TF_BITS));
  }

  private part(scope: string): ScopePart {
    let part = this.parts.get(scope);
    if (!part) this.parts.set(scope, (part = new ScopePart()));
    return part;
  }

  private visibleParts(guildId: string | null): ScopePart[] {
    const parts: ScopePart[] = [];
    const curated = this.parts.get(CURATED_SCOPE);
    if (curated) parts.push(curated);
    const own = guildId ? this.parts.get(guildId) : undefined;
    if (own) parts.push(own);
    return parts;
  }

  private posting(part: ScopePart, term: string): Posting | undefined {
    const id = part.termIds.get(term);
    return id === undefined ? undefined : part.postings[id];
  }

  private df(term: string, parts: ScopePart[]): number {
    let df = 0;
    for (const part of parts) df += this.posting(part, term)?.df ?? 0;
    return df;
  }

  /** Drops removed claims from a part's postings (counting each term's claims anew) and renumbers its documents. */
  private compact(part: ScopePart): void {
    const renumber = new Int32Array(part.claims.length).fill(-1);
    const claims: MatchClaim[] = [];
    const lengths = new Uint16Array(Math.max(64, part.live * 2) * FIELD_COUNT);
    const days = new Int32Array(Math.max(64, part.live * 2));
    part.claims.forEach((claim, doc) => {
      if (!claim) return;
      const next = claims.length;
      renumber[doc] = next;
      claims.push(claim);
      lengths.set(part.lengths.subarray(doc * FIELD_COUNT, doc * FIELD_COUNT + FIELD_COUNT), next * FIELD_COUNT);
      days[next] = part.days[doc]!;
      part.byId.set(claim.id, next);
    });
    for (const [id, posting] of part.postings.entries()) {
      if (!posting) continue;
      let m = 0;
      for (let k = 0; k < posting.n; k++) {
        const doc = renumber[posting.data[2 * k]!]!;
        if (doc < 0) continue;
        posting.data[2 * m] = doc;
        posting.data[2 * m + 1] = posting.data[2 * k + 1]!;
        m++;
      }
      if (m === 0) part.postings[id] = undefined;
      else {
        posting.n = m;
        posting.df = m;
        posting.data.length = 2 * m;
      }
    }
    part.claims = claims;
    part.lengths = lengths;
    part.days = days;
    part.dead = 0;
  }
}

/** A scope's part from its image, checked to hold together (every posting names a document of the part). */
function restoredPart(image: PartImage): ScopePart {
  const docs = image.ids.length;
  const fail = (what: string) => new Error(`index image of scope "${image.scope}": ${what}`);
  if (image.statements.length !== docs || image.claimants.length !== docs || image.questions.length !== docs)
    throw fail('documents differ in length');
  if (image.lengths.length !== docs * FIELD_COUNT || image.days.length !== docs || image.lengthSums.length !== FIELD_COUNT) throw fail('lengths');
  const terms = image.terms.length;
  if (image.postingEnds.length !== terms || image.dfs.length !== terms || image.words.length !== image.uses.length) throw fail('terms');
  if (image.live + image.dead !== docs) throw fail('claim counts');
  const part = new ScopePart();
  const guildId = image.scope === CURATED_SCOPE ? null : image.scope;
  part.claims = image.ids.map((id, doc) => {
    if (id === null) return undefined;
    part.byId.set(id, doc);
    const questions = image.questions[doc]!;
    return {
      id,
      statement: image.statements[doc]!,
      claimant: image.claimants[doc] ?? undefined,
      questions: questions.length ? questions : NO_QUESTIONS,
      guildId,
    };
  });
  if (part.byId.size !== image.live) throw fail('claim counts');
  part.lengths = grow(image.lengths, Math.max(64, docs * 2) * FIELD_COUNT);
  part.days = grow(image.days, Math.max(64, docs * 2));
  part.lengthSums.set(image.lengthSums);
  part.live = image.live;
  part.dead = image.dead;
  let start = 0;
  for (let id = 0; id < terms; id++) {
    const term = image.terms[id]!;
    if (part.termIds.has(term)) throw fail(`term "${term}" twice`);
    part.termIds.set(term, id);
    const end = image.postingEnds[id]!;
    if (end < start || end > image.postings.length || (end - start) % 2) throw fail(`posting of "${term}"`);
    if (end === start) {
      part.postings.push(undefined);
      continue;
    }
    const data = new Array<number>(end - start);
    let last = -1;
    for (let k = start; k < end; k += 2) {
      const doc = image.postings[k]!;
      if (doc <= last || doc >= docs) throw fail(`posting of "${term}"`);
      last = doc;
      data[k - start] = doc;
      data[k - start + 1] = image.postings[k + 1]!;
    }
    part.postings.push({ data, n: (end - start) / 2, df: image.dfs[id]! });
    start = end;
  }
  part.vocabulary.restore(image.words, image.uses);
  return part;
}

function grow<T extends Int32Array | Uint16Array | Uint32Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, 4));
  next.set(array);
  return next;
}

/** The `k`-th highest score among these documents (0 when there are fewer). */
let selecting = new Float64Array(1024);

/** The k-th best of the documents' scores (0 when there are fewer than k), found by selection, not by sorting all. */
function kthBest(scores: Float64Array, docs: readonly number[], k: number): number {
  if (docs.length < k || k < 1) return 0;
  if (selecting.length < docs.length) selecting = new Float64Array(docs.length * 2);
  const values = selecting;
  for (let i = 0; i < docs.length; i++) values[i] = scores[docs[i]!]!;
  return kthLargest(values, docs.length, k);
}

/** The k-th largest of the first `length` values (1 ≤ k ≤ length); reorders them (quickselect, Hoare's partition). */
function kthLargest(values: Float64Array, length: number, k: number): number {
  const target = length - k;
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target]!;
  }
  return values[target]!;
}

/** Where a document is in a posting list (sorted by document number), or -1. */
function findDoc(posting: Posting, doc: number): number {
  let lo = 0;
  let hi = posting.n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = posting.data[2 * mid]!;
    if (at === doc) return mid;
    if (at < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The part's words that start with `prefix` (at most 200), by binary search in its sorted words. */
function prefixed(part: ScopePart, prefix: string): string[] {
  part.sortedWords ??= [...part.vocabulary.vocabulary()].sort();
  const words = part.sortedWords;
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < words.length && words[i]!.startsWith(prefix) && out.length < 200; i++) out.push(words[i]!);
  return out;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
