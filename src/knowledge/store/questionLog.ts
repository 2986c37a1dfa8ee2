// Every question asked and what the bot did with it, and members' feedback on answers: the one log behind
// /claim stats and the moderators' queue of questions waiting for a claim (/claim unanswered). Each event has one
// writer: a question writes its row, a vote its feedback row, a dismissal the dismissed_at of the rows it closes.
// Feedback is one vote per member per answer, and only within the server the answer was given in.
import { z } from 'zod';
import { Outcome, OUTCOMES, UnansweredQuestion, type PeriodStats, type Vote } from '../schema.js';
import { sql } from 'kysely';
import { inScopeOf, inTransaction, type Reads } from './scopes.js';
import type { Db } from './tables.js';
import { BUSY, type WriteGate } from './writeGate.js';

/** Rows per multi-row insert (under both engines' limits on parameters per statement). */
const BATCH = 500;

const MAX_STORED_QUESTION = 500;

const AskedRow = z.object({
  id: z.number(),
  guild_id: z.string().nullable(),
  question: z.string(),
  asked_at: z.string(),
  outcome: Outcome,
  claim_id: z.string().nullable(),
  score: z.number().nullable(),
  /** The claims offered as closest claims, in the order shown; for a message answered, the other claims it makes. */
  suggested: z
    .string()
    .nullable()
    .transform((v) => (v ? (JSON.parse(v) as unknown) : []))
    .pipe(z.array(z.string())),
});
type AskedRow = z.output<typeof AskedRow>;

/** A logged question, as the use cases read it back. */
export interface AskedQuestion {
  id: number;
  guildId: string | null;
  question: string;
  outcome: Outcome;
  /** The claim answered with, or the closest one offered. */
  claimId: string | null;
  score: number | null;
  /** The claims offered as closest claims, in the order shown; for a message answered, the other claims it makes. */
  suggested: string[];
}

const asked = (row: AskedRow): AskedQuestion => ({
  id: row.id,
  guildId: row.guild_id,
  question: row.question,
  outcome: row.outcome,
  claimId: row.claim_id,
  score: row.score,
  suggested: row.suggested,
});

const Count = z.object({ n: z.coerce.number() });
const QuestionText = z.object({ question: z.string() });
const OutcomeCount = z.object({ outcome: Outcome, n: z.coerce.number() });
const QuestionCount = z.object({ question: z.string(), n: z.coerce.number() });
const ClaimCount = z.object({ claimId: z.string(), n: z.coerce.number() });

/** A period's figures as logged; the claims' statements are the reader's to add. */
export type LoggedStats = Omit<PeriodStats, 'topNotWhatIAsked'> & { topNotWhatIAsked: Array<{ claimId: string; count: number }> };

/** A question answered but not yet written: the log writes it as soon as the database lets it. */
interface PendingQuestion extends AskedQuestion {
  askedAt: string;
  pickedFrom: number | null;
}

/** A member's vote, recorded but not yet written. */
interface PendingVote {
  askedId: number;
  guildId: string | null;
  userId: string;
  kind: Vote;
  at: string;
}

/** At most this many questions wait for the database; past it, the oldest are dropped (and counted). */
const MAX_PENDING = 10_000;
const RETRY_MS = 200;
const REPORT_EVERY_MS = 60_000;
/** Question ids are the time (ms since 2026) times 4096 plus 12 random bits: unique across workers, in order. */
const ID_EPOCH = Date.UTC(2026, 0, 1);
const ID_RANDOM = 4096;

/**
 * The question log never keeps a member waiting: a question (or a vote) is answered first and written right after,
 * never waiting for a lock another process holds (an import in progress) nor failing the member when the disk is
 * full — it is written when the database lets it, and read back meanwhile from memory. Its id is made here, so the
 * answer's buttons can name it before it is written.
 */
export class QuestionLog {
  private pending: PendingQuestion[] = [];
  private readonly pendingById = new Map<number, PendingQuestion>();
  private votes: PendingVote[] = [];
  private readonly pendingVotes = new Set<string>();
  private flushing: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | null = null;
  /** The write in progress, if any: one at a time. */
  private writing: Promise<void> | null = null;
  private closed = false;
  private lastId = 0;
  /** Questions dropped because the database refused them for too long (a full disk): reported by the caller. */
  dropped = 0;
  /**
   * Called with the error when writing the log fails for another reason than a lock (a full disk, a damaged or
   * replaced file); the same failure is reported again at most once a minute while it lasts.
   */
  onWriteError: (error: unknown) => void = () => undefined;
  private reported: { message: string; at: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly reader: Db,
    private readonly gate: WriteGate,
  ) {}

  /**
   * Records a question and its outcome; returns its id (answers carry it in their feedback buttons). `claim` is the
   * claim answered (or the closest one offered); its score is left out when a person picked the claim themselves.
   * `suggested` lists the claims offered as closest claims, in order; `pickedFrom` is the question whose closest
   * claims a member chose this answer from.
   */
  record(
    guildId: string | null,
    question: string,
    outcome: Outcome,
    claim?: { claimId: string; score?: number | null },
    suggested: string[] = [],
    pickedFrom?: number,
  ): number {
    const id = this.nextId();
    const entry: PendingQuestion = {
      id,
      guildId,
      question: question.trim().slice(0, MAX_STORED_QUESTION),
      askedAt: new Date().toISOString(),
      outcome,
      claimId: claim?.claimId ?? null,
      score: claim?.score ?? null,
      suggested,
      pickedFrom: pickedFrom ?? null,
    };
    this.pending.push(entry);
    this.pendingById.set(id, entry);
    if (this.pending.length > MAX_PENDING) {
      const old = this.pending.shift()!;
      this.pendingById.delete(old.id);
      this.dropped++;
    }
    this.scheduleFlush();
    return id;
  }

  /** A question asked in this server (never another's), if it exists. */
  async get(id: number, guildId: string | null): Promise<AskedQuestion | undefined> {
    const waiting = this.pendingById.get(id);
    if (waiting) return waiting.guildId === guildId ? waiting : undefined;
    const row = await this.reader.selectFrom('asked').selectAll().where('id', '=', id).where(inScopeOf(guildId)).executeTakeFirst();
    if (row) return asked(AskedRow.parse(row));
    // Written meanwhile (the write in progress took it out of memory before this look).
    const again = this.pendingById.get(id);
    return again && again.guildId === guildId ? again : undefined;
  }

  /** Records a member's vote on an answer (written like a question, right after); false when they had already voted on it. */
  async vote(question: AskedQuestion, userId: string, vote: Vote): Promise<boolean> {
    const key = `${question.id}:${userId}`;
    if (this.pendingVotes.has(key)) return false;
    const voted = await this.reader
      .selectFrom('feedback')
      .select('id')
      .where('asked_id', '=', question.id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (voted || this.pendingVotes.has(key)) return false;
    this.votes.push({ askedId: question.id, guildId: question.guildId, userId, kind: vote, at: new Date().toISOString() });
    this.pendingVotes.add(key);
    if (this.votes.length > MAX_PENDING) {
      const old = this.votes.shift()!;
      this.pendingVotes.delete(`${old.askedId}:${old.userId}`);
      this.dropped++;
    }
    this.scheduleFlush();
    return true;
  }

  /** The server's open questions waiting for a claim, most asked first. */
  async unanswered(guildId: string | null, limit = 10): Promise<UnansweredQuestion[]> {
    await this.flush();
    // One row per distinct question (case-insensitive), most asked first, shown as last asked; `id` is the group's newest.
    const rows = await this.reader
      .with('keyed', (db) =>
        db
          .selectFrom('open_questions')
          .selectAll()
          .select((eb) => eb.fn<string>('lower', ['question']).as('question_key'))
          .where(inScopeOf(guildId)),
      )
      .with('grouped', (db) =>
        db
          .selectFrom('keyed')
          .selectAll()
          .select((eb) => [
            eb.fn
              .agg<number>('row_number')
              .over((ob) => ob.partitionBy('question_key').orderBy('at', 'desc').orderBy('id', 'desc'))
              .as('newest'),
            eb.fn
              .sum<number>('n')
              .over((ob) => ob.partitionBy('question_key'))
              .as('count'),
            eb.fn
              .max<number>('id')
              .over((ob) => ob.partitionBy('question_key'))
              .as('group_id'),
          ]),
      )
      .selectFrom('grouped')
      .select(['group_id as id', 'question', 'count', 'at as lastAskedAt', 'claim_id as bestClaimId', 'score as bestScore'])
      .where('newest', '=', 1)
      .orderBy('count', 'desc')
      .orderBy('lastAskedAt', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => UnansweredQuestion.parse({ ...row, count: Number(row.count) }));
  }

  /**
   * Writes the questions and votes waiting, if the database lets it at once: a lock held by another process, or a
   * write that fails (a full disk), leaves them waiting, and a retry is scheduled. Never waits for a lock.
   */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if ((this.pending.length === 0 && this.votes.length === 0) || this.closed) return;
    const questions = this.pending;
    const votes = this.votes;
    this.pending = [];
    this.votes = [];
    let done = false;
    this.writing = (async () => {
      try {
        const written = await this.gate.tryNow(() => inTransaction(this.db, (trx) => writeBatch(trx, questions, votes)));
        done = written !== BUSY;
      } catch (error) {
        this.report(error);
      }
    })();
    try {
      await this.writing;
    } finally {
      this.writing = null;
    }
    if (done) {
      for (const q of questions) this.pendingById.delete(q.id);
      for (const v of votes) this.pendingVotes.delete(`${v.askedId}:${v.userId}`);
      this.reported = null;
      return;
    }
    // Not written: they wait, oldest first, for the next try.
    this.pending = [...questions, ...this.pending];
    this.votes = [...votes, ...this.votes];
    while (this.pending.length > MAX_PENDING) {
      this.pendingById.delete(this.pending.shift()!.id);
      this.dropped++;
    }
    if (!this.flushing) {
      this.flushing = setTimeout(() => {
        this.flushing = null;
        void this.flush();
      }, RETRY_MS);
      this.flushing.unref();
    }
  }

  /** Writes what is waiting, trying again for a while if another process holds the lock; the database is closing. */
  async close(): Promise<void> {
    this.cancelFlush();
    while (this.writing) await this.writing;
    this.closed = true;
    const questions = this.pending;
    const votes = this.votes;
    try {
      if (questions.length || votes.length) await this.gate.run(() => inTransaction(this.db, (trx) => writeBatch(trx, questions, votes)));
    } catch {
      // What could not be written is lost with the process; the answers were given.
    }
  }

  private report(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const now = Date.now();
    if (this.reported && this.reported.message === message && now - this.reported.at < REPORT_EVERY_MS) return;
    this.reported = { message, at: now };
    this.onWriteError(error);
  }

  private scheduleFlush(): void {
    this.flushing ??= setImmediate(() => {
      this.flushing = null;
      void this.flush();
    });
  }

  private cancelFlush(): void {
    if (this.flushing) {
      clearTimeout(this.flushing as ReturnType<typeof setTimeout>);
      clearImmediate(this.flushing as ReturnType<typeof setImmediate>);
      this.flushing = null;
    }
  }

  private nextId(): number {
    const id = (Date.now() - ID_EPOCH) * ID_RANDOM + Math.floor(Math.random() * ID_RANDOM);
    this.lastId = Math.max(id, this.lastId + 1);
    return this.lastId;
  }

  /** Dismisses every open occurrence of the question with this id, in this server only. Returns how many. */
  async dismiss(guildId: string | null, id: number): Promise<number> {
    await this.flush();
    return this.gate.run(() =>
      inTransaction(this.db, async (trx) => {
        const row = await trx.selectFrom('asked').select('question').where('id', '=', id).where(inScopeOf(guildId)).executeTakeFirst();
        return row ? dismissIn(trx, guildId, QuestionText.parse(row).question) : 0;
      }),
    );
  }

  /** Dismisses every open occurrence of a question (case aside), in this server only. Returns how many. */
  async dismissQuestion(guildId: string | null, question: string): Promise<number> {
    await this.flush();
    return this.gate.run(() => dismissIn(this.db, guildId, question));
  }

  /** The text of a question asked in this server. */
  async questionText(guildId: string | null, id: number): Promise<string | undefined> {
    await this.flush();
    const row = await this.reader.selectFrom('asked').select('question').where('id', '=', id).where(inScopeOf(guildId)).executeTakeFirst();
    return row ? QuestionText.parse(row).question : undefined;
  }

  /** The server's open questions the bot had no answer for, one per question (case aside), most recent first. */
  async withoutAnswer(guildId: string | null, limit: number): Promise<string[]> {
    await this.flush();
    // Questions the bot had no answer for (not those answered and marked "Not what I asked"), one per question.
    const rows = await this.reader
      .selectFrom('asked')
      .select((eb) => eb.fn.min('question').as('question'))
      .where(inScopeOf(guildId))
      .where('outcome', '!=', 'answered')
      .where('dismissed_at', 'is', null)
      .groupBy(sql`lower(question)`)
      .orderBy((eb) => eb.fn.max('asked_at'), 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => QuestionText.parse(r).question);
  }

  async stats(guildId: string | null, days: number, now = new Date(), top = 5): Promise<LoggedStats> {
    await this.flush();
    const since = new Date(now.getTime() - days * 86_400_000).toISOString();
    const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
    // A suggestion a member chose is not a second question: it was counted when the question was suggested.
    const outcomes = await this.reader
      .selectFrom('asked')
      .select((eb) => ['outcome', eb.fn.countAll().as('n')])
      .where(inScopeOf(guildId))
      .where('asked_at', '>=', since)
      .where('picked_from', 'is', null)
      .groupBy('outcome')
      .execute();
    for (const row of outcomes) {
      const { outcome, n } = OutcomeCount.parse(row);
      counts[outcome] = n;
    }
    const feedback = async (kind: Vote) =>
      Count.parse(
        await this.reader
          .selectFrom('feedback')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(inScopeOf(guildId))
          .where('at', '>=', since)
          .where('kind', '=', kind)
          .executeTakeFirst(),
      ).n;
    const topUnanswered = await this.reader
      .selectFrom('asked')
      .select((eb) => [eb.fn.min('question').as('question'), eb.fn.countAll().as('n')])
      .where(inScopeOf(guildId))
      .where('asked_at', '>=', since)
      .where('outcome', '!=', 'answered')
      .where('dismissed_at', 'is', null)
      .groupBy(sql`lower(question)`)
      .orderBy('n', 'desc')
      .orderBy((eb) => eb.fn.max('asked_at'), 'desc')
      .limit(top)
      .execute();
    const topNotWhatIAsked = await this.reader
      .selectFrom('feedback as f')
      .innerJoin('asked as a', 'a.id', 'f.asked_id')
      .select((eb) => ['a.claim_id as claimId', eb.fn.countAll().as('n')])
      .where(inScopeOf(guildId, 'f.guild_id'))
      .where('f.at', '>=', since)
      .where('f.kind', '=', 'not_what_i_asked')
      .where('a.claim_id', 'is not', null)
      .groupBy('a.claim_id')
      .orderBy('n', 'desc')
      .orderBy('a.claim_id')
      .limit(top)
      .execute();
    return {
      days,
      ...counts,
      helpful: await feedback('helpful'),
      notWhatIAsked: await feedback('not_what_i_asked'),
      topUnanswered: topUnanswered.map((r) => {
        const { question, n } = QuestionCount.parse(r);
        return { question, count: n };
      }),
      topNotWhatIAsked: topNotWhatIAsked.map((r) => {
        const { claimId, n } = ClaimCount.parse(r);
        return { claimId, count: n };
      }),
    };
  }
}

/** Writes questions and votes in one transaction; a vote whose question is gone (dropped while the database refused writes) is dropped with it. */
async function writeBatch(trx: Db, questions: PendingQuestion[], votes: PendingVote[]): Promise<void> {
  for (let i = 0; i < questions.length; i += BATCH) {
    await trx
      .insertInto('asked')
      .values(
        questions.slice(i, i + BATCH).map((q) => ({
          id: q.id,
          guild_id: q.guildId,
          question: q.question,
          asked_at: q.askedAt,
          outcome: q.outcome,
          claim_id: q.claimId,
          score: q.score,
          suggested: q.suggested.length ? JSON.stringify(q.suggested) : null,
          picked_from: q.pickedFrom,
        })),
      )
      .execute();
  }
  if (!votes.length) return;
  const askedIds = [...new Set(votes.map((v) => v.askedId))];
  const present = new Set<number>();
  for (let i = 0; i < askedIds.length; i += BATCH) {
    const rows = await trx
      .selectFrom('asked')
      .select('id')
      .where('id', 'in', askedIds.slice(i, i + BATCH))
      .execute();
    for (const row of rows) present.add(Number(row.id));
  }
  const kept = votes.filter((v) => present.has(v.askedId));
  for (let i = 0; i < kept.length; i += BATCH) {
    await trx
      .insertInto('feedback')
      .values(kept.slice(i, i + BATCH).map((v) => ({ asked_id: v.askedId, guild_id: v.guildId, user_id: v.userId, kind: v.kind, at: v.at })))
      .onConflict((oc) => oc.columns(['asked_id', 'user_id']).doNothing())
      .execute();
  }
}

/** Marks every open occurrence of a question (case aside) in one server dismissed; returns how many there were. */
async function dismissIn(q: Reads, guildId: string | null, question: string): Promise<number> {
  const open = (db: Reads) =>
    db
      .selectFrom('open_questions')
      .where(inScopeOf(guildId))
      .where((eb) => eb(eb.fn('lower', ['question']), '=', eb.fn('lower', [eb.val(question)])));
  const { n } = Count.parse(
    await open(q)
      .select((eb) => eb.fn.coalesce(eb.fn.sum('n'), eb.lit(0)).as('n'))
      .executeTakeFirst(),
  );
  if (n > 0) {
    await q.updateTable('asked').set({ dismissed_at: new Date().toISOString() }).where('id', 'in', open(q).select('id')).execute();
  }
  return n;
}
