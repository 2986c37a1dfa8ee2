// What waits in memory between two steps of a moderator's action: edits waiting for their public correction note
// (a material edit comes from the five-field claim form, Discord's limit, so the note is asked for in a second,
// one-field form), and verdicts chosen with /claim add waiting for the form it opened. An entry is usable only by
// the moderator who made it, in the server it was made in, for 15 minutes; each map is bounded, and a restart
// forgets every entry (the moderator is told to start again).
import { randomBytes } from 'node:crypto';
import type { EditDraft, Verdict } from '../../knowledge/index.js';

export const PENDING_EDIT_TTL_MS = 15 * 60 * 1000;
export const PENDING_EDIT_MAX = 500;

interface Owned {
  userId: string;
  guildId: string | null;
}

export interface PendingEdit extends Owned {
  claimId: string;
  /** The edit as checked when the form was submitted; it is refused if the claim changed since. */
  draft: EditDraft;
  expiresAt: number;
}

/** Entries of one kind, each for its moderator in its server, for 15 minutes. */
export class Pending<T extends Owned> {
  private readonly entries = new Map<string, T & { expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly max = PENDING_EDIT_MAX,
  ) {}

  /** Keeps an entry; returns its id (12 URL-safe characters, fit for a custom_id). */
  put(edit: Omit<T, 'expiresAt'>): string {
    this.prune();
    // Bounded: the oldest entries make room (a Map iterates in insertion order).
    while (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    const id = randomBytes(9).toString('base64url');
    this.entries.set(id, { ...edit, expiresAt: this.now() + PENDING_EDIT_TTL_MS } as T & { expiresAt: number });
    return id;
  }

  /** The entry, if it exists, has not expired, and belongs to this user in this guild; otherwise undefined. */
  get(id: string, userId: string, guildId: string | null): (T & { expiresAt: number }) | undefined {
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

export class PendingEdits extends Pending<PendingEdit> {}

/** A verdict chosen with /claim add, for the add form that command opened. */
export interface PendingVerdict extends Owned {
  verdict: Verdict;
}

/** The bot's pending edits and verdicts (one process, one map each). */
export const pendingEdits = new PendingEdits();
export const pendingVerdicts = new Pending<PendingVerdict>();
