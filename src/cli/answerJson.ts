// The machine-readable answer `ask --json` prints, one object per question. An external scorer reads this shape.
import type { ScoredClaim } from '../knowledge/matcher/claimIndex.js';
import type { MatchResult } from '../knowledge/matcher/decide.js';
import type { Claim, Source } from '../knowledge/schema.js';

export interface ClaimJson {
  id: string;
  statement: string;
  answer: string;
  confidence: Claim['confidence'];
  claimant: string | null;
  sources: Source[];
  /** Rarity-weighted share of the question the claim covers, rounded to 3 decimals. */
  score: number;
}

export interface AnswerJson {
  question: string;
  match: ClaimJson | null;
  suggestions: ClaimJson[];
}

function claimJson({ claim, score }: ScoredClaim): ClaimJson {
  return {
    id: claim.id,
    statement: claim.statement,
    answer: claim.answer,
    confidence: claim.confidence,
    claimant: claim.claimant ?? null,
    sources: claim.sources,
    score: Math.round(score * 1000) / 1000,
  };
}

export function toAnswerJson(question: string, result: MatchResult): AnswerJson {
  return {
    question,
    match: result.match ? claimJson(result.match) : null,
    suggestions: result.suggestions.map(claimJson),
  };
}
