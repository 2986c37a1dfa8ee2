// The knowledge base: one database (claims, their audit trail, the question log), with the search kept in step,
// handed out one scope at a time. Opening it upgrades the database and syncs the curated base from its file.
import { CURATED_CLAIMS_FILE, readCuratedFile } from './curated/index.js';
import { Scope } from './scope.js';
import { StoreSearch } from './search.js';
import { ClaimStore, type SyncReport } from './store/claimStore.js';
import { openDatabase, type Db } from './store/database.js';
import { QuestionLog } from './store/questionLog.js';
import { SubscriptionStore } from './store/subscriptions.js';
import type { Stores } from './useCases/stores.js';

export interface KnowledgeBaseOptions {
  databasePath: string;
  /** Sync the curated base from its file at start-up (default true). */
  syncCurated?: boolean;
  /** The curated base's file (default: the one shipped with the bot, src/knowledge/curated/claims.json). */
  curatedFile?: URL | string;
}

export class KnowledgeBase {
  /** What syncing the curated base changed at start-up (null when it was not synced). */
  readonly syncReport: SyncReport | null;
  private readonly stores: Stores;

  private constructor(
    private readonly db: Db,
    options: KnowledgeBaseOptions,
  ) {
    const claims = new ClaimStore(db);
    const records = (options.syncCurated ?? true) ? readCuratedFile(options.curatedFile ?? CURATED_CLAIMS_FILE) : null;
    this.syncReport = Array.isArray(records) ? claims.syncCurated(records) : null;
    this.stores = { claims, questions: new QuestionLog(db), search: new StoreSearch(claims, db), subscriptions: new SubscriptionStore(db) };
  }

  /** Opens (creating and upgrading) the database at `databasePath`. */
  static async open(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
    const db = openDatabase(options.databasePath);
    try {
      return new KnowledgeBase(db, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** The use cases of one server (`null`: the curated base, and the console or a command line outside any server). */
  scope(guildId: string | null): Scope {
    return new Scope(this.stores, guildId);
  }

  /**
   * For the bot at start-up: notices a stopped process took but may not have sent are held (shown at the member's
   * next /factcheck, never sent twice); returns the servers with notices still due.
   */
  async resumeNotices(): Promise<string[]> {
    return this.stores.subscriptions.resume();
  }

  async close(): Promise<void> {
    this.stores.search.stop();
    this.stores.questions.close();
    if (this.db.open) this.db.close();
  }
}
