// Claims in SQLite: every change runs in one transaction together with its audit row, and every row read back
// is checked against the Claim schema. What may be written (the input checked, the claim owned by the writer, a
// correction's note) is decided before, by the use cases in front of it: the store writes what it is given.
import { z } from 'zod';
import type { CheckedClaimInput } from '../claimInput.js';
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
  slugify,
  type AuditEntry,
  type ParsedClaimInput,
  type Verdict,
} from '../schema.js';
import type { Db } from './database.js';

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

function fromRow(raw: unknown): Claim {
  const row = ClaimRow.parse(raw);
  const parsed = Claim.safeParse({
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
  });
  if (!parsed.success) throw new Error(`stored claim ${row.id} is malformed: ${describeIssues(parsed.error).join('; ')}`);
  return parsed.data;
}

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

/**
 * The fields a person writes; what the store manages (dates, authors, status, guild) is left out. The ClaimReview
 * record a claim came from stays as it is through an edit.
 */
export type ClaimContent = Pick<
  Claim,
  'statement' | 'answer' | 'confidence' | 'claimant' | 'sources' | 'questions' | 'keywords' | 'tags' | 'verdict' | 'language' | 'translations'
>;

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

export class ClaimStore {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      get: db.prepare('SELECT * FROM claims WHERE id = ?'),
      insert: db.prepare(`INSERT INTO claims (id, guild_id, status, statement, answer, confidence, claimant, sources, questions,
        keywords, tags, language, translations, reviewed_at, created_at, updated_at, created_by, updated_by, verdict_label,
        verdict_value, verdict_best, verdict_worst, verdict_by, verdict_on, verdict_url, claim_review, rev)
        VALUES (@id, @guild_id, @status, @statement, @answer, @confidence, @claimant, @sources, @questions, @keywords, @tags,
        @language, @translations, @reviewed_at, @created_at, @updated_at, @created_by, @updated_by, @verdict_label,
        @verdict_value, @verdict_best, @verdict_worst, @verdict_by, @verdict_on, @verdict_url, @claim_review, @rev)`),
      update: db.prepare(`UPDATE claims SET guild_id = @guild_id, status = @status, statement = @statement, answer = @answer,
        confidence = @confidence, claimant = @claimant, sources = @sources, questions = @questions, keywords = @keywords,
        tags = @tags, language = @language, translations = @translations, reviewed_at = @reviewed_at, created_at = @created_at,
        updated_at = @updated_at, created_by = @created_by, updated_by = @updated_by, verdict_label = @verdict_label,
        verdict_value = @verdict_value, verdict_best = @verdict_best, verdict_worst = @verdict_worst, verdict_by = @verdict_by,
        verdict_on = @verdict_on, verdict_url = @verdict_url, claim_review = @claim_review, rev = @rev WHERE id = @id`),
      audit: db.prepare(`INSERT INTO audit (claim_id, guild_id, action, actor, at, before, after, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      history: db.prepare('SELECT * FROM audit WHERE claim_id = ? ORDER BY id'),
      latestCorrection: db.prepare(`SELECT at, note, action FROM audit
        WHERE claim_id = ? AND action IN ('edit', 'retire') AND note IS NOT NULL ORDER BY id DESC LIMIT 1`),
      listGuild: db.prepare('SELECT * FROM claims WHERE guild_id IS ? AND status = ? ORDER BY created_at, id'),
      listGuildAll: db.prepare('SELECT * FROM claims WHERE guild_id IS ? ORDER BY created_at, id'),
      listActive: db.prepare("SELECT * FROM claims WHERE status = 'active'"),
      since: db.prepare('SELECT * FROM claims WHERE rev > ? ORDER BY rev'),
      sincePage: db.prepare(`SELECT id, guild_id, status, statement, answer, claimant, sources, questions, keywords, tags, language, translations, rev
        FROM claims WHERE rev > ? ORDER BY rev LIMIT ?`),
      recognisable: db.prepare('SELECT id, statement, verdict_by, verdict_url FROM claims WHERE guild_id IS ? ORDER BY created_at, id'),
      // Curated claims a sync wrote (their last change is a sync) that the curated file no longer has.
      syncedNotIn: db.prepare(`SELECT c.* FROM claims c WHERE c.guild_id IS NULL AND c.status = 'active'
        AND c.id NOT IN (SELECT value FROM json_each(?))
        AND (SELECT a.action FROM audit a WHERE a.claim_id = c.id ORDER BY a.id DESC LIMIT 1) = 'sync'`),
      curators: db.prepare("SELECT DISTINCT created_by AS actor FROM claims WHERE guild_id IS ? AND status = 'active' ORDER BY created_by LIMIT ?"),
      countVisible: db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(guild_id IS NULL), 0) AS curated FROM claims
        WHERE status = 'active' AND (guild_id IS NULL OR guild_id IS ?)`),
      many: db.prepare('SELECT * FROM claims WHERE id IN (SELECT value FROM json_each(?))'),
      visibleActive: db.prepare("SELECT * FROM claims WHERE status = 'active' AND (guild_id IS NULL OR guild_id IS ?) ORDER BY created_at, id"),
      maxRev: db.prepare('SELECT COALESCE(MAX(rev), 0) AS rev FROM claims'),
      exists: db.prepare('SELECT 1 FROM claims WHERE id = ?'),
    };
  }

  /** A claim by id, if it is visible from `guildId` (curated claims are visible everywhere). */
  get(id: string, guildId: string | null): Claim | undefined {
    const row = this.stmts.get.get(id);
    if (!row) return undefined;
    const claim = fromRow(row);
    return claim.guildId === null || claim.guildId === guildId ? claim : undefined;
  }

  /** A guild's own claims (`null`: the curated base), active unless `includeRetired`. */
  list(guildId: string | null, includeRetired = false): Claim[] {
    const rows = includeRetired ? this.stmts.listGuildAll.all(guildId) : this.stmts.listGuild.all(guildId, 'active');
    return rows.map(fromRow);
  }

  /** The claims with these ids, of any scope and status (the caller checks both), in no particular order. */
  getMany(ids: readonly string[]): Claim[] {
    return ids.length ? this.stmts.many.all(JSON.stringify(ids)).map(fromRow) : [];
  }

  /** How many active claims a guild sees, and how many of them are the curated base's. */
  countVisible(guildId: string | null): { total: number; curated: number } {
    const { n, curated } = z.object({ n: z.number(), curated: z.number() }).parse(this.stmts.countVisible.get(guildId));
    return { total: n, curated };
  }

  /** Who added a guild's active claims (at most `limit` of them). */
  curators(guildId: string, limit: number): string[] {
    return this.stmts.curators.all(guildId, limit).map((row) => z.object({ actor: z.string() }).parse(row).actor);
  }

  /** The active claims answered in a guild (`null`: outside any server): the curated base and the guild's own. */
  visible(guildId: string | null): Claim[] {
    return this.stmts.visibleActive.all(guildId).map(fromRow);
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

  /** Every active claim of every scope: what the search index is built from. */
  allActive(): Claim[] {
    return this.stmts.listActive.all().map(fromRow);
  }

  /**
   * Claims changed after revision `rev` (by this or another process), with the newest revision. Both reads run in
   * one read transaction, so a commit from another process between them cannot be skipped.
   */
  changesSince(rev: number): { claims: Claim[]; rev: number } {
    return this.db.transaction(() => {
      const claims = this.stmts.since.all(rev).map(fromRow);
      return { claims, rev: (this.stmts.maxRev.get() as { rev: number }).rev };
    })();
  }

  add(input: CheckedClaimInput, by: Writer): Claim {
    return this.db.transaction(() => this.insertNew(input, by, 'add')).immediate();
  }

  /**
   * Replaces the content of `before` (a claim its writer owns), with the public note of a correction, if any. An
   * edit is also a review. Returns null, writing nothing, when the claim changed since `before` was read.
   */
  applyEdit(before: Claim, changes: ClaimContent, by: Writer, note?: string): Claim | null {
    return this.db
      .transaction(() => {
        const current = this.rawGet(before.id);
        if (!current || current.updatedAt !== before.updatedAt) return null;
        const now = new Date().toISOString();
        const after: Claim = { ...current, ...changes, reviewedAt: now, updatedAt: now, updatedBy: by.actor };
        if (changes.claimant === undefined) delete after.claimant;
        if (changes.verdict === undefined) delete after.verdict;
        this.write(current, after, by, 'edit', note);
        return after;
      })
      .immediate();
  }

  /** Retires a claim its writer owns, with the public note a retirement needs; a retired claim stays as it is. */
  retire(id: string, by: Writer, note: string): Claim {
    return this.db
      .transaction(() => {
        const before = this.existing(id);
        if (before.status === 'retired') return before;
        const after = Claim.parse({ ...before, status: 'retired', updatedAt: new Date().toISOString(), updatedBy: by.actor });
        this.write(before, after, by, 'retire', note);
        return after;
      })
      .immediate();
  }

  /** Marks a claim its writer owns as re-checked today: its review date moves, its content does not. */
  review(id: string, by: Writer): Claim {
    return this.db
      .transaction(() => {
        const before = this.existing(id);
        const now = new Date().toISOString();
        const after = Claim.parse({ ...before, reviewedAt: now, updatedAt: now, updatedBy: by.actor });
        this.write(before, after, by, 'review');
        return after;
      })
      .immediate();
  }

  /** The newest public correction of a claim (an edit or retirement with a note), if any. */
  latestCorrection(id: string): { at: string; note: string; action: 'edit' | 'retire' } | undefined {
    const row = this.stmts.latestCorrection.get(id);
    return row ? CorrectionRow.parse(row) : undefined;
  }

  /** Every change of a claim, oldest first. */
  history(id: string): AuditEntry[] {
    return this.stmts.history.all(id).map((raw) => {
      const row = AuditRow.parse(raw);
      return {
        id: row.id,
        claimId: row.claim_id,
        action: row.action,
        actor: row.actor,
        at: row.at,
        before: row.before ? Claim.parse(JSON.parse(row.before)) : null,
        after: row.after ? Claim.parse(JSON.parse(row.after)) : null,
        note: row.note,
      };
    });
  }

  /**
   * Imports claims into a guild (or the curated scope with `null`), all or nothing: every invalid entry is
   * reported and nothing is written. A record whose id exists in the same scope updates that claim; a record
   * without an id updates the claim of the scope it is recognised as (recognise), else it is added. `naming` names
   * records and fields as the file does.
   */
  import(records: unknown[], by: Writer, naming: RecordNaming = claimRecordNaming(records)): ImportReport {
    const { parsed, issues } = validateClaimRecords(records, naming);
    if (issues.length) throw new ValidationError(issues);
    return this.db
      .transaction(() => {
        const recognised = parsed.some((input) => !input.id) ? this.recognise(parsed, by.guildId) : [];
        const current = parsed.map((input, index) => (input.id ? this.rawGet(input.id) : recognised[index] && this.rawGet(recognised[index])));
        const conflicts = parsed.flatMap((input, index) =>
          current[index] && current[index].guildId !== by.guildId
            ? [`${naming.label(index)}: ${naming.field(index, ['id'])}: already used by another scope's claim`]
            : [],
        );
        if (conflicts.length) throw new ValidationError(conflicts);
        const report: ImportReport = { added: 0, updated: 0, unchanged: 0 };
        for (const [index, input] of parsed.entries()) {
          const existing = current[index];
          if (!existing) {
            this.insertNew(input, by, 'import');
            report.added++;
          } else if (sameContent(existing, input) && existing.status === (input.status ?? 'active')) {
            report.unchanged++;
          } else {
            this.replace(existing, input, by, 'import');
            report.updated++;
          }
        }
        return report;
      })
      .immediate();
  }

  /**
   * The claims of a scope that records without an id stand for, by index: the claim with the same review url (the
   * verdict's), else the same statement rated by the same author (or, without a verdict, the same statement with
   * none). Each claim is recognised once per import, earliest first.
   */
  private recognise(inputs: ParsedClaimInput[], guildId: string | null): Array<string | undefined> {
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
    const taken = new Set(inputs.flatMap((input) => (input.id ? [input.id] : [])));
    const first = (ids: string[] | undefined) => ids?.find((id) => !taken.has(id));
    return inputs.map((input) => {
      if (input.id) return undefined;
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
  syncCurated(records: unknown[]): SyncReport {
    const checked = validateClaimRecords(records);
    if (checked.issues.length) throw new ValidationError(checked.issues);
    const by: Writer = { actor: 'curated', guildId: null };
    const ids = checked.parsed.map((input) => input.id ?? slugify(input.statement));
    const parsed = checked.parsed.map((input, i) => keepingTranslations(input, records[i], this.rawGet(ids[i]!)));
    // Most starts change nothing: find that out without taking the write lock (another process may hold it).
    const upToDate =
      parsed.every((input, i) => {
        const existing = this.rawGet(ids[i]!);
        return existing !== undefined && existing.guildId === null && existing.status === 'active' && sameContent(existing, input);
      }) && this.stmts.syncedNotIn.all(JSON.stringify(ids)).length === 0;
    if (upToDate) return { added: 0, updated: 0, unchanged: parsed.length, retired: 0 };
    return this.db
      .transaction(() => {
        const report: SyncReport = { added: 0, updated: 0, unchanged: 0, retired: 0 };
        for (const [i, input] of parsed.entries()) {
          const id = ids[i]!;
          const existing = this.rawGet(id);
          if (existing && existing.guildId !== null) throw new ValidationError([`claim ${id}: id: already used by a server's claim`]);
          if (!existing) {
            this.insertNew({ ...input, id }, by, 'sync');
            report.added++;
          } else if (existing.status === 'active' && sameContent(existing, input)) {
            report.unchanged++;
          } else {
            this.replace(existing, { ...input, status: 'active' }, by, 'sync');
            report.updated++;
          }
        }
        for (const claim of this.stmts.syncedNotIn.all(JSON.stringify(ids)).map(fromRow)) {
          this.write(
            claim,
            Claim.parse({ ...claim, status: 'retired', updatedAt: new Date().toISOString(), updatedBy: 'curated' }),
            by,
            'sync',
            'removed from the curated file',
          );
          report.retired++;
        }
        return report;
      })
      .immediate();
  }

  private rawGet(id: string): Claim | undefined {
    const row = this.stmts.get.get(id);
    return row ? fromRow(row) : undefined;
  }

  /** A claim the caller has seen (claims are never deleted). */
  private existing(id: string): Claim {
    const claim = this.rawGet(id);
    if (!claim) throw new Error(`claim ${id} is not in the store`);
    return claim;
  }

  private insertNew(input: ParsedClaimInput, by: Writer, action: AuditAction): Claim {
    const now = new Date().toISOString();
    let id = input.id ?? slugify(input.statement);
    if (!input.id) {
      const base = id.slice(0, 58);
      for (let n = 2; this.stmts.exists.get(id); n++) id = `${base}-${n}`;
    } else if (this.stmts.exists.get(id)) {
      throw new ValidationError([`claim ${id}: id: already exists`]);
    }
    const claim = Claim.parse({
      ...written(content(input)),
      id,
      reviewedAt: input.reviewedAt ?? now,
      createdAt: input.createdAt ?? now,
      updatedAt: input.updatedAt ?? now,
      createdBy: input.createdBy ?? by.actor,
      updatedBy: input.updatedBy ?? by.actor,
      status: input.status ?? 'active',
      guildId: by.guildId,
    });
    this.write(null, claim, by, action);
    return claim;
  }

  private replace(before: Claim, input: ParsedClaimInput, by: Writer, action: AuditAction): Claim {
    const now = new Date().toISOString();
    const after = Claim.parse({
      ...before,
      ...written(content(input)),
      reviewedAt: input.reviewedAt ?? now,
      updatedAt: now,
      updatedBy: by.actor,
      status: input.status ?? 'active',
    });
    this.write(before, after, by, action);
    return after;
  }

  private write(before: Claim | null, after: Claim, by: Writer, action: AuditAction, note?: string): void {
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
  }
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
 * Checks every record of a claim file against the schema, and that no id is used twice; `issues` has one line per
 * problem (`claim 3 (some-id): sources.0.url: must be an http(s) URL`), `parsed` the records that passed.
 */
export function validateClaimRecords(records: unknown[], naming?: RecordNaming): { parsed: ParsedClaimInput[]; issues: string[] } {
  const names = naming ?? claimRecordNaming(records);
  const parsed: ParsedClaimInput[] = [];
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
    parsed.push(result.data);
  });
  return { parsed, issues };
}
