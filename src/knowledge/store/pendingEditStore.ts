// Edits waiting for their public correction note. A material edit comes from the five-field claim form (Discord's
// limit), so the note is asked for in a second, one-field form; the checked edit waits here until then, in the
// database, so a restart loses none. Each is usable only by the moderator who made it, in the server it was made in,
// for 15 minutes, and is bounded per moderator (a newer edit replaces their oldest) and per server (past the bound,
// a new one is refused): one server can never push out another's. Once its note saved it, it says so to a repeat.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ClaimContent, type Claim } from '../schema.js';
import type { ClaimStore, Writer } from './claimStore.js';
import type { Db } from './database.js';
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

const Count = z.object({ n: z.number() });

export class PendingEditStore {
  private readonly stmts;

  constructor(
    private readonly db: Db,
    private readonly gate: WriteGate,
    private readonly claims: ClaimStore,
  ) {
    this.stmts = {
      get: db.prepare('SELECT * FROM pending_edits WHERE id = ? AND guild_id IS ? AND user_id = ? AND expires_at > ?'),
      prune: db.prepare('DELETE FROM pending_edits WHERE expires_at <= ?'),
      sameClaim: db.prepare('DELETE FROM pending_edits WHERE guild_id IS ? AND user_id = ? AND claim_id = ? AND saved_at IS NULL'),
      waitingOf: db.prepare('SELECT COUNT(*) AS n FROM pending_edits WHERE guild_id IS ? AND user_id = ? AND saved_at IS NULL'),
      oldestOf: db.prepare(`DELETE FROM pending_edits WHERE id = (SELECT id FROM pending_edits
        WHERE guild_id IS ? AND user_id = ? AND saved_at IS NULL ORDER BY created_at, id LIMIT 1)`),
      waitingIn: db.prepare('SELECT COUNT(*) AS n FROM pending_edits WHERE guild_id IS ? AND saved_at IS NULL'),
      insert: db.prepare(`INSERT INTO pending_edits (id, guild_id, user_id, claim_id, base_rev, changes, created_at, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      markSaved: db.prepare('UPDATE pending_edits SET saved_at = ?, saved_rev = ? WHERE id = ? AND saved_at IS NULL'),
      drop: db.prepare('DELETE FROM pending_edits WHERE id = ?'),
    };
  }

  /**
   * Keeps an edit for its moderator's note; returns its id (12 URL-safe characters, fit for a custom_id), or null
   * when the server has as many edits waiting as it may. The moderator's earlier edit of the same claim is replaced.
   */
  hold(
    edit: { guildId: string | null; userId: string; claimId: string; version: number; changes: ClaimContent },
    now = new Date(),
  ): Promise<string | null> {
    return this.gate.run(() =>
      this.db
        .transaction(() => {
          this.stmts.prune.run(now.toISOString());
          this.stmts.sameClaim.run(edit.guildId, edit.userId, edit.claimId);
          if (Count.parse(this.stmts.waitingOf.get(edit.guildId, edit.userId)).n >= PENDING_EDITS_PER_MODERATOR) {
            this.stmts.oldestOf.run(edit.guildId, edit.userId);
          }
          if (Count.parse(this.stmts.waitingIn.get(edit.guildId)).n >= PENDING_EDITS_PER_SERVER) return null;
          const id = randomBytes(9).toString('base64url');
          const expires = new Date(now.getTime() + PENDING_EDIT_TTL_MS).toISOString();
          this.stmts.insert.run(id, edit.guildId, edit.userId, edit.claimId, edit.version, JSON.stringify(edit.changes), now.toISOString(), expires);
          return id;
        })
        .immediate(),
    );
  }

  /** The edit, if it is this moderator's, in this server, and has not expired. */
  get(id: string, userId: string, guildId: string | null, now = new Date()): PendingEdit | undefined {
    const raw = this.stmts.get.get(id, guildId, userId, now.toISOString());
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
    return this.gate.run(() =>
      this.db
        .transaction(() => {
          const pending = this.get(id, by.actor, by.guildId, now);
          if (!pending) return { status: 'gone' as const };
          if (pending.savedAt) return { status: 'already-saved' as const, claimId: pending.claimId, savedAt: pending.savedAt };
          const saved = this.claims.editInTransaction(pending.claimId, pending.version, pending.changes, by, note);
          if (!saved) {
            this.stmts.drop.run(id);
            return { status: 'changed-since' as const, claimId: pending.claimId, version: pending.version };
          }
          this.stmts.markSaved.run(saved.claim.updatedAt, saved.version, id);
          return { status: 'saved' as const, claim: saved.claim };
        })
        .immediate(),
    );
  }

  /** Forgets an edit (the claim changed under it, so it can never be saved). */
  drop(id: string): Promise<void> {
    return this.gate.run(() => {
      this.stmts.drop.run(id);
    });
  }
}
