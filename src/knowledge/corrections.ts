// Corrections policy: what counts as a material change to a claim, and the public note such a change needs.
// Newsrooms publish corrections; so does the bot ("Updated {date}: {note}" on the answer).
import { z } from 'zod';
import type { Claim } from './schema.js';

/** Fields whose change alters what the bot tells people. Questions, keywords, tags and sources' order do not. */
export const MATERIAL_FIELDS = ['statement', 'answer', 'confidence', 'claimant'] as const;
export type MaterialField = (typeof MATERIAL_FIELDS)[number];

export const CORRECTION_NOTE_MAX = 300;
export const CorrectionNote = z
  .string()
  .trim()
  .min(5, 'must say what changed and why (at least 5 characters)')
  .max(CORRECTION_NOTE_MAX, `at most ${CORRECTION_NOTE_MAX} characters`);

const normalized = (v: string | undefined) => (v ?? '').replace(/\s+/g, ' ').trim();

/** The material fields that differ between two versions of a claim (whitespace alone is not a change). */
export function materialChanges(before: Claim, after: Pick<Claim, MaterialField>): MaterialField[] {
  return MATERIAL_FIELDS.filter((field) => normalized(before[field]) !== normalized(after[field]));
}

/** A claim's days since its last review, measured from `now`. */
export function daysSinceReview(claim: Pick<Claim, 'reviewedAt'>, now = new Date()): number {
  return Math.floor((now.getTime() - Date.parse(claim.reviewedAt)) / 86_400_000);
}

export function isStale(claim: Pick<Claim, 'reviewedAt'>, intervalDays: number, now = new Date()): boolean {
  return daysSinceReview(claim, now) >= intervalDays;
}
