// Members waiting for an answer to a question ("Notify me"), one row per member and question, in one server. A row
// moves waiting → due (a moderator's claim answers its question) → sending (one process took it to send) → sent, or
// held (it could not be sent: shown at the member's next /factcheck) → shown; or ended. Taking a row to send is one
// UPDATE … WHERE state = 'due', so two processes (or a restart) never send one notice twice.
import { z } from 'zod';
import { Subscription } from '../schema.js';
import type { Db } from './database.js';
import { BUSY, type WriteGate } from './writeGate.js';

const Row = z
  .object({
    id: z.number(),
    guild_id: z.string(),
    user_id: z.string(),
    asked_id: z.number(),
    question: z.string(),
    channel_id: z.string().nullable(),
    message_id: z.string().nullable(),
    created_at: z.string(),
    state: Subscription.shape.state,
    claim_id: z.string().nullable(),
  })
  .transform((r): Subscription => ({
    id: r.id,
    guildId: r.guild_id,
    userId: r.user_id,
    askedId: r.asked_id,
    question: r.question,
    channelId: r.channel_id,
    messageId: r.message_id,
    createdAt: r.created_at,
    state: r.state,
    claimId: r.claim_id,
  }));
const QuestionText = z.object({ question: z.string() });
const GuildRow = z.object({ guild_id: z.string() });

export interface NewSubscription {
  guildId: string;
  userId: string;
  askedId: number;
  question: string;
  channelId: string | null;
  messageId: string | null;
}

export class SubscriptionStore {
  private readonly stmts;

  constructor(
    private readonly db: Db,
    private readonly gate: WriteGate,
  ) {
    this.stmts = {
      insert: db.prepare(`INSERT INTO subscriptions (guild_id, user_id, asked_id, question, channel_id, message_id, created_at, state, changed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?) RETURNING *`),
      waitingFor: db.prepare(`SELECT * FROM subscriptions WHERE guild_id = ? AND user_id = ? AND state = 'waiting' ORDER BY id`),
      waitingQuestion: db.prepare(
        `SELECT * FROM subscriptions WHERE guild_id = ? AND user_id = ? AND state = 'waiting' AND lower(question) = lower(?)`,
      ),
      waitingQuestions: db.prepare(`SELECT MIN(question) AS question FROM subscriptions WHERE guild_id = ? AND state = 'waiting'
        GROUP BY lower(question) ORDER BY MAX(id) DESC LIMIT ?`),
      end: db.prepare(`UPDATE subscriptions SET state = 'ended', changed_at = ? WHERE id = ? AND guild_id = ? AND user_id = ? AND state = 'waiting'`),
      endQuestion: db.prepare(
        `UPDATE subscriptions SET state = 'ended', changed_at = ? WHERE guild_id = ? AND state = 'waiting' AND lower(question) = lower(?)`,
      ),
      due: db.prepare(`UPDATE subscriptions SET state = 'due', claim_id = ?, changed_at = ?
        WHERE guild_id = ? AND state = 'waiting' AND lower(question) = lower(?)`),
      take: db.prepare(`UPDATE subscriptions SET state = 'sending', changed_at = ? WHERE guild_id = ? AND state = 'due' RETURNING *`),
      sent: db.prepare(`UPDATE subscriptions SET state = 'sent', via = ?, changed_at = ? WHERE id = ? AND state = 'sending'`),
      held: db.prepare(`UPDATE subscriptions SET state = 'held', changed_at = ? WHERE id = ? AND state = 'sending'`),
      anyHeld: db.prepare(`SELECT 1 FROM subscriptions WHERE guild_id = ? AND user_id = ? AND state = 'held' LIMIT 1`),
      heldFor: db.prepare(
        `UPDATE subscriptions SET state = 'shown', changed_at = ? WHERE guild_id = ? AND user_id = ? AND state = 'held' RETURNING *`,
      ),
      interrupted: db.prepare(`UPDATE subscriptions SET state = 'held', changed_at = ? WHERE state = 'sending'`),
      dueGuilds: db.prepare(`SELECT DISTINCT guild_id FROM subscriptions WHERE state = 'due'`),
    };
  }

  /** A new waiting subscription. */
  add(s: NewSubscription): Subscription {
    const now = new Date().toISOString();
    return Row.parse(this.stmts.insert.get(s.guildId, s.userId, s.askedId, s.question, s.channelId, s.messageId, now, now));
  }

  /** A member's waiting subscriptions in a server, oldest first. */
  waiting(guildId: string, userId: string): Subscription[] {
    return this.stmts.waitingFor.all(guildId, userId).map((r) => Row.parse(r));
  }

  /** The member's waiting subscription to this question (case aside), if any. */
  waitingOn(guildId: string, userId: string, question: string): Subscription | undefined {
    const row = this.stmts.waitingQuestion.get(guildId, userId, question);
    return row ? Row.parse(row) : undefined;
  }

  /** The questions members of a server wait on, one per question (case aside), newest first. */
  waitingQuestions(guildId: string, limit: number): string[] {
    return this.stmts.waitingQuestions.all(guildId, limit).map((r) => QuestionText.parse(r).question);
  }

  /** Ends a member's own waiting subscription; false when there is none with that id. */
  end(guildId: string, userId: string, id: number): boolean {
    return this.stmts.end.run(new Date().toISOString(), id, guildId, userId).changes > 0;
  }

  /** Ends every waiting subscription to a question (it was dismissed). Returns how many. */
  endQuestion(guildId: string, question: string): number {
    return this.stmts.endQuestion.run(new Date().toISOString(), guildId, question).changes;
  }

  /** Every member waiting on a question is due a notice of the claim that answers it. Returns how many. */
  answer(guildId: string, question: string, claimId: string): number {
    return this.stmts.due.run(claimId, new Date().toISOString(), guildId, question).changes;
  }

  /** Takes the notices due in a server to send them: no other process or later call gets them. */
  take(guildId: string): Subscription[] {
    return this.db.transaction(() => this.stmts.take.all(new Date().toISOString(), guildId).map((r) => Row.parse(r))).immediate();
  }

  /** A notice taken was sent, in the channel or by DM. */
  sent(id: number, via: 'channel' | 'dm'): void {
    this.stmts.sent.run(via, new Date().toISOString(), id);
  }

  /** A notice taken could not be sent: the member sees it at their next /factcheck. */
  hold(id: number): void {
    this.stmts.held.run(new Date().toISOString(), id);
  }

  /**
   * The member's held notices in a server, marked as shown. Asked on every /factcheck, so it never waits for a lock
   * another process holds (an import): it reads first (which never waits), and when the write cannot be made at
   * once, the notices wait for the member's next question.
   */
  takeHeld(guildId: string, userId: string): Subscription[] {
    if (!this.stmts.anyHeld.get(guildId, userId)) return [];
    const taken = this.gate.tryNow(() => this.stmts.heldFor.all(new Date().toISOString(), guildId, userId).map((r) => Row.parse(r)));
    return taken === BUSY ? [] : taken;
  }

  /**
   * At start-up: notices a stopped process had taken but may not have sent are held (shown at the member's next
   * /factcheck, never sent twice). Returns the servers with notices due.
   */
  resume(): string[] {
    this.stmts.interrupted.run(new Date().toISOString());
    return this.stmts.dueGuilds.all().map((r) => GuildRow.parse(r).guild_id);
  }
}
