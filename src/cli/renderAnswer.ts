// The answer to a question as plain text: what a user of the command line sees.
import type { MatchResult } from '../knowledge/matcher/decide.js';
import type { Claim, Source } from '../knowledge/schema.js';

export const NO_CLAIM = 'No vetted claim for this question.';
export const CLOSEST_CLAIMS = 'No vetted answer to that exact question — closest claims:';

/** "Confirmed", or who alleges it and that it is not verified. */
export function confidenceLabel(claim: Pick<Claim, 'confidence' | 'claimant'>): string {
  return claim.confidence === 'confirmed'
    ? 'Confirmed'
    : `Alleged — claimed by ${claim.claimant ?? 'an unnamed source'}; not independently verified`;
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
    `Confidence: ${confidenceLabel(claim)}`,
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
    ...result.suggestions.map(({ claim }) => `  - ${claim.statement} (${confidenceLabel(claim)}; claim id: ${claim.id})`),
  ].join('\n');
}
