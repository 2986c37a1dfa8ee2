// The answer to a question as plain text: what a user of the command line sees.
import type { MatchResult } from '../knowledge/matcher/decide.js';
import { confidenceLabel, type Claim, type Source } from '../knowledge/schema.js';

export const NO_CLAIM = 'No vetted claim for this question.';
export const CLOSEST_CLAIMS = 'No vetted answer to that exact question — closest claims:';

/** "Confirmed", or who alleges it and that it is not verified (the shared wording of every face). */
function confidenceText(claim: Pick<Claim, 'confidence' | 'claimant'>): string {
  const { level, detail } = confidenceLabel(claim);
  return claim.confidence === 'confirmed' ? level : `${level}; ${detail}`;
}

function sourceLine(source: Source): string {
  return `  - ${[source.name, source.url, source.date].filter(Boolean).join(' — ')}`;
}

/** A claim in full: statement, answer, confidence, sources and id. */
export function renderClaim(claim: Claim): string {
  return [
    claim.statement,
    '',
    claim.answer,
    '',
    `Confidence: ${confidenceText(claim)}`,
    'Sources:',
    ...claim.sources.map(sourceLine),
    `Claim id: ${claim.id}`,
  ].join('\n');
}

/** The match in full; otherwise the closest claims, never asserted; otherwise that there is no vetted claim. */
export function renderAnswer(result: MatchResult): string {
  if (result.match) return renderClaim(result.match.claim);
  if (result.suggestions.length === 0) return NO_CLAIM;
  return [
    CLOSEST_CLAIMS,
    ...result.suggestions.map(({ claim }) => `  - ${claim.statement} (${confidenceText(claim)}; claim id: ${claim.id})`),
  ].join('\n');
}
