// Corrections policy: what counts as a material change to a claim, and the public note such a change needs.
// Newsrooms publish corrections; so does the bot ("Updated {date}: {note}" on the answer).
import { z } from 'zod';
import { ValidationError } from './errors.js';
import { describeIssues, type Claim, type Correction } from './schema.js';

/** Fields whose change alters what the bot tells people. Questions, keywords, tags and sources' order do not. */
export const MATERIAL_FIELDS = ['statement', 'answer', 'confidence', 'claimant', 'verdict'] as const;
export type MaterialField = (typeof MATERIAL_FIELDS)[number];

export const CORRECTION_NOTE_MAX = 300;
export const CorrectionNote = z
  .string()
  .trim()
  .min(5, 'must say what changed and why (at least 5 characters)')
  .max(CORRECTION_NOTE_MAX, `at most ${CORRECTION_NOTE_MAX} characters`)
  .brand<'CorrectionNote'>();
/** A public correction note that passed the rule (made only by checkCorrectionNote). */
export type CorrectionNote = z.output<typeof CorrectionNote>;

/** A note checked against the rule: accepted, or the problems (`note: must say what changed and why …`). */
export function checkCorrectionNote(text: string): { ok: true; note: CorrectionNote } | { ok: false; problems: string[] } {
  const parsed = CorrectionNote.safeParse(text);
  if (parsed.success) return { ok: true, note: parsed.data };
  return { ok: false, problems: describeIssues(parsed.error).map((issue) => `note: ${issue.replace(/^\(record\): /, '')}`) };
}

/** The note, checked; a ValidationError names the problem. */
export function parseCorrectionNote(text: string): CorrectionNote {
  const result = checkCorrectionNote(text);
  if (!result.ok) throw new ValidationError(result.problems);
  return result.note;
}

/** The public note a material change needs, refused without one (nothing is written then). */
export function requireNote(changed: readonly MaterialField[], note: CorrectionNote | undefined): void {
  if (changed.length && !note) {
    throw new ValidationError([`note: a public correction note is required when the ${changed.join(', ')} change${changed.length === 1 ? 's' : ''}`]);
  }
}

/**
 * The correction an answer shows ("Updated {date}: {note}"): the claim's newest public correction, if it is an
 * edit's. A retirement's note is a correction too, but a retired claim is not answered.
 */
export function shownCorrection(latest: { at: string; note: string; action: 'edit' | 'retire' } | undefined): Correction | null {
  return latest?.action === 'edit' ? { at: latest.at, note: latest.note } : null;
}

const normalized = (v: string | Claim['verdict']) => (typeof v === 'object' ? JSON.stringify(v ?? null) : (v ?? '').replace(/\s+/g, ' ').trim());

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
