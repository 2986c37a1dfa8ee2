// Moderators curating a scope's claims: add, edit, retire, review, import, with the corrections policy. A change a
// person makes in steps (a form, then a cooldown or a note) is drafted first: the draft checks everything once (the
// input, that the scope owns the claim, what changes materially) and writes nothing; saving it writes, unless the
// claim changed meanwhile. The one-step calls (edit, retire, review) draft and save at once.
import { parseClaimInput, givenKeptFields } from '../claimInput.js';
import { materialChanges, parseCorrectionNote, requireNote, shownCorrection, type CorrectionNote, type MaterialField } from '../corrections.js';
import { ClaimNotFoundError, ReadOnlyClaimError } from '../errors.js';
import { Actor, type Claim, type Correction } from '../schema.js';
import type { ClaimContent, ImportReport } from '../store/claimStore.js';
import type { ClaimRecords } from './claimFiles.js';
import type { Stores } from './stores.js';

/** An edit checked and ready: the claim as it was, its new content, and the fields whose change is a correction. */
export interface EditDraft {
  readonly kind: 'edit';
  readonly claim: Claim;
  readonly changes: Readonly<ClaimContent>;
  /** Statement, answer, confidence or claimant changed: a correction, which needs a public note. */
  readonly material: readonly MaterialField[];
}

/** A retirement checked and ready, with its public note; or a claim already retired (nothing to do). */
export type RetireDraft =
  { readonly kind: 'retire'; readonly claim: Claim; readonly note: CorrectionNote } | { readonly kind: 'already-retired'; readonly claim: Claim };

export interface ReviewDraft {
  readonly kind: 'review';
  readonly claim: Claim;
}

export type EditResult =
  /** `published`: the correction this edit published, shown on answers from now on. */
  | { status: 'saved'; claim: Claim; published: Correction | null }
  /** Someone changed the claim after the draft was made: nothing was written. `claim` is the claim as it is now. */
  | { status: 'changed-since'; claim: Claim };

/** The claim, if this scope owns it: a server may change its own claims only; the curated base is read-only to it. */
export function owned(stores: Stores, guildId: string | null, id: string): Claim {
  const claim = stores.claims.get(id, guildId);
  if (!claim) throw new ClaimNotFoundError(id);
  if (claim.guildId !== guildId) throw new ReadOnlyClaimError(claim.id);
  return claim;
}

const writer = (guildId: string | null, by: string) => ({ actor: Actor.parse(by), guildId });

export function add(stores: Stores, guildId: string | null, input: unknown, by: string): Claim {
  const claim = stores.claims.add(parseClaimInput(input), writer(guildId, by));
  stores.search.refresh(true);
  return claim;
}

/**
 * An edit of a claim this scope owns: `changes` is its new content. Questions, keywords, tags and the verdict that
 * `changes` leaves out are kept (the claim form does not show them); a verdict of `null` removes the claim's. The
 * result must still follow the rules across fields (a claim rated False stays alleged).
 */
export function draftEdit(stores: Stores, guildId: string | null, id: string, changes: unknown): EditDraft {
  const input = parseClaimInput(changes);
  const claim = owned(stores, guildId, id);
  const given = givenKeptFields(input);
  const verdict = given.has('verdict') ? (input.verdict ?? undefined) : claim.verdict;
  const content: ClaimContent = {
    statement: input.statement,
    answer: input.answer,
    confidence: input.confidence,
    claimant: input.claimant,
    sources: input.sources,
    questions: given.has('questions') ? input.questions : claim.questions,
    keywords: given.has('keywords') ? input.keywords : claim.keywords,
    tags: given.has('tags') ? input.tags : claim.tags,
    ...(verdict ? { verdict } : {}),
    language: given.has('language') ? input.language : claim.language,
    translations: given.has('translations') ? input.translations : claim.translations,
  };
  // A translation of the old text would now say something else: it goes, until someone translates the new text.
  const retold = content.statement !== claim.statement || content.answer !== claim.answer || content.claimant !== claim.claimant;
  if (retold && !given.has('translations')) content.translations = {};
  if (verdict && !given.has('verdict')) parseClaimInput({ ...input, verdict });
  return { kind: 'edit', claim, changes: content, material: materialChanges(claim, content) };
}

/** Saves an edit; a material one needs its public note (a ValidationError otherwise, and nothing is written). */
export function saveEdit(stores: Stores, guildId: string | null, draft: EditDraft, by: string, note?: CorrectionNote): EditResult {
  requireNote(draft.material, note);
  const saved = stores.claims.applyEdit(draft.claim, draft.changes, writer(guildId, by), note);
  if (!saved) return { status: 'changed-since', claim: stores.claims.get(draft.claim.id, guildId) ?? draft.claim };
  stores.search.refresh(true);
  return { status: 'saved', claim: saved, published: note ? shownCorrection(stores.claims.latestCorrection(saved.id)) : null };
}

export function edit(stores: Stores, guildId: string | null, id: string, changes: unknown, by: string, note?: string): EditResult {
  const correction = note === undefined ? undefined : parseCorrectionNote(note);
  return saveEdit(stores, guildId, draftEdit(stores, guildId, id, changes), by, correction);
}

/** A retirement of a claim this scope owns; a retirement is a correction, so its public note is required. */
export function draftRetire(stores: Stores, guildId: string | null, id: string, note: string): RetireDraft {
  const claim = owned(stores, guildId, id);
  if (claim.status === 'retired') return { kind: 'already-retired', claim };
  return { kind: 'retire', claim, note: parseCorrectionNote(note) };
}

export function saveRetire(stores: Stores, guildId: string | null, draft: Extract<RetireDraft, { kind: 'retire' }>, by: string): Claim {
  const claim = stores.claims.retire(draft.claim.id, writer(guildId, by), draft.note);
  stores.search.refresh(true);
  return claim;
}

export function retire(stores: Stores, guildId: string | null, id: string, by: string, note: string): Claim {
  const draft = draftRetire(stores, guildId, id, note);
  return draft.kind === 'retire' ? saveRetire(stores, guildId, draft, by) : draft.claim;
}

/** Marking a claim this scope owns as re-checked today; the audit trail records who did. */
export function draftReview(stores: Stores, guildId: string | null, id: string): ReviewDraft {
  return { kind: 'review', claim: owned(stores, guildId, id) };
}

export function saveReview(stores: Stores, guildId: string | null, draft: ReviewDraft, by: string): Claim {
  const claim = stores.claims.review(draft.claim.id, writer(guildId, by));
  stores.search.refresh(true);
  return claim;
}

/**
 * Claim records into this scope, all or nothing; a record whose id exists in the scope updates that claim, and a
 * record without one updates the claim it is recognised as (its review url, or its statement and claimant).
 */
export function importClaims(stores: Stores, guildId: string | null, records: unknown[] | ClaimRecords, by: string): ImportReport {
  const report = Array.isArray(records)
    ? stores.claims.import(records, writer(guildId, by))
    : stores.claims.import(records.records, writer(guildId, by), records.naming);
  stores.search.refresh(true);
  return report;
}
