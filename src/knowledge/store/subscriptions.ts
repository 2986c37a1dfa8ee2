// Members waiting for an answer to a question ("Notify me"), one row per member and question, in one server. A row
// moves waiting → due (a moderator's claim answers its question) → sending (one process took it to send) → sent, or
// held (it could not be sent: shown at the member's next /factcheck) → shown; or ended. Taking a row to send is one
// UPDATE … WHERE state = 'due', so two processes (or a restart) never send one notice twice.
import { z } from 'zod';
import { Subscription } from '../schema.js';
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db, Tables } from './tables.js';
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

const sameQuestion = (question: string) => (eb: ExpressionBuilder<Tables, 'subscriptions'>) =>
  eb(eb.fn('lower', ['question']), '=', eb.fn('lower', [eb.val(question)]));

export class SubscriptionStore {
  constructor(
    private readonly db: Db,
    private readonly reader: Db,
    private readonly gate: WriteGate,
  ) {}

  /** A new waiting subscription. */
  async add(s: NewSubscription): Promise<Subscription> {
    const now = new Date().toISOString();
    const row = await this.gate.run(() =>
      this.db
        .insertInto('subscriptions')
        .values({
          guild_id: s.guildId,
          user_id: s.userId,
          asked_id: s.askedId,
          question: s.question,
          channel_id: s.channelId,
          message_id: s.messageId,
          created_at: now,
          state: 'waiting',
          changed_at: now,
        })
        .returningAll()
        .executeTakeFirst(),
    );
    return Row.parse(row);
  }

  /** A member's waiting subscriptions in a server, oldest first. */
  async waiting(guildId: string, userId: string): Promise<Subscription[]> {
    const rows = await this.reader
      .selectFrom('subscriptions')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .where('state', '=', 'waiting')
      .orderBy('id')
      .execute();
    return rows.map((r) => Row.parse(r));
  }

  /** The member's waiting subscription to this question (case aside), if any. */
  async waitingOn(guildId: string, userId: string, question: string): Promise<Subscription | undefined> {
    const row = await this.reader
      .selectFrom('subscriptions')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .where('state', '=', 'waiting')
      .where(sameQuestion(question))
      .executeTakeFirst();
    return row ? Row.parse(row) : undefined;
  }

  /** The questions members of a server wait on, one per question (case aside), newest first. */
  async waitingQuestions(guildId: string, limit: number): Promise<string[]> {
    const rows = await this.reader
      .selectFrom('subscriptions')
      .select((eb) => eb.fn.min('question').as('question'))
      .where('guild_id', '=', guildId)
      .where('state', '=', 'waiting')
      .groupBy(sql`lower(question)`)
      .orderBy((eb) => eb.fn.max('id'), 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => QuestionText.parse(r).question);
  }

  /** Ends a member's own waiting subscription; false when there is none with that id. */
  async end(guildId: string, userId: string, id: number): Promise<boolean> {
    const result = await this.gate.run(() =>
      this.db
        .updateTable('subscriptions')
        .set({ state: 'ended', changed_at: new Date().toISOString() })
        .where('id', '=', id)
        .where('guild_id', '=', guildId)
        .where('user_id', '=', userId)
        .where('state', '=', 'waiting')
        .executeTakeFirst(),
    );
    return result.numUpdatedRows > 0n;
  }

  /** Ends every waiting subscription to a question (it was dismissed). Returns how many. */
  async endQuestion(guildId: string, question: string): Promise<number> {
    const result = await this.gate.run(() =>
      this.db
        .updateTable('subscriptions')
        .set({ state: 'ended', changed_at: new Date().toISOString() })
        .where('guild_id', '=', guildId)
        .where('state', '=', 'waiting')
        .where(sameQuestion(question))
        .executeTakeFirst(),
    );
    return Number(result.numUpdatedRows);
  }

  /** Every member waiting on a question is due a notice of the claim that answers it. Returns how many. */
  async answer(guildId: string, question: string, claimId: string): Promise<number> {
    const result = await this.gate.run(() =>
      this.db
        .updateTable('subscriptions')
        .set({ state: 'due', claim_id: claimId, changed_at: new Date().toISOString() })
        .where('guild_id', '=', guildId)
        .where('state', '=', 'waiting')
        .where(sameQuestion(question))
        .executeTakeFirst(),
    );
    return Number(result.numUpdatedRows);
  }

  /** Takes the notices due in a server to send them: no other process or later call gets them. */
  async take(guildId: string): Promise<Subscription[]> {
    const rows = await this.gate.run(() =>
      this.db
        .updateTable('subscriptions')
        .set({ state: 'sending', changed_at: new Date().toISOString() })
        .where('guild_id', '=', guildId)
        .where('state', '=', 'due')
        .returningAll()
        .execute(),
    );
    return rows.map((r) => Row.parse(r));
  }

  /** A notice taken was sent, in the channel or by DM. */
  async sent(id: number, via: 'channel' | 'dm'): Promise<void> {
    await this.gate.run(() =>
      this.db
        .updateTable('subscriptions')
        .set({ state: 'sent', via, changed_at: new Date().toISOString() })
        .where('id', '=', id)
        .where('state', '=', 'sending')
        .execute(),
    );
  }

  /** A notice taken could not be sent: the member sees it at their next /factcheck. */
  async hold(id: number): Promise<void> {
    await this.gate.run(() =>
      this.db
        .updateTable('subscriptions')
        .set({ state: 'held', changed_at: new Date().toISOString() })
        .where('id', '=', id)
        .where('state', '=', 'sending')
        .execute(),
    );
  }

  /**
   * The member's held notices in a server, marked as shown. Asked on every /factcheck, so it never waits for a lock
   * another process holds (an import): it reads first (which never waits), and when the write cannot be made at
   * once, the notices wait for the member's next question.
   */
  async takeHeld(guildId: string, userId: string): Promise<Subscription[]> {
    const any = await this.reader
      .selectFrom('subscriptions')
      .select('id')
      .where('guild_id', '=', guildId)
      .where('user_id', '=', userId)
      .where('state', '=', 'held')
      .limit(1)
      .executeTakeFirst();
    if (!any) return [];
    const taken = await this.gate.tryNow(() =>
      this.db
        .updateTable('subscriptions')
        .set({ state: 'shown', changed_at: new Date().toISOString() })
        .where('guild_id', '=', guildId)
        .where('user_id', '=', userId)
        .where('state', '=', 'held')
        .returningAll()
        .execute(),
    );
    return taken === BUSY ? [] : taken.map((r) => Row.parse(r));
  }

  /**
   * At start-up: notices a stopped process had taken but may not have sent are held (shown at the member's next
   * /factcheck, never sent twice). Returns the servers with notices due.
   */
  async resume(): Promise<string[]> {
    await this.gate.run(() =>
      this.db.updateTable('subscriptions').set({ state: 'held', changed_at: new Date().toISOString() }).where('state', '=', 'sending').execute(),
    );
    const rows = await this.reader.selectFrom('subscriptions').select('guild_id').distinct().where('state', '=', 'due').execute();
    return rows.map((r) => GuildRow.parse(r).guild_id);
  }
}
