// Answering members: a question (or a claim picked from autocomplete), one of the closest claims chosen, and text
// still being typed. Each question is logged once, with what the bot did with it, unless the caller says not to.
import { shownCorrection } from '../corrections.js';
import { detectLanguage } from '../matcher/language/detect.js';
import type { Claim, Correction, Language, Outcome } from '../schema.js';
import type { ScoredClaim } from '../search.js';
import type { Stores } from './stores.js';

/** What the bot makes of a question, in one piece: what the answer shows, and how to refer to it later. */
export interface Answer {
  /** The question as logged: as asked, or the statement of the claim picked. */
  question: string;
  outcome: Outcome;
  /** The claim answered with (outcome `answered`). */
  claim: Claim | null;
  /** The matcher's score of that claim; null when a person chose it. */
  score: number | null;
  /** The claim's public correction, shown on the answer. */
  correction: Correction | null;
  /** The closest other claims: offered instead of an answer (outcome `suggested`), or runners-up of an answer. */
  suggestions: ScoredClaim[];
  /** The question's id in the log (feedback and suggestion buttons name it); null when it was not logged. */
  askedId: number | null;
  /** The language the question is written in: the claim is shown in it when it has that translation. */
  language: Language;
}

export interface AnswerOptions {
  /** The claim a member picked from autocomplete: answered with exactly that claim, when it is there and active. */
  pickedClaimId?: string | null | undefined;
  /** Log the question (default true). A tool that is not a member asking (`npm run ask`) passes false. */
  log?: boolean | undefined;
  /** The language of a pick's reply (a pick has no question to read it from): the member's; English by default. */
  language?: Language | undefined;
}

export async function answered(
  stores: Stores,
  claim: Claim,
  question: string,
  score: number | null,
  askedId: number | null,
  language: Language,
  suggestions: ScoredClaim[] = [],
): Promise<Answer> {
  const correction = shownCorrection(await stores.claims.latestCorrection(claim));
  return { question, outcome: 'answered', claim, score, correction, suggestions, askedId, language };
}

export async function answer(stores: Stores, guildId: string | null, question: string, options: AnswerOptions = {}): Promise<Answer> {
  const log = options.log ?? true;
  if (options.pickedClaimId) {
    const claim = await stores.claims.get(options.pickedClaimId, guildId);
    if (claim && claim.status === 'active') {
      // A pick is logged under the statement picked: what the person asked for.
      return answered(
        stores,
        claim,
        claim.statement,
        null,
        log ? stores.questions.record(guildId, claim.statement, 'answered', { claimId: claim.id }) : null,
        options.language ?? 'en',
      );
    }
  }
  const { match, suggestions, language } = await (await stores.search.fresh()).match(question, guildId);
  if (match) {
    const askedId = log ? stores.questions.record(guildId, question, 'answered', { claimId: match.claim.id, score: match.score }) : null;
    return answered(stores, match.claim, question, match.score, askedId, language, suggestions);
  }
  return withoutAnswer(stores, guildId, question, suggestions, log, language);
}

/** A question without a confident answer: the closest claims, if any, or nothing; logged (unless `log` is false). */
export function withoutAnswer(
  stores: Stores,
  guildId: string | null,
  question: string,
  suggestions: ScoredClaim[],
  log: boolean,
  language: Language,
): Answer {
  const outcome = suggestions.length ? 'suggested' : 'unanswered';
  const best = suggestions[0];
  const askedId = log
    ? stores.questions.record(
        guildId,
        question,
        outcome,
        best && { claimId: best.claim.id, score: best.score },
        suggestions.map((s) => s.claim.id),
      )
    : null;
  return { question, outcome, claim: null, score: null, correction: null, suggestions, askedId, language };
}

/**
 * The closest claim at `position` (1-based) that the question `askedId` was offered, as its answer: logged as
 * answering that question, which stats then count once (as suggested). Null when the question is not this server's,
 * was not offered claims, or the claim is no longer active here.
 */
export async function answerSuggestion(stores: Stores, guildId: string | null, askedId: number, position: number): Promise<Answer | null> {
  const asked = await stores.questions.get(askedId, guildId);
  const claimId = asked?.outcome === 'suggested' ? asked.suggested[position - 1] : undefined;
  const claim = claimId ? await stores.claims.get(claimId, guildId) : undefined;
  if (!asked || !claim || claim.status !== 'active') return null;
  return answered(
    stores,
    claim,
    asked.question,
    null,
    stores.questions.record(guildId, asked.question, 'answered', { claimId: claim.id }, [], asked.id),
    detectLanguage(asked.question),
  );
}

export interface AutocompleteOptions {
  /** Only this server's own claims (the ones its moderators may change), not the curated base's. */
  own?: boolean | undefined;
  /** Also this server's retired claims whose id or statement has the typed text, after the active ones. */
  withRetired?: boolean | undefined;
  /** At most this many claims (default 25, Discord's limit). */
  limit?: number | undefined;
}

/** Claims for text still being typed, best first. */
export async function autocomplete(stores: Stores, guildId: string | null, partial: string, options: AutocompleteOptions = {}): Promise<Claim[]> {
  const limit = options.limit ?? 25;
  const ranked = (await (await stores.search.fresh()).autocomplete(partial, guildId, options.own ? 500 : limit)).map((s) => s.claim);
  const active = options.own ? ranked.filter((c) => c.guildId === guildId) : ranked;
  const needle = partial.trim().toLowerCase();
  const retired =
    options.withRetired && needle
      ? (await stores.claims.list(guildId, true)).filter(
          (c) => c.status === 'retired' && (c.id.includes(needle) || c.statement.toLowerCase().includes(needle)),
        )
      : [];
  return [...active, ...retired].slice(0, limit);
}
