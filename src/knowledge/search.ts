// The one module that talks to the matcher (src/knowledge/matcher/): claims go in, and a question or text still
// being typed gets ranked claims back. Swapping the matcher means changing this file, and nothing else.
import type { Claim } from './schema.js';
import { Analyzer } from './matcher/analyzer.js';
import { ClaimIndex } from './matcher/claimIndex.js';
import { matchQuestion } from './matcher/decide.js';
import type { ClaimStore } from './store/claimStore.js';
import type { Db } from './store/database.js';

/** The longest question the matcher reads; the rest of a longer one is ignored. */
export { MAX_QUESTION_CHARS } from './matcher/normalize.js';

/** A claim and how well it fits a question (0..1). */
export interface ScoredClaim {
  claim: Claim;
  score: number;
}

/** The matcher's verdict on a question: the claim that answers it, or none, and the closest other claims. */
export interface Ranking {
  match: ScoredClaim | null;
  suggestions: ScoredClaim[];
}

let analyzer: Analyzer | undefined;

/**
 * Claims in memory, searchable: what the knowledge base answers from. Benchmarks measure it on its own, without a
 * database; the bot reaches it through the knowledge base only.
 */
export class ClaimSearch {
  private readonly index = new ClaimIndex();

  /** Adds or replaces a claim; a retired claim leaves the search. */
  upsert(claim: Claim): void {
    this.index.upsert(claim);
  }

  remove(id: string): void {
    this.index.remove(id);
  }

  /** Active claims visible in a server (`null`: outside any server): the curated base and the server's own. */
  visible(guildId: string | null): Claim[] {
    return this.index.visible(guildId);
  }

  /** The answer to a question, if a claim covers it, and the closest claims. */
  match(question: string, guildId: string | null): Ranking {
    return matchQuestion(this.index, question, guildId);
  }

  /** Claims for text still being typed, best first. */
  autocomplete(partial: string, guildId: string | null, limit: number): ScoredClaim[] {
    return this.index.autocomplete(partial, guildId, limit);
  }

  /** The words of a text as the matcher reads them (normalized, not yet folded), and whether a word is a stop word. */
  static words(text: string): string[] {
    analyzer ??= new Analyzer();
    return analyzer.words(text);
  }

  static isStopWord(word: string): boolean {
    analyzer ??= new Analyzer();
    return analyzer.isStopWord(word);
  }
}

/**
 * The search kept in step with the claim store. Writes go to SQLite first; before each read, the changes committed
 * since the last look (by this process, or another: an import from the command line while the bot runs) are
 * applied. SQLite's data_version moves when another connection commits and total_changes() when this one writes,
 * so a question costs one small query when nothing changed.
 */
export class StoreSearch {
  private readonly search = new ClaimSearch();
  private rev = 0;
  private dataVersion = -1;
  private ownChanges = -1;
  private readonly changeMarks;

  constructor(
    private readonly claims: ClaimStore,
    db: Db,
  ) {
    this.changeMarks = db.prepare('SELECT data_version AS version, total_changes() AS changes FROM pragma_data_version');
    this.refresh(true);
  }

  /** The search, with every committed change applied. */
  fresh(): ClaimSearch {
    this.refresh();
    return this.search;
  }

  /** Applies the changes since the last look; `force` looks even when SQLite reports none (right after a write). */
  refresh(force = false): void {
    const { version, changes } = this.changeMarks.get() as { version: number; changes: number };
    if (!force && version === this.dataVersion && changes === this.ownChanges) return;
    this.dataVersion = version;
    this.ownChanges = changes;
    const { claims, rev } = this.claims.changesSince(this.rev);
    for (const claim of claims) this.search.upsert(claim);
    this.rev = rev;
  }
}
