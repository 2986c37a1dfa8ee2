// One scope of the knowledge base, as its callers see it: a Discord server (or, for `null`, the curated base and
// the console outside any server). Every use case of the bot is a method here, named for what a person does, and
// each one keeps to the scope: a server never sees or changes another server's claims, questions or votes.
//
// Every method returns a promise: the store behind them is SQLite or PostgreSQL, through Kysely.
import type { CorrectionNote } from './corrections.js';
import type { ClaimReviewOptions } from './interchange/claimReview.js';
import type { AuditEntry, Claim, ClaimFormat, PeriodStats, Subscription, UnansweredQuestion, Vote } from './schema.js';
import type { ImportReport, VersionedClaim } from './store/claimStore.js';
import * as answering from './useCases/answering.js';
import * as checking from './useCases/checking.js';
import * as claimFiles from './useCases/claimFiles.js';
import * as curating from './useCases/curating.js';
import * as feedback from './useCases/feedback.js';
import * as notices from './useCases/notices.js';
import * as questions from './useCases/questions.js';
import * as reading from './useCases/reading.js';
import type { Stores } from './useCases/stores.js';

/** Who makes a change: a Discord user id, or `curated` for the curated base. */
export interface WriteOptions {
  by: string;
}

export class Scope {
  constructor(
    private readonly stores: Stores,
    readonly guildId: string | null,
  ) {}

  // ----- members -----------------------------------------------------------------------------------------------

  /**
   * The answer to a question: a confident match, the closest claims, or nothing, with the claim's public
   * correction; logged once with what the bot did (unless `log: false`). `pickedClaimId` answers with that claim.
   */
  async answer(question: string, options?: answering.AnswerOptions): Promise<answering.Answer> {
    return answering.answer(this.stores, this.guildId, question, options);
  }

  /** A message a member points at: answered as a question, with up to two more claims its other sentences make. */
  async check(text: string, options?: { log?: boolean }): Promise<checking.MessageCheck> {
    return checking.check(this.stores, this.guildId, text, options);
  }

  /** A message checked here before (the logged question `askedId`), with the claims still active. */
  async recall(askedId: number): Promise<checking.MessageCheck | null> {
    return checking.recall(this.stores, this.guildId, askedId);
  }

  /** The closest claim at `position` (1-based) offered to the logged question `askedId`, as its answer. */
  async answerSuggestion(askedId: number, position: number): Promise<answering.Answer | null> {
    return answering.answerSuggestion(this.stores, this.guildId, askedId, position);
  }

  /** A member's vote on the answer to the logged question `askedId`: once per member, in this server only. */
  async vote(askedId: number, voter: string, kind: Vote): Promise<feedback.VoteResult> {
    return feedback.vote(this.stores, this.guildId, askedId, voter, kind);
  }

  /** A member waits for an answer to their logged question `askedId` here (a server only; capped per member). */
  async subscribe(askedId: number, userId: string, where: notices.AskedWhere): Promise<notices.SubscribeResult> {
    return notices.subscribe(this.stores, this.guildId, askedId, userId, where);
  }

  /** A member stops waiting on one question; false when they were not waiting on it here. */
  async unsubscribe(id: number, userId: string): Promise<boolean> {
    return notices.unsubscribe(this.stores, this.guildId, userId, id);
  }

  /** The questions a member waits on here, oldest first. */
  async waiting(userId: string): Promise<Subscription[]> {
    return notices.waiting(this.stores, this.guildId, userId);
  }

  /** The notices held for a member here (they could not be sent), each shown once. */
  async takeHeld(userId: string): Promise<notices.Notice[]> {
    return notices.takeHeld(this.stores, this.guildId, userId);
  }

  /** Claims for text still being typed, best first. */
  async autocomplete(partial: string, options?: answering.AutocompleteOptions): Promise<Claim[]> {
    return answering.autocomplete(this.stores, this.guildId, partial, options);
  }

  /** The active claims answered here: the curated base and this server's own. */
  async visible(): Promise<Claim[]> {
    return reading.visible(this.stores, this.guildId);
  }

  /** How many claims are answered here, and who curates this server's: without reading them all. */
  async summary(): Promise<reading.ClaimsSummary> {
    return reading.summary(this.stores, this.guildId);
  }

  // ----- moderators: reading -------------------------------------------------------------------------------------

  /** A claim visible here, active or retired, with the public correction its answers show. */
  async claim(id: string): Promise<reading.ClaimView | undefined> {
    return reading.claim(this.stores, this.guildId, id);
  }

  /** This scope's own claims, in the order they were added; active ones unless `includeRetired`. */
  async list(options: { includeRetired?: boolean } = {}): Promise<Claim[]> {
    return reading.list(this.stores, this.guildId, options.includeRetired);
  }

  /** A page (1-based) of this scope's own active claims, with how many it has, retired and due for review. */
  async listPage(options: { page: number; pageSize: number; intervalDays: number; now?: Date }): Promise<reading.ClaimListPage> {
    return reading.listPage(this.stores, this.guildId, options.page, options.pageSize, options.intervalDays, options.now);
  }

  /**
   * This scope's own claims due for review, oldest review first (at most `limit`, default 20), how many there are,
   * and how many curated claims are due too.
   */
  async stale(intervalDays: number, now?: Date, limit?: number): Promise<{ claims: Claim[]; total: number; curatedDue: number }> {
    return reading.stale(this.stores, this.guildId, intervalDays, now, limit);
  }

  /** Who changed a claim visible here, when and how (a ClaimNotFoundError for any other). */
  async history(id: string): Promise<AuditEntry[]> {
    return reading.history(this.stores, this.guildId, id);
  }

  /** The changes of a claim visible here made after `version` (the one a form was opened on), oldest first. */
  async changesSince(id: string, version: number): Promise<AuditEntry[]> {
    return reading.history(this.stores, this.guildId, id, version);
  }

  /** The questions waiting for a claim here, most asked first. */
  async unanswered(limit?: number): Promise<UnansweredQuestion[]> {
    return questions.unanswered(this.stores, this.guildId, limit);
  }

  /** Dismisses the waiting question named by `id` (only this server's): its text and how many times it was asked. */
  async dismiss(id: number): Promise<{ question: string | undefined; count: number }> {
    return questions.dismiss(this.stores, this.guildId, id);
  }

  /**
   * After a moderator added or changed a claim: the waiting questions it now answers (the matcher asked again) leave
   * the queue, and members waiting on them are due a notice.
   */
  async linkAnswered(claimId: string): Promise<notices.Linked> {
    return notices.linkAnswered(this.stores, this.guildId, claimId);
  }

  /** Links the queued question `questionId` to a claim visible here ("Answered by…"): it leaves the queue, waiting members are due a notice. */
  async answeredBy(questionId: number, claimId: string): Promise<{ question: string | undefined; count: number; members: number }> {
    return notices.answeredBy(this.stores, this.guildId, questionId, claimId);
  }

  /** Takes the notices due here to send them: no other process or later call gets them. */
  async takeDue(): Promise<notices.Notice[]> {
    return notices.takeDue(this.stores, this.guildId);
  }

  /** A notice taken was sent (in the channel, or by DM). */
  async noticeSent(id: number, via: 'channel' | 'dm'): Promise<void> {
    await this.stores.subscriptions.sent(id, via);
  }

  /** A notice taken could not be sent: it is shown at the member's next /factcheck here. */
  async holdNotice(id: number): Promise<void> {
    await this.stores.subscriptions.hold(id);
  }

  /** Questions and answer feedback here over the last `days` days. */
  async stats(days: number, now?: Date): Promise<PeriodStats> {
    return questions.stats(this.stores, this.guildId, days, now);
  }

  // ----- moderators: curating ----------------------------------------------------------------------------------

  /** Adds a claim to this scope; `input` is checked against the claim schema (a ValidationError names each problem). */
  async add(input: unknown, options: WriteOptions): Promise<Claim> {
    return curating.add(this.stores, this.guildId, input, options.by);
  }

  /**
   * A claim this scope owns and its version, to open in an edit form (a ClaimNotFoundError or ReadOnlyClaimError for
   * any other): the form names the version, and its save is refused if the claim changed since.
   */
  async editable(id: string): Promise<VersionedClaim> {
    return curating.owned(this.stores, this.guildId, id);
  }

  /**
   * An edit of a claim this scope owns, checked and not yet saved; with `fromVersion`, who changed what instead,
   * when the claim changed since that version.
   */
  async draftEdit(id: string, changes: unknown, fromVersion?: number): Promise<curating.EditDraft | curating.ChangedSince> {
    return curating.draftEdit(this.stores, this.guildId, id, changes, fromVersion);
  }

  /** Keeps a material edit until its moderator adds the public note (bounded per moderator and per server). */
  async holdEdit(draft: curating.EditDraft, options: WriteOptions & { now?: Date }): Promise<curating.HoldResult> {
    return curating.holdEdit(this.stores, this.guildId, draft, options.by, options.now);
  }

  /** An edit this moderator kept for its note, as it is now: waiting, saved already, overtaken by a change, or gone. */
  async heldEdit(id: string, options: WriteOptions & { now?: Date }): Promise<curating.HeldEdit> {
    return curating.heldEdit(this.stores, this.guildId, id, options.by, options.now);
  }

  /** Saves a kept edit with its note, once (a repeat is told it was saved). */
  async saveHeldEdit(id: string, options: WriteOptions & { note: CorrectionNote; now?: Date }) {
    return curating.saveHeldEdit(this.stores, this.guildId, id, options.by, options.note, options.now);
  }

  /** A retirement of a claim this scope owns, with its required public note, checked and not yet saved. */
  async draftRetire(id: string, note: string): Promise<curating.RetireDraft> {
    return curating.draftRetire(this.stores, this.guildId, id, note);
  }

  /** A review of a claim this scope owns, checked and not yet saved. */
  async draftReview(id: string): Promise<curating.ReviewDraft> {
    return curating.draftReview(this.stores, this.guildId, id);
  }

  /** Saves an edit; a material one needs its public note. Nothing is written if the claim changed since the draft. */
  async saveEdit(draft: curating.EditDraft, options: WriteOptions & { note?: CorrectionNote | undefined }): Promise<curating.EditResult> {
    return curating.saveEdit(this.stores, this.guildId, draft, options.by, options.note);
  }

  async saveRetire(draft: Extract<curating.RetireDraft, { kind: 'retire' }>, options: WriteOptions): Promise<Claim> {
    return curating.saveRetire(this.stores, this.guildId, draft, options.by);
  }

  async saveReview(draft: curating.ReviewDraft, options: WriteOptions): Promise<Claim> {
    return curating.saveReview(this.stores, this.guildId, draft, options.by);
  }

  /** Drafts and saves an edit in one step. */
  async edit(id: string, changes: unknown, options: WriteOptions & { note?: string | undefined }): Promise<curating.EditResult> {
    return curating.edit(this.stores, this.guildId, id, changes, options.by, options.note);
  }

  /** Drafts and saves a retirement in one step; a claim already retired is returned as it is. */
  async retire(id: string, options: WriteOptions & { note: string }): Promise<Claim> {
    return curating.retire(this.stores, this.guildId, id, options.by, options.note);
  }

  /** Drafts and saves a review in one step. */
  async review(id: string, options: WriteOptions): Promise<Claim> {
    return curating.saveReview(this.stores, this.guildId, await curating.draftReview(this.stores, this.guildId, id), options.by);
  }

  /**
   * Claim records into this scope, all or nothing (a ValidationError lists every bad record): plain claim records, or
   * a file's records as readClaimRecords checked them (problems then name records and fields as the file does).
   */
  async import(records: unknown[] | claimFiles.ClaimRecords, options: WriteOptions): Promise<ImportReport> {
    return curating.importClaims(this.stores, this.guildId, records, options.by);
  }

  /** This scope's claims as an export file, in `format`. */
  async export(format: ClaimFormat, options: ClaimReviewOptions): Promise<claimFiles.ExportedFile> {
    return claimFiles.exportClaims(this.stores, this.guildId, format, options);
  }
}
