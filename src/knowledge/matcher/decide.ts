// The three outcomes of a question: a confident answer, "did you mean" suggestions, or nothing.
import type { ClaimIndex, ScoredClaim } from './claimIndex.js';

/** A claim covering at least this share of the question's (rarity-weighted) terms is given as the answer. */
export const MATCH_THRESHOLD = 0.6;
/** Claims covering at least this share are offered as suggestions, never asserted. */
export const SUGGEST_THRESHOLD = 0.3;
export const MAX_SUGGESTIONS = 3;

export interface MatchResult {
  match: ScoredClaim | null;
  suggestions: ScoredClaim[];
}

export function matchQuestion(index: ClaimIndex, question: string, guildId: string | null): MatchResult {
  const ranked = index.search(question, guildId, MAX_SUGGESTIONS + 1);
  const top = ranked[0];
  const match = top && top.score >= MATCH_THRESHOLD ? top : null;
  const rest = match ? ranked.slice(1) : ranked;
  return { match, suggestions: rest.filter((s) => s.score >= SUGGEST_THRESHOLD).slice(0, MAX_SUGGESTIONS) };
}
