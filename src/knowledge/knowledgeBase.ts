// The knowledge base every face of the bot talks to: the claim store, the question log and the search index,
// kept in step. Writes go to SQLite first; the index follows at once, and changes made by another process (an
// import from the command line while the bot runs) are picked up before the next question.
import { readCuratedFile } from './curated/index.js';
import { ClaimIndex, type ScoredClaim } from './matcher/claimIndex.js';
import { matchQuestion, type MatchResult } from './matcher/decide.js';
import type { Claim } from './schema.js';
import { ClaimStore, type Actor, type AuditEntry, type ImportReport, type SyncReport } from './store/claimStore.js';
import { openDatabase, type Db } from './store/database.js';
import { QuestionLog, type UnansweredGroup } from './store/questionLog.js';
import { isStale } from './corrections.js';

export interface KnowledgeBaseOptions {
  databasePath: string;
  /** Sync the curated base from its file at start-up (default true). */
  syncCurated?: boolean;
}

export class KnowledgeBase {
  readonly claims: ClaimStore;
  readonly questions: QuestionLog;
  private readonly index = new ClaimIndex();
  private rev = 0;
  private dataVersion = -1;
  private ownChanges = -1;
  /** data_version moves when another connection commits; total_changes() when this one writes. */
  private readonly changeMarks;
  readonly syncReport: SyncReport | null;

  private constructor(private readonly db: Db, syncCurated: boolean) {
    this.changeMarks = db.prepare('SELECT data_version AS version, total_changes() AS changes FROM pragma_data_version');
    this.claims = new ClaimStore(db);
    this.questions = new QuestionLog(db);
    const records = syncCurated ? readCuratedFile() : null;
    this.syncReport = Array.isArray(records) ? this.claims.syncCurated(records) : null;
    this.refresh(true);
  }

  static open(options: KnowledgeBaseOptions): KnowledgeBase {
    const db = openDatabase(options.databasePath);
    try {
      return new KnowledgeBase(db, options.syncCurated ?? true);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The answer to a question: a confident match, suggestions, or nothing. */
  ask(question: string, guildId: string | null): MatchResult {
    this.refresh();
    return matchQuestion(this.index, question, guildId);
  }

  /** Up to 25 claims for text still being typed. */
  autocomplete(partial: string, guildId: string | null, limit = 25): ScoredClaim[] {
    this.refresh();
    return this.index.autocomplete(partial, guildId, limit);
  }

  /** A claim visible in this guild, active or retired. */
  get(id: string, guildId: string | null): Claim | undefined {
    return this.claims.get(id, guildId);
  }

  /** Active claims visible in this guild: the curated base and the guild's own. */
  visible(guildId: string | null): Claim[] {
    this.refresh();
    return this.index.visible(guildId);
  }

  add(input: unknown, by: Actor): Claim {
    return this.after(this.claims.add(input, by));
  }

  edit(id: string, input: unknown, by: Actor, note?: string): Claim {
    return this.after(this.claims.edit(id, input, by, note));
  }

  /** Retires a claim; the public note saying why is required (a retirement is a correction). */
  retire(id: string, by: Actor, note: string): Claim {
    return this.after(this.claims.retire(id, by, note));
  }

  /** Marks a claim as re-checked now; the audit trail records who did. */
  review(id: string, by: Actor): Claim {
    return this.after(this.claims.review(id, by));
  }

  /** The newest public correction of a claim, shown on its answers as "Updated {date}: {note}". */
  latestCorrection(id: string): { at: string; note: string; action: 'edit' | 'retire' } | undefined {
    return this.claims.latestCorrection(id);
  }

  /** This guild's own active claims (or the curated base's, for `null`) not reviewed for `intervalDays`, oldest first. */
  stale(guildId: string | null, intervalDays: number, now = new Date()): Claim[] {
    return this.claims
      .list(guildId)
      .filter((c) => isStale(c, intervalDays, now))
      .sort((a, b) => a.reviewedAt.localeCompare(b.reviewedAt));
  }

  import(records: unknown[], by: Actor): ImportReport {
    const report = this.claims.import(records, by);
    this.refresh(true);
    return report;
  }

  history(id: string, guildId: string | null): AuditEntry[] {
    return this.claims.history(id, guildId);
  }

  listUnanswered(guildId: string | null, limit?: number): UnansweredGroup[] {
    return this.questions.unanswered(guildId, limit);
  }

  dismissUnanswered(guildId: string | null, id: number): number {
    return this.questions.dismiss(guildId, id);
  }

  private after(claim: Claim): Claim {
    this.refresh(true);
    return claim;
  }

  /**
   * Applies every claim change made since the last look. SQLite's data_version moves when another connection
   * commits and total_changes() when this connection writes (also through `claims` directly), so a question costs
   * one small query when nothing changed.
   */
  private refresh(force = false): void {
    const { version, changes } = this.changeMarks.get() as { version: number; changes: number };
    if (!force && version === this.dataVersion && changes === this.ownChanges) return;
    this.dataVersion = version;
    this.ownChanges = changes;
    const { claims, rev } = this.claims.changesSince(this.rev);
    for (const claim of claims) this.index.upsert(claim);
    this.rev = rev;
  }
}
