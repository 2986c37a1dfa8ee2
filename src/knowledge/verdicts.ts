// Verdicts: the rating a fact-checker gives a claim ("False", "Mostly false", "Pants on Fire", "True", …), kept on
// the claim next to its confidence. Confidence keeps its meaning (confirmed: established; alleged: someone claims
// it), and the mapping between the two is decided here, once, for every way in and out (a claim file, ClaimReview
// import and export, /claim add and /claim edit):
//
// - a claim rated true as stated ("True", and the same word in other languages: TRUE_RATINGS) is `confirmed`;
// - a claim with any other rating (false, misleading, half true, unproven, satire, a scale of the checker's own)
//   is `alleged`: its author makes it and a fact-checker rated it, so the claimant is named;
// - a claim without a verdict is exported with our own textual rating, "Confirmed" or "Alleged"
//   (OWN_RATINGS), and a ClaimReview rated exactly that imports as that confidence with no verdict.
import type { Confidence } from './schema.js';

/** The textual rating ClaimReview export writes for a claim without a verdict: its confidence. */
export const OWN_RATINGS: Record<Confidence, string> = { confirmed: 'Confirmed', alleged: 'Alleged' };

/**
 * Ratings that say a claim is true as stated, compared without case, accents or trailing punctuation. "Mostly true"
 * and "Half true" are not among them: the claim is not established as stated, so it stays alleged.
 */
export const TRUE_RATINGS = [
  'true',
  'correct',
  'accurate',
  'vrai', // fr
  'verdadero', // es
  'cierto', // es
  'verdadeiro', // pt
  'vero', // it
  'wahr', // de
  'richtig', // de
  'waar', // nl
  'prawda', // pl
  'adevarat', // ro
  'pravda', // cs, sk
  'igaz', // hu
  'dogru', // tr
  'benar', // id, ms
  'правда', // ru, uk
  'вярно', // bg
  'صحيح', // ar
  '正确', // zh
] as const;

/** A rating compared as people write it: no case, accents, surrounding space or trailing punctuation. */
export function normalizedRating(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+$/u, '')
    .replace(/^[\s\p{P}\p{S}]+/u, '')
    .replace(/\s+/g, ' ');
}

const TRUE_SET = new Set<string>(TRUE_RATINGS.map(normalizedRating));

/** The confidence a verdict gives a claim: confirmed for a claim rated true as stated, alleged for any other. */
export function confidenceOfVerdict(label: string): Confidence {
  return TRUE_SET.has(normalizedRating(label)) ? 'confirmed' : 'alleged';
}

/** Our own textual rating ("Confirmed" or "Alleged", any case): the confidence it stands for, or null for a verdict. */
export function ownRating(label: string): Confidence | null {
  const key = normalizedRating(label);
  const found = (Object.entries(OWN_RATINGS) as Array<[Confidence, string]>).find(([, name]) => name.toLowerCase() === key);
  return found ? found[0] : null;
}

/** The ratings /claim add and /claim edit offer (a file or an import may carry any other). */
export const VERDICT_CHOICES = [
  'False',
  'Mostly false',
  'Misleading',
  'Missing context',
  'Half true',
  'Mostly true',
  'True',
  'Pants on Fire',
  'Unproven',
  'Satire',
] as const;
