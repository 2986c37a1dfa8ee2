// The knowledge base: one database (claims, their audit trail, the edits waiting for a note, the question log),
// with the search kept in step, handed out one scope at a time. Opening it upgrades the database and syncs the
// curated base from its file.
import { CURATED_CLAIMS_FILE, readCuratedFile } from './curated/index.js';
import { Scope } from './scope.js';
import { StoreSearch } from './search.js';
import { ClaimStore, type SyncReport } from './store/claimStore.js';
import { openDatabase, type Db } from './store/database.js';
import { PendingEditStore } from './store/pendingEditStore.js';
import { QuestionLog } from './store/questionLog.js';
import { WriteGate } from './store/writeGate.js';
import type { Stores } from './useCases/stores.js';

export interface KnowledgeBaseOptions {
  databasePath: string;
  /** Sync the curated base from its file at start-up (default true). */
  syncCurated?: boolean;
  /** The curated base's file (default: the one shipped with the bot, src/knowledge/curated/claims.json). */
  curatedFile?: URL | string;
  /**
   * Told when the question log cannot be written (a full disk, a database file replaced under the process): the
   * questions are answered all the same, and written once the database lets them.
   */
  onLogWriteError?: (error: unknown) => void;
}

export class KnowledgeBase {
  private constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    /** What syncing the curated base changed at start-up (null when it was not synced). */
    readonly syncReport: SyncReport | null,
  ) {}

  /** Opens (creating and upgrading) the database at `databasePath`. */
  static async open(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
    const db = openDatabase(options.databasePath);
    try {
      const gate = new WriteGate(db, options.databasePath);
      const claims = new ClaimStore(db, gate);
      const records = (options.syncCurated ?? true) ? readCuratedFile(options.curatedFile ?? CURATED_CLAIMS_FILE) : null;
      const syncReport = Array.isArray(records) ? await claims.syncCurated(records) : null;
      const questions = new QuestionLog(db, gate);
      if (options.onLogWriteError) questions.onWriteError = options.onLogWriteError;
      const stores: Stores = { claims, pendingEdits: new PendingEditStore(db, gate, claims), questions, search: new StoreSearch(claims, db) };
      return new KnowledgeBase(db, stores, syncReport);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** The use cases of one server (`null`: the curated base, and the console or a command line outside any server). */
  scope(guildId: string | null): Scope {
    return new Scope(this.stores, guildId);
  }

  async close(): Promise<void> {
    this.stores.search.stop();
    await this.stores.questions.close();
    if (this.db.open) this.db.close();
  }
}
