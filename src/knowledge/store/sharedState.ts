// State a face keeps that must outlive one worker, kept in the store so that every worker sees it:
// - the members' cooldowns (one use of an action every N seconds), taken in one statement, so two workers given two
//   interactions of one member at the same moment let only one through;
// - the verdicts chosen with /claim add, waiting for the add form that command opened: Discord may send the form's
//   submit to another worker (HTTP mode behind a load balancer) or after a restart.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Verdict } from '../schema.js';
import type { OpenStore } from './database.js';
import { inScopeOf, inTransaction } from './scopes.js';

/** How long a verdict waits for its form (the pending edits' 15 minutes). */
export const PENDING_VERDICT_TTL_MS = 15 * 60 * 1000;
/** Verdicts that may wait at once, across all servers; the oldest make room. */
export const PENDING_VERDICT_MAX = 500;
/** Cooldowns older than this are removed, now and then. */
const COOLDOWN_KEEP_MS = 60 * 60 * 1000;
const PRUNE_EVERY = 1000;

const UntilRow = z.object({ until_ms: z.coerce.number() });
const VerdictRow = z.object({
  user_id: z.string(),
  guild_id: z.string().nullable(),
  verdict: z
    .string()
    .transform((text) => JSON.parse(text) as unknown)
    .pipe(Verdict),
});

/** A verdict chosen with /claim add, for the add form that command opened. */
export interface HeldVerdict {
  userId: string;
  guildId: string | null;
  verdict: Verdict;
}

export class SharedState {
  private takes = 0;

  constructor(private readonly store: Pick<OpenStore, 'db' | 'reader' | 'gate'>) {}

  /**
   * Takes one use of `action` for a member, `seconds` apart: 0 when it is taken now, else the seconds to wait (and
   * nothing is counted). One statement: a concurrent take by another worker sees this one's row.
   */
  async takeCooldown(action: string, userId: string, seconds: number, now = Date.now()): Promise<number> {
    if (seconds <= 0) return 0;
    const until = now + seconds * 1000;
    const { db, gate } = this.store;
    const taken = await gate.run(() =>
      db
        .insertInto('cooldowns')
        .values({ action, user_id: userId, until_ms: until })
        .onConflict((oc) => oc.columns(['action', 'user_id']).doUpdateSet({ until_ms: until }).where('cooldowns.until_ms', '<=', now))
        .returning('until_ms')
        .executeTakeFirst(),
    );
    if (++this.takes % PRUNE_EVERY === 0) {
      await gate.run(() =>
        db
          .deleteFrom('cooldowns')
          .where('until_ms', '<', now - COOLDOWN_KEEP_MS)
          .execute(),
      );
    }
    if (taken) return 0;
    const row = await db.selectFrom('cooldowns').select('until_ms').where('action', '=', action).where('user_id', '=', userId).executeTakeFirst();
    const left = row ? UntilRow.parse(row).until_ms - now : 0;
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /** Keeps a verdict for its form; returns its id (12 URL-safe characters, fit for a custom_id). */
  async holdVerdict(entry: HeldVerdict, now = new Date()): Promise<string> {
    const id = randomBytes(9).toString('base64url');
    const { db, gate } = this.store;
    await gate.run(() =>
      inTransaction(db, async (trx) => {
        await trx.deleteFrom('pending_verdicts').where('expires_at', '<=', now.toISOString()).execute();
        // Bounded: the oldest entries make room.
        const overflow = await trx
          .selectFrom('pending_verdicts')
          .select('id')
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .offset(PENDING_VERDICT_MAX - 1)
          .limit(PENDING_VERDICT_MAX)
          .execute();
        if (overflow.length) {
          await trx
            .deleteFrom('pending_verdicts')
            .where(
              'id',
              'in',
              overflow.map((r) => r.id),
            )
            .execute();
        }
        await trx
          .insertInto('pending_verdicts')
          .values({
            id,
            guild_id: entry.guildId,
            user_id: entry.userId,
            verdict: JSON.stringify(entry.verdict),
            created_at: now.toISOString(),
            expires_at: new Date(now.getTime() + PENDING_VERDICT_TTL_MS).toISOString(),
          })
          .execute();
      }),
    );
    return id;
  }

  /** The verdict, if it exists, has not expired, and belongs to this member in this server. */
  async heldVerdict(id: string, userId: string, guildId: string | null, now = new Date()): Promise<HeldVerdict | undefined> {
    const raw = await this.store.reader
      .selectFrom('pending_verdicts')
      .select(['user_id', 'guild_id', 'verdict'])
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where(inScopeOf(guildId))
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirst();
    if (!raw) return undefined;
    const row = VerdictRow.parse(raw);
    return { userId: row.user_id, guildId: row.guild_id, verdict: row.verdict };
  }

  /** Forgets a verdict (its form was saved). */
  async dropVerdict(id: string): Promise<void> {
    const { db, gate } = this.store;
    await gate.run(() => db.deleteFrom('pending_verdicts').where('id', '=', id).execute());
  }
}
