// Moderators curating a scope's claims: add, edit, retire, review, import, with the corrections policy. A change a
// person makes in steps (a form, then a cooldown or a note) is drafted first: the draft checks everything once (the
// input, that the scope owns the claim, what changes materially) and writes nothing; saving it writes, unless the
// claim changed meanwhile. The one-step calls (edit, retire, review) draft and save at once.
import { parseClaimInput, givenKeptFields } from '../claimInput.js';
import { materialChanges, parseCorrectionNote, requireNote, shownCorrection, type CorrectionNote, type MaterialField } from '../corrections.js';
import { ClaimNotFoundError, ReadOnlyClaimError } from '../errors.js';
import { Actor, type AuditEntry, type Claim, type ClaimContent, type Correction } from '../schema.js';
import type { ImportReport, VersionedClaim } from '../store/claimStore.js';
import type { ClaimRecords } from './claimFiles.js';
import type { Stores } from './stores.js';

/**
 * An edit checked and ready: the claim as it was, at which version, its new content, and the fields whose change
 * is a correction.
 */
export interface EditDraft {
  readonly kind: 'edit';
  readonly claim: Claim;
  readonly version: number;
  readonly changes: Readonly<ClaimContent>;
  /** Statement, answer, confidence or claimant changed: a correction, which needs a public note. */
  readonly material: readonly MaterialField[];
}

/** The claim changed after the version an edit started from: who changed what since (oldest first), and the claim now. */
export interface ChangedSince {
  readonly kind: 'changed-since';
  readonly claim: Claim;
  readonly changes: readonly AuditEntry[];
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
  | { status: 'changed-since'; claim: Claim; changes: readonly AuditEntry[] };

/** The claim and its version, if this scope owns it: a server may change its own claims only; the curated base is read-only to it. */
export async function owned(stores: Stores, guildId: string | null, id: string): Promise<VersionedClaim> {
  const found = await stores.claims.versioned(id, guildId);
  if (!found) throw new ClaimNotFoundError(id);
  if (found.claim.guildId !== guildId) throw new ReadOnlyClaimError(found.claim.id);
  return found;
}

const writer = (guildId: string | null, by: string) => ({ actor: Actor.parse(by), guildId });

/** What changed a claim since `version`, and the claim as it is now. */
async function changedSince(stores: Stores, claim: Claim, version: number): Promise<ChangedSince> {
  return { kind: 'changed-since', claim, changes: await stores.claims.history(claim, version) };
}

export async function add(stores: Stores, guildId: string | null, input: unknown, by: string): Promise<Claim> {
  const claim = await stores.claims.add(parseClaimInput(input), writer(guildId, by));
  await stores.search.refresh(true);
  return claim;
}

/**
 * An edit of a claim this scope owns: `changes` is its new content. Questions, keywords, tags and the verdict that
 * `changes` leaves out are kept (the claim form does not show them); a verdict of `null` removes the claim's. The
 * result must still follow the rules across fields (a claim rated False stays alleged). With `fromVersion` (the
 * version a form was opened on), a claim changed since then is not drafted: who changed what is returned instead.
 */
export async function draftEdit(
  stores: Stores,
  guildId: string | null,
  id: string,
  changes: unknown,
  fromVersion?: number,
): Promise<EditDraft | ChangedSince> {
  const input = parseClaimInput(changes);
  const { claim, version } = await owned(stores, guildId, id);
  if (fromVersion !== undefined && fromVersion !== version) return changedSince(stores, claim, fromVersion);
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
  return { kind: 'edit', claim, version, changes: content, material: materialChanges(claim, content) };
}

/** The result of an edit the store refused because the claim changed since its version. */
async function notSaved(stores: Stores, guildId: string | null, draft: EditDraft): Promise<EditResult> {
  const now = (await stores.claims.get(draft.claim.id, guildId)) ?? draft.claim;
  return { status: 'changed-since', claim: now, changes: await stores.claims.history(now, draft.version) };
}

/** Saves an edit; a material one needs its public note (a ValidationError otherwise, and nothing is written). */
export async function saveEdit(stores: Stores, guildId: string | null, draft: EditDraft, by: string, note?: CorrectionNote): Promise<EditResult> {
  requireNote(draft.material, note);
  const saved = await stores.claims.applyEdit(draft.claim.id, draft.version, draft.changes, writer(guildId, by), note);
  if (!saved) return notSaved(stores, guildId, draft);
  await stores.search.refresh(true);
  return { status: 'saved', claim: saved, published: note ? shownCorrection(await stores.claims.latestCorrection(saved)) : null };
}

export async function edit(stores: Stores, guildId: string | null, id: string, changes: unknown, by: string, note?: string): Promise<EditResult> {
  const correction = note === undefined ? undefined : parseCorrectionNote(note);
  const draft = await draftEdit(stores, guildId, id, changes);
  if (draft.kind === 'changed-since') return { status: 'changed-since', claim: draft.claim, changes: draft.changes };
  return saveEdit(stores, guildId, draft, by, correction);
}

/** A material edit kept for its note (`held`, with its id), or refused because the server has as many waiting as it may. */
export type HoldResult = { status: 'held'; id: string } | { status: 'full' };

/** What became of an edit kept for its note. */
export type HeldEdit =
  | { status: 'waiting'; draft: EditDraft }
  /** Its note saved it already (a repeat, or a second press). */
  | { status: 'saved'; claim: Claim; savedAt: string }
  | ({ status: 'changed-since' } & Omit<ChangedSince, 'kind'>)
  /** Expired, never made, or another moderator's or server's. */
  | { status: 'gone' };

/** Keeps a material edit (drafted in a server, or the console's curated base) until its moderator adds its public note. */
export async function holdEdit(stores: Stores, guildId: string | null, draft: EditDraft, by: string, now?: Date): Promise<HoldResult> {
  const id = await stores.pendingEdits.hold(
    { guildId, userId: Actor.parse(by), claimId: draft.claim.id, version: draft.version, changes: draft.changes },
    now,
  );
  return id === null ? { status: 'full' } : { status: 'held', id };
}

/** An edit kept for its note, as its moderator finds it: still waiting (as a draft to save), saved, overtaken or gone. */
export async function heldEdit(stores: Stores, guildId: string | null, id: string, by: string, now?: Date): Promise<HeldEdit> {
  const pending = await stores.pendingEdits.get(id, by, guildId, now);
  const current = pending && (await stores.claims.versioned(pending.claimId, guildId));
  if (!pending || !current || current.claim.guildId !== guildId) return { status: 'gone' };
  if (pending.savedAt) return { status: 'saved', claim: current.claim, savedAt: pending.savedAt };
  if (current.version !== pending.version) {
    const { claim, changes } = await changedSince(stores, current.claim, pending.version);
    return { status: 'changed-since', claim, changes };
  }
  const material = materialChanges(current.claim, pending.changes);
  return { status: 'waiting', draft: { kind: 'edit', claim: current.claim, version: current.version, changes: pending.changes, material } };
}

/**
 * Saves an edit kept for its note, once: a repeated submit (even one sent at the same moment) is told it was saved
 * already, and the note is applied once.
 */
export async function saveHeldEdit(
  stores: Stores,
  guildId: string | null,
  id: string,
  by: string,
  note: CorrectionNote,
  now?: Date,
): Promise<EditResult | { status: 'already-saved'; claim: Claim; savedAt: string } | { status: 'gone' }> {
  const result = await stores.pendingEdits.save(id, writer(guildId, by), note, now);
  if (result.status === 'gone') return result;
  if (result.status === 'already-saved') {
    const claim = await stores.claims.get(result.claimId, guildId);
    return claim ? { status: 'already-saved', claim, savedAt: result.savedAt } : { status: 'gone' };
  }
  if (result.status === 'changed-since') {
    const current = await stores.claims.get(result.claimId, guildId);
    if (!current) return { status: 'gone' };
    return { status: 'changed-since', claim: current, changes: await stores.claims.history(current, result.version) };
  }
  await stores.search.refresh(true);
  return { status: 'saved', claim: result.claim, published: shownCorrection(await stores.claims.latestCorrection(result.claim)) };
}

/** A retirement of a claim this scope owns; a retirement is a correction, so its public note is required. */
export async function draftRetire(stores: Stores, guildId: string | null, id: string, note: string): Promise<RetireDraft> {
  const { claim } = await owned(stores, guildId, id);
  if (claim.status === 'retired') return { kind: 'already-retired', claim };
  return { kind: 'retire', claim, note: parseCorrectionNote(note) };
}

export async function saveRetire(
  stores: Stores,
  guildId: string | null,
  draft: Extract<RetireDraft, { kind: 'retire' }>,
  by: string,
): Promise<Claim> {
  const claim = await stores.claims.retire(draft.claim.id, writer(guildId, by), draft.note);
  await stores.search.refresh(true);
  return claim;
}

export async function retire(stores: Stores, guildId: string | null, id: string, by: string, note: string): Promise<Claim> {
  const draft = await draftRetire(stores, guildId, id, note);
  return draft.kind === 'retire' ? saveRetire(stores, guildId, draft, by) : draft.claim;
}

/** Marking a claim this scope owns as re-checked today; the audit trail records who did. */
export async function draftReview(stores: Stores, guildId: string | null, id: string): Promise<ReviewDraft> {
  return { kind: 'review', claim: (await owned(stores, guildId, id)).claim };
}

export async function saveReview(stores: Stores, guildId: string | null, draft: ReviewDraft, by: string): Promise<Claim> {
  const claim = await stores.claims.review(draft.claim.id, writer(guildId, by));
  await stores.search.refresh(true);
  return claim;
}

/**
 * Claim records into this scope, all or nothing; a record whose id exists in the scope updates that claim, and a
 * record without one updates the claim it is recognised as (its review url, or its statement and rater), or the
 * claim its statement made before (importing a file again changes nothing).
 */
export async function importClaims(stores: Stores, guildId: string | null, records: unknown[] | ClaimRecords, by: string): Promise<ImportReport> {
  const report = Array.isArray(records)
    ? await stores.claims.import(records, writer(guildId, by))
    : await stores.claims.import(records.records, writer(guildId, by), records.naming);
  await stores.search.refresh(true);
  return report;
}
