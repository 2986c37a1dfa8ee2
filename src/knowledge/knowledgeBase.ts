// The knowledge base: one database (claims, their audit trail, the edits waiting for a note, the question log, the
// members waiting for answers), with the search kept in step, handed out one scope at a time. Opening it upgrades
// the database and syncs the curated base from its file.
import { CURATED_CLAIMS_FILE, curatedAliases, loadCuratedTranslations, readCuratedFile, withCuratedTranslations } from './curated/index.js';
import { Scope } from './scope.js';
import { loadLanguageDetector } from './matcher/language/detect.js';
import { StoreSearch } from './search.js';
import { snapshotPathOf } from './searchSnapshot.js';
import { ClaimStore, type SyncReport } from './store/claimStore.js';
import { openStore, type OpenStore } from './store/database.js';
import { PendingEditStore } from './store/pendingEditStore.js';
import { QuestionLog } from './store/questionLog.js';
import { SubscriptionStore } from './store/subscriptions.js';
import { SharedState } from './store/sharedState.js';
import type { Stores } from './useCases/stores.js';

export interface KnowledgeBaseOptions {
  /** The SQLite file (the default store: no server to run). */
  databasePath: string;
  /**
   * A PostgreSQL server's url (`postgres://user:password@host:5432/database`): the store every worker shares.
   * When set, it is the store, and `databasePath` is not used.
   */
  databaseUrl?: string | undefined;
  /** Sync the curated base from its file at start-up (default true). */
  syncCurated?: boolean;
  /** The curated base's file (default: the one shipped with the bot, src/knowledge/curated/claims.json). */
  curatedFile?: URL | string;
  /**
   * Wait, before opening, for the detector that tells Spanish, German and French from English (a third of a
   * second). The command line waits, so every question it reads is read in its language; the bot does not, so it
   * starts at once, and reads Latin-script questions as English until the detector has loaded in the background.
   */
  awaitLanguageDetector?: boolean;
  /**
   * Told when the question log cannot be written (a full disk, a database file replaced under the process): the
   * questions are answered all the same, and written once the database lets them.
   */
  onLogWriteError?: (error: unknown) => void;
}

const DETECTOR_DELAY_MS = 1_000;

export class KnowledgeBase {
  private constructor(
    private readonly store: OpenStore,
    private readonly stores: Stores,
    /** State a face keeps across workers (cooldowns, forms' pending choices): in the store. */
    readonly shared: SharedState,
    /** What syncing the curated base changed at start-up (null when it was not synced). */
    readonly syncReport: SyncReport | null,
  ) {}

  /** Opens (creating and upgrading) the database: the PostgreSQL server at `databaseUrl`, or else the file at `databasePath`. */
  static async open(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
    if (options.awaitLanguageDetector) await loadLanguageDetector();
    // The bot starts first and loads the detector a moment later, so that loading it never delays being ready.
    else setTimeout(() => void loadLanguageDetector(), DETECTOR_DELAY_MS).unref();
    const store = await openStore({ path: options.databasePath, url: options.databaseUrl });
    const { db, reader, gate } = store;
    try {
      const claims = new ClaimStore(db, reader, gate);
      // The shipped base comes with its translations and aliases in other languages; another curated file has none.
      const shipped = (options.curatedFile ?? CURATED_CLAIMS_FILE) === CURATED_CLAIMS_FILE ? loadCuratedTranslations() : null;
      const records = (options.syncCurated ?? true) ? readCuratedFile(options.curatedFile ?? CURATED_CLAIMS_FILE) : null;
      const syncReport = Array.isArray(records)
        ? await claims.syncCurated(shipped ? records.map((r) => withCuratedTranslations(r, shipped)) : records)
        : null;
      const aliases = curatedAliases(shipped);
      const questions = new QuestionLog(db, reader, gate);
      if (options.onLogWriteError) questions.onWriteError = options.onLogWriteError;
      const stores: Stores = {
        claims,
        pendingEdits: new PendingEditStore(db, reader, gate, claims),
        questions,
        // A SQLite store's search index is saved beside its file (a PostgreSQL store's is built at each start).
        search: await StoreSearch.open(
          claims,
          aliases,
          options.databaseUrl || options.databasePath === ':memory:' ? undefined : snapshotPathOf(options.databasePath),
        ),
        subscriptions: new SubscriptionStore(db, reader, gate),
      };
      return new KnowledgeBase(store, stores, new SharedState(store), syncReport);
    } catch (error) {
      await store.close();
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

  /** Which engine holds the store: `postgres` when every worker shares one server. */
  get engine(): 'sqlite' | 'postgres' {
    return this.store.engine;
  }

  private closing: Promise<void> | null = null;

  async close(): Promise<void> {
    this.closing ??= (async () => {
      await this.stores.search.stop();
      await this.stores.questions.close();
      await this.store.close();
    })();
    return this.closing;
  }
}
