// The three outcomes of a question: a confident answer, "did you mean" suggestions, or nothing. A question is read
// as a post (links, signature, wrapper dropped), its candidates come from BM25F, and the fitted model (model.ts)
// ranks them, then decides on the best one.
import type { Candidate, ClaimIndex, ScoredClaim } from './claimIndex.js';
import { blocksAnswer, featuresOf, intentOf, type Question } from './features.js';
import { foreignModel, logit, logOdds, rankProbabilities, readModel, regimeWeights, sigmoid, type MatcherModel, type Regime } from './model.js';
import { MAX_QUESTION_CHARS } from './normalize.js';
import { foreignPlaceNames } from './language/places.js';
import { isCommonWord } from './dictionary.js';
import { EXCHANGE_WORDS } from './lexicon.js';
import { nameWords, placeNames } from './names.js';
import { readPost } from './post.js';
import { splitAttribution } from './roles.js';

export const MAX_SUGGESTIONS = 3;
/** Candidates retrieved when no model is given (fitting the model itself). */
const UNFITTED_CANDIDATES = 30;
/** At most this many sentences of a long post are read one by one. */
const MAX_SENTENCES = 12;

export interface MatchResult {
  match: ScoredClaim | null;
  suggestions: ScoredClaim[];
}

/** A candidate with its features and each regime's rank log-odds, as the fit script and the decision see it. */
export interface ScoredCandidate {
  candidate: Candidate;
  features: number[];
  /** The probability that this candidate is right, blended over the regimes (the BM25F order without a model). */
  rankScore: number;
  /** That probability by each regime. */
  rankScores: number[];
  /** The stems of its statement's words, as written. */
  literal: ReadonlySet<string>;
}

let defaultModel: MatcherModel | null = null;
export const matcherModel = () => (defaultModel ??= readModel());
let defaultForeignModel: MatcherModel | null = null;
/** The model with the regime fitted on questions in other languages than English in place of the small-base one. */
export const foreignMatcherModel = () => (defaultForeignModel ??= foreignModel(matcherModel()));

const dayOf = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** The question as the features read it. */
export function readQuestion(index: ClaimIndex, text: string, guildId: string | null): Question {
  const post = readPost(text, MAX_QUESTION_CHARS);
  const terms = index.queryTerms(post.text, guildId);
  const position = new Map(terms.map((t, i) => [t.term, i]));
  // A post of several sentences is also read one sentence at a time (the last ones first: the question usually
  // ends the message), each sentence as the terms of the whole it holds.
  // A sentence that says who passes a claim on ("my neighbour swears Russia handed…") is also read without that part.
  const readings = post.sentences.slice(-MAX_SENTENCES).flatMap((s) => {
    const { core, attribution } = splitAttribution(s);
    return attribution && core.trim().length > 8 ? [s, core] : [s];
  });
  const sentences =
    readings.length < 2
      ? []
      : readings
          .map((s) => [...new Set(index.queryTerms(s, guildId).flatMap((t) => (position.has(t.term) ? [position.get(t.term)!] : [])))])
          .filter((idx) => idx.length >= 2);
  // The post's words, read once: for its place names, whether it tells of an exchange, and its common words.
  const words = index.analyzer.words(post.text);
  const { attribution } = splitAttribution(post.text);
  const reporters = new Set(
    attribution
      ? index
          .queryTerms(attribution, guildId)
          .filter((t) => t.actor)
          .map((t) => t.term)
      : [],
  );
  const names = new Set(nameWords(post.sentences).flatMap((w) => index.queryTerms(w, guildId).map((t) => t.term)));
  // A country or its people, named in the question, is an actor, as the lexicon's are (even one the base never names).
  // In another language, its own country names ("중국", "Китай").
  const profile = index.analyzer.profile;
  const placeWords = profile ? foreignPlaceNames(profile, words) : placeNames(post.sentences);
  const places = new Set(placeWords.flatMap((w) => index.queryTerms(w, guildId).map((t) => t.term)));
  for (const t of terms) if (places.has(t.term)) t.actor = true;
  // Who gives to whom: in the first sentence that says so, who reports it left out.
  // And who does what to whom, for any verb: in the first sentence that names two actors apart.
  let flow: Question['flow'] = null;
  let direction: Question['direction'] = null;
  for (const s of post.sentences) {
    if (flow && direction) break;
    const { core } = splitAttribution(s);
    flow ??= index.flowOf(core);
    direction ??= index.directionOf(core);
  }
  return {
    terms,
    sentences,
    flow,
    exchange: words.some((w) => EXCHANGE_WORDS.has(w)),
    direction,
    literal: index.literalStems(post.text),
    names,
    intent: intentOf(post.sentences.at(-1) ?? post.text),
    reporters,
    // Common English only: another language's analyzer has no word list of its own.
    common: new Set(profile ? [] : words.filter(isCommonWord).map((w) => index.analyzer.stem(w))),
    authorTerms: post.author ? index.queryTerms(post.author, guildId) : [],
    day: post.date ? dayOf(post.date) : null,
  };
}

/**
 * The candidates of a question with their features, best first by the model's rank score (by BM25F with `model`
 * null, for fitting the model itself). `exclude` leaves claims out, as if the base did not have them.
 */
export function scoreCandidates(
  index: ClaimIndex,
  text: string,
  guildId: string | null,
  model: MatcherModel | null = matcherModel(),
  exclude?: ReadonlySet<string>,
): { ranked: ScoredCandidate[]; weights: [number, number]; claims: number } {
  const question = readQuestion(index, text, guildId);
  const wanted = model?.candidates ?? UNFITTED_CANDIDATES;
  const extra = { terms: question.authorTerms, weight: model?.authorWeight ?? 0.5 };
  const limit = wanted + (exclude?.size ?? 0);
  let candidates = index.candidates({ terms: question.terms, extra }, guildId, limit).filter((c) => !exclude?.has(c.claim.id));
  // Each sentence's best claims join the whole post's.
  const seen = new Set(candidates.slice(0, wanted).map((c) => c.claim.id));
  const fromSentences = question.sentences.flatMap((idx) =>
    index
      .candidates({ terms: idx.map((i) => question.terms[i]!) }, guildId, 3 + (exclude?.size ?? 0))
      .filter((c) => !exclude?.has(c.claim.id))
      .slice(0, 3),
  );
  const added = fromSentences.filter((c) => !seen.has(c.claim.id) && seen.add(c.claim.id)).map((c) => c.claim.id);
  candidates = [
    ...candidates.slice(0, wanted),
    ...(added.length ? index.candidatesAmong(added, { terms: question.terms, extra }, guildId, Math.min(wanted, candidates.length)) : []),
  ];
  const claims = index.visibleCount(guildId) - (exclude?.size ?? 0);
  const weights = model ? regimeWeights(model, claims) : ([0.5, 0.5] as [number, number]);
  const features = featuresOf(index, guildId, question, candidates);
  const byRegime = model ? model.regimes.map((r) => rankProbabilities(r, features)) : null;
  const ranked = candidates.map((candidate, i) => {
    const rankScores = byRegime ? byRegime.map((p) => p[i]!) : [0, 0];
    const blended = logOdds(rankScores[0]!) * weights[0] + logOdds(rankScores[1]!) * weights[1];
    const literal = index.claimTraits(candidate.claim).literal;
    return { candidate, features: features[i]!, rankScores, rankScore: byRegime ? sigmoid(blended) : 1 / (2 + i), literal };
  });
  ranked.sort((a, b) => b.rankScore - a.rankScore || a.candidate.rank - b.candidate.rank);
  return { ranked, weights, claims };
}

/** How alike two statements are: the share of their words, as written, that both have (Jaccard). */
function alike(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  return both / (a.size + b.size - both || 1);
}

/** A regime's decision input for the best candidate: its rank score, its lead over the next, its features. */
export function decisionInput(ranked: ScoredCandidate[], regime: number): number[] | null {
  const [best, next] = ranked;
  if (!best) return null;
  const score = best.rankScores[regime]!;
  const nextScore = next ? next.rankScores[regime]! : 0;
  const nextAlike = next ? alike(best.literal, next.literal) : 0;
  return [score, score - nextScore, nextAlike, ...best.features, ...best.features.map((v, j) => v - (next?.features[j] ?? 0))];
}

/** The odds, blended over the regimes, that the best candidate is the answer (0.5 is the threshold). */
export function confidenceOf(ranked: ScoredCandidate[], weights: [number, number], regimes: readonly Regime[]): number {
  if (!ranked[0] || blocksAnswer(ranked[0].features)) return 0;
  let s = 0;
  for (let r = 0; r < regimes.length; r++) {
    if (weights[r] === 0) continue;
    const input = decisionInput(ranked, r);
    if (!input) return 0;
    s += weights[r]! * logit(regimes[r]!.decide, input);
  }
  return sigmoid(s);
}

export function matchQuestion(index: ClaimIndex, question: string, guildId: string | null, model: MatcherModel = matcherModel()): MatchResult {
  const { ranked, weights } = scoreCandidates(index, question, guildId, model);
  const best = ranked[0];
  if (!best) return { match: null, suggestions: [] };
  const confidence = confidenceOf(ranked, weights, model.regimes);
  const match = confidence >= 0.5 ? { claim: best.candidate.claim, score: confidence } : null;
  // Suggestions are never asserted: the claims the rank model still rates, best first, the answer left out.
  const suggestAt = weights[0] * model.regimes[0].suggestAt + weights[1] * model.regimes[1].suggestAt;
  const suggestions = ranked
    .slice(match ? 1 : 0)
    .filter((s) => s.rankScore >= suggestAt)
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => ({ claim: s.candidate.claim, score: s.rankScore }));
  return { match, suggestions };
}
