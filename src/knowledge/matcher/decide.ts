// The three outcomes of a question: a confident answer, "did you mean" suggestions, or nothing.
import type { ClaimIndex, ScoredClaim } from './claimIndex.js';
import { MAX_QUESTION_CHARS } from './normalize.js';

/** A claim covering at least this share of the question's (rarity-weighted) terms is given as the answer. */
export const MATCH_THRESHOLD = 0.6;
/**
 * A claim covering at least this share is also given as the answer when it stands clearly apart: no other claim
 * comes within CLEAR_LEAD of it. The question's known words then point at one claim, and what pulled the score
 * down is wording the base does not use.
 */
export const CLEAR_MATCH_THRESHOLD = 0.5;
export const CLEAR_LEAD = 0.25;
/** Claims covering at least this share are offered as suggestions, never asserted. */
export const SUGGEST_THRESHOLD = 0.3;
export const MAX_SUGGESTIONS = 3;

export interface MatchResult {
  match: ScoredClaim | null;
  suggestions: ScoredClaim[];
}

/** A question longer than this many words is also read sentence by sentence: people ramble, then ask. */
const RAMBLING_WORDS = 25;
const MAX_SENTENCES = 40;

/**
 * The best reading of a question. A long, rambling message is also scored one sentence at a time (at most 40, the
 * last ones first, since the question usually ends the message), and the best-scoring reading wins.
 */
function rankQuestion(index: ClaimIndex, question: string, guildId: string | null, limit: number): ScoredClaim[] {
  const whole = index.search(question, guildId, limit);
  const text = question.slice(0, MAX_QUESTION_CHARS);
  if (text.split(/\s+/).length <= RAMBLING_WORDS) return whole;
  const sentences = text
    .split(/(?<=[.!?;:])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 3)
    .slice(-MAX_SENTENCES);
  let best = whole;
  for (const sentence of sentences) {
    const ranked = index.search(sentence, guildId, limit);
    if ((ranked[0]?.score ?? 0) > (best[0]?.score ?? 0)) best = ranked;
  }
  return best;
}

export function matchQuestion(index: ClaimIndex, question: string, guildId: string | null): MatchResult {
  const ranked = rankQuestion(index, question, guildId, MAX_SUGGESTIONS + 1);
  const top = ranked[0];
  const lead = (top?.score ?? 0) - (ranked[1]?.score ?? 0);
  const match = top && (top.score >= MATCH_THRESHOLD || (top.score >= CLEAR_MATCH_THRESHOLD && lead >= CLEAR_LEAD)) ? top : null;
  const rest = match ? ranked.slice(1) : ranked;
  return { match, suggestions: rest.filter((s) => s.score >= SUGGEST_THRESHOLD).slice(0, MAX_SUGGESTIONS) };
}
