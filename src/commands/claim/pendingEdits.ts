// Edits waiting for their public correction note. A material edit comes from the five-field claim form (Discord's
// limit), so the note is asked for in a second, one-field form; the checked edit (its draft) waits here in memory
// until then. An entry is usable only by the moderator who made it, in the server it was made in, for 15 minutes;
// the map is bounded, and a restart forgets every entry (the moderator is told to edit again).
import { randomBytes } from 'node:crypto';
import type { EditDraft } from '../../knowledge/index.js';

export const PENDING_EDIT_TTL_MS = 15 * 60 * 1000;
export const PENDING_EDIT_MAX = 500;

export interface PendingEdit {
  userId: string;
  guildId: string | null;
  claimId: string;
  /** The edit as checked when the form was submitted; it is refused if the claim changed since. */
  draft: EditDraft;
  expiresAt: number;
}

export class PendingEdits {
  private readonly entries = new Map<string, PendingEdit>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly max = PENDING_EDIT_MAX,
  ) {}

  /** Keeps an edit; returns its id (12 URL-safe characters, fit for a custom_id). */
  put(edit: Omit<PendingEdit, 'expiresAt'>): string {
    this.prune();
    // Bounded: the oldest entries make room (a Map iterates in insertion order).
    while (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    const id = randomBytes(9).toString('base64url');
    this.entries.set(id, { ...edit, expiresAt: this.now() + PENDING_EDIT_TTL_MS });
    return id;
  }

  /** The edit, if it exists, has not expired, and belongs to this user in this guild; otherwise undefined. */
  get(id: string, userId: string, guildId: string | null): PendingEdit | undefined {
    const edit = this.entries.get(id);
    if (!edit) return undefined;
    if (edit.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return edit.userId === userId && edit.guildId === guildId ? edit : undefined;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, edit] of this.entries) if (edit.expiresAt <= now) this.entries.delete(id);
  }
}

/** The bot's pending edits (one process, one map). */
export const pendingEdits = new PendingEdits();
