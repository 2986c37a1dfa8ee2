// The machine-readable answer `ask --json` prints, one object per question. An external scorer reads this shape.
import type { Answer, Claim, ScoredClaim, Source, Verdict } from '../knowledge/index.js';

export interface ClaimJson {
  id: string;
  statement: string;
  answer: string;
  confidence: Claim['confidence'];
  claimant: string | null;
  sources: Source[];
  /** A fact-checker's rating of the claim, if it has one. */
  verdict: Verdict | null;
  /** Rarity-weighted share of the question the claim covers, rounded to 3 decimals. */
  score: number;
}

export interface AnswerJson {
  question: string;
  /** The language the question was read in (ISO 639-1). */
  language: string;
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
    verdict: claim.verdict ?? null,
    score: Math.round(score * 1000) / 1000,
  };
}

/** `question` as typed; the answer's claim is the match (the matcher's, so it has a score), its suggestions the rest. */
export function toAnswerJson(question: string, answer: Answer): AnswerJson {
  return {
    question,
    language: answer.language,
    match: answer.claim ? claimJson({ claim: answer.claim, score: answer.score ?? 0 }) : null,
    suggestions: answer.suggestions.map(claimJson),
  };
}
