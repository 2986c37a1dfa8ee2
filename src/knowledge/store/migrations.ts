// Schema migrations, versioned in code. PRAGMA user_version records how far a database file has been upgraded,
// so a file written by an older version of the bot opens and is brought up to date in one transaction. Each
// migration sets its own version in its SQL (`PRAGMA user_version = N;` last), so no SQL is ever built from values.
import type Database from 'better-sqlite3';

const MIGRATIONS: string[] = [
  // 1: claims, their audit trail, and questions the bot could not answer (folded into asked by migration 5).
  `
  CREATE TABLE claims (
    id          TEXT PRIMARY KEY,
    guild_id    TEXT,
    status      TEXT NOT NULL CHECK (status IN ('active', 'retired')),
    statement   TEXT NOT NULL,
    answer      TEXT NOT NULL,
    confidence  TEXT NOT NULL CHECK (confidence IN ('confirmed', 'alleged')),
    claimant    TEXT,
    sources     TEXT NOT NULL,
    questions   TEXT NOT NULL,
    keywords    TEXT NOT NULL,
    tags        TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    rev         INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX claims_guild ON claims (guild_id, status);
  CREATE INDEX claims_rev ON claims (rev);
  CREATE TABLE audit (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id  TEXT NOT NULL,
    guild_id  TEXT,
    action    TEXT NOT NULL,
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    note      TEXT
  );
  CREATE INDEX audit_claim ON audit (claim_id, id);
  CREATE TABLE unanswered (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id      TEXT,
    question      TEXT NOT NULL,
    asked_at      TEXT NOT NULL,
    best_claim_id TEXT,
    best_score    REAL,
    dismissed_at  TEXT
  );
  CREATE INDEX unanswered_guild ON unanswered (guild_id, dismissed_at, asked_at);
  PRAGMA user_version = 1;
  `,
  // 2: every question asked and its outcome (for stats), and members' feedback on answers.
  `
  CREATE TABLE asked (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id  TEXT,
    question  TEXT NOT NULL,
    asked_at  TEXT NOT NULL,
    outcome   TEXT NOT NULL CHECK (outcome IN ('answered', 'suggested', 'unanswered')),
    claim_id  TEXT,
    score     REAL
  );
  CREATE INDEX asked_guild_time ON asked (guild_id, asked_at);
  CREATE TABLE feedback (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    asked_id  INTEGER NOT NULL REFERENCES asked (id),
    guild_id  TEXT,
    user_id   TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('helpful', 'not_what_i_asked')),
    at        TEXT NOT NULL,
    UNIQUE (asked_id, user_id)
  );
  CREATE INDEX feedback_guild_time ON feedback (guild_id, at);
  PRAGMA user_version = 2;
  `,
  // 3: the claims a question was offered as "closest claims" (JSON array of ids), so a suggestion button can name
  // the question and its position instead of a claim, and the answer it shows can carry feedback buttons.
  `
  ALTER TABLE asked ADD COLUMN suggested TEXT;
  PRAGMA user_version = 3;
  `,
  // 4: an answer a member got by choosing one of the closest claims points at the question that offered them, so
  // stats count that question once (as suggested), not again as answered.
  `
  ALTER TABLE asked ADD COLUMN picked_from INTEGER REFERENCES asked (id);
  PRAGMA user_version = 4;
  `,
  // 5: one log of questions. The unanswered table held the same questions as asked (written beside it by every
  // question without an answer, and by every "Not what I asked" vote); it folds into asked, nothing lost:
  // - a dismissal is kept on the asked row (dismissed_at): a question without an answer was dismissed when a
  //   dismissal of the same question in the same server came after it; an answer marked "Not what I asked" counts
  //   the votes after its question's last dismissal;
  // - a row of unanswered that no asked row stands for (written before migration 2, or by a process stopped
  //   between its two writes) becomes an asked row of its own;
  // - the moderators' queue of questions to answer becomes a view over the log (open_questions).
  `
  ALTER TABLE asked ADD COLUMN dismissed_at TEXT;
  UPDATE asked SET dismissed_at = (
      SELECT MIN(u.dismissed_at) FROM unanswered u
      WHERE u.guild_id IS asked.guild_id AND lower(u.question) = lower(asked.question) AND u.dismissed_at >= asked.asked_at)
    WHERE outcome != 'answered';
  UPDATE asked SET dismissed_at = (
      SELECT MAX(u.dismissed_at) FROM unanswered u WHERE u.guild_id IS asked.guild_id AND lower(u.question) = lower(asked.question))
    WHERE outcome = 'answered' AND EXISTS (SELECT 1 FROM feedback f WHERE f.asked_id = asked.id AND f.kind = 'not_what_i_asked');
  INSERT INTO asked (guild_id, question, asked_at, outcome, claim_id, score, dismissed_at)
    SELECT u.guild_id, u.question, u.asked_at, CASE WHEN u.best_claim_id IS NULL THEN 'unanswered' ELSE 'suggested' END,
      u.best_claim_id, u.best_score, u.dismissed_at
    FROM unanswered u
    WHERE NOT EXISTS (
        SELECT 1 FROM asked a WHERE a.guild_id IS u.guild_id AND a.question = u.question AND a.outcome != 'answered'
          AND abs(julianday(a.asked_at) - julianday(u.asked_at)) * 86400 < 10)
      AND NOT EXISTS (
        SELECT 1 FROM asked a JOIN feedback f ON f.asked_id = a.id
        WHERE a.guild_id IS u.guild_id AND a.question = u.question AND f.kind = 'not_what_i_asked'
          AND abs(julianday(f.at) - julianday(u.asked_at)) * 86400 < 10)
    ORDER BY u.id;
  DROP TABLE unanswered;
  CREATE INDEX asked_open ON asked (guild_id, outcome, dismissed_at);
  -- Questions waiting for a claim: each question without an answer, and each "Not what I asked" vote since its
  -- answer's last dismissal, with the claim it came closest to (or got).
  CREATE VIEW open_questions AS
    SELECT id, guild_id, question, asked_at AS at, claim_id, score, 1 AS n FROM asked
      WHERE outcome != 'answered' AND dismissed_at IS NULL
    UNION ALL
    SELECT a.id, a.guild_id, a.question, MAX(f.at), a.claim_id, a.score, COUNT(*) FROM asked a JOIN feedback f ON f.asked_id = a.id
      WHERE a.outcome = 'answered' AND f.kind = 'not_what_i_asked' AND f.at > COALESCE(a.dismissed_at, '')
      GROUP BY a.id;
  PRAGMA user_version = 5;
  `,
  // 6: a claim's language, and its text in other languages (localized variants of the same claim).
  `
  ALTER TABLE claims ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
  ALTER TABLE claims ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
  PRAGMA user_version = 6;
  `,
  // 7: members waiting for an answer to a question ("Notify me"), per server, until a moderator's claim answers it.
  // A subscription goes waiting → due (a claim answers it) → sending → sent (in the channel or by DM), or held (to
  // show at the member's next /factcheck) → shown; or ended (unsubscribed, or its question dismissed). `sending`
  // is taken by one process before it sends, so a notice is sent at most once, restarts and shards included.
  `
  CREATE TABLE subscriptions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    asked_id    INTEGER NOT NULL,
    question    TEXT NOT NULL,
    channel_id  TEXT,
    message_id  TEXT,
    created_at  TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('waiting', 'due', 'sending', 'sent', 'held', 'shown', 'ended')),
    claim_id    TEXT,
    via         TEXT CHECK (via IN ('channel', 'dm')),
    changed_at  TEXT NOT NULL
  );
  CREATE UNIQUE INDEX subscriptions_one_per_question ON subscriptions (guild_id, user_id, lower(question)) WHERE state = 'waiting';
  CREATE INDEX subscriptions_state ON subscriptions (guild_id, state);
  PRAGMA user_version = 7;
  `,
  // 8: a fact-checker's verdict on a claim (the rating as worded, its numeric scale, who rated it, when, and the
  // review's url), and the schema.org ClaimReview record a claim was imported from (JSON), kept so that export gives
  // back what came in.
  `
  ALTER TABLE claims ADD COLUMN verdict_label TEXT;
  ALTER TABLE claims ADD COLUMN verdict_value REAL;
  ALTER TABLE claims ADD COLUMN verdict_best REAL;
  ALTER TABLE claims ADD COLUMN verdict_worst REAL;
  ALTER TABLE claims ADD COLUMN verdict_by TEXT;
  ALTER TABLE claims ADD COLUMN verdict_on TEXT;
  ALTER TABLE claims ADD COLUMN verdict_url TEXT;
  ALTER TABLE claims ADD COLUMN claim_review TEXT;
  PRAGMA user_version = 8;
  `,
  // 9: a claim id is unique within its scope (the curated base, or one server), not across all of them: a server's
  // claim no longer blocks another server's claim of the same id, nor a release of the curated base that adds it
  // (in that server, its own claim is the one the id names). SQLite cannot change a primary key in place, so the
  // table is copied, with every column migrations 6 and 8 added (language, translations, verdict, ClaimReview
  // record) and their data. And edits waiting for their public correction note are kept here, so a restart loses
  // none: each is its moderator's, in its server (null: the console's curated base), made against one version of the claim (`base_rev`); once its note
  // saved it, `saved_at` and `saved_rev` say so to a repeated submit.
  `
  CREATE TABLE claims_scoped (
    id            TEXT NOT NULL,
    guild_id      TEXT,
    status        TEXT NOT NULL CHECK (status IN ('active', 'retired')),
    statement     TEXT NOT NULL,
    answer        TEXT NOT NULL,
    confidence    TEXT NOT NULL CHECK (confidence IN ('confirmed', 'alleged')),
    claimant      TEXT,
    sources       TEXT NOT NULL,
    questions     TEXT NOT NULL,
    keywords      TEXT NOT NULL,
    tags          TEXT NOT NULL,
    reviewed_at   TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    rev           INTEGER NOT NULL DEFAULT 0,
    language      TEXT NOT NULL DEFAULT 'en',
    translations  TEXT NOT NULL DEFAULT '{}',
    verdict_label TEXT,
    verdict_value REAL,
    verdict_best  REAL,
    verdict_worst REAL,
    verdict_by    TEXT,
    verdict_on    TEXT,
    verdict_url   TEXT,
    claim_review  TEXT
  );
  INSERT INTO claims_scoped (id, guild_id, status, statement, answer, confidence, claimant, sources, questions, keywords, tags,
      reviewed_at, created_at, updated_at, created_by, updated_by, rev, language, translations, verdict_label, verdict_value,
      verdict_best, verdict_worst, verdict_by, verdict_on, verdict_url, claim_review)
    SELECT id, guild_id, status, statement, answer, confidence, claimant, sources, questions, keywords, tags,
      reviewed_at, created_at, updated_at, created_by, updated_by, rev, language, translations, verdict_label, verdict_value,
      verdict_best, verdict_worst, verdict_by, verdict_on, verdict_url, claim_review FROM claims;
  DROP TABLE claims;
  ALTER TABLE claims_scoped RENAME TO claims;
  CREATE UNIQUE INDEX claims_scope_id ON claims (ifnull(guild_id, ''), id);
  CREATE INDEX claims_id ON claims (id);
  CREATE INDEX claims_guild ON claims (guild_id, status, created_at);
  CREATE INDEX claims_rev ON claims (rev);
  CREATE INDEX audit_scope_claim ON audit (claim_id, guild_id, id);
  CREATE TABLE pending_edits (
    id          TEXT PRIMARY KEY,
    guild_id    TEXT,
    user_id     TEXT NOT NULL,
    claim_id    TEXT NOT NULL,
    base_rev    INTEGER NOT NULL,
    changes     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    saved_at    TEXT,
    saved_rev   INTEGER
  );
  CREATE INDEX pending_edits_owner ON pending_edits (guild_id, user_id, created_at);
  PRAGMA user_version = 9;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Upgrades the database to `target` (default: this bot's schema; a lower one builds an older bot's database, for tests). */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`database schema version ${current} is newer than this bot understands (${SCHEMA_VERSION})`);
  }
  for (let version = current; version < target; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      const reached = db.pragma('user_version', { simple: true }) as number;
      if (reached !== version + 1) throw new Error(`migration ${version + 1} must end with PRAGMA user_version = ${version + 1}`);
    }).immediate();
  }
}
