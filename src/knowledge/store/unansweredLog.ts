// Questions the bot had no vetted answer for, kept for each server's moderators.
import { z } from 'zod';
import type { Db } from './database.js';

const MAX_STORED_QUESTION = 500;

export const UnansweredGroup = z.object({
  id: z.number(),
  question: z.string(),
  count: z.number(),
  lastAskedAt: z.string(),
  bestClaimId: z.string().nullable(),
  bestScore: z.number().nullable(),
});
export type UnansweredGroup = z.infer<typeof UnansweredGroup>;

export class UnansweredLog {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      insert: db.prepare(`INSERT INTO unanswered (guild_id, question, asked_at, best_claim_id, best_score) VALUES (?, ?, ?, ?, ?)`),
      // One row per distinct question (case-insensitive), most asked first; `id` is the newest row of the group.
      list: db.prepare(`SELECT MAX(id) AS id, question, COUNT(*) AS count, MAX(asked_at) AS lastAskedAt,
          best_claim_id AS bestClaimId, best_score AS bestScore
        FROM unanswered WHERE guild_id IS ? AND dismissed_at IS NULL
        GROUP BY lower(question) ORDER BY count DESC, lastAskedAt DESC LIMIT ?`),
      find: db.prepare('SELECT question FROM unanswered WHERE id = ? AND guild_id IS ?'),
      dismiss: db.prepare(`UPDATE unanswered SET dismissed_at = ? WHERE guild_id IS ? AND lower(question) = lower(?) AND dismissed_at IS NULL`),
    };
  }

  /** Logs a question; `best` is the closest claim, or the claim it got that was "not what I asked" (no score then). */
  record(guildId: string | null, question: string, best?: { claimId: string; score?: number | null }): void {
    this.stmts.insert.run(guildId, question.trim().slice(0, MAX_STORED_QUESTION), new Date().toISOString(), best?.claimId ?? null, best?.score ?? null);
  }

  /** The server's open unanswered questions, most asked first. */
  list(guildId: string | null, limit = 10): UnansweredGroup[] {
    return this.stmts.list.all(guildId, limit).map((row) => UnansweredGroup.parse(row));
  }

  /** Dismisses every open occurrence of the question with this id, in this server only. Returns how many. */
  dismiss(guildId: string | null, id: number): number {
    const row = this.stmts.find.get(id, guildId) as { question: string } | undefined;
    if (!row) return 0;
    return this.stmts.dismiss.run(new Date().toISOString(), guildId, row.question).changes;
  }
}
