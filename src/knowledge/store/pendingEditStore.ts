// Edits waiting for their public correction note. A material edit comes from the five-field claim form (Discord's
// limit), so the note is asked for in a second, one-field form; the checked edit waits here until then, in the
// database, so a restart loses none. Each is usable only by the moderator who made it, in the server it was made in,
// for 15 minutes, and is bounded per moderator (a newer edit replaces their oldest) and per server (past the bound,
// a new one is refused): one server can never push out another's. Once its note saved it, it says so to a repeat.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ClaimContent, type Claim } from '../schema.js';
import type { ClaimStore, Writer } from './claimStore.js';
import { inScopeOf, inTransaction, type Reads } from './scopes.js';
import type { Db } from './tables.js';
import type { WriteGate } from './writeGate.js';

export const PENDING_EDIT_TTL_MS = 15 * 60 * 1000;
/** Edits one moderator may have waiting in one server; a newer one replaces their oldest. */
export const PENDING_EDITS_PER_MODERATOR = 5;
/** Edits one server may have waiting; past it, a new one is refused until one is saved or expires. */
export const PENDING_EDITS_PER_SERVER = 50;

const PendingRow = z.object({
  id: z.string(),
  guild_id: z.string().nullable(),
  user_id: z.string(),
  claim_id: z.string(),
  base_rev: z.number(),
  changes: z
    .string()
    .transform((text) => JSON.parse(text) as unknown)
    .pipe(ClaimContent),
  created_at: z.string(),
  expires_at: z.string(),
  saved_at: z.string().nullable(),
  saved_rev: z.number().nullable(),
});

/** An edit kept for its note: the claim, the version it was made against, and its new content. */
export interface PendingEdit {
  id: string;
  claimId: string;
  version: number;
  changes: ClaimContent;
  /** When its note saved it (a repeated submit is told so), or null while it waits. */
  savedAt: string | null;
}

const Count = z.object({ n: z.coerce.number() });

export class PendingEditStore {
  constructor(
    private readonly db: Db,
    private readonly reader: Db,
    private readonly gate: WriteGate,
    private readonly claims: ClaimStore,
  ) {}

  /**
   * Keeps an edit for its moderator's note; returns its id (12 URL-safe characters, fit for a custom_id), or null
   * when the server has as many edits waiting as it may. The moderator's earlier edit of the same claim is replaced.
   */
  hold(
    edit: { guildId: string | null; userId: string; claimId: string; version: number; changes: ClaimContent },
    now = new Date(),
  ): Promise<string | null> {
    const scoped = inScopeOf(edit.guildId);
    return this.gate.run(() =>
      inTransaction(this.db, async (trx) => {
        await trx.deleteFrom('pending_edits').where('expires_at', '<=', now.toISOString()).execute();
        await trx
          .deleteFrom('pending_edits')
          .where(scoped)
          .where('user_id', '=', edit.userId)
          .where('claim_id', '=', edit.claimId)
          .where('saved_at', 'is', null)
          .execute();
        const waitingOf = await trx
          .selectFrom('pending_edits')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(scoped)
          .where('user_id', '=', edit.userId)
          .where('saved_at', 'is', null)
          .executeTakeFirst();
        if (Count.parse(waitingOf).n >= PENDING_EDITS_PER_MODERATOR) {
          const oldest = await trx
            .selectFrom('pending_edits')
            .select('id')
            .where(scoped)
            .where('user_id', '=', edit.userId)
            .where('saved_at', 'is', null)
            .orderBy('created_at')
            .orderBy('id')
            .limit(1)
            .executeTakeFirst();
          if (oldest) await trx.deleteFrom('pending_edits').where('id', '=', oldest.id).execute();
        }
        const waitingIn = await trx
          .selectFrom('pending_edits')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(scoped)
          .where('saved_at', 'is', null)
          .executeTakeFirst();
        if (Count.parse(waitingIn).n >= PENDING_EDITS_PER_SERVER) return null;
        const id = randomBytes(9).toString('base64url');
        const expires = new Date(now.getTime() + PENDING_EDIT_TTL_MS).toISOString();
        await trx
          .insertInto('pending_edits')
          .values({
            id,
            guild_id: edit.guildId,
            user_id: edit.userId,
            claim_id: edit.claimId,
            base_rev: edit.version,
            changes: JSON.stringify(edit.changes),
            created_at: now.toISOString(),
            expires_at: expires,
          })
          .execute();
        return id;
      }),
    );
  }

  /** The edit, if it is this moderator's, in this server, and has not expired. */
  async get(id: string, userId: string, guildId: string | null, now = new Date(), q: Reads = this.reader): Promise<PendingEdit | undefined> {
    const raw = await q
      .selectFrom('pending_edits')
      .selectAll()
      .where('id', '=', id)
      .where(inScopeOf(guildId))
      .where('user_id', '=', userId)
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirst();
    if (!raw) return undefined;
    const row = PendingRow.parse(raw);
    return { id: row.id, claimId: row.claim_id, version: row.base_rev, changes: row.changes, savedAt: row.saved_at };
  }

  /**
   * Saves the waiting edit with its note, in one transaction with marking it saved, so a repeated submit can
   * neither save it twice nor be told it still waits. `saved`: the claim after the edit; `already-saved`: a repeat;
   * `changed-since`: the claim changed after the edit was made (the edit is dropped); `gone`: expired or not theirs.
   */
  save(
    id: string,
    by: Writer,
    note: string,
    now = new Date(),
  ): Promise<
    | { status: 'saved'; claim: Claim }
    | { status: 'already-saved'; claimId: string; savedAt: string }
    | { status: 'changed-since'; claimId: string; version: number }
    | { status: 'gone' }
  > {
    // A claim write: it takes the store's state row first, so two submits of one edit (on two workers) go one at a time.
    return this.claims.writing(async (w) => {
      const pending = await this.get(id, by.actor, by.guildId, now, w.trx);
      if (!pending) return { status: 'gone' as const };
      if (pending.savedAt) return { status: 'already-saved' as const, claimId: pending.claimId, savedAt: pending.savedAt };
      const saved = await this.claims.editInTransaction(w, pending.claimId, pending.version, pending.changes, by, note);
      if (!saved) {
        await w.trx.deleteFrom('pending_edits').where('id', '=', id).execute();
        return { status: 'changed-since' as const, claimId: pending.claimId, version: pending.version };
      }
      await w.trx
        .updateTable('pending_edits')
        .set({ saved_at: saved.claim.updatedAt, saved_rev: saved.version })
        .where('id', '=', id)
        .where('saved_at', 'is', null)
        .execute();
      return { status: 'saved' as const, claim: saved.claim };
    });
  }

  /** Forgets an edit (the claim changed under it, so it can never be saved). */
  drop(id: string): Promise<void> {
    return this.gate.run(async () => {
      await this.db.deleteFrom('pending_edits').where('id', '=', id).execute();
    });
  }
}
