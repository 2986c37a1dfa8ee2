// Claims in SQLite: every change runs in one transaction together with its audit row, and every row read back
// is checked against the Claim schema. What may be written (the input checked, the claim owned by the writer, a
// correction's note) is decided before, by the use cases in front of it: the store writes what it is given.
//
// A claim's id is unique within its scope (the curated base, or one server). A server sees the curated base and its
// own claims; where both have an id, the id names the server's own claim there. Every write goes through the write
// gate (writeGate.ts): it never blocks the event loop on another process's lock, and never writes to a database
// file that was replaced under it.
import { z } from 'zod';
import type { CheckedClaimInput } from '../claimInput.js';
import { firstFreeId } from '../claimIds.js';
import { ValidationError } from '../errors.js';
import {
  AuditAction,
  Claim,
  ClaimId,
  ClaimInput,
  ClaimStatus,
  ClaimTranslations,
  describeIssues,
  Language,
  type AuditEntry,
  type ClaimContent,
  type ParsedClaimInput,
  type Verdict,
} from '../schema.js';
import type { Db } from './database.js';
import type { WriteGate } from './writeGate.js';

/** Who makes a change (`actor`: a Discord user id or `curated`), and for which scope (`null`: the curated base). */
export interface Writer {
  actor: string;
  guildId: string | null;
}

const AuditRow = z.object({
  id: z.number(),
  claim_id: z.string(),
  guild_id: z.string().nullable(),
  action: AuditAction,
  actor: z.string(),
  at: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  note: z.string().nullable(),
});

const CorrectionRow = z.object({ at: z.string(), note: z.string(), action: z.enum(['edit', 'retire']) });

const ClaimRow = z.object({
  id: z.string(),
  guild_id: z.string().nullable(),
  status: z.string(),
  statement: z.string(),
  answer: z.string(),
  confidence: z.string(),
  claimant: z.string().nullable(),
  sources: z.string(),
  questions: z.string(),
  keywords: z.string(),
  tags: z.string(),
  language: z.string(),
  translations: z.string(),
  reviewed_at: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  created_by: z.string(),
  updated_by: z.string(),
  verdict_label: z.string().nullable(),
  verdict_value: z.number().nullable(),
  verdict_best: z.number().nullable(),
  verdict_worst: z.number().nullable(),
  verdict_by: z.string().nullable(),
  verdict_on: z.string().nullable(),
  verdict_url: z.string().nullable(),
  claim_review: z.string().nullable(),
  rev: z.number(),
});
type ClaimRow = z.infer<typeof ClaimRow>;
const Count = z.object({ n: z.number() });

/** The verdict columns of a row, as the claim's verdict (none without a label). */
function verdictOf(row: ClaimRow): Verdict | undefined {
  if (row.verdict_label === null) return undefined;
  const optional = <K extends string, V>(key: K, value: V | null) => (value === null ? {} : ({ [key]: value } as Record<K, V>));
  return {
    label: row.verdict_label,
    ...optional('ratingValue', row.verdict_value),
    ...optional('bestRating', row.verdict_best),
    ...optional('worstRating', row.verdict_worst),
    ...optional('ratedBy', row.verdict_by),
    ...optional('ratedOn', row.verdict_on),
    ...optional('url', row.verdict_url),
  };
}

/**
 * What the search indexes of a claim, read back with a lighter check than a whole Claim (no dates, URLs or ids to
 * check): at start-up the search reads every claim, and the full check of 100,000 would take seconds. Every claim
 * was checked in full when it was written, and is again whenever it is shown.
 */
const Texts = z.array(z.string());
const IndexedSources = z.array(z.object({ name: z.string(), date: z.string().optional() }).loose());
const IndexedRow = z.object({
  id: z.string(),
  guild_id: z.string().nullable(),
  status: ClaimStatus,
  statement: z.string(),
  answer: z.string(),
  claimant: z.string().nullable(),
  sources: z.string(),
  questions: z.string(),
  keywords: z.string(),
  tags: z.string(),
  language: Language,
  translations: z.string(),
  rev: z.number(),
});

/** A claim's text, as the search indexes it. */
export interface IndexedClaim {
  id: string;
  guildId: string | null;
  status: ClaimStatus;
  statement: string;
  answer: string;
  claimant?: string | undefined;
  sources: Array<{ name: string; date?: string | undefined }>;
  questions: string[];
  keywords: string[];
  tags: string[];
  language: Language;
  translations: ClaimTranslations;
}

function indexedFromRow(raw: unknown): IndexedClaim {
  const row = IndexedRow.parse(raw);
  return {
    id: row.id,
    guildId: row.guild_id,
    status: row.status,
    statement: row.statement,
    answer: row.answer,
    ...(row.claimant ? { claimant: row.claimant } : {}),
    sources: IndexedSources.parse(JSON.parse(row.sources)),
    questions: Texts.parse(JSON.parse(row.questions)),
    keywords: Texts.parse(JSON.parse(row.keywords)),
    tags: Texts.parse(JSON.parse(row.tags)),
    language: row.language,
    translations: row.translations === '{}' ? {} : ClaimTranslations.parse(JSON.parse(row.translations)),
  };
}

/**
 * A claim built from parts the store assembled (a row read back, a change about to be written), checked against
 * the schema: a problem is a ValidationError with one line naming the claim and the field, never a raw ZodError.
 */
function checkedClaim(candidate: unknown, label: string): Claim {
  const parsed = Claim.safeParse(candidate);
  if (!parsed.success) throw new ValidationError(describeIssues(parsed.error, label));
  return parsed.data;
}

function readRow(raw: unknown): { claim: Claim; version: number } {
  const row = ClaimRow.parse(raw);
  const claim = checkedClaim(
    {
      id: row.id,
      statement: row.statement,
      answer: row.answer,
      confidence: row.confidence,
      ...(row.claimant ? { claimant: row.claimant } : {}),
      sources: JSON.parse(row.sources) as unknown,
      questions: JSON.parse(row.questions) as unknown,
      keywords: JSON.parse(row.keywords) as unknown,
      tags: JSON.parse(row.tags) as unknown,
      language: row.language,
      translations: JSON.parse(row.translations) as unknown,
      reviewedAt: row.reviewed_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      createdBy: row.created_by,
      updatedBy: row.updated_by,
      status: row.status,
      guildId: row.guild_id,
      ...(row.verdict_label !== null ? { verdict: verdictOf(row) } : {}),
      ...(row.claim_review !== null ? { claimReview: JSON.parse(row.claim_review) as unknown } : {}),
    },
    `stored claim ${row.id}`,
  );
  return { claim, version: row.rev };
}

const fromRow = (raw: unknown): Claim => readRow(raw).claim;

function toRow(claim: Claim): Omit<ClaimRow, 'rev'> {
  return {
    id: claim.id,
    guild_id: claim.guildId,
    status: claim.status,
    statement: claim.statement,
    answer: claim.answer,
    confidence: claim.confidence,
    claimant: claim.claimant ?? null,
    sources: JSON.stringify(claim.sources),
    questions: JSON.stringify(claim.questions),
    keywords: JSON.stringify(claim.keywords),
    tags: JSON.stringify(claim.tags),
    language: claim.language,
    translations: JSON.stringify(claim.translations),
    reviewed_at: claim.reviewedAt,
    created_at: claim.createdAt,
    updated_at: claim.updatedAt,
    created_by: claim.createdBy,
    updated_by: claim.updatedBy,
    verdict_label: claim.verdict?.label ?? null,
    verdict_value: claim.verdict?.ratingValue ?? null,
    verdict_best: claim.verdict?.bestRating ?? null,
    verdict_worst: claim.verdict?.worstRating ?? null,
    verdict_by: claim.verdict?.ratedBy ?? null,
    verdict_on: claim.verdict?.ratedOn ?? null,
    verdict_url: claim.verdict?.url ?? null,
    claim_review: claim.claimReview ? JSON.stringify(claim.claimReview) : null,
  };
}

function content(claim: Claim | ParsedClaimInput) {
  return {
    statement: claim.statement,
    answer: claim.answer,
    confidence: claim.confidence,
    claimant: claim.claimant ?? null,
    sources: claim.sources,
    questions: claim.questions,
    keywords: claim.keywords,
    tags: claim.tags,
    language: claim.language,
    translations: claim.translations,
    verdict: claim.verdict ?? null,
    claimReview: claim.claimReview ?? null,
  };
}

/** A claim's content as the store writes it: a verdict that is null (none) is left out, like a missing claimant. */
function written(claim: ReturnType<typeof content>) {
  const { claimant, verdict, claimReview, ...rest } = claim;
  return { ...rest, claimant: claimant ?? undefined, verdict: verdict ?? undefined, claimReview: claimReview ?? undefined };
}

function sameContent(a: Claim, b: ParsedClaimInput): boolean {
  return JSON.stringify(content(a)) === JSON.stringify(content(b));
}

export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
}
export interface SyncReport extends ImportReport {
  retired: number;
}

/** A claim and its version: the revision of its last change (a form opened on it names it; a save checks it). */
export interface VersionedClaim {
  claim: Claim;
  version: number;
}

/** A page of a scope's own active claims, with the counts a moderator's list shows. */
export interface ClaimPage {
  claims: Claim[];
  active: number;
  retired: number;
  /** Active claims last reviewed at or before the review cut-off. */
  due: number;
}

export class ClaimStore {
  private readonly stmts;

  constructor(
    private readonly db: Db,
    private readonly gate: WriteGate,
  ) {
    this.stmts = {
      // A server's own claim first: where the curated base has the same id, the id names the server's claim there.
      visible: db.prepare('SELECT * FROM claims WHERE id = ? AND (guild_id IS ? OR guild_id IS NULL) ORDER BY guild_id IS NULL LIMIT 1'),
      inScope: db.prepare('SELECT * FROM claims WHERE id = ? AND guild_id IS ?'),
      insert: db.prepare(`INSERT INTO claims (id, guild_id, status, statement, answer, confidence, claimant, sources, questions,
        keywords, tags, language, translations, reviewed_at, created_at, updated_at, created_by, updated_by, verdict_label,
        verdict_value, verdict_best, verdict_worst, verdict_by, verdict_on, verdict_url, claim_review, rev)
        VALUES (@id, @guild_id, @status, @statement, @answer, @confidence, @claimant, @sources, @questions, @keywords, @tags,
        @language, @translations, @reviewed_at, @created_at, @updated_at, @created_by, @updated_by, @verdict_label,
        @verdict_value, @verdict_best, @verdict_worst, @verdict_by, @verdict_on, @verdict_url, @claim_review, @rev)`),
      update: db.prepare(`UPDATE claims SET status = @status, statement = @statement, answer = @answer,
        confidence = @confidence, claimant = @claimant, sources = @sources, questions = @questions, keywords = @keywords,
        tags = @tags, language = @language, translations = @translations, reviewed_at = @reviewed_at, created_at = @created_at,
        updated_at = @updated_at, created_by = @created_by, updated_by = @updated_by, verdict_label = @verdict_label,
        verdict_value = @verdict_value, verdict_best = @verdict_best, verdict_worst = @verdict_worst, verdict_by = @verdict_by,
        verdict_on = @verdict_on, verdict_url = @verdict_url, claim_review = @claim_review, rev = @rev
        WHERE id = @id AND guild_id IS @guild_id`),
      audit: db.prepare(`INSERT INTO audit (claim_id, guild_id, action, actor, at, before, after, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      history: db.prepare('SELECT * FROM audit WHERE claim_id = ? AND guild_id IS ? ORDER BY id'),
      historyAfter: db.prepare('SELECT * FROM audit WHERE claim_id = ? AND guild_id IS ? AND id > ? ORDER BY id'),
      latestCorrection: db.prepare(`SELECT at, note, action FROM audit
        WHERE claim_id = ? AND guild_id IS ? AND action IN ('edit', 'retire') AND note IS NOT NULL ORDER BY id DESC LIMIT 1`),
      listGuild: db.prepare('SELECT * FROM claims WHERE guild_id IS ? AND status = ? ORDER BY created_at, id'),
      listGuildAll: db.prepare('SELECT * FROM claims WHERE guild_id IS ? ORDER BY created_at, id'),
      page: db.prepare("SELECT * FROM claims WHERE guild_id IS ? AND status = 'active' ORDER BY created_at, id LIMIT ? OFFSET ?"),
      pageCounts: db.prepare(`SELECT COALESCE(SUM(status = 'active'), 0) AS active, COALESCE(SUM(status = 'retired'), 0) AS retired,
        COALESCE(SUM(status = 'active' AND julianday(reviewed_at) <= julianday(?)), 0) AS due FROM claims WHERE guild_id IS ?`),
      due: db.prepare(`SELECT * FROM claims WHERE guild_id IS ? AND status = 'active' AND julianday(reviewed_at) <= julianday(?)
        ORDER BY julianday(reviewed_at), id LIMIT ?`),
      sincePage: db.prepare(`SELECT id, guild_id, status, statement, answer, claimant, sources, questions, keywords, tags, language, translations, rev
        FROM claims WHERE rev > ? ORDER BY rev LIMIT ?`),
      recognisable: db.prepare('SELECT id, statement, verdict_by, verdict_url FROM claims WHERE guild_id IS ? ORDER BY created_at, id'),
      // Curated claims a sync wrote (their last change is a sync) that the curated file no longer has.
      syncedNotIn: db.prepare(`SELECT c.* FROM claims c WHERE c.guild_id IS NULL AND c.status = 'active'
        AND c.id NOT IN (SELECT value FROM json_each(?))
        AND (SELECT a.action FROM audit a WHERE a.claim_id = c.id AND a.guild_id IS NULL ORDER BY a.id DESC LIMIT 1) = 'sync'`),
      curators: db.prepare("SELECT DISTINCT created_by AS actor FROM claims WHERE guild_id IS ? AND status = 'active' ORDER BY created_by LIMIT ?"),
      countVisible: db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(guild_id IS NULL), 0) AS curated FROM claims
        WHERE status = 'active' AND (guild_id IS NULL OR guild_id IS ?)`),
      // Curated claims a server's own claims hide there (same id): counted out of what that server sees.
      shadowed: db.prepare(`SELECT COUNT(*) AS n FROM claims own JOIN claims c ON c.id = own.id AND c.guild_id IS NULL
        WHERE own.guild_id = ? AND c.status = 'active'`),
      many: db.prepare('SELECT * FROM claims WHERE id IN (SELECT value FROM json_each(?))'),
      visibleActive: db.prepare(`SELECT * FROM claims c WHERE c.status = 'active' AND (c.guild_id IS NULL OR c.guild_id IS ?)
        AND NOT (c.guild_id IS NULL AND ? IS NOT NULL AND EXISTS (SELECT 1 FROM claims own WHERE own.id = c.id AND own.guild_id IS ?))
        ORDER BY c.created_at, c.id`),
    };
  }

  /** A claim by id, if it is visible from `guildId`: the server's own, or else the curated base's. */
  get(id: string, guildId: string | null): Claim | undefined {
    return this.versioned(id, guildId)?.claim;
  }

  /** A claim visible from `guildId`, with its version. */
  versioned(id: string, guildId: string | null): VersionedClaim | undefined {
    const row = this.stmts.visible.get(id, guildId);
    return row ? readRow(row) : undefined;
  }

  /** A guild's own claims (`null`: the curated base), active unless `includeRetired`. */
  list(guildId: string | null, includeRetired = false): Claim[] {
    const rows = includeRetired ? this.stmts.listGuildAll.all(guildId) : this.stmts.listGuild.all(guildId, 'active');
    return rows.map(fromRow);
  }

  /**
   * `limit` of a scope's own active claims from `offset`, in the order they were added, and how many it has: active,
   * retired, and due for review (last reviewed at or before `dueBefore`). Only the page is read and checked.
   */
  page(guildId: string | null, offset: number, limit: number, dueBefore: Date): ClaimPage {
    const counts = z
      .object({ active: z.number(), retired: z.number(), due: z.number() })
      .parse(this.stmts.pageCounts.get(dueBefore.toISOString(), guildId));
    return { claims: this.stmts.page.all(guildId, limit, offset).map(fromRow), ...counts };
  }

  /** A scope's own active claims last reviewed at or before `dueBefore`, oldest review first (at most `limit`). */
  due(guildId: string | null, dueBefore: Date, limit: number): Claim[] {
    return this.stmts.due.all(guildId, dueBefore.toISOString(), limit).map(fromRow);
  }

  /** The claims with these ids, of any scope and status (the caller checks both), in no particular order. */
  getMany(ids: readonly string[]): Claim[] {
    return ids.length ? this.stmts.many.all(JSON.stringify(ids)).map(fromRow) : [];
  }

  /** How many active claims a guild sees, and how many of them are the curated base's. */
  countVisible(guildId: string | null): { total: number; curated: number } {
    const { n, curated } = z.object({ n: z.number(), curated: z.number() }).parse(this.stmts.countVisible.get(guildId));
    const hidden = guildId === null ? 0 : Count.parse(this.stmts.shadowed.get(guildId)).n;
    return { total: n - hidden, curated: curated - hidden };
  }

  /** Who added a guild's active claims (at most `limit` of them). */
  curators(guildId: string, limit: number): string[] {
    return this.stmts.curators.all(guildId, limit).map((row) => z.object({ actor: z.string() }).parse(row).actor);
  }

  /** The active claims answered in a guild (`null`: outside any server): the curated base and the guild's own. */
  visible(guildId: string | null): Claim[] {
    return this.stmts.visibleActive.all(guildId, guildId, guildId).map(fromRow);
  }

  /**
   * At most `limit` claims changed after revision `rev`, oldest change first, and the revision of the last one. Each
   * change has a revision of its own (its audit row's id) and writers commit one at a time, so reading on from that
   * revision later misses nothing committed meanwhile.
   */
  changesAfter(rev: number, limit: number): { claims: IndexedClaim[]; rev: number } {
    const rows = this.stmts.sincePage.all(rev, limit).map((raw) => ({ claim: indexedFromRow(raw), rev: (raw as { rev: number }).rev }));
    return { claims: rows.map((r) => r.claim), rev: rows.length ? rows[rows.length - 1]!.rev : rev };
  }

  /** Adds a claim to the writer's scope; without an id it gets the first of its statement's ids free there. */
  add(input: CheckedClaimInput, by: Writer): Promise<Claim> {
    return this.gate.run(() =>
      this.db
        .transaction(() => {
          if (input.id && this.inScope(input.id, by.guildId)) throw new ValidationError([`claim ${input.id}: id: already exists`]);
          const id = input.id ?? firstFreeId(input.statement, (candidate) => this.idTaken(candidate, by.guildId)).id;
          return this.insertNew(input, id, by, 'add');
        })
        .immediate(),
    );
  }

  /**
   * Replaces the content of a claim its writer owns, as it was at `version`, with the public note of a correction,
   * if any. An edit is also a review. Returns null, writing nothing, when the claim changed since that version.
   */
  applyEdit(id: string, version: number, changes: ClaimContent, by: Writer, note?: string): Promise<Claim | null> {
    return this.gate.run(() => this.db.transaction(() => this.editInTransaction(id, version, changes, by, note)?.claim ?? null).immediate());
  }

  /** applyEdit's work, inside a write transaction the caller holds (one that also marks a pending edit saved). */
  editInTransaction(id: string, version: number, changes: ClaimContent, by: Writer, note?: string): VersionedClaim | null {
    const current = this.versionedInScope(id, by.guildId);
    if (!current || current.version !== version) return null;
    const now = new Date().toISOString();
    const after: Claim = { ...current.claim, ...changes, reviewedAt: now, updatedAt: now, updatedBy: by.actor };
    if (changes.claimant === undefined) delete after.claimant;
    if (changes.verdict === undefined) delete after.verdict;
    return { claim: after, version: this.write(current.claim, checkedClaim(after, `claim ${id}`), by, 'edit', note) };
  }

  /** Retires a claim its writer owns, with the public note a retirement needs; a retired claim stays as it is. */
  retire(id: string, by: Writer, note: string): Promise<Claim> {
    return this.gate.run(() =>
      this.db
        .transaction(() => {
          const before = this.existing(id, by.guildId);
          if (before.status === 'retired') return before;
          const after = checkedClaim({ ...before, status: 'retired', updatedAt: new Date().toISOString(), updatedBy: by.actor }, `claim ${id}`);
          this.write(before, after, by, 'retire', note);
          return after;
        })
        .immediate(),
    );
  }

  /** Marks a claim its writer owns as re-checked today: its review date moves, its content does not. */
  review(id: string, by: Writer): Promise<Claim> {
    return this.gate.run(() =>
      this.db
        .transaction(() => {
          const before = this.existing(id, by.guildId);
          const now = new Date().toISOString();
          const after = checkedClaim({ ...before, reviewedAt: now, updatedAt: now, updatedBy: by.actor }, `claim ${id}`);
          this.write(before, after, by, 'review');
          return after;
        })
        .immediate(),
    );
  }

  /** The newest public correction of a claim (an edit or retirement with a note), if any. */
  latestCorrection(claim: Pick<Claim, 'id' | 'guildId'>): { at: string; note: string; action: 'edit' | 'retire' } | undefined {
    const row = this.stmts.latestCorrection.get(claim.id, claim.guildId);
    return row ? CorrectionRow.parse(row) : undefined;
  }

  /** Every change of a claim, oldest first; with `afterVersion`, only the changes made since that version. */
  history(claim: Pick<Claim, 'id' | 'guildId'>, afterVersion?: number): AuditEntry[] {
    const rows =
      afterVersion === undefined
        ? this.stmts.history.all(claim.id, claim.guildId)
        : this.stmts.historyAfter.all(claim.id, claim.guildId, afterVersion);
    return rows.map((raw) => {
      const row = AuditRow.parse(raw);
      const label = `history of claim ${row.claim_id}`;
      return {
        id: row.id,
        claimId: row.claim_id,
        action: row.action,
        actor: row.actor,
        at: row.at,
        before: row.before ? checkedClaim(JSON.parse(row.before), label) : null,
        after: row.after ? checkedClaim(JSON.parse(row.after), label) : null,
        note: row.note,
      };
    });
  }

  /**
   * Imports claims into a guild (or the curated scope with `null`), all or nothing: every invalid entry is
   * reported and nothing is written. A record whose id exists in the same scope updates that claim; so does a
   * record without an id that the scope's claims recognise (recognise: same review url, or same statement and
   * rater), or whose statement one of the scope's claims made its id from (importing a file again changes nothing).
   * Other scopes' claims play no part. `naming` names records and fields as the file does.
   */
  import(records: unknown[], by: Writer, naming: RecordNaming = claimRecordNaming(records)): Promise<ImportReport> {
    const { parsed, issues } = validateClaimRecords(records, naming);
    if (issues.length) return Promise.reject(new ValidationError(issues));
    return this.gate.run(() =>
      this.db
        .transaction(() => {
          const report: ImportReport = { added: 0, updated: 0, unchanged: 0 };
          const recognised = parsed.some((record) => record.attempt !== null) ? this.recognise(parsed, by.guildId) : [];
          const records = parsed.map((record, i) => {
            const id = recognised[i];
            return id ? { ...record, id, attempt: null } : record;
          });
          for (const { outcome } of this.upsertAll(records, by, 'import')) report[outcome]++;
          return report;
        })
        .immediate(),
    );
  }

  /**
   * The claims of a scope that records without an id stand for, by index: the claim with the same review url (the
   * verdict's), else the same statement rated by the same author (or, without a verdict, the same statement with
   * none). Each claim is recognised once per import, earliest first.
   */
  private recognise(records: ValidRecord[], guildId: string | null): Array<string | undefined> {
    const Row = z.object({ id: z.string(), statement: z.string(), verdict_by: z.string().nullable(), verdict_url: z.string().nullable() });
    const rows = this.stmts.recognisable.all(guildId).map((raw) => Row.parse(raw));
    const byUrl = new Map<string, string[]>();
    const byText = new Map<string, string[]>();
    const push = (map: Map<string, string[]>, key: string, id: string) => map.set(key, [...(map.get(key) ?? []), id]);
    const textKey = (statement: string, ratedBy: string | null | undefined) => JSON.stringify([statement, ratedBy ?? null]);
    for (const row of rows) {
      if (row.verdict_url) push(byUrl, row.verdict_url, row.id);
      push(byText, textKey(row.statement, row.verdict_by), row.id);
    }
    const taken = new Set(records.flatMap((record) => (record.attempt === null ? [record.id] : [])));
    const first = (ids: string[] | undefined) => ids?.find((id) => !taken.has(id));
    return records.map(({ input, attempt }) => {
      if (attempt === null) return undefined;
      const id =
        (input.verdict?.url ? first(byUrl.get(input.verdict.url)) : undefined) ?? first(byText.get(textKey(input.statement, input.verdict?.ratedBy)));
      if (id) taken.add(id);
      return id;
    });
  }

  /**
   * Brings the curated base in line with its file: new and changed claims written, removed ones retired. Only claims
   * the file put there (last written by a sync) are retired; claims imported into the curated scope stay.
   */
  async syncCurated(records: unknown[]): Promise<SyncReport> {
    const checked = validateClaimRecords(records);
    if (checked.issues.length) throw new ValidationError(checked.issues);
    const parsed = checked.parsed.map((record) => ({
      ...record,
      input: keepingTranslations(record.input, records[record.index], this.inScope(record.id, null)),
    }));
    const by: Writer = { actor: 'curated', guildId: null };
    // Most starts change nothing: find that out without taking the write lock (another process may hold it).
    const ids = parsed.map((record) => record.id);
    const upToDate =
      parsed.every((record) => {
        const existing = this.inScope(record.id, null);
        return existing !== undefined && existing.status === 'active' && sameContent(existing, record.input);
      }) && this.stmts.syncedNotIn.all(JSON.stringify(ids)).length === 0;
    if (upToDate) return { added: 0, updated: 0, unchanged: parsed.length, retired: 0 };
    return this.gate.run(() =>
      this.db
        .transaction(() => {
          const report: SyncReport = { added: 0, updated: 0, unchanged: 0, retired: 0 };
          const written = this.upsertAll(
            parsed.map((record) => ({ ...record, input: { ...record.input, status: 'active' as const } })),
            by,
            'sync',
          );
          for (const { outcome } of written) report[outcome]++;
          const kept = JSON.stringify(written.map((w) => w.id));
          for (const claim of this.stmts.syncedNotIn.all(kept).map(fromRow)) {
            const retired = { ...claim, status: 'retired', updatedAt: new Date().toISOString(), updatedBy: 'curated' };
            this.write(claim, checkedClaim(retired, `claim ${claim.id}`), by, 'sync', 'removed from the curated file');
            report.retired++;
          }
          return report;
        })
        .immediate(),
    );
  }

  /**
   * Writes checked records into the writer's scope (inside the caller's transaction): each record with an id
   * updates the scope's claim of that id or adds it; a record without one goes to the first of its statement's ids
   * that is free in the scope or names the claim made from the same statement before.
   */
  private upsertAll(records: ValidRecord[], by: Writer, action: AuditAction): Array<{ id: string; outcome: keyof ImportReport }> {
    const inFile = new Map(records.map((record) => [record.id, record.index]));
    return records.map((record) => {
      let id = record.id;
      if (record.attempt !== null) {
        const resolved = firstFreeId(
          record.input.statement,
          (candidate) => {
            const holder = inFile.get(candidate);
            if (holder !== undefined && holder !== record.index) return true;
            const existing = this.inScope(candidate, by.guildId);
            // The claim made from this statement before, rated by the same author (another's rating is another claim).
            if (existing) return existing.statement === record.input.statement && sameRater(existing, record.input) ? 'own' : true;
            return this.shadowsCurated(candidate, by.guildId);
          },
          record.attempt,
        );
        id = resolved.id;
      }
      const existing = this.inScope(id, by.guildId);
      if (!existing) {
        this.insertNew(record.input, id, by, action);
        return { id, outcome: 'added' };
      }
      if (sameContent(existing, record.input) && existing.status === (record.input.status ?? 'active')) return { id, outcome: 'unchanged' };
      this.replace(existing, record.input, by, action);
      return { id, outcome: 'updated' };
    });
  }

  private inScope(id: string, guildId: string | null): Claim | undefined {
    return this.versionedInScope(id, guildId)?.claim;
  }

  private versionedInScope(id: string, guildId: string | null): VersionedClaim | undefined {
    const row = this.stmts.inScope.get(id, guildId);
    return row ? readRow(row) : undefined;
  }

  /** A generated id a scope may not take: one of its own claims has it, or (for a server) the curated base does. */
  private idTaken(id: string, guildId: string | null): boolean {
    return this.inScope(id, guildId) !== undefined || this.shadowsCurated(id, guildId);
  }

  /** True when a server's claim of this id would hide the curated claim of the same id there. */
  private shadowsCurated(id: string, guildId: string | null): boolean {
    return guildId !== null && this.inScope(id, null) !== undefined;
  }

  /** A claim the caller has seen, in its scope (claims are never deleted). */
  private existing(id: string, guildId: string | null): Claim {
    const claim = this.inScope(id, guildId);
    if (!claim) throw new Error(`claim ${id} is not in the store`);
    return claim;
  }

  private insertNew(input: ParsedClaimInput, id: string, by: Writer, action: AuditAction): Claim {
    const now = new Date().toISOString();
    const claim = checkedClaim(
      {
        ...written(content(input)),
        id,
        reviewedAt: input.reviewedAt ?? now,
        createdAt: input.createdAt ?? now,
        updatedAt: input.updatedAt ?? now,
        createdBy: input.createdBy ?? by.actor,
        updatedBy: input.updatedBy ?? by.actor,
        status: input.status ?? 'active',
        guildId: by.guildId,
      },
      `claim ${id}`,
    );
    this.write(null, claim, by, action);
    return claim;
  }

  private replace(before: Claim, input: ParsedClaimInput, by: Writer, action: AuditAction): Claim {
    const now = new Date().toISOString();
    const after = checkedClaim(
      {
        ...before,
        ...written(content(input)),
        reviewedAt: input.reviewedAt ?? now,
        updatedAt: now,
        updatedBy: by.actor,
        status: input.status ?? 'active',
      },
      `claim ${before.id}`,
    );
    this.write(before, after, by, action);
    return after;
  }

  /** Writes a change with its audit row; returns the change's revision (the claim's new version). */
  private write(before: Claim | null, after: Claim, by: Writer, action: AuditAction, note?: string): number {
    const { lastInsertRowid } = this.stmts.audit.run(
      after.id,
      after.guildId,
      action,
      by.actor,
      after.updatedAt,
      before ? JSON.stringify(before) : null,
      JSON.stringify(after),
      note ?? null,
    );
    const row = { ...toRow(after), rev: Number(lastInsertRowid) };
    if (before) this.stmts.update.run(row);
    else this.stmts.insert.run(row);
    return row.rev;
  }
}

/**
 * A record of a claim file that passed the schema, with its id: its own, or (`attempt` not null) the one it gets
 * from its statement, the first of the statement's ids no other record of the file has.
 */
export interface ValidRecord {
  index: number;
  input: ParsedClaimInput;
  id: string;
  attempt: number | null;
}

/** How problem lines name a file's records and their fields. */
export interface RecordNaming {
  /** The record at `index`: `claim 3 (some-id)`. */
  label(index: number): string;
  /** A field of the record at `index`, as the file names it: `sources.0.url`. */
  field(index: number, path: readonly PropertyKey[]): string;
}

/** Our claim files: records by index and id, fields by our names. */
export function claimRecordNaming(records: unknown[]): RecordNaming {
  return {
    label(index) {
      // The id names the claim only when it is a valid id: anything else is untrusted text (line breaks, 10,000 characters).
      const record = records[index];
      const rawId = typeof record === 'object' && record !== null && 'id' in record ? record.id : undefined;
      return `claim ${index}${ClaimId.safeParse(rawId).success ? ` (${rawId as string})` : ''}`;
    },
    field: (_index, path) => (path.length ? path.join('.') : '(record)'),
  };
}

/** Whether a record is rated by the same author as a claim (both unrated counts as the same). */
function sameRater(claim: Claim, input: ParsedClaimInput): boolean {
  return (claim.verdict?.ratedBy ?? null) === (input.verdict?.ratedBy ?? null);
}

/**
 * A curated record that gives no translations keeps the ones its claim has, as long as its text is the same: a
 * translation of other words would say something else, so a changed claim loses them until it is translated again.
 */
function keepingTranslations(input: ParsedClaimInput, record: unknown, existing: Claim | undefined): ParsedClaimInput {
  const given = typeof record === 'object' && record !== null && 'translations' in record;
  if (given || !existing) return input;
  const same = existing.statement === input.statement && existing.answer === input.answer && existing.claimant === input.claimant;
  return same ? { ...input, translations: existing.translations } : input;
}

/**
 * Checks every record of a claim file against the schema, and that no id is used twice, and gives each record
 * without an id its id, from its statement: what `validate` reports is what `import` does. `issues` has one line per
 * problem (`claim 3 (some-id): sources.0.url: must be an http(s) URL`), `parsed` the records that passed.
 */
export function validateClaimRecords(records: unknown[], naming?: RecordNaming): { parsed: ValidRecord[]; issues: string[] } {
  const names = naming ?? claimRecordNaming(records);
  const accepted: Array<{ index: number; input: ParsedClaimInput }> = [];
  const issues: string[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    const label = names.label(index);
    const result = ClaimInput.safeParse(record);
    if (!result.success) {
      issues.push(...describeIssues(result.error, label, (path) => names.field(index, path)));
      return;
    }
    if (result.data.id) {
      const first = seen.get(result.data.id);
      if (first !== undefined) issues.push(`${label}: ${names.field(index, ['id'])}: duplicate of ${names.label(first)}`);
      seen.set(result.data.id, index);
    }
    accepted.push({ index, input: result.data });
  });
  const parsed = accepted.map(({ index, input }): ValidRecord => {
    if (input.id) return { index, input, id: input.id, attempt: null };
    const { id, attempt } = firstFreeId(input.statement, (candidate) => seen.has(candidate));
    seen.set(id, index);
    return { index, input, id, attempt };
  });
  return { parsed, issues };
}
