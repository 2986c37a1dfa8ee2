// Verdicts chosen with /claim add, waiting in memory for the add form that command opened (Discord's form has no
// room for them). An entry is usable only by the moderator who made it, in the server it was made in, for 15
// minutes; the map is bounded, and a restart forgets every entry (the moderator is told to start again). Edits
// waiting for their correction note are kept in the database instead (knowledge: pending edits).
import { randomBytes } from 'node:crypto';
import { PENDING_EDIT_TTL_MS, type Verdict } from '../../knowledge/index.js';

export const PENDING_VERDICT_MAX = 500;

/** A verdict chosen with /claim add, for the add form that command opened. */
export interface PendingVerdict {
  userId: string;
  guildId: string | null;
  verdict: Verdict;
}

type Entry = PendingVerdict & { expiresAt: number };

/** Verdicts waiting for their form, each for its moderator in its server, for 15 minutes. */
export class PendingVerdicts {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly max = PENDING_VERDICT_MAX,
  ) {}

  /** Keeps an entry; returns its id (12 URL-safe characters, fit for a custom_id). */
  put(entry: PendingVerdict): string {
    this.prune();
    // Bounded: the oldest entries make room (a Map iterates in insertion order).
    while (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    const id = randomBytes(9).toString('base64url');
    this.entries.set(id, { ...entry, expiresAt: this.now() + PENDING_EDIT_TTL_MS });
    return id;
  }

  /** The entry, if it exists, has not expired, and belongs to this user in this guild; otherwise undefined. */
  get(id: string, userId: string, guildId: string | null): Entry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.userId === userId && entry.guildId === guildId ? entry : undefined;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}

/** The bot's pending verdicts (one process, one map). */
export const pendingVerdicts = new PendingVerdicts();
