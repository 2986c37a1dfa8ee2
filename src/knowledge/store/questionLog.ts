// Every question asked and what the bot did with it, and members' feedback on answers: the one log behind
// /claim stats and the moderators' queue of questions waiting for a claim (/claim unanswered). Each event has one
// writer: a question writes its row, a vote its feedback row, a dismissal the dismissed_at of the rows it closes.
// Feedback is one vote per member per answer, and only within the server the answer was given in.
import { z } from 'zod';
import { Outcome, OUTCOMES, UnansweredQuestion, type PeriodStats, type Vote } from '../schema.js';
import type { Db } from './database.js';
import { BUSY, type WriteGate } from './writeGate.js';

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

const Count = z.object({ n: z.number() });
const QuestionText = z.object({ question: z.string() });
const OutcomeCount = z.object({ outcome: Outcome, n: z.number() });
const QuestionCount = z.object({ question: z.string(), n: z.number() });
const ClaimCount = z.object({ claimId: z.string(), n: z.number() });

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
  private readonly stmts;
  private pending: PendingQuestion[] = [];
  private readonly pendingById = new Map<number, PendingQuestion>();
  private votes: PendingVote[] = [];
  private readonly pendingVotes = new Set<string>();
  private flushing: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | null = null;
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
    private readonly gate: WriteGate,
  ) {
    this.stmts = {
      insert: db.prepare(
        'INSERT INTO asked (id, guild_id, question, asked_at, outcome, claim_id, score, suggested, picked_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      get: db.prepare('SELECT * FROM asked WHERE id = ? AND guild_id IS ?'),
      // A vote whose question is gone (dropped while the database refused writes) is dropped with it.
      vote: db.prepare(`INSERT OR IGNORE INTO feedback (asked_id, guild_id, user_id, kind, at)
        SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM asked WHERE id = ?)`),
      voted: db.prepare('SELECT 1 FROM feedback WHERE asked_id = ? AND user_id = ?'),
      // A suggestion a member chose is not a second question: it was counted when the question was suggested.
      outcomes: db.prepare('SELECT outcome, COUNT(*) AS n FROM asked WHERE guild_id IS ? AND asked_at >= ? AND picked_from IS NULL GROUP BY outcome'),
      feedbackCount: db.prepare('SELECT COUNT(*) AS n FROM feedback WHERE guild_id IS ? AND at >= ? AND kind = ?'),
      topUnanswered: db.prepare(`SELECT MIN(question) AS question, COUNT(*) AS n FROM asked
        WHERE guild_id IS ? AND asked_at >= ? AND outcome != 'answered' AND dismissed_at IS NULL
        GROUP BY lower(question) ORDER BY n DESC, MAX(asked_at) DESC LIMIT ?`),
      topNotWhatIAsked: db.prepare(`SELECT a.claim_id AS claimId, COUNT(*) AS n FROM feedback f JOIN asked a ON a.id = f.asked_id
        WHERE f.guild_id IS ? AND f.at >= ? AND f.kind = 'not_what_i_asked' AND a.claim_id IS NOT NULL
        GROUP BY a.claim_id ORDER BY n DESC, a.claim_id LIMIT ?`),
      // One row per distinct question (case-insensitive), most asked first, shown as last asked; `id` is the group's newest.
      unanswered: db.prepare(`WITH grouped AS (
          SELECT *, ROW_NUMBER() OVER (PARTITION BY lower(question) ORDER BY at DESC, id DESC) AS newest,
            SUM(n) OVER (PARTITION BY lower(question)) AS count, MAX(id) OVER (PARTITION BY lower(question)) AS group_id
          FROM open_questions WHERE guild_id IS ?)
        SELECT group_id AS id, question, count, at AS lastAskedAt, claim_id AS bestClaimId, score AS bestScore
        FROM grouped WHERE newest = 1 ORDER BY count DESC, lastAskedAt DESC LIMIT ?`),
      questionText: db.prepare('SELECT question FROM asked WHERE id = ? AND guild_id IS ?'),
      // Questions the bot had no answer for (not those answered and marked "Not what I asked"), one per question.
      withoutAnswer: db.prepare(`SELECT MIN(question) AS question FROM asked
        WHERE guild_id IS ? AND outcome != 'answered' AND dismissed_at IS NULL
        GROUP BY lower(question) ORDER BY MAX(asked_at) DESC LIMIT ?`),
      openCount: db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM open_questions WHERE guild_id IS ? AND lower(question) = lower(?)'),
      dismiss: db.prepare(`UPDATE asked SET dismissed_at = ?
        WHERE id IN (SELECT id FROM open_questions WHERE guild_id IS ? AND lower(question) = lower(?))`),
    };
  }

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
  get(id: number, guildId: string | null): AskedQuestion | undefined {
    const waiting = this.pendingById.get(id);
    if (waiting) return waiting.guildId === guildId ? waiting : undefined;
    const row = this.stmts.get.get(id, guildId);
    return row ? asked(AskedRow.parse(row)) : undefined;
  }

  /** Records a member's vote on an answer (written like a question, right after); false when they had already voted on it. */
  vote(question: AskedQuestion, userId: string, vote: Vote): boolean {
    const key = `${question.id}:${userId}`;
    if (this.pendingVotes.has(key) || this.stmts.voted.get(question.id, userId)) return false;
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
  unanswered(guildId: string | null, limit = 10): UnansweredQuestion[] {
    this.flush();
    return this.stmts.unanswered.all(guildId, limit).map((row) => UnansweredQuestion.parse(row));
  }

  /**
   * Writes the questions and votes waiting, if the database lets it at once: a lock held by another process, or a
   * write that fails (a full disk), leaves them waiting, and a retry is scheduled. Never waits for a lock.
   */
  flush(): void {
    if ((this.pending.length === 0 && this.votes.length === 0) || !this.db.open) return;
    try {
      const written = this.gate.tryNow(() => this.db.transaction(() => this.writePending()).immediate());
      if (written !== BUSY) {
        this.pending = [];
        this.pendingById.clear();
        this.votes = [];
        this.pendingVotes.clear();
        this.reported = null;
        return;
      }
    } catch (error) {
      this.report(error);
    }
    if (!this.flushing) {
      this.flushing = setTimeout(() => {
        this.flushing = null;
        this.flush();
      }, RETRY_MS);
      this.flushing.unref();
    }
  }

  /** Writes what is waiting, trying again for a while if another process holds the lock; the database is closing. */
  async close(): Promise<void> {
    this.cancelFlush();
    try {
      if (this.pending.length || this.votes.length) await this.gate.run(() => this.db.transaction(() => this.writePending()).immediate());
    } catch {
      // What could not be written is lost with the process; the answers were given.
    }
  }

  private writePending(): void {
    for (const q of this.pending) {
      this.stmts.insert.run(
        q.id,
        q.guildId,
        q.question,
        q.askedAt,
        q.outcome,
        q.claimId,
        q.score,
        q.suggested.length ? JSON.stringify(q.suggested) : null,
        q.pickedFrom,
      );
    }
    for (const v of this.votes) this.stmts.vote.run(v.askedId, v.guildId, v.userId, v.kind, v.at, v.askedId);
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
      this.flush();
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
  dismiss(guildId: string | null, id: number): Promise<number> {
    this.flush();
    return this.gate.run(() =>
      this.db
        .transaction(() => {
          const row = this.stmts.questionText.get(id, guildId);
          return row ? this.dismissQuestion(guildId, QuestionText.parse(row).question) : 0;
        })
        .immediate(),
    );
  }

  /** Dismisses every open occurrence of a question (case aside), in this server only. Returns how many. */
  dismissQuestion(guildId: string | null, question: string): number {
    this.flush();
    const { n } = Count.parse(this.stmts.openCount.get(guildId, question));
    if (n > 0) this.stmts.dismiss.run(new Date().toISOString(), guildId, question);
    return n;
  }

  /** The text of a question asked in this server. */
  questionText(guildId: string | null, id: number): string | undefined {
    this.flush();
    const row = this.stmts.questionText.get(id, guildId);
    return row ? QuestionText.parse(row).question : undefined;
  }

  /** The server's open questions the bot had no answer for, one per question (case aside), most recent first. */
  withoutAnswer(guildId: string | null, limit: number): string[] {
    this.flush();
    return this.stmts.withoutAnswer.all(guildId, limit).map((r) => QuestionText.parse(r).question);
  }

  stats(guildId: string | null, days: number, now = new Date(), top = 5): LoggedStats {
    this.flush();
    const since = new Date(now.getTime() - days * 86_400_000).toISOString();
    const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
    for (const row of this.stmts.outcomes.all(guildId, since)) {
      const { outcome, n } = OutcomeCount.parse(row);
      counts[outcome] = n;
    }
    const feedback = (kind: Vote) => Count.parse(this.stmts.feedbackCount.get(guildId, since, kind)).n;
    return {
      days,
      ...counts,
      helpful: feedback('helpful'),
      notWhatIAsked: feedback('not_what_i_asked'),
      topUnanswered: this.stmts.topUnanswered.all(guildId, since, top).map((r) => {
        const { question, n } = QuestionCount.parse(r);
        return { question, count: n };
      }),
      topNotWhatIAsked: this.stmts.topNotWhatIAsked.all(guildId, since, top).map((r) => {
        const { claimId, n } = ClaimCount.parse(r);
        return { claimId, count: n };
      }),
    };
  }
}
