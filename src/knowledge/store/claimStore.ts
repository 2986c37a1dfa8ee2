// Claims, in SQLite or PostgreSQL: every change runs in one transaction together with its audit row, and every row read back
// is checked against the Claim schema. What may be written (the input checked, the claim owned by the writer, a
// correction's note) is decided before, by the use cases in front of it: the store writes what it is given.
//
// A claim's id is unique within its scope (the curated base, or one server). A server sees the curated base and its
// own claims; where both have an id, the id names the server's own claim there. Every write goes through the write
// gate (writeGate.ts): it never blocks the event loop on another process's lock, and never writes to a database
// file that was replaced under it.
import { z } from 'zod';
import type { CheckedClaimInput } from '../claimInput.js';
import { firstFreeId, statementId } from '../claimIds.js';
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
import type { Db, Tables } from './tables.js';
import type { Insertable } from 'kysely';
import { inScopeOf, inTransaction, type Reads } from './scopes.js';
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
const Count = z.object({ n: z.coerce.number() });
/** The store's claim revision (store_state), which every claim writer moves. */
const RevisionRow = z.object({ revision: z.number() });

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

const ChangeRow = z.object({ claim_id: z.string(), guild_id: z.string().nullable(), at: z.string() });

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

function toRow(claim: Claim): Omit<ClaimRow, 'rev'> & { reviewed_ms: number } {
  return {
    reviewed_ms: Date.parse(claim.reviewedAt),
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

/** Rows per multi-row insert: under SQLite's 32,766 and PostgreSQL's 65,535 parameters per statement. */
const INSERT_CHUNK = 500;

/**
 * One write transaction's changes of claims. It starts by taking the store's state row (so claim writers, in this
 * process or any other, on either engine, commit one at a time), and gives each change the next revision; the
 * audit rows and new claims are written in batches at the end, with the state row's revision moved on.
 */
export class ClaimWrite {
  private readonly audits: Array<Insertable<Tables['audit']>> = [];
  private readonly inserts: Array<Insertable<Tables['claims']>> = [];
  /** Claims of a scope read once for a whole import (id → row), kept up to date with the import's own writes. */
  private readonly scopes = new Map<string | null, Map<string, { row: unknown; read?: VersionedClaim }>>();

  private constructor(
    readonly trx: Db,
    private revision: number,
  ) {}

  static async begin(trx: Db): Promise<ClaimWrite> {
    const row = await trx
      .updateTable('store_state')
      .set((eb) => ({ revision: eb.ref('revision') }))
      .where('id', '=', 1)
      .returning('revision')
      .executeTakeFirst();
    if (!row) throw new Error('the store has no state row (store_state); it was not upgraded by this bot');
    return new ClaimWrite(trx, RevisionRow.parse(row).revision);
  }

  /** The claim of this id in a scope (null: none), from this write's view of the database. */
  async inScope(id: string, guildId: string | null): Promise<VersionedClaim | undefined> {
    if (this.scopes.has(guildId)) return this.loaded(id, guildId);
    const row = await this.trx.selectFrom('claims').selectAll().where('id', '=', id).where(inScopeOf(guildId)).executeTakeFirst();
    return row ? readRow(row) : undefined;
  }

  /** Reads a scope's claims once, for a write that looks up many of them (an import, a sync). */
  async loadScope(guildId: string | null): Promise<void> {
    if (this.scopes.has(guildId)) return;
    const rows = await this.trx.selectFrom('claims').selectAll().where(inScopeOf(guildId)).execute();
    this.scopes.set(guildId, new Map(rows.map((row) => [row.id, { row }])));
  }

  /** The claim of this id in a scope read with loadScope, checked when first asked for. */
  loaded(id: string, guildId: string | null): VersionedClaim | undefined {
    const entry = this.scopes.get(guildId)?.get(id);
    if (!entry) return undefined;
    entry.read ??= readRow(entry.row);
    return entry.read;
  }

  /** Writes a change with its audit row; returns the change's revision (the claim's new version). */
  async write(before: Claim | null, after: Claim, by: Writer, action: AuditAction, note?: string): Promise<number> {
    const rev = ++this.revision;
    this.audits.push({
      id: rev,
      claim_id: after.id,
      guild_id: after.guildId,
      action,
      actor: by.actor,
      at: after.updatedAt,
      before: before ? JSON.stringify(before) : null,
      after: JSON.stringify(after),
      note: note ?? null,
    });
    const row = { ...toRow(after), rev };
    if (before) {
      const { id, guild_id, ...changes } = row;
      await this.trx.updateTable('claims').set(changes).where('id', '=', id).where(inScopeOf(guild_id)).execute();
    } else this.inserts.push(row);
    this.scopes.get(after.guildId)?.set(after.id, { row, read: { claim: after, version: rev } });
    return rev;
  }

  /** Writes what is batched and the new revision; the transaction commits after. */
  async finish(): Promise<void> {
    for (let i = 0; i < this.audits.length; i += INSERT_CHUNK) {
      await this.trx
        .insertInto('audit')
        .values(this.audits.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    for (let i = 0; i < this.inserts.length; i += INSERT_CHUNK) {
      await this.trx
        .insertInto('claims')
        .values(this.inserts.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    if (this.audits.length) await this.trx.updateTable('store_state').set({ revision: this.revision }).where('id', '=', 1).execute();
  }
}

export class ClaimStore {
  constructor(
    private readonly db: Db,
    private readonly reader: Db,
    private readonly gate: WriteGate,
  ) {}

  /**
   * Runs `work` in one write transaction of claims (through the write gate): the changes it makes, their audit
   * rows and the store's revision are committed together, or none of them.
   */
  writing<T>(work: (write: ClaimWrite) => Promise<T>): Promise<T> {
    return this.gate.run(() =>
      inTransaction(this.db, async (trx) => {
        const write = await ClaimWrite.begin(trx);
        const result = await work(write);
        await write.finish();
        return result;
      }),
    );
  }

  /** The revision of the last claim change committed, by any process: one small read, made before each question. */
  async revision(): Promise<number> {
    const row = await this.reader.selectFrom('store_state').select('revision').where('id', '=', 1).executeTakeFirst();
    return RevisionRow.parse(row).revision;
  }

  /** A claim by id, if it is visible from `guildId`: the server's own, or else the curated base's. */
  async get(id: string, guildId: string | null): Promise<Claim | undefined> {
    return (await this.versioned(id, guildId))?.claim;
  }

  /** A claim visible from `guildId`, with its version. */
  async versioned(id: string, guildId: string | null, q: Reads = this.reader): Promise<VersionedClaim | undefined> {
    // A server's own claim first: where the curated base has the same id, the id names the server's claim there.
    const row = await q
      .selectFrom('claims')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => (guildId === null ? eb('guild_id', 'is', null) : eb.or([eb('guild_id', '=', guildId), eb('guild_id', 'is', null)])))
      .orderBy((eb) => eb('guild_id', 'is', null))
      .limit(1)
      .executeTakeFirst();
    return row ? readRow(row) : undefined;
  }

  /** A guild's own claims (`null`: the curated base), active unless `includeRetired`. */
  async list(guildId: string | null, includeRetired = false): Promise<Claim[]> {
    let query = this.reader.selectFrom('claims').selectAll().where(inScopeOf(guildId));
    if (!includeRetired) query = query.where('status', '=', 'active');
    return (await query.orderBy('created_at').orderBy('id').execute()).map(fromRow);
  }

  /**
   * `limit` of a scope's own active claims from `offset`, in the order they were added, and how many it has: active,
   * retired, and due for review (last reviewed at or before `dueBefore`). Only the page is read and checked.
   */
  async page(guildId: string | null, offset: number, limit: number, dueBefore: Date): Promise<ClaimPage> {
    const countsRow = await this.reader
      .selectFrom('claims')
      .select((eb) => [
        eb.fn.countAll().filterWhere('status', '=', 'active').as('active'),
        eb.fn.countAll().filterWhere('status', '=', 'retired').as('retired'),
        eb.fn
          .countAll()
          .filterWhere((f) => f.and([f('status', '=', 'active'), f('reviewed_ms', '<=', dueBefore.getTime())]))
          .as('due'),
      ])
      .where(inScopeOf(guildId))
      .executeTakeFirst();
    const counts = z.object({ active: z.coerce.number(), retired: z.coerce.number(), due: z.coerce.number() }).parse(countsRow);
    const claims =
      limit > 0
        ? await this.reader
            .selectFrom('claims')
            .selectAll()
            .where(inScopeOf(guildId))
            .where('status', '=', 'active')
            .orderBy('created_at')
            .orderBy('id')
            .limit(limit)
            .offset(offset)
            .execute()
        : [];
    return { claims: claims.map(fromRow), ...counts };
  }

  /** A scope's own active claims last reviewed at or before `dueBefore`, oldest review first (at most `limit`). */
  async due(guildId: string | null, dueBefore: Date, limit: number): Promise<Claim[]> {
    const rows = await this.reader
      .selectFrom('claims')
      .selectAll()
      .where(inScopeOf(guildId))
      .where('status', '=', 'active')
      .where('reviewed_ms', '<=', dueBefore.getTime())
      .orderBy('reviewed_ms')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** The claims with these ids, of any scope and status (the caller checks both), in no particular order. */
  async getMany(ids: readonly string[]): Promise<Claim[]> {
    return this.withIds(ids);
  }

  /** The claims with these ids, of one scope's own (`undefined`: of any scope), any status, read a chunk of ids at a time. */
  private async withIds(ids: readonly string[], guildId?: string | null): Promise<Claim[]> {
    const unique = [...new Set(ids)];
    const rows = [];
    for (let i = 0; i < unique.length; i += INSERT_CHUNK) {
      let query = this.reader
        .selectFrom('claims')
        .selectAll()
        .where('id', 'in', unique.slice(i, i + INSERT_CHUNK));
      if (guildId !== undefined) query = query.where(inScopeOf(guildId));
      rows.push(...(await query.execute()));
    }
    return rows.map(fromRow);
  }

  /** How many active claims a guild sees, and how many of them are the curated base's. */
  async countVisible(guildId: string | null): Promise<{ total: number; curated: number }> {
    const row = await this.reader
      .selectFrom('claims')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.countAll().filterWhere('guild_id', 'is', null).as('curated')])
      .where('status', '=', 'active')
      .where((eb) => (guildId === null ? eb('guild_id', 'is', null) : eb.or([eb('guild_id', 'is', null), eb('guild_id', '=', guildId)])))
      .executeTakeFirst();
    const { n, curated } = z.object({ n: z.coerce.number(), curated: z.coerce.number() }).parse(row);
    let hidden = 0;
    if (guildId !== null) {
      // Curated claims a server's own claims hide there (same id): counted out of what that server sees.
      const shadowed = await this.reader
        .selectFrom('claims as own')
        .innerJoin('claims as c', (join) => join.onRef('c.id', '=', 'own.id').on('c.guild_id', 'is', null))
        .select((eb) => eb.fn.countAll().as('n'))
        .where('own.guild_id', '=', guildId)
        .where('c.status', '=', 'active')
        .executeTakeFirst();
      hidden = Count.parse(shadowed).n;
    }
    return { total: n - hidden, curated: curated - hidden };
  }

  /** Who added a guild's active claims (at most `limit` of them). */
  async curators(guildId: string, limit: number): Promise<string[]> {
    const rows = await this.reader
      .selectFrom('claims')
      .select('created_by as actor')
      .distinct()
      .where('guild_id', '=', guildId)
      .where('status', '=', 'active')
      .orderBy('created_by')
      .limit(limit)
      .execute();
    return rows.map((row) => z.object({ actor: z.string() }).parse(row).actor);
  }

  /** The active claims answered in a guild (`null`: outside any server): the curated base and the guild's own. */
  async visible(guildId: string | null): Promise<Claim[]> {
    let query = this.reader.selectFrom('claims as c').selectAll('c').where('c.status', '=', 'active');
    if (guildId === null) query = query.where('c.guild_id', 'is', null);
    else {
      query = query.where((eb) =>
        eb.or([
          eb('c.guild_id', '=', guildId),
          eb.and([
            eb('c.guild_id', 'is', null),
            eb.not(eb.exists(eb.selectFrom('claims as own').select('own.id').whereRef('own.id', '=', 'c.id').where('own.guild_id', '=', guildId))),
          ]),
        ]),
      );
    }
    return (await query.orderBy('c.created_at').orderBy('c.id').execute()).map(fromRow);
  }

  /**
   * At most `limit` claims changed after revision `rev`, oldest change first, and the revision of the last one. Each
   * change has a revision of its own (its audit row's id), and claim writers commit one at a time in revision
   * order (ClaimWrite), so reading on from that revision later misses nothing committed meanwhile.
   */
  async changesAfter(rev: number, limit: number): Promise<{ claims: IndexedClaim[]; rev: number }> {
    const rows = await this.indexedRows().where('rev', '>', rev).orderBy('rev').limit(limit).execute();
    const claims = rows.map(indexedFromRow);
    return { claims, rev: rows.length ? Number(rows[rows.length - 1]!.rev) : rev };
  }

  /**
   * The active claims last changed at or before revision `rev` that are written in another language than English or
   * translated: what a search restored as it was at that revision reads again for its other languages' indexes.
   */
  async translatedUpTo(rev: number): Promise<IndexedClaim[]> {
    const rows = await this.indexedRows()
      .where('rev', '<=', rev)
      .where('status', '=', 'active')
      .where((eb) => eb.or([eb('language', '!=', 'en'), eb('translations', '!=', '{}')]))
      .execute();
    return rows.map(indexedFromRow);
  }

  /**
   * The change made at a revision, in one line (which claim, in which scope, when; null when there is none): two
   * stores with the same revision almost never have the same change at it, so it tells a store from another put in
   * its place (a restored backup, another file).
   */
  async changeAt(rev: number): Promise<string | null> {
    const row = await this.reader.selectFrom('audit').select(['claim_id', 'guild_id', 'at']).where('id', '=', rev).executeTakeFirst();
    if (!row) return null;
    const change = ChangeRow.parse(row);
    return `${change.claim_id} ${change.guild_id ?? '-'} ${change.at}`;
  }

  private indexedRows() {
    return this.reader
      .selectFrom('claims')
      .select([
        'id',
        'guild_id',
        'status',
        'statement',
        'answer',
        'claimant',
        'sources',
        'questions',
        'keywords',
        'tags',
        'language',
        'translations',
        'rev',
      ]);
  }

  /** Adds a claim to the writer's scope; without an id it gets the first of its statement's ids free there. */
  add(input: CheckedClaimInput, by: Writer): Promise<Claim> {
    return this.writing(async (w) => {
      if (input.id && (await w.inScope(input.id, by.guildId))) throw new ValidationError([`claim ${input.id}: id: already exists`]);
      const id = input.id ?? (await this.firstFreeIdIn(w, input.statement, by.guildId));
      return this.insertNew(w, input, id, by, 'add');
    });
  }

  /** The first of a statement's ids free in a scope (for a server: not the curated base's either). */
  private async firstFreeIdIn(w: ClaimWrite, statement: string, guildId: string | null): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const candidate = statementId(statement, attempt);
      if (!(await w.inScope(candidate, guildId)) && !(guildId !== null && (await w.inScope(candidate, null)))) return candidate;
    }
  }

  /**
   * Replaces the content of a claim its writer owns, as it was at `version`, with the public note of a correction,
   * if any. An edit is also a review. Returns null, writing nothing, when the claim changed since that version.
   */
  async applyEdit(id: string, version: number, changes: ClaimContent, by: Writer, note?: string): Promise<Claim | null> {
    return (await this.writing((w) => this.editInTransaction(w, id, version, changes, by, note)))?.claim ?? null;
  }

  /** applyEdit's work, inside a write transaction the caller holds (one that also marks a pending edit saved). */
  async editInTransaction(
    w: ClaimWrite,
    id: string,
    version: number,
    changes: ClaimContent,
    by: Writer,
    note?: string,
  ): Promise<VersionedClaim | null> {
    const current = await w.inScope(id, by.guildId);
    if (!current || current.version !== version) return null;
    const now = new Date().toISOString();
    const after: Claim = { ...current.claim, ...changes, reviewedAt: now, updatedAt: now, updatedBy: by.actor };
    if (changes.claimant === undefined) delete after.claimant;
    if (changes.verdict === undefined) delete after.verdict;
    return { claim: after, version: await w.write(current.claim, checkedClaim(after, `claim ${id}`), by, 'edit', note) };
  }

  /** Retires a claim its writer owns, with the public note a retirement needs; a retired claim stays as it is. */
  retire(id: string, by: Writer, note: string): Promise<Claim> {
    return this.writing(async (w) => {
      const before = await this.existing(w, id, by.guildId);
      if (before.status === 'retired') return before;
      const after = checkedClaim({ ...before, status: 'retired', updatedAt: new Date().toISOString(), updatedBy: by.actor }, `claim ${id}`);
      await w.write(before, after, by, 'retire', note);
      return after;
    });
  }

  /** Marks a claim its writer owns as re-checked today: its review date moves, its content does not. */
  review(id: string, by: Writer): Promise<Claim> {
    return this.writing(async (w) => {
      const before = await this.existing(w, id, by.guildId);
      const now = new Date().toISOString();
      const after = checkedClaim({ ...before, reviewedAt: now, updatedAt: now, updatedBy: by.actor }, `claim ${id}`);
      await w.write(before, after, by, 'review');
      return after;
    });
  }

  /** The newest public correction of a claim (an edit or retirement with a note), if any. */
  async latestCorrection(claim: Pick<Claim, 'id' | 'guildId'>): Promise<{ at: string; note: string; action: 'edit' | 'retire' } | undefined> {
    const row = await this.reader
      .selectFrom('audit')
      .select(['at', 'note', 'action'])
      .where('claim_id', '=', claim.id)
      .where((eb) => (claim.guildId === null ? eb('guild_id', 'is', null) : eb('guild_id', '=', claim.guildId)))
      .where('action', 'in', ['edit', 'retire'])
      .where('note', 'is not', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? CorrectionRow.parse(row) : undefined;
  }

  /** Every change of a claim, oldest first; with `afterVersion`, only the changes made since that version. */
  async history(claim: Pick<Claim, 'id' | 'guildId'>, afterVersion?: number): Promise<AuditEntry[]> {
    let query = this.reader
      .selectFrom('audit')
      .selectAll()
      .where('claim_id', '=', claim.id)
      .where((eb) => (claim.guildId === null ? eb('guild_id', 'is', null) : eb('guild_id', '=', claim.guildId)));
    if (afterVersion !== undefined) query = query.where('id', '>', afterVersion);
    const rows = await query.orderBy('id').execute();
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
    return this.writing(async (w) => {
      const report: ImportReport = { added: 0, updated: 0, unchanged: 0 };
      const recognised = parsed.some((record) => record.attempt !== null) ? await this.recognise(w, parsed, by.guildId) : [];
      const withIds = parsed.map((record, i) => {
        const id = recognised[i];
        return id ? { ...record, id, attempt: null } : record;
      });
      for (const { outcome } of await this.upsertAll(w, withIds, by, 'import')) report[outcome]++;
      return report;
    });
  }

  /**
   * The claims of a scope that records without an id stand for, by index: the claim with the same review url (the
   * verdict's), else the same statement rated by the same author (or, without a verdict, the same statement with
   * none). Each claim is recognised once per import, earliest first.
   */
  private async recognise(w: ClaimWrite, records: ValidRecord[], guildId: string | null): Promise<Array<string | undefined>> {
    const Row = z.object({ id: z.string(), statement: z.string(), verdict_by: z.string().nullable(), verdict_url: z.string().nullable() });
    const rows = (
      await w.trx
        .selectFrom('claims')
        .select(['id', 'statement', 'verdict_by', 'verdict_url'])
        .where(inScopeOf(guildId))
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    ).map((raw) => Row.parse(raw));
    const byUrl = new Map<string, string[]>();
    const byText = new Map<string, string[]>();
    const push = (map: Map<string, string[]>, key: string, id: string) => {
      const list = map.get(key);
      if (list) list.push(id);
      else map.set(key, [id]);
    };
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

  /** Curated claims a sync wrote (their last change is a sync) that the curated file no longer has. */
  private async syncedNotIn(q: Reads, ids: readonly string[]): Promise<Claim[]> {
    const kept = new Set(ids);
    const rows = await q
      .selectFrom('claims as c')
      .selectAll('c')
      .where('c.guild_id', 'is', null)
      .where('c.status', '=', 'active')
      .where((eb) =>
        eb(
          eb
            .selectFrom('audit as a')
            .select('a.action')
            .whereRef('a.claim_id', '=', 'c.id')
            .where('a.guild_id', 'is', null)
            .orderBy('a.id', 'desc')
            .limit(1),
          '=',
          'sync',
        ),
      )
      .execute();
    return rows.filter((row) => !kept.has(row.id)).map(fromRow);
  }

  /**
   * Brings the curated base in line with its file: new and changed claims written, removed ones retired. Only claims
   * the file put there (last written by a sync) are retired; claims imported into the curated scope stay.
   */
  async syncCurated(records: unknown[]): Promise<SyncReport> {
    const checked = validateClaimRecords(records);
    if (checked.issues.length) throw new ValidationError(checked.issues);
    // Only the file's own ids are read: the curated scope may also hold a large archive imported into it.
    const ids = checked.parsed.map((record) => record.id);
    const curated = new Map((await this.withIds(ids, null)).map((claim) => [claim.id, claim]));
    const parsed = checked.parsed.map((record) => ({
      ...record,
      input: keepingTranslations(record.input, records[record.index], curated.get(record.id)),
    }));
    const by: Writer = { actor: 'curated', guildId: null };
    // Most starts change nothing: find that out without taking the write lock (another process may hold it).
    const upToDate =
      parsed.every((record) => {
        const existing = curated.get(record.id);
        return existing !== undefined && existing.status === 'active' && sameContent(existing, record.input);
      }) && (await this.syncedNotIn(this.reader, ids)).length === 0;
    if (upToDate) return { added: 0, updated: 0, unchanged: parsed.length, retired: 0 };
    return this.writing(async (w) => {
      const report: SyncReport = { added: 0, updated: 0, unchanged: 0, retired: 0 };
      const written = await this.upsertAll(
        w,
        parsed.map((record) => ({ ...record, input: { ...record.input, status: 'active' as const } })),
        by,
        'sync',
      );
      for (const { outcome } of written) report[outcome]++;
      for (const claim of await this.syncedNotIn(
        w.trx,
        written.map((x) => x.id),
      )) {
        const retired = { ...claim, status: 'retired', updatedAt: new Date().toISOString(), updatedBy: 'curated' };
        await w.write(claim, checkedClaim(retired, `claim ${claim.id}`), by, 'sync', 'removed from the curated file');
        report.retired++;
      }
      return report;
    });
  }

  /**
   * Writes checked records into the writer's scope (inside the caller's transaction): each record with an id
   * updates the scope's claim of that id or adds it; a record without one goes to the first of its statement's ids
   * that is free in the scope or names the claim made from the same statement before.
   */
  private async upsertAll(
    w: ClaimWrite,
    records: ValidRecord[],
    by: Writer,
    action: AuditAction,
  ): Promise<Array<{ id: string; outcome: keyof ImportReport }>> {
    // The scope (and, for a server, the curated base its ids must not shadow) is read once, not once per record.
    await w.loadScope(by.guildId);
    if (by.guildId !== null) await w.loadScope(null);
    const inFile = new Map(records.map((record) => [record.id, record.index]));
    const out: Array<{ id: string; outcome: keyof ImportReport }> = [];
    for (const record of records) {
      let id = record.id;
      if (record.attempt !== null) {
        const resolved = firstFreeId(
          record.input.statement,
          (candidate) => {
            const holder = inFile.get(candidate);
            if (holder !== undefined && holder !== record.index) return true;
            const existing = w.loaded(candidate, by.guildId)?.claim;
            // The claim made from this statement before, rated by the same author (another's rating is another claim).
            if (existing) return existing.statement === record.input.statement && sameRater(existing, record.input) ? 'own' : true;
            return by.guildId !== null && w.loaded(candidate, null) !== undefined;
          },
          record.attempt,
        );
        id = resolved.id;
      }
      const existing = w.loaded(id, by.guildId)?.claim;
      if (!existing) {
        await this.insertNew(w, record.input, id, by, action);
        out.push({ id, outcome: 'added' });
      } else if (sameContent(existing, record.input) && existing.status === (record.input.status ?? 'active')) out.push({ id, outcome: 'unchanged' });
      else {
        await this.replace(w, existing, record.input, by, action);
        out.push({ id, outcome: 'updated' });
      }
    }
    return out;
  }

  /** A claim the caller has seen, in its scope (claims are never deleted). */
  private async existing(w: ClaimWrite, id: string, guildId: string | null): Promise<Claim> {
    const found = await w.inScope(id, guildId);
    if (!found) throw new Error(`claim ${id} is not in the store`);
    return found.claim;
  }

  private async insertNew(w: ClaimWrite, input: ParsedClaimInput, id: string, by: Writer, action: AuditAction): Promise<Claim> {
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
    await w.write(null, claim, by, action);
    return claim;
  }

  private async replace(w: ClaimWrite, before: Claim, input: ParsedClaimInput, by: Writer, action: AuditAction): Promise<Claim> {
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
    await w.write(before, after, by, action);
    return after;
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
