// The one module that talks to the matcher (src/knowledge/matcher/): claims go in, and a question or text still
// being typed gets ranked claims back. Swapping the matcher means changing this file, and nothing else.
//
// The matcher's index keeps only what matching reads (statements, example questions, terms); the claims it
// returns are read back in full from where they live: the store, or, for a search on its own (benchmarks), a map.
import { CURATED_LEXICON_FILE } from './curated/index.js';
import { Analyzer } from './matcher/analyzer.js';
import { ClaimIndex, type ClaimText, type MatchClaim } from './matcher/claimIndex.js';
import type { IndexImage } from './matcher/indexImage.js';
import { foreignMatcherModel, MAX_SUGGESTIONS, matchQuestion, type MatchResult } from './matcher/decide.js';
import { detectLanguage } from './matcher/language/detect.js';
import { languageProfile } from './matcher/language/profiles.js';
import { QUANTITY, readLexicon, type Concept } from './matcher/lexicon.js';
import { readPost } from './matcher/post.js';
import { readSnapshot, writeSnapshot } from './searchSnapshot.js';
import { LANGUAGES, type Claim, type Language } from './schema.js';
import type { ClaimStore } from './store/claimStore.js';

/** The longest question the matcher reads; the rest of a longer one is ignored. */
import { MAX_QUESTION_CHARS } from './matcher/normalize.js';
export { MAX_QUESTION_CHARS };

/** A claim and how well it fits a question (0..1: the matcher's probability that it is what was asked). */
export interface ScoredClaim {
  claim: Claim;
  score: number;
}

/**
 * The matcher's verdict on a question: the claim that answers it, or none, and the closest other claims; and the
 * language the question was read in (an answer is shown in it when the claim has that translation).
 */
export interface Ranking {
  match: ScoredClaim | null;
  suggestions: ScoredClaim[];
  language: Language;
}

export type Foreign = Exclude<Language, 'en'>;
const FOREIGN = LANGUAGES.filter((l): l is Foreign => l !== 'en');

/**
 * The text of a claim in a language other than English, as a claim of its own for that language's index: its own
 * text when it is written in that language, else its translation (sources, tags and scope stay the claim's).
 */
function variantIn(claim: ClaimText, language: Foreign): ClaimText | null {
  if ((claim.language ?? 'en') === language) return claim;
  const t = claim.translations?.[language];
  if (!t) return null;
  return { ...claim, statement: t.statement, answer: t.answer, claimant: t.claimant ?? claim.claimant, questions: t.questions, keywords: t.keywords };
}

/** Extra aliases per language for the base's concepts (the curated base's, from its data files). */
export type LocalizedAliases = (language: Foreign) => ReadonlyMap<string, readonly string[]>;

/** The curated base's concepts, with their aliases in the language and the language's own "how many" phrases. */
let curatedConcepts: readonly Concept[] | undefined;

function conceptsIn(language: Foreign, aliases: LocalizedAliases): Concept[] {
  const extra = aliases(language);
  curatedConcepts ??= readLexicon(CURATED_LEXICON_FILE);
  const concepts = curatedConcepts.map((c) => ({ ...c, aliases: [...(extra.get(c.term) ?? []), ...c.aliases] }));
  const profile = languageProfile(language);
  if (profile.quantity.length) concepts.push({ term: QUANTITY, required: true, aliases: [...profile.quantity] });
  return concepts;
}

const noAliases: LocalizedAliases = () => new Map();

/** An empty index of the claims in a language, read with that language's analysis and aliases. */
function newLanguageIndex(language: Foreign, aliases: LocalizedAliases): ClaimIndex {
  return new ClaimIndex(new Analyzer(conceptsIn(language, aliases), languageProfile(language)));
}

/**
 * The index a question in `language` is matched against, over these claims (their text in that language, where
 * they have it): what the search builds per language, for the matcher's fit to read.
 */
export function languageIndex(language: Foreign, claims: readonly ClaimText[], aliases: LocalizedAliases = noAliases): ClaimIndex {
  const index = newLanguageIndex(language, aliases);
  for (const claim of claims) {
    const variant = claim.status === 'active' ? variantIn(claim, language) : null;
    if (variant) index.upsert(variant);
  }
  return index;
}
const LATIN_SCRIPT = new Set<Language>(['es', 'de', 'fr']);

/** Reads claims back in full by id (any scope, any status: the search keeps those it may show). */
export type ClaimReader = (ids: readonly string[]) => Claim[];

let analyzer: Analyzer | undefined;

/**
 * Claims in memory, searchable: what the knowledge base answers from. Benchmarks measure it on its own, without a
 * database (it then keeps the claims it was given); the bot reaches it through the knowledge base only.
 */
export class ClaimSearch {
  /** Every claim, in English analysis (a claim in another language is found here by its numbers and Latin words). */
  private readonly index = new ClaimIndex();
  /** Per other language, the claims written in it or translated into it, in that language's analysis. */
  private readonly localized = new Map<Foreign, ClaimIndex>();
  /**
   * Per other language, claims waiting for its index: a language's analyzer takes tens of milliseconds to build, so
   * its index is built on the first question in that language, not at start-up for all eight.
   */
  private readonly waiting = new Map<Foreign, Map<string, ClaimText>>();
  private readonly kept: Map<string, Claim> | null;

  constructor(
    private readonly read?: ClaimReader,
    private readonly aliases: LocalizedAliases = noAliases,
  ) {
    this.kept = read ? null : new Map();
  }

  /** The index of a language's claims, built now from those waiting for it; undefined while it has none. */
  private localIndex(language: Foreign): ClaimIndex | undefined {
    const waiting = this.waiting.get(language);
    let index = this.localized.get(language);
    if (!waiting?.size) return index;
    if (!index) {
      index = newLanguageIndex(language, this.aliases);
      this.localized.set(language, index);
    }
    for (const variant of waiting.values()) index.upsert(variant);
    waiting.clear();
    return index;
  }

  /**
   * Adds or replaces a claim; a retired claim leaves the search. A search on its own keeps the claims it is given
   * (they must be whole claims then); one reading from the store keeps only their text.
   */
  upsert(claim: Claim | ClaimText): void {
    this.index.upsert(claim);
    this.upsertVariants(claim);
    if (!this.kept) return;
    if (claim.status === 'active') this.kept.set(claim.id, claim as Claim);
    else this.kept.delete(claim.id);
  }

  /** A claim's text in each other language it has, for that language's index (built now or on its first question). */
  private upsertVariants(claim: ClaimText): void {
    for (const language of FOREIGN) {
      const variant = claim.status === 'active' ? variantIn(claim, language) : null;
      const index = this.localized.get(language);
      if (variant && index) index.upsert(variant);
      else if (variant) {
        const waiting = this.waiting.get(language) ?? new Map<string, ClaimText>();
        this.waiting.set(language, waiting.set(claim.id, variant));
      } else {
        index?.remove(claim.id);
        this.waiting.get(language)?.delete(claim.id);
      }
    }
  }

  /** The English index as data (see ClaimIndex.image), for a search that reads its claims from a store. */
  image(): IndexImage {
    return this.index.image();
  }

  /**
   * Takes back an image of the English index into a search that holds no claim yet, with the claims of that time
   * that are written in other languages or translated (their indexes are built from their text, on their first
   * question). Throws, changing nothing, when the image does not hold together.
   */
  restore(image: IndexImage, translated: readonly ClaimText[]): void {
    if (this.kept) throw new Error('restore: a search on its own keeps whole claims, which an image does not hold');
    this.index.restore(image);
    for (const claim of translated) this.upsertVariants(claim);
  }

  remove(id: string): void {
    this.index.remove(id);
    for (const index of this.localized.values()) index.remove(id);
    for (const waiting of this.waiting.values()) waiting.delete(id);
    this.kept?.delete(id);
  }

  /** How many claims the search holds. */
  get size(): number {
    return this.index.size;
  }

  /** Active claims visible in a server (`null`: outside any server), for a search on its own. */
  visible(guildId: string | null): Claim[] {
    const found = this.index.visible(guildId);
    return this.full(found, guildId, this.read$(found.map((c) => c.id)));
  }

  /**
   * The answer to a question, if a claim covers it, and the closest claims. A question in another language than
   * English is matched against the claims in that language (written or translated); failing an answer there, the
   * English reading may still answer it through what both share (numbers, names in Latin letters), never by a guess.
   */
  match(question: string, guildId: string | null, language: Language = detectLanguage(question)): Ranking {
    const ranked = this.rank(question, guildId, language);
    return { ...this.hydrate(ranked, guildId, this.read$(idsOf(ranked))), language };
  }

  /** The claims a question is matched to, by id only (no claim read back): `match` without hydrating. */
  rank(question: string, guildId: string | null, language: Language = detectLanguage(question)): MatchResult {
    let result: MatchResult = matchQuestion(this.index, question, guildId);
    if (language !== 'en') {
      const local = this.localIndex(language);
      // Decided by the regime fitted on questions in these languages, not by the English one.
      const found = local ? matchQuestion(local, question, guildId, foreignMatcherModel()) : { match: null, suggestions: [] };
      // English analysis reads only the Latin letters and digits of a question in another script: what it keeps
      // ("10000", "Kim") is not the question, so it may suggest, never answer.
      const englishMayAnswer = LATIN_SCRIPT.has(language) && !found.match;
      if (found.match || !englishMayAnswer || !result.match) result = { match: found.match, suggestions: mergeSuggestions(found, result) };
    }
    return result;
  }

  /** A ranking with its claims in full, from `claims` (read back by the caller: those of idsOf(result)). */
  hydrate({ match, suggestions }: MatchResult, guildId: string | null, claims: readonly Claim[]): Omit<Ranking, 'language'> {
    const ids = [...(match ? [match.claim] : []), ...suggestions.map((s) => s.claim)];
    const byId = new Map(this.full(ids, guildId, claims).map((c) => [c.id, c]));
    const scored = (s: { claim: MatchClaim; score: number }) => {
      const claim = byId.get(s.claim.id);
      return claim ? { claim, score: s.score } : null;
    };
    return { match: match ? scored(match) : null, suggestions: suggestions.map(scored).filter((s) => s !== null) };
  }

  /** Claims for text still being typed, best first. */
  autocomplete(partial: string, guildId: string | null, limit: number): ScoredClaim[] {
    const ranked = this.autocompleteRanked(partial, guildId, limit);
    return this.hydrateScored(ranked, guildId, this.read$(ranked.map((s) => s.claim.id)));
  }

  /** Claims for text still being typed, by id only. */
  autocompleteRanked(partial: string, guildId: string | null, limit: number): Array<{ claim: MatchClaim; score: number }> {
    return this.index.autocomplete(partial, guildId, limit);
  }

  /** Scored claims by id, in full, from `claims` (read back by the caller). */
  hydrateScored(ranked: ReadonlyArray<{ claim: MatchClaim; score: number }>, guildId: string | null, claims: readonly Claim[]): ScoredClaim[] {
    const byId = new Map(
      this.full(
        ranked.map((s) => s.claim),
        guildId,
        claims,
      ).map((c) => [c.id, c]),
    );
    return ranked.flatMap((s) => {
      const claim = byId.get(s.claim.id);
      return claim ? [{ claim, score: s.score }] : [];
    });
  }

  /** The claims of these ids, from the claims kept or the reader (a search that reads back asynchronously reads none). */
  private read$(ids: readonly string[]): Claim[] {
    return this.kept ? ids.flatMap((id) => this.kept!.get(id) ?? []) : this.read ? this.read(ids) : [];
  }

  /** The words of a text as the matcher reads them (normalized, not yet folded), and whether a word is a stop word. */
  static words(text: string): string[] {
    analyzer ??= new Analyzer();
    return analyzer.words(text);
  }

  /** The sentences of a pasted message, as the matcher reads it (links, emoji and the wrapper around it dropped). */
  static sentences(text: string): string[] {
    return readPost(text, MAX_QUESTION_CHARS).sentences;
  }

  static isStopWord(word: string): boolean {
    analyzer ??= new Analyzer();
    return analyzer.isStopWord(word);
  }

  /**
   * The claims themselves, in the order given, that are still active and visible in the guild. Ids are unique
   * within a scope: a curated claim whose id the guild's own claim has is not the one that id names there.
   */
  private full(found: readonly MatchClaim[], guildId: string | null, claims: readonly Claim[]): Claim[] {
    const key = (id: string, scope: string | null) => `${scope ?? ''}:${id}`;
    const byKey = new Map(claims.map((c) => [key(c.id, c.guildId), c]));
    return found.flatMap(({ id, guildId: scope }) => {
      const claim = byKey.get(key(id, scope));
      const shadowed = scope === null && guildId !== null && byKey.has(key(id, guildId));
      return claim && !shadowed && claim.status === 'active' && (claim.guildId === null || claim.guildId === guildId) ? [claim] : [];
    });
  }
}

/** The ids of the claims a ranking names. */
export function idsOf({ match, suggestions }: MatchResult): string[] {
  return [...(match ? [match.claim.id] : []), ...suggestions.map((s) => s.claim.id)];
}

/** The suggestions of the language's own reading first, then the English reading's, each claim once. */
function mergeSuggestions(local: MatchResult, english: MatchResult): MatchResult['suggestions'] {
  const seen = new Set(local.match ? [local.match.claim.id] : []);
  const out: MatchResult['suggestions'] = [];
  for (const s of [...local.suggestions, ...(english.match ? [english.match] : []), ...english.suggestions]) {
    if (seen.has(s.claim.id)) continue;
    seen.add(s.claim.id);
    out.push(s);
  }
  return out.slice(0, MAX_SUGGESTIONS);
}

/**
 * How many claim changes make saving the index worth it (fewer are applied from the store at the next start in a
 * few milliseconds), and how long after catching up it is saved (the first questions come first).
 */
const SAVE_AFTER_CHANGES = 2_000;
const SAVE_DELAY_MS = 1_000;

/** Changes applied to the search per step of catching up, and how long one step may take before it yields. */
const CATCH_UP_PAGE = 250;
const CATCH_UP_STEP_MS = 15;

/** The search as it is after the changes committed so far: its answers read their claims back from the store. */
export interface FreshSearch {
  match(question: string, guildId: string | null, language?: Language): Promise<Ranking>;
  autocomplete(partial: string, guildId: string | null, limit: number): Promise<ScoredClaim[]>;
}

/**
 * The search kept in step with the claim store, on either engine, whichever process or worker wrote. Before each
 * read it asks the store for its revision (one small query: every claim writer moves it in the same transaction,
 * store_state), and when it moved, applies the changes committed since. So a change any worker commits reaches
 * every worker's next question. A large change (an import of 50,000 claims) is applied a page at a time, a few
 * milliseconds per question and in the background between them, never all at once on one question: questions are
 * answered meanwhile from the claims applied so far.
 */
export class StoreSearch {
  private readonly search: ClaimSearch;
  private rev = 0;
  private seen = -1;
  /** True while changes remain to apply (a background step is scheduled). */
  private behind = false;
  private scheduled: ReturnType<typeof setImmediate> | null = null;
  /** The catching up in progress: one at a time, so revisions are applied in order. */
  private catching: Promise<void> | null = null;
  private stopped = false;
  private readonly view: FreshSearch;

  /** Claim changes applied since the index was last saved or restored, and the save waiting to be made. */
  private unsaved = 0;
  private saving: ReturnType<typeof setTimeout> | null = null;
  private saveInFlight: Promise<void> | null = null;

  private constructor(
    private readonly claims: ClaimStore,
    aliases?: LocalizedAliases,
    /** Where the index is saved, to be read back at the next start (none: it is built from the store each time). */
    private readonly snapshotPath?: string,
  ) {
    // It keeps only the claims' text: their answers are read back from the store (`view`).
    this.search = new ClaimSearch(() => [], aliases);
    const search = this.search;
    this.view = {
      match: async (question, guildId, language = detectLanguage(question)) => {
        const ranked = search.rank(question, guildId, language);
        const ids = idsOf(ranked);
        return { ...search.hydrate(ranked, guildId, ids.length ? await claims.getMany(ids) : []), language };
      },
      autocomplete: async (partial, guildId, limit) => {
        const ranked = search.autocompleteRanked(partial, guildId, limit);
        return search.hydrateScored(ranked, guildId, ranked.length ? await claims.getMany(ranked.map((s) => s.claim.id)) : []);
      },
    };
  }

  /**
   * The search with every claim applied (at start-up, before the first question): the index saved at
   * `snapshotPath` when it is this store's and this matcher's, with the changes committed since, or else the index
   * built from every claim (and saved there a moment later).
   */
  static async open(claims: ClaimStore, aliases?: LocalizedAliases, snapshotPath?: string): Promise<StoreSearch> {
    const search = new StoreSearch(claims, aliases, snapshotPath);
    search.seen = await claims.revision();
    await search.restore();
    await search.catchUp(Infinity);
    return search;
  }

  /** Restores the saved index, when there is one and it holds this store's claims as they were at its revision. */
  private async restore(): Promise<void> {
    const snapshot = this.snapshotPath ? readSnapshot(this.snapshotPath) : null;
    // A store whose revision is behind the index's, or whose change at that revision is another, is not its store.
    if (!snapshot || snapshot.revision > this.seen || (await this.claims.changeAt(snapshot.revision)) !== snapshot.change) return;
    try {
      this.search.restore(snapshot.index, await this.claims.translatedUpTo(snapshot.revision));
      this.rev = snapshot.revision;
    } catch {
      // An index that does not hold together is built anew from the store.
    }
  }

  /** Saves the index as it is now (with the revision it holds), unless it holds no change the saved one lacks. */
  private save(): Promise<void> {
    this.saveInFlight ??= (async () => {
      if (!this.snapshotPath || this.unsaved === 0 || this.rev === 0) return;
      const [index, revision, applied] = [this.search.image(), this.rev, this.unsaved];
      const change = await this.claims.changeAt(revision);
      if (change !== null && writeSnapshot(this.snapshotPath, { revision, change, index })) this.unsaved -= applied;
    })().finally(() => {
      this.saveInFlight = null;
    });
    return this.saveInFlight;
  }

  /** The search, with the committed changes applied (the latest ones still being applied after a large change). */
  async fresh(): Promise<FreshSearch> {
    await this.refresh();
    return this.view;
  }

  /** Applies the changes since the last look; `force` looks even when the store reports none (right after a write). */
  async refresh(force = false): Promise<void> {
    const revision = await this.claims.revision();
    if (revision === this.seen && !force && !this.behind) return;
    this.seen = revision;
    await this.catchUp(CATCH_UP_STEP_MS);
  }

  /** Whether every committed change has been applied. */
  get current(): boolean {
    return !this.behind;
  }

  /** Stops applying changes in the background (the database is closing). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    while (this.catching) await this.catching.catch(() => undefined);
    if (this.saving) clearTimeout(this.saving);
    this.saving = null;
    // What was applied since the last save is saved now, even half an import (the rest is applied after it).
    await this.saveInFlight?.catch(() => undefined);
    if (this.unsaved >= SAVE_AFTER_CHANGES) await this.save();
  }

  /** Applies pages of changes for up to `budgetMs`, then yields; the rest is applied between events. */
  private async catchUp(budgetMs: number): Promise<void> {
    while (this.catching) await this.catching;
    if (this.stopped) return;
    this.catching = (async () => {
      const until = performance.now() + budgetMs;
      do {
        const { claims, rev } = await this.claims.changesAfter(this.rev, CATCH_UP_PAGE);
        for (const claim of claims) this.search.upsert(claim);
        this.rev = rev;
        this.unsaved += claims.length;
        this.behind = claims.length === CATCH_UP_PAGE;
      } while (this.behind && performance.now() < until && !this.stopped);
    })();
    try {
      await this.catching;
    } finally {
      this.catching = null;
    }
    // Once caught up with many changes (a start without a saved index, an import landed), the index is saved.
    if (!this.behind && !this.stopped && !this.saving && this.unsaved >= SAVE_AFTER_CHANGES && this.snapshotPath) {
      this.saving = setTimeout(() => {
        this.saving = null;
        this.save().catch(() => undefined);
      }, SAVE_DELAY_MS);
      this.saving.unref();
    }
    if (this.behind && !this.scheduled && !this.stopped) {
      this.scheduled = setImmediate(() => {
        this.scheduled = null;
        this.catchUp(CATCH_UP_STEP_MS).catch(() => undefined);
      });
    }
  }
}
